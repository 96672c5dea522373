import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import { Options, SelectField, TextAreaField } from '../../ui/fields.tsx';
import { Form, Notice, useForm } from '../../ui/form.tsx';
import { Panel } from '../../ui/panel.tsx';
import { type Commitment, type CommitmentDetail, postUpdate, STATUSES, type Status } from './api.ts';

/**
 * A responsible's status update: the status, a note, evidence files (images or PDF; the server reads
 * their type from the bytes). Sent as one multipart request with its progress shown.
 */
export function UpdateForm({ commitment, onPosted }: { commitment: Commitment; onPosted: (detail: CommitmentDetail) => void }) {
  const { t } = useI18n();
  const files = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [posted, setPosted] = useState(false);
  const form = useForm(
    { status: '' as Status | '', note: '' },
    async (values) => {
      const body = new FormData();
      body.append('status', values.status);
      if (values.note.trim()) body.append('note', values.note);
      for (const file of Array.from(files.current?.files ?? [])) body.append('file', file, file.name);
      setProgress(0);
      try {
        const next = await postUpdate(commitment.id, body, setProgress);
        form.reset();
        if (files.current) files.current.value = '';
        setPosted(true);
        onPosted(next);
      } finally {
        setProgress(null);
      }
    },
    (values) => (values.status ? null : { message: t('form.required', { field: t('commitments.status') }), field: 'status' }),
  );
  return (
    <Panel id="commitment-update" title={t('commitments.report')}>
      {posted ? <Notice>{t('commitments.posted')}</Notice> : null}
      <Form form={form} submit={t('commitments.post')} beforeSubmit={() => setPosted(false)}>
        <SelectField label={t('commitments.status')} required {...form.bind('status')}>
          <Options items={STATUSES} label={(s) => t(`commitmentStatus.${s}`)} empty={t('commitments.chooseStatus')} />
        </SelectField>
        <TextAreaField label={t('commitments.note')} prose rows={4} maxLength={4000} {...form.bind('note')} />
        <div class="field">
          <label for="commitment-evidence">{t('commitments.evidence')}</label>
          <p class="hint" id="commitment-evidence-hint">
            {t('commitments.evidenceHint')}
          </p>
          <input
            ref={files}
            id="commitment-evidence"
            name="file"
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,image/tiff,application/pdf"
            aria-describedby="commitment-evidence-hint"
          />
        </div>
        {progress !== null ? (
          <progress value={progress} max={1} aria-label={t('commitments.uploading')}>
            {Math.round(progress * 100)}%
          </progress>
        ) : null}
      </Form>
    </Panel>
  );
}
