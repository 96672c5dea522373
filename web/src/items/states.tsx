/**
 * The states an item names (where it was seen, where it goes): member countries first, then every
 * other state. Shared by the specimen and report screens.
 */
import { sortedMembers, sortedOtherStates } from '../lib/countries.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { Options, SelectField } from '../ui/fields.tsx';
import type { Bound } from '../ui/form.tsx';

/** Member countries, then every other state (known once a reference has taught lib/countries.ts their names). */
export function StateOptions() {
  const { t, lang } = useI18n();
  const others = sortedOtherStates(lang);
  return (
    <>
      <optgroup label={t('invite.members')}>
        <Options items={sortedMembers(lang, t)} value={(c) => c.code} label={(c) => c.name} />
      </optgroup>
      {others.length ? (
        <optgroup label={t('upload.otherStates')}>
          <Options items={others} value={(c) => c.code} label={(c) => c.name} />
        </optgroup>
      ) : null}
    </>
  );
}

/** A state, chosen among members and every other state. */
export function StateSelect({ label, empty, hint, required, ...field }: Bound & { label: string; empty: string; hint?: string; required?: boolean }) {
  return (
    <SelectField label={label} hint={hint} required={required} {...field}>
      <option value="">{empty}</option>
      <StateOptions />
    </SelectField>
  );
}
