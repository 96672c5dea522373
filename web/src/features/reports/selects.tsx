/** The selects of the report forms: a vocabulary's terms (the states' are shared, in items/states.tsx). */
import { useI18n } from '../../lib/i18n/index.tsx';
import { Options } from '../../ui/fields.tsx';
import type { ReportTerm } from './reference.ts';

/** The options of a select over one vocabulary, labelled in the reader's language, after an optional empty choice. */
export function TermOptions({ terms, empty }: { terms: readonly ReportTerm[] | undefined; empty?: string }) {
  const { lang } = useI18n();
  return <Options items={terms ?? []} value={(term) => term.code} label={(term) => term[lang]} empty={empty} />;
}
