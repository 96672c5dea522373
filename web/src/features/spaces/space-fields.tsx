/** The bilingual names and descriptions of a space and its dates: shared by the new-space and edit forms. */
import { addMonths, formatDay, isIsoDate } from '../../lib/dates.ts';
import type { FormError } from '../../lib/errors.ts';
import { type Language, type Translate, useI18n } from '../../lib/i18n/index.tsx';
import { TextAreaField, TextField } from '../../ui/fields.tsx';
import { type Binder, checkRequired } from '../../ui/form.tsx';
import type { SpaceView } from './api.ts';

export type SpaceFields = Pick<SpaceView, 'nameEs' | 'nameEn' | 'descriptionEs' | 'descriptionEn' | 'opensOn' | 'loadingDeadline'>;

export const NO_SPACE_FIELDS: SpaceFields = { nameEs: '', nameEn: '', descriptionEs: '', descriptionEn: '', opensOn: '', loadingDeadline: '' };

/** The fields as sent: the texts trimmed, the opening date as it is (the deadline is the caller's). */
export const trimmedSpaceFields = (fields: SpaceFields) => ({
  nameEs: fields.nameEs.trim(),
  nameEn: fields.nameEn.trim(),
  descriptionEs: fields.descriptionEs.trim(),
  descriptionEn: fields.descriptionEn.trim(),
  opensOn: fields.opensOn,
});

export function checkSpaceFields(fields: SpaceFields, t: Translate, deadlineRequired: boolean): FormError | null {
  const missing = checkRequired(
    [
      ['nameEs', fields.nameEs, t('space.nameEs')],
      ['nameEn', fields.nameEn, t('space.nameEn')],
      ['opensOn', fields.opensOn, t('space.opensOn')],
      ...(deadlineRequired ? ([['loadingDeadline', fields.loadingDeadline, t('space.deadline')]] as [string, string, string][]) : []),
    ],
    t,
  );
  if (missing) return missing;
  if (!isIsoDate(fields.opensOn)) return { message: t('space.dateFormat', { field: t('space.opensOn') }), field: 'opensOn' };
  if (fields.loadingDeadline && !isIsoDate(fields.loadingDeadline)) {
    return { message: t('space.dateFormat', { field: t('space.deadline') }), field: 'loadingDeadline' };
  }
  if (fields.loadingDeadline && fields.loadingDeadline < fields.opensOn)
    return { message: t('space.deadlineBeforeOpening'), field: 'loadingDeadline' };
  return null;
}

/** What the deadline field says: the default it would get, once the opening date is known. */
export function defaultDeadlineHint(opensOn: string, lang: Language, t: Translate): string {
  return isIsoDate(opensOn) ? t('space.deadlineHintDate', { date: formatDay(addMonths(opensOn, 4), lang) }) : t('space.deadlineHint');
}

/** The fields of a space, bound to the form's values of the same names. */
export function SpaceFieldset({ bind, deadlineHint }: { bind: Binder<SpaceFields>; deadlineHint: string }) {
  const { t } = useI18n();
  // Both languages side by side: the name, then the description.
  const bilingual = (name: 'name' | 'description') =>
    (['es', 'en'] as const).map((lang) => {
      const field = `${name}${lang === 'es' ? 'Es' : 'En'}` as const;
      const label = t(`space.${field}`);
      return name === 'name' ? (
        <TextField key={field} label={label} lang={lang} required maxLength={300} {...bind(field)} />
      ) : (
        <TextAreaField key={field} label={label} lang={lang} prose rows={4} maxLength={5000} {...bind(field)} />
      );
    });
  const opensOn = bind('opensOn');
  return (
    <>
      <div class="field-pair">{bilingual('name')}</div>
      <div class="field-pair">{bilingual('description')}</div>
      <div class="field-pair">
        <TextField label={t('space.opensOn')} type="date" hint={t('space.opensOnHint')} required {...opensOn} />
        <TextField label={t('space.deadline')} type="date" min={opensOn.value || undefined} hint={deadlineHint} {...bind('loadingDeadline')} />
      </div>
    </>
  );
}
