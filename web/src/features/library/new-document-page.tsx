import { useState } from 'preact/hooks';
import { TLPS } from '../../items/tlp.tsx';
import { ApiError } from '../../lib/api.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { createDocument, type LibraryCreate, uploadVersion } from './api.ts';
import { DescriptionFields, describedBody } from './document-fields.tsx';

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
              ...(describedBody(v) as Omit<LibraryCreate, 'spaceId' | 'tlp'>),
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
        <DescriptionFields v={v} set={set} />
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
