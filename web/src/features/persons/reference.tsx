/**
 * The vocabularies of person records (forms, roles, outcomes, sexes, relationships, supports,
 * indicators, referrals, document types), each term in both languages: loaded as every kind's
 * reference is (items/reference.ts), once per page load.
 */
import { referenceHook } from '../../items/reference.ts';
import type { Item, Reply } from '../../lib/api-schema.ts';
import type { Language } from '../../lib/i18n/index.tsx';
import { useI18n } from '../../lib/i18n/index.tsx';
import { Options } from '../../ui/fields.tsx';

export type PersonReference = Reply<'/api/reference/persons', 'get'>;
export type PersonTerm = Item<PersonReference['forms']>;
/** The vocabularies that are lists of terms (not the states). */
export type Vocabulary = Exclude<keyof PersonReference, 'states'>;

export const usePersonReference = referenceHook<PersonReference>('/api/reference/persons');

/** A term of one vocabulary in the reader's language (the code itself while the vocabularies are on their way). */
export const term = (ref: PersonReference | null, vocabulary: Vocabulary, code: string | null | undefined, lang: Language): string =>
  code ? (ref?.[vocabulary].find((t) => t.code === code)?.[lang] ?? code) : '';

/** The options of a select over one vocabulary, in the reader's language, after an optional empty choice. */
export function TermOptions({ terms, empty }: { terms: readonly PersonTerm[] | undefined; empty?: string }) {
  const { lang } = useI18n();
  return <Options items={terms ?? []} value={(term) => term.code} label={(term) => term[lang]} empty={empty} />;
}
