import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate, type RouteParams } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { TextField } from '../../ui/fields.tsx';
import { Form, useForm } from '../../ui/form.tsx';
import { LoadingPage, NotFoundPage, Page } from '../../ui/page.tsx';
import { editDocument, fetchDocument, type LibraryView } from './api.ts';
import { DescriptionFields, describedBody, describedOf, requiredTitles } from './document-fields.tsx';

/**
 * Editing a document's description (its country's members of the space): titles and summaries in
 * both languages, type, country, year, language, tags, and a link's address. The space and the TLP
 * stay as they were; files are new versions, added on the document's page.
 */
export function EditDocumentPage({ params }: { params: RouteParams }) {
  const { t, lang } = useI18n();
  const id = params['id'] ?? '';
  const doc = useResource(() => fetchDocument(id), [id]);
  const d = doc.data as LibraryView | null;
  if (doc.missing || (d && !d.canEdit))
    return <NotFoundPage title={t('library.notFound')} text={t('library.notFoundText')} back={{ href: '/library', label: t('library.back') }} />;
  if (!d) return <LoadingPage title={t('library.edit')} error={doc.error} text={t('library.loading')} />;
  return (
    <Page title={t('library.edit')} lead={d.title[lang]}>
      <p>
        <a href={`/library/${d.id}`}>{t('library.backToDocument')}</a>
      </p>
      <EditDocumentForm doc={d} />
    </Page>
  );
}

/** The form, drawn once the document has come: it starts from its stored description. */
function EditDocumentForm({ doc }: { doc: LibraryView }) {
  const { t } = useI18n();
  const form = useForm(
    describedOf(doc),
    async (v) => {
      const { url, ...rest } = describedBody(v);
      await editDocument(doc.id, { ...rest, ...(doc.isLink && url ? { url } : {}) });
      navigate(`/library/${doc.id}`);
    },
    (v) => requiredTitles(v, t),
  );
  return (
    <Form form={form} class="form panel" submit={t('library.saveChanges')}>
      <DescriptionFields bind={form.bind} />
      {doc.isLink ? <TextField label={t('library.url')} {...form.bind('url')} hint={t('library.urlHint')} /> : null}
    </Form>
  );
}
