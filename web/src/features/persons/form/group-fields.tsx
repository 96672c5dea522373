/**
 * The common format for adults travelling with minors without family ties (seed 002 §1.3.2): each
 * minor (a date of birth or an age), each accompanying adult with the relationship claimed and what
 * supports it, added and removed; then the travel's destination, the indicators of trafficking
 * observed and the referral.
 */
import { StateSelect } from '../../../items/states.tsx';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { Checks, SelectField, TextField } from '../../../ui/fields.tsx';
import type { FieldProps } from '../../../ui/form.tsx';
import { type PersonReference, TermOptions } from '../reference.tsx';
import { IndividualFields } from './individual-fields.tsx';
import { type AdultValues, emptyAdult, emptyMinor, type GroupValues, MAX_PEOPLE, type MinorValues } from './values.ts';

interface GroupProps {
  group: GroupValues;
  onGroup: (group: GroupValues) => void;
  fieldProps: (name: string) => FieldProps;
  reference: PersonReference | null;
}

export function MinorsFields({ group, onGroup, fieldProps, reference }: GroupProps) {
  const { t } = useI18n();
  const { minors } = group;
  const set = (i: number, minor: MinorValues) => onGroup({ ...group, minors: minors.map((m, j) => (j === i ? minor : m)) });
  return (
    <>
      <p class="hint">{t('personForm.minorsHint')}</p>
      <ol class="person-rows">
        {minors.map((minor, i) => {
          const path = `group.minors.${i}`;
          return (
            <li key={i}>
              <fieldset class="person-row" aria-describedby={fieldProps(path).describedBy}>
                <legend>{t('personForm.minorN', { n: i + 1 })}</legend>
                <IndividualFields path={path} value={minor} onValue={(m) => set(i, m)} fieldProps={fieldProps} reference={reference}>
                  <TextField
                    label={t('personForm.age')}
                    hint={t('personForm.ageHint')}
                    inputMode="numeric"
                    maxLength={2}
                    name={`${path}.age`}
                    value={minor.age}
                    onValue={(age) => set(i, { ...minor, age })}
                    {...fieldProps(`${path}.age`)}
                  />
                </IndividualFields>
                {minors.length > 1 ? (
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    onClick={() => onGroup({ ...group, minors: minors.filter((_, j) => j !== i) })}
                  >
                    {t('personForm.removeMinorN', { n: i + 1 })}
                  </button>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {minors.length < MAX_PEOPLE ? (
        <button type="button" class="button button-secondary" onClick={() => onGroup({ ...group, minors: [...minors, emptyMinor()] })}>
          {t('personForm.addMinor')}
        </button>
      ) : null}
    </>
  );
}

export function AdultsFields({ group, onGroup, fieldProps, reference }: GroupProps) {
  const { t } = useI18n();
  const { adults } = group;
  const set = (i: number, adult: AdultValues) => onGroup({ ...group, adults: adults.map((a, j) => (j === i ? adult : a)) });
  return (
    <>
      <p class="hint">{t('personForm.adultsHint')}</p>
      {adults.length === 0 ? <p class="muted">{t('personForm.noAdults')}</p> : null}
      <ol class="person-rows">
        {adults.map((adult, i) => {
          const path = `group.adults.${i}`;
          return (
            <li key={i}>
              <fieldset class="person-row" aria-describedby={fieldProps(path).describedBy}>
                <legend>{t('personForm.adultN', { n: i + 1 })}</legend>
                <IndividualFields path={path} value={adult} onValue={(a) => set(i, a)} fieldProps={fieldProps} reference={reference}>
                  <div class="field-pair">
                    <SelectField
                      label={t('person.relationship')}
                      required
                      name={`${path}.relationship`}
                      value={adult.relationship}
                      onValue={(relationship) => set(i, { ...adult, relationship })}
                      {...fieldProps(`${path}.relationship`)}
                    >
                      <TermOptions terms={reference?.relationships} empty={t('invite.choose')} />
                    </SelectField>
                    <SelectField
                      label={t('person.support')}
                      required
                      name={`${path}.support`}
                      value={adult.support}
                      onValue={(support) => set(i, { ...adult, support })}
                      {...fieldProps(`${path}.support`)}
                    >
                      <TermOptions terms={reference?.supports} empty={t('invite.choose')} />
                    </SelectField>
                  </div>
                </IndividualFields>
                <button
                  type="button"
                  class="button button-secondary button-small"
                  onClick={() => onGroup({ ...group, adults: adults.filter((_, j) => j !== i) })}
                >
                  {t('personForm.removeAdultN', { n: i + 1 })}
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {adults.length < MAX_PEOPLE ? (
        <button type="button" class="button button-secondary" onClick={() => onGroup({ ...group, adults: [...adults, emptyAdult()] })}>
          {t('personForm.addAdult')}
        </button>
      ) : null}
    </>
  );
}

/** The indicators of trafficking observed (checkboxes), the referral made and where the group was going. */
export function IndicatorsFields({ group, onGroup, fieldProps, reference }: GroupProps) {
  const { t, lang } = useI18n();
  const indicators = fieldProps('group.indicators');
  return (
    <>
      <fieldset class="field checks person-indicators" aria-describedby={indicators.describedBy}>
        <legend>{t('person.indicators')}</legend>
        <p class="hint">{t('personForm.indicatorsHint')}</p>
        <Checks
          name="group.indicators"
          items={reference?.indicators ?? []}
          value={(i) => i.code}
          label={(i) => i[lang]}
          chosen={group.indicators}
          onChosen={(chosen) => onGroup({ ...group, indicators: chosen })}
        />
      </fieldset>
      <StateSelect
        label={t('person.destination')}
        empty={t('personForm.notKnown')}
        name="group.destination"
        value={group.destination}
        onValue={(destination) => onGroup({ ...group, destination })}
        {...fieldProps('group.destination')}
      />
    </>
  );
}

export function ReferralFields({ group, onGroup, fieldProps, reference }: GroupProps) {
  const { t } = useI18n();
  return (
    <div class="field-pair">
      <SelectField
        label={t('person.referral')}
        required
        name="group.referral"
        value={group.referral}
        onValue={(referral) => onGroup({ ...group, referral })}
        {...fieldProps('group.referral')}
      >
        <TermOptions terms={reference?.referrals} empty={t('invite.choose')} />
      </SelectField>
      <TextField
        label={t('personForm.referralNote')}
        hint={t('personForm.referralNoteHint')}
        maxLength={300}
        name="group.referralNote"
        value={group.referralNote}
        onValue={(referralNote) => onGroup({ ...group, referralNote })}
        {...fieldProps('group.referralNote')}
      />
    </div>
  );
}
