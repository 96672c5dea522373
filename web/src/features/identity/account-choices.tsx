/** The choices the Secretariat makes about an account: its country, its language, its global roles. */
import { useId } from 'preact/hooks';
import { countryName, ORGANISATION_CODES, sortedMembers } from '../../lib/countries.ts';
import { LANGUAGES, useI18n } from '../../lib/i18n/index.tsx';
import type { Role } from '../../lib/session.tsx';
import { Checks, Options } from '../../ui/fields.tsx';

/** The options of a language select, each in its own language. */
export function LanguageOptions() {
  const { t } = useI18n();
  return (
    <>
      {LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {t(`lang.${code}`)}
        </option>
      ))}
    </>
  );
}

const GLOBAL_ROLES: readonly Role[] = ['secretariat', 'presidency', 'auditor'];

/** Checkboxes for an account's global roles (invitation, the Secretariat's role change), the hint tied to the group. */
export function RoleChecks({ legend, hint, roles, onRoles }: { legend: string; hint: string; roles: Role[]; onRoles: (roles: Role[]) => void }) {
  const { t } = useI18n();
  const hintId = useId();
  return (
    <fieldset class="field checks" aria-describedby={hintId}>
      <legend>{legend}</legend>
      <p class="hint" id={hintId}>
        {hint}
      </p>
      <Checks
        name="roles"
        items={GLOBAL_ROLES}
        value={(role) => role}
        label={(role) => t(`role.${role}`)}
        chosen={roles}
        onChosen={(chosen) => onRoles(chosen as Role[])}
      />
    </fieldset>
  );
}

/** The options of a country select: member countries by the reader's locale, then the organisation codes. */
export function CountryOptions() {
  const { t, lang } = useI18n();
  return (
    <>
      <optgroup label={t('invite.members')}>
        <Options items={sortedMembers(lang, t)} value={(c) => c.code} label={(c) => c.name} />
      </optgroup>
      <optgroup label={t('invite.organisations')}>
        <Options items={ORGANISATION_CODES} label={(code) => countryName(code, lang, t)} />
      </optgroup>
    </>
  );
}
