import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate, type RouteParams } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { TextField } from '../../ui/fields.tsx';
import { LoadingPage, NotFoundPage, Page } from '../../ui/page.tsx';
import { editDocument, fetchDocument, type LibraryView } from './api.ts';
import { type Described, DescriptionFields, describedBody, describedOf } from './document-fields.tsx';

/**
 * Editing a document's description (its country's members of the space): titles and summaries in
 * both languages, type, country, year, language, tags, and a link's address. The space and the TLP
 * stay as they were; files are new versions, added on the document's page.
 */
export function EditDocumentPage({ params }: { params: RouteParams }) {
  const { t, lang } = useI18n();
  const id = params['id'] ?? '';
  const doc = useResource(() => fetchDocument(id), [id]);
  const [v, setV] = useState<Described | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = doc.data as LibraryView | null;
  useEffect(() => {
    if (d && !v) setV(describedOf(d));
  }, [d, v]);
  if (doc.missing || (d && !d.canEdit))
    return <NotFoundPage title={t('library.notFound')} text={t('library.notFoundText')} back={{ href: '/library', label: t('library.back') }} />;
  if (!d || !v) return <LoadingPage title={t('library.edit')} error={doc.error} text={t('library.loading')} />;
  const set = (k: keyof Described) => (value: string) => setV({ ...v, [k]: value });
  return (
    <Page title={t('library.edit')} lead={d.title[lang]}>
      <p>
        <a href={`/library/${d.id}`}>{t('library.backToDocument')}</a>
      </p>
      <form
        class="form panel"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const { url, ...rest } = describedBody(v);
            await editDocument(d.id, { ...rest, ...(d.isLink && url ? { url } : {}) });
            navigate(`/library/${d.id}`);
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
        <DescriptionFields v={v} set={set} />
        {d.isLink ? <TextField label={t('library.url')} name="url" value={v.url} onValue={set('url')} hint={t('library.urlHint')} /> : null}
        <button type="submit" class="button" disabled={busy}>
          {t('library.saveChanges')}
        </button>
      </form>
    </Page>
  );
}
