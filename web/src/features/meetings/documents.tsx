import { useRef, useState } from 'preact/hooks';
import { formatDate } from '../../lib/dates.ts';
import { formatBytes } from '../../lib/format.ts';
import type { MessageKey } from '../../lib/i18n/en.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { ConfirmDialog, useAction } from '../../ui/dialog.tsx';
import { Options, SelectField } from '../../ui/fields.tsx';
import { Form, Notice, useForm } from '../../ui/form.tsx';
import { Panel } from '../../ui/panel.tsx';
import { attachDocuments, DOCUMENT_KINDS, type DocumentKind, documentUrl, type MeetingDetail, type MeetingDocument, removeDocument } from './api.ts';

const kindLabel = (kind: DocumentKind, t: (key: MessageKey) => string) => t(`meetings.documentKind.${kind}` as MessageKey);

/**
 * A network meeting's documents: presentations, signed minutes, reports, the participants' list —
 * each downloaded through the portal (decrypted for its reader, never a public address). Those who
 * edit the meeting attach images and PDFs (the server reads their type from the bytes) and remove them.
 */
export function MeetingDocuments({ detail, onChanged }: { detail: MeetingDetail; onChanged: (next: MeetingDetail) => void }) {
  const { t, lang } = useI18n();
  const m = detail.meeting;
  const editable = m.permissions.update;
  const [removing, setRemoving] = useState<MeetingDocument | null>(null);
  const action = useAction();
  if (!m.network) return null;
  return (
    <Panel id="meeting-documents" title={t('meetings.documents')}>
      {detail.documents.length === 0 ? (
        <p class="muted">{t('meetings.noDocuments')}</p>
      ) : (
        <ul class="plain-list document-list">
          {detail.documents.map((d) => (
            <li key={d.id}>
              <a href={documentUrl(m.id, d.id)} download={d.name}>
                {d.name}
              </a>{' '}
              <span class="muted">
                {kindLabel(d.kind, t)} · {formatBytes(d.byteSize, lang)} · {formatDate(d.createdAt, lang)}
              </span>
              {editable ? (
                <button
                  type="button"
                  class="button button-link"
                  onClick={() => setRemoving(d)}
                  aria-label={t('meetings.removeDocumentNamed', { name: d.name })}
                >
                  {t('meetings.removeDocument')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? <AttachForm detail={detail} onAttached={onChanged} /> : null}
      {removing ? (
        <ConfirmDialog
          title={t('meetings.removeDocumentTitle')}
          confirmLabel={t('meetings.removeDocument')}
          busy={action.busy}
          error={action.error}
          onCancel={() => {
            action.setError(null);
            setRemoving(null);
          }}
          onConfirm={() =>
            action.run(
              () => removeDocument(m.id, removing.id),
              (next) => {
                setRemoving(null);
                onChanged(next);
              },
            )
          }
        >
          <p>{t('meetings.removeDocumentText', { name: removing.name })}</p>
        </ConfirmDialog>
      ) : null}
    </Panel>
  );
}

function AttachForm({ detail, onAttached }: { detail: MeetingDetail; onAttached: (next: MeetingDetail) => void }) {
  const { t } = useI18n();
  const files = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [attached, setAttached] = useState(false);
  const form = useForm(
    { kind: 'presentation' as DocumentKind },
    async (values) => {
      const body = new FormData();
      body.append('kind', values.kind);
      for (const file of Array.from(files.current?.files ?? [])) body.append('file', file, file.name);
      setProgress(0);
      try {
        const next = await attachDocuments(detail.meeting.id, body, setProgress);
        if (files.current) files.current.value = '';
        setAttached(true);
        onAttached(next);
      } finally {
        setProgress(null);
      }
    },
    () => (files.current?.files?.length ? null : { message: t('meetings.documentFileRequired'), field: 'file' }),
  );
  return (
    <details class="inline-form">
      <summary>{t('meetings.attachDocuments')}</summary>
      {attached ? <Notice>{t('meetings.documentsAttached')}</Notice> : null}
      <Form form={form} submit={t('meetings.attach')} beforeSubmit={() => setAttached(false)}>
        <SelectField label={t('meetings.documentKind')} required {...form.bind('kind')}>
          <Options items={DOCUMENT_KINDS} label={(k) => kindLabel(k, t)} />
        </SelectField>
        <div class="field">
          <label for="meeting-document-file">{t('meetings.documentFiles')}</label>
          <p class="hint" id="meeting-document-hint">
            {t('meetings.documentHint')}
          </p>
          <input
            ref={files}
            id="meeting-document-file"
            name="file"
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,image/tiff,application/pdf"
            aria-describedby="meeting-document-hint"
          />
        </div>
        {progress !== null ? (
          <progress value={progress} max={1} aria-label={t('meetings.uploading')}>
            {Math.round(progress * 100)}%
          </progress>
        ) : null}
      </Form>
    </details>
  );
}
