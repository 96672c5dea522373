/** The selects of the specimen forms: a vocabulary's terms, and the places (issuers, countries). */

import type { Reference, Term } from '../../items/reference.ts';
import { sortedMembers, sortedOtherStates } from '../../lib/countries.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { Options, SelectField } from '../../ui/fields.tsx';
import type { FieldProps } from '../../ui/form.tsx';

/** The options of a select over one vocabulary, labelled in the reader's language, after an optional empty choice. */
export function TermOptions({ terms, empty }: { terms: readonly Term[] | undefined; empty?: string }) {
  const { lang } = useI18n();
  return <Options items={terms ?? []} value={(term) => term.code} label={(term) => term[lang]} empty={empty} />;
}

const place = (p: { code: string }) => p.code;

interface PlaceSelectProps extends Partial<FieldProps> {
  label: string;
  name: string;
  value: string;
  onValue: (v: string) => void;
  required?: boolean;
  hint?: string;
}

/** Issuers: member countries, every other state, then (given the reference) the ICAO codes of organisations. */
export function IssuerSelect({ reference, ...props }: PlaceSelectProps & { reference: Reference | null }) {
  const { t, lang } = useI18n();
  const members = sortedMembers(lang, t);
  const others = sortedOtherStates(lang);
  return (
    <SelectField {...props}>
      <option value="">{t('invite.choose')}</option>
      <optgroup label={t('invite.members')}>
        <Options items={members} value={place} label={(c) => c.name} />
      </optgroup>
      {others.length ? (
        <optgroup label={t('upload.otherStates')}>
          <Options items={others} value={place} label={(c) => c.name} />
        </optgroup>
      ) : null}
      {reference?.issuingOrganisations.length ? (
        <optgroup label={t('upload.issuingOrganisations')}>
          <Options items={reference.issuingOrganisations} value={place} label={(o) => `${o[lang]} (${o.code})`} />
        </optgroup>
      ) : null}
    </SelectField>
  );
}

/** A place: member countries, then every other state. */
export function CountrySelect(props: PlaceSelectProps) {
  return <IssuerSelect {...props} reference={null} />;
}
