import { SpaceChoice } from '../../../items/space-choice.tsx';
import { useI18n } from '../../../lib/i18n/index.tsx';
import type { MySpace } from '../../../lib/session.tsx';
import { SelectField, TextField } from '../../../ui/fields.tsx';
import { IssuerSelect, TermOptions } from '../selects.tsx';
import type { StepProps } from './draft-fields.ts';

/** Step 1: the space, and the document: its type, issuer, series and version, years, category. */
export function DocumentStep({ fields, bind, reference, creatable, spaces }: StepProps & { creatable: MySpace[]; spaces: MySpace[] | null }) {
  const { t } = useI18n();
  const choose = t('invite.choose');
  return (
    <>
      <SpaceChoice creatable={creatable} hint={t('upload.spaceHint')} known={spaces} {...bind('spaceId')} />
      <SelectField label={t('specimen.documentType')} required {...bind('documentType')}>
        <TermOptions terms={reference?.documentTypes} empty={choose} />
      </SelectField>
      <IssuerSelect label={t('specimen.issuingCountry')} reference={reference} required hint={t('upload.issuerHint')} {...bind('issuingCountry')} />
      <div class="field-pair">
        <TextField label={t('upload.seriesOptional')} maxLength={100} hint={t('upload.seriesHint')} {...bind('series')} />
        <TextField label={t('upload.versionOptional')} maxLength={100} hint={t('upload.versionHint')} {...bind('version')} />
      </div>
      <div class="field-pair field-pair-narrow">
        {(['issuedFrom', 'issuedTo'] as const).map((name) => (
          <TextField key={name} label={t(`upload.${name}`)} inputMode="numeric" maxLength={4} hint={t('upload.yearHint')} {...bind(name)} />
        ))}
      </div>
      <SelectField label={t('specimen.category')} required hint={t('upload.categoryHint')} {...bind('category')}>
        <TermOptions terms={reference?.categories} empty={choose} />
      </SelectField>
      {fields.category === 'forgery' ? (
        <SelectField label={t('specimen.forgeryKind')} required hint={t('upload.forgeryHint')} {...bind('forgeryKind')}>
          <TermOptions terms={reference?.forgeryKinds} empty={choose} />
        </SelectField>
      ) : null}
    </>
  );
}
