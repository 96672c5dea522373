import { useId, useRef, useState } from 'preact/hooks';
import { TlpBadge } from '../../items/tlp.tsx';
import { countryName } from '../../lib/countries.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import type { RouteParams } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Form, useForm } from '../../ui/form.tsx';
import { LoadingPage, NotFoundPage, Page } from '../../ui/page.tsx';
import { fetchDocument, type LibraryView, uploadVersion, versionUrl } from './api.ts';
import { PdfPreview } from './pdf-preview.tsx';

/**
 * One library document: its title and summary in both languages, its facts, its link or its
 * versions (newest first, each downloadable; a PDF or an image previewed in the page), and — for
 * its country's members of the space — a form to add a version.
 */
export function DocumentPage({ params }: { params: RouteParams }) {
  const { t, lang } = useI18n();
  const doc = useResource(() => fetchDocument(params.id ?? ''), [params.id]);
  const [preview, setPreview] = useState<string | null>(null);
  if (doc.missing)
    return <NotFoundPage title={t('library.notFound')} text={t('library.notFoundText')} back={{ href: '/library', label: t('library.back') }} />;
  const d = doc.data as LibraryView | null;
  if (!d) return <LoadingPage title={t('library.title')} error={doc.error} text={t('library.loading')} />;
  const other = lang === 'en' ? 'es' : 'en';
  return (
    <Page title={d.title[lang]}>
      <p class="actions">
        <a href="/library">{t('library.back')}</a>
        {d.canEdit ? (
          <a class="button button-secondary" href={`/library/${d.id}/edit`}>
            {t('library.edit')}
          </a>
        ) : null}
      </p>
      <p class="library-facts">
        <TlpBadge tlp={d.tlp} /> {t(`library.type.${d.docType}`)}
        {d.country ? ` · ${countryName(d.country, lang, t)}` : ''}
        {d.year ? ` · ${d.year}` : ''} · {t(`library.lang.${d.language}`)}
      </p>
      <p>{d.summary[lang]}</p>
      <section class="panel" lang={other}>
        <h2>{t(`library.otherLanguage.${other}`)}</h2>
        <p>
          <strong>{d.title[other]}</strong>
        </p>
        <p>{d.summary[other]}</p>
      </section>
      {d.tags.length ? (
        <p>
          {t('library.tags')}: {d.tags.join(', ')}
        </p>
      ) : null}
      {d.url ? (
        <p>
          <a href={d.url} rel="noopener noreferrer" target="_blank">
            {t('library.openLink')}
          </a>
        </p>
      ) : null}
      <h2>{t('library.versions')}</h2>
      {d.versionList.length === 0 ? (
        <p>{t('library.noVersions')}</p>
      ) : (
        <ul class="library-versions">
          {d.versionList.map((v) => (
            <li key={v.id}>
              {t('library.version').replace('{n}', String(v.seq))} — {v.name} ({Math.ceil(v.byteSize / 1024)} kB)
              {' · '}
              <a href={versionUrl(d.id, v.id)} download>
                {t('library.download')}
              </a>
              {v.mediaType === 'application/pdf' || v.mediaType.startsWith('image/') ? (
                <>
                  {' · '}
                  <button type="button" class="button button-secondary" onClick={() => setPreview(v.id)}>
                    {t('library.preview')}
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {preview
        ? (() => {
            const v = d.versionList.find((x) => x.id === preview);
            if (!v) return null;
            return v.mediaType === 'application/pdf' ? (
              <PdfPreview key={v.id} url={versionUrl(d.id, v.id)} />
            ) : (
              <img class="library-preview-image" src={versionUrl(d.id, v.id)} alt={v.name} />
            );
          })()
        : null}
      {d.canEdit ? <VersionForm id={d.id} onAdded={() => doc.reload()} /> : null}
    </Page>
  );
}

function VersionForm({ id, onAdded }: { id: string; onAdded: () => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const fileId = useId();
  const form = useForm(
    {},
    async () => {
      await uploadVersion(id, input.current!.files![0]!, () => {});
      input.current!.value = '';
      onAdded();
    },
    () => (input.current?.files?.length ? null : { message: t('library.fileRequired'), field: 'file' }),
  );
  const marks = form.fieldProps('file');
  return (
    <section class="panel">
      <h2 id={headingId}>{t('library.addVersion')}</h2>
      <Form form={form} labelledBy={headingId} submit={t('library.upload')}>
        <div class="field">
          <label for={fileId}>{t('library.file')}</label>
          <input
            ref={input}
            id={fileId}
            type="file"
            name="file"
            accept="application/pdf,image/*"
            aria-invalid={marks.invalid ? 'true' : undefined}
            aria-describedby={marks.describedBy}
          />
        </div>
      </Form>
    </section>
  );
}
