/** The choices the Secretariat makes about an account: its country, its language, its global roles. */
import { useId } from 'preact/hooks';
import { countryName, sortedMembers } from '../../lib/countries.ts';
import { LANGUAGES, nameIn, useI18n } from '../../lib/i18n/index.tsx';
import type { Role } from '../../lib/session.tsx';
import { Checks, Options } from '../../ui/fields.tsx';
import type { Organisation } from './api.ts';

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

/** The Secretariat's own code, which stands in a country's place whether or not it is registered. */
const SECRETARIAT_CODE = 'SV';

/**
 * The organisations that stand in a person's country place (observers, partners, the Secretariat):
 * those registered with their own code as their country — the table's answer, not a list in code.
 */
function placeOrganisations(registered: readonly Organisation[]): { code: string; organisation: Organisation | null }[] {
  const own = registered
    .filter((o) => o.code === o.country && o.kind !== 'member_authority' && o.kind !== 'migration_authority')
    .map((organisation) => ({ code: organisation.code, organisation }));
  return own.some((p) => p.code === SECRETARIAT_CODE) ? own : [{ code: SECRETARIAT_CODE, organisation: null }, ...own];
}

/** The options of a country select: member countries by the reader's locale, then the registered organisations' codes. */
export function CountryOptions({ organisations }: { organisations: readonly Organisation[] }) {
  const { t, lang } = useI18n();
  return (
    <>
      <optgroup label={t('invite.members')}>
        <Options items={sortedMembers(lang, t)} value={(c) => c.code} label={(c) => c.name} />
      </optgroup>
      <optgroup label={t('invite.organisations')}>
        <Options
          items={placeOrganisations(organisations)}
          value={(p) => p.code}
          label={(p) => (p.organisation ? `${nameIn(lang, p.organisation)} (${p.code})` : countryName(p.code, lang, t))}
        />
      </optgroup>
    </>
  );
}
