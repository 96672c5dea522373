import { useState } from 'preact/hooks';
import { TLPS } from '../../items/tlp.tsx';
import { ApiError } from '../../lib/api.ts';
import { sortedMembers } from '../../lib/countries.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { Options, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { createDocument, DOC_LANGUAGES, DOC_TYPES, type LibraryCreate, uploadVersion } from './api.ts';

/**
 * Adding a document to the library: a space I add to (not as an observer), its title and summary
 * in Spanish and English, type, country, year, language, tags and TLP (CLEAR: conference-wide),
 * then a file (PDF or image) or a https link.
 */
export function NewDocumentPage() {
  const { t, lang } = useI18n();
  const { spaces } = useSession();
  const mine = (spaces ?? []).filter((s) => s.role !== 'observer');
  const [v, setV] = useState({
    spaceId: '',
    titleEs: '',
    titleEn: '',
    summaryEs: '',
    summaryEn: '',
    docType: 'manual',
    country: '',
    year: '',
    language: lang as string,
    tags: '',
    tlp: 'GREEN',
    url: '',
  });
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (value: string) => setV({ ...v, [k]: value });
  if (mine.length === 0)
    return (
      <Page title={t('library.add')}>
        <EmptyState title={t('library.noSpace')} text={t('library.noSpaceText')} />
      </Page>
    );
  const spaceId = v.spaceId || mine[0]!.id;
  return (
    <Page title={t('library.add')} lead={t('library.addLead')}>
      <form
        class="form panel"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const body = {
              spaceId,
              tlp: v.tlp as LibraryCreate['tlp'],
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
            const created = await createDocument(body);
            if (file) await uploadVersion(created.id, file, () => {});
            navigate(`/library/${created.id}`);
          } catch (err) {
            setError(err instanceof ApiError ? err.message : String(err));
            setBusy(false);
          }
        }}
      >
        {error ? (
          <p role="alert" class="alert alert-error">
            {error}
          </p>
        ) : null}
        <SelectField label={t('library.space')} name="spaceId" value={spaceId} onValue={set('spaceId')}>
          <Options items={mine} value={(s) => s.id} label={(s) => nameIn(lang, s)} />
        </SelectField>
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
        <SelectField label={t('tlp.label')} name="tlp" value={v.tlp} onValue={set('tlp')} hint={t(`tlp.explain.${v.tlp as (typeof TLPS)[number]}`)}>
          <Options items={TLPS} value={(x) => x} label={(x) => `TLP:${x}`} />
        </SelectField>
        <TextField label={t('library.url')} name="url" value={v.url} onValue={set('url')} hint={t('library.urlHint')} />
        <label class="field">
          <span class="field-label">{t('library.file')}</span>
          <input type="file" name="file" accept="application/pdf,image/*" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </label>
        <button type="submit" class="button" disabled={busy}>
          {t('library.save')}
        </button>
      </form>
    </Page>
  );
}
