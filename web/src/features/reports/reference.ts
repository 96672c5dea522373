/**
 * The vocabularies of reports (kinds, transport modes, crossings, risks…), each term in both
 * languages: loaded as every kind's reference is (items/reference.ts), once per page load.
 */
import { referenceHook } from '../../items/reference.ts';
import type { Item, Reply } from '../../lib/api-schema.ts';
import type { Language } from '../../lib/i18n/index.tsx';

export type ReportReference = Reply<'/api/reference/reports', 'get'>;
export type ReportTerm = Item<ReportReference['kinds']>;
/** The vocabularies that are lists of terms (not the states). */
export type Vocabulary = Exclude<keyof ReportReference, 'states'>;

export const useReportReference = referenceHook<ReportReference>('/api/reference/reports');

/** A term of one vocabulary in the reader's language (the code itself while the vocabularies are on their way). */
export const term = (ref: ReportReference | null, vocabulary: Vocabulary, code: string, lang: Language): string =>
  ref?.[vocabulary].find((t) => t.code === code)?.[lang] ?? code;

/** The vocabularies a report's category comes from: the modus operandi, the acquisition method, the operation's kind. */
const CATEGORY_VOCABULARIES: readonly Vocabulary[] = ['modusOperandi', 'acquisitionMethods', 'operationKinds'];

export function categoryLabel(ref: ReportReference | null, code: string, lang: Language): string {
  for (const vocabulary of CATEGORY_VOCABULARIES) {
    const found = ref?.[vocabulary].find((t) => t.code === code);
    if (found) return found[lang];
  }
  return code;
}
