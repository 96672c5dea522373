import { useI18n } from '../../../lib/i18n/index.tsx';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields.tsx';
import { CountrySelect, TermOptions } from '../selects.tsx';
import { type Fields, isStatusReport, MAX_NAMES, type StepProps } from './draft-fields.ts';

/** Step 3: where and when it was detected, the identifiers it carried, and its description. */
export function DetectionStep({ fields, set, fieldProps, bind, reference }: StepProps) {
  const { t } = useI18n();
  const { detection } = fields;
  // A status report (lost, stolen…) is found by its number, dated by when it was lost, stolen or revoked.
  const statusReport = isStatusReport(fields.category);
  // A detection field: its value, its setter, its marks; named `detection.<name>` as the server names it.
  const at = (name: keyof Fields['detection']) => ({
    name: `detection.${name}`,
    value: detection[name],
    onValue: (value: string) => set('detection', { ...detection, [name]: value }),
    ...fieldProps(`detection.${name}`),
  });
  return (
    <>
      <fieldset class="field checks">
        <legend>{t('specimen.detection')}</legend>
        <p class="hint">{t('upload.detectionLead')}</p>
        <div class="field-pair">
          <TextField label={t('upload.detectedOn')} type="date" hint={statusReport ? t('upload.statusDateHint') : undefined} {...at('date')} />
          <CountrySelect label={t('upload.detectionCountry')} {...at('country')} />
        </div>
        <div class="field-pair">
          <TextField label={t('upload.port')} maxLength={200} hint={t('upload.portHint')} {...at('port')} />
          <SelectField label={t('upload.portKind')} {...at('portKind')}>
            <TermOptions terms={reference?.portKinds} empty={t('upload.notSaid')} />
          </SelectField>
        </div>
        <CountrySelect label={t('upload.holderNationality')} {...at('holderNationality')} />
        <TextAreaField label={t('upload.route')} prose rows={2} maxLength={1000} hint={t('upload.routeHint')} {...at('route')} />
      </fieldset>
      <fieldset class="field checks">
        <legend>{t('specimen.identifiers')}</legend>
        <p class="hint">{t('upload.identifiersLead')}</p>
        <TextField
          label={t('upload.documentNumber')}
          code
          maxLength={60}
          hint={statusReport ? t('upload.statusNumberHint') : undefined}
          {...bind('documentNumber')}
        />
        <TextAreaField
          label={t('upload.holderNames')}
          prose
          rows={2}
          hint={t('upload.holderNamesHint', { max: MAX_NAMES })}
          {...bind('holderNames')}
        />
      </fieldset>
      <TextAreaField
        label={t('specimen.description')}
        prose
        rows={6}
        maxLength={10_000}
        hint={t('upload.descriptionHint')}
        {...bind('description')}
      />
    </>
  );
}
