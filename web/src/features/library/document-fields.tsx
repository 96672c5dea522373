import { sortedMembers } from '../../lib/countries.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { Options, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
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

/** The fields that describe a document: titles and summaries (es/en), type, country, year, language, tags. */
export function DescriptionFields<V extends Described>({ v, set }: { v: V; set: (k: keyof V) => (value: string) => void }) {
  const { t, lang } = useI18n();
  return (
    <>
      <TextField label={t('library.titleEs')} name="titleEs" lang="es" value={v.titleEs} onValue={set('titleEs')} maxLength={300} />
      <TextField label={t('library.titleEn')} name="titleEn" lang="en" value={v.titleEn} onValue={set('titleEn')} maxLength={300} />
      <TextAreaField label={t('library.summaryEs')} name="summaryEs" value={v.summaryEs} onValue={set('summaryEs')} />
      <TextAreaField label={t('library.summaryEn')} name="summaryEn" value={v.summaryEn} onValue={set('summaryEn')} />
      <SelectField label={t('library.type')} name="docType" value={v.docType} onValue={set('docType')}>
        <Options items={DOC_TYPES} value={(x) => x} label={(x) => t(`library.type.${x}`)} />
      </SelectField>
      <SelectField label={t('library.country')} name="country" value={v.country} onValue={set('country')}>
        <Options items={sortedMembers(lang, t)} empty={t('library.noCountry')} value={(c) => c.code} label={(c) => c.name} />
      </SelectField>
      <TextField label={t('library.year')} name="year" inputMode="numeric" maxLength={4} value={v.year} onValue={set('year')} />
      <SelectField label={t('library.language')} name="language" value={v.language} onValue={set('language')}>
        <Options items={DOC_LANGUAGES} value={(x) => x} label={(x) => t(`library.lang.${x}`)} />
      </SelectField>
      <TextField label={t('library.tagsField')} name="tags" value={v.tags} onValue={set('tags')} />
    </>
  );
}
