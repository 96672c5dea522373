import { sortedMembers } from '../../lib/countries.ts';
import { type Translate, useI18n } from '../../lib/i18n/index.tsx';
import { Options, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { type Binder, checkRequired, type FormError } from '../../ui/form.tsx';
import { DOC_LANGUAGES, DOC_TYPES, type LibraryCreate, type LibraryView } from './api.ts';

/** What describes a document, as the form holds it (strings, as typed). */
export interface Described {
  titleEs: string;
  titleEn: string;
  summaryEs: string;
  summaryEn: string;
  docType: string;
  country: string;
  year: string;
  language: string;
  tags: string;
  url: string;
}

/** A stored document's description, for its edit form. */
export const describedOf = (d: LibraryView): Described => ({
  titleEs: d.title.es,
  titleEn: d.title.en,
  summaryEs: d.summary.es,
  summaryEn: d.summary.en,
  docType: d.docType,
  country: d.country ?? '',
  year: d.year ? String(d.year) : '',
  language: d.language,
  tags: d.tags.join(', '),
  url: d.url ?? '',
});

/** The description as the API takes it (tags split on commas, once each; a year of four digits; a link when given). */
export function describedBody(v: Described) {
  return {
    title: { es: v.titleEs, en: v.titleEn },
    summary: { es: v.summaryEs, en: v.summaryEn },
    docType: v.docType as LibraryCreate['docType'],
    language: v.language as LibraryCreate['language'],
    ...(v.country ? { country: v.country } : {}),
    ...(/^\d{4}$/.test(v.year) ? { year: Number(v.year) } : {}),
    tags: [
      ...new Set(
        v.tags
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ],
    ...(v.url.trim() ? { url: v.url.trim() } : {}),
  };
}

/** Both titles are asked for (the API refuses an empty one): the first missing, as the form's problem. */
export function requiredTitles(v: Described, t: Translate): FormError | null {
  return checkRequired(
    [
      ['titleEs', v.titleEs, t('library.titleEs')],
      ['titleEn', v.titleEn, t('library.titleEn')],
    ],
    t,
  );
}

/** The fields that describe a document: titles and summaries (es/en), type, country, year, language, tags. */
export function DescriptionFields<V extends Described>({ bind }: { bind: Binder<V> }) {
  const { t, lang } = useI18n();
  return (
    <>
      <TextField label={t('library.titleEs')} lang="es" maxLength={300} required {...bind('titleEs')} />
      <TextField label={t('library.titleEn')} lang="en" maxLength={300} required {...bind('titleEn')} />
      <TextAreaField label={t('library.summaryEs')} lang="es" prose {...bind('summaryEs')} />
      <TextAreaField label={t('library.summaryEn')} lang="en" prose {...bind('summaryEn')} />
      <SelectField label={t('library.type')} {...bind('docType')}>
        <Options items={DOC_TYPES} value={(x) => x} label={(x) => t(`library.type.${x}`)} />
      </SelectField>
      <SelectField label={t('library.country')} {...bind('country')}>
        <Options items={sortedMembers(lang, t)} empty={t('library.noCountry')} value={(c) => c.code} label={(c) => c.name} />
      </SelectField>
      <TextField label={t('library.year')} inputMode="numeric" maxLength={4} {...bind('year')} />
      <SelectField label={t('library.language')} {...bind('language')}>
        <Options items={DOC_LANGUAGES} value={(x) => x} label={(x) => t(`library.lang.${x}`)} />
      </SelectField>
      <TextField label={t('library.tagsField')} {...bind('tags')} />
    </>
  );
}
