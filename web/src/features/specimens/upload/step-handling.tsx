import { HandlingFields } from '../../../items/handling.tsx';
import type { SpaceMember } from '../../../items/recipients.tsx';
import { TLPS } from '../../../items/tlp.tsx';
import { countryName, sortedMembers } from '../../../lib/countries.ts';
import { nameIn, useI18n } from '../../../lib/i18n/index.tsx';
import { usePlaceOrganisations } from '../../../lib/organisations.ts';
import { useUser } from '../../../lib/session.tsx';
import { Checks } from '../../../ui/fields.tsx';
import type { StepProps } from './draft-fields.ts';

/** Step 4: the TLP label (a RED one names its readers), who it may be released to, the evaluation. */
export function HandlingStep({
  fields,
  set,
  bind,
  kept,
  members,
}: StepProps & { kept: { source: boolean; information: boolean }; members: SpaceMember[] | null }) {
  const { t, lang } = useI18n();
  const user = useUser();
  // The member countries and the registered organisations that stand in a country's place (but the Secretariat).
  const organisations = usePlaceOrganisations();
  const releasable = [
    ...sortedMembers(lang, t),
    ...organisations.filter((o) => o.code !== 'SV').map((o) => ({ code: o.code, name: nameIn(lang, o) })),
  ];
  return (
    <HandlingFields tlps={TLPS} tlpHint={t('upload.tlpLead')} members={members} kept={kept} bind={bind}>
      <fieldset class="field checks releasable">
        <legend>{t('upload.releasableTo')}</legend>
        <p class="hint">{t('upload.releasableHint', { country: countryName(user.country, lang, t) })}</p>
        <div class="check-grid">
          <Checks
            name="releasableTo"
            items={releasable}
            value={(c) => c.code}
            label={(c) => c.name}
            chosen={fields.releasableTo}
            onChosen={(codes) => set('releasableTo', codes)}
          />
        </div>
      </fieldset>
    </HandlingFields>
  );
}
