import { useI18n } from '../../../lib/i18n/index.tsx';
import { TextAreaField } from '../../../ui/fields.tsx';
import { checkedFeatures, type StepProps } from './draft-fields.ts';

/** Step 2: the security features, by group, each ticked one with a note. */
export function FeaturesStep({ fields, set, fieldProps, reference }: StepProps) {
  const { t, lang } = useI18n();
  // A note's field is named by the feature's place among those ticked (as the server's error paths are).
  const ticked = checkedFeatures(fields, reference);
  const choose = (code: string, choice: { checked: boolean; note: string }) => set('features', { ...fields.features, [code]: choice });
  return (
    <>
      <p class="hint">{t('upload.featuresLead')}</p>
      <div class="feature-groups">
        {(reference?.featureGroups ?? []).map((group) => (
          <fieldset key={group.code} class="field checks feature-group">
            <legend>{group[lang]}</legend>
            {group.features.map((feature) => {
              const choice = fields.features[feature.code] ?? { checked: false, note: '' };
              const index = ticked.indexOf(feature.code);
              return (
                <div key={feature.code} class="feature-choice">
                  <label class="check">
                    <input
                      type="checkbox"
                      name="feature"
                      value={feature.code}
                      checked={choice.checked}
                      onChange={(e) => choose(feature.code, { ...choice, checked: e.currentTarget.checked })}
                    />
                    {feature[lang]}
                  </label>
                  {choice.checked ? (
                    <TextAreaField
                      label={t('upload.featureNote', { feature: feature[lang] })}
                      name={`features.${index}.note`}
                      prose
                      rows={2}
                      maxLength={2000}
                      value={choice.note}
                      onValue={(note) => choose(feature.code, { checked: true, note })}
                      {...fieldProps(`features.${index}`)}
                    />
                  ) : null}
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
    </>
  );
}
