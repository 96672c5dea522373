import { SpaceChoice } from '../../../items/space-choice.tsx';
import { useI18n } from '../../../lib/i18n/index.tsx';
import type { MySpace } from '../../../lib/session.tsx';
import { SelectField, TextField } from '../../../ui/fields.tsx';
import { IssuerSelect, TermOptions } from '../selects.tsx';
import type { StepProps } from './draft-fields.ts';

/** Step 1: the space, and the document: its type, issuer, series and version, years, category. */
export function DocumentStep({
  fields,
  set,
  fieldProps,
  reference,
  creatable,
  spaces,
}: StepProps & { creatable: MySpace[]; spaces: MySpace[] | null }) {
  const { t } = useI18n();
  const choose = t('invite.choose');
  return (
    <>
      <SpaceChoice
        creatable={creatable}
        value={fields.spaceId}
        onValue={(v) => set('spaceId', v)}
        hint={t('upload.spaceHint')}
        known={spaces}
        fieldProps={fieldProps}
      />
      <SelectField
        label={t('specimen.documentType')}
        name="documentType"
        value={fields.documentType}
        onValue={(v) => set('documentType', v)}
        required
        {...fieldProps('documentType')}
      >
        <TermOptions terms={reference?.documentTypes} empty={choose} />
      </SelectField>
      <IssuerSelect
        label={t('specimen.issuingCountry')}
        name="issuingCountry"
        value={fields.issuingCountry}
        onValue={(v) => set('issuingCountry', v)}
        reference={reference}
        required
        hint={t('upload.issuerHint')}
        {...fieldProps('issuingCountry')}
      />
      <div class="field-pair">
        <TextField
          label={t('upload.seriesOptional')}
          name="series"
          value={fields.series}
          onValue={(v) => set('series', v)}
          maxLength={100}
          hint={t('upload.seriesHint')}
          {...fieldProps('series')}
        />
        <TextField
          label={t('upload.versionOptional')}
          name="version"
          value={fields.version}
          onValue={(v) => set('version', v)}
          maxLength={100}
          hint={t('upload.versionHint')}
          {...fieldProps('version')}
        />
      </div>
      <div class="field-pair field-pair-narrow">
        {(['issuedFrom', 'issuedTo'] as const).map((name) => (
          <TextField
            key={name}
            label={t(`upload.${name}`)}
            name={name}
            inputMode="numeric"
            maxLength={4}
            value={fields[name]}
            onValue={(v) => set(name, v)}
            hint={t('upload.yearHint')}
            {...fieldProps(name)}
          />
        ))}
      </div>
      <SelectField
        label={t('specimen.category')}
        name="category"
        value={fields.category}
        onValue={(v) => set('category', v)}
        required
        hint={t('upload.categoryHint')}
        {...fieldProps('category')}
      >
        <TermOptions terms={reference?.categories} empty={choose} />
      </SelectField>
      {fields.category === 'forgery' ? (
        <SelectField
          label={t('specimen.forgeryKind')}
          name="forgeryKind"
          value={fields.forgeryKind}
          onValue={(v) => set('forgeryKind', v)}
          required
          hint={t('upload.forgeryHint')}
          {...fieldProps('forgeryKind')}
        >
          <TermOptions terms={reference?.forgeryKinds} empty={choose} />
        </SelectField>
      ) : null}
    </>
  );
}
