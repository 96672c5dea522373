import { useState } from 'preact/hooks';
import { type Correction, CorrectionsPanel, correctionCalls } from '../../../items/corrections.tsx';
import { api } from '../../../lib/api.ts';
import type { Loose, RequestBody } from '../../../lib/api-schema.ts';
import { countryName } from '../../../lib/countries.ts';
import { formatDate } from '../../../lib/dates.ts';
import { type Translate, useI18n } from '../../../lib/i18n/index.tsx';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields.tsx';
import { Form, Notice, useForm } from '../../../ui/form.tsx';
import { fetchReport, type ReportView } from '../api.ts';

const calls = correctionCalls('/api/reports');
type NewCorrection = Loose<RequestBody<'/api/reports/{id}/corrections', 'post'>>;
const propose = (id: string, body: NewCorrection) => api<Correction>('POST', `/api/reports/${encodeURIComponent(id)}/corrections`, body);

/** The fields the form offers; a correction may carry more (a kind's details whole, through the API). */
const OFFERED = ['title', 'summary', 'periodFrom', 'periodUntil'] as const;
type Offered = (typeof OFFERED)[number];

function fieldLabel(field: string, t: Translate): string {
  switch (field) {
    case 'title':
      return t('reportCorrection.title');
    case 'summary':
      return t('report.summary');
    case 'periodFrom':
      return t('reportCorrection.periodFrom');
    case 'periodUntil':
      return t('reportCorrection.periodUntil');
    case 'countries':
      return t('reportCorrection.countries');
    default:
      return t('reportCorrection.details');
  }
}

/** Changes others propose to a published report; its originator accepts (applied) or rejects each. */
export function ReportCorrections({ view, onAmended }: { view: ReportView; onAmended: (view: ReportView) => void }) {
  const { t, lang } = useI18n();
  const describe = (field: string, value: unknown) => {
    let text: string;
    if (value === null || value === undefined || value === '')
      text = field === 'periodUntil' ? t('reportCorrection.ongoing') : t('corrections.cleared');
    else if (field === 'periodFrom' || field === 'periodUntil') text = formatDate(String(value), lang);
    else if (field === 'countries' && Array.isArray(value)) text = value.map((c) => countryName(String(c), lang, t)).join(', ');
    else if (typeof value === 'object') text = t('reportCorrection.detailsText');
    else text = String(value);
    return { label: fieldLabel(field, t), value: text };
  };
  return (
    <CorrectionsPanel
      itemId={view.id}
      calls={calls}
      canAmend={view.permissions.amend}
      describe={describe}
      texts={{ accept: t('reportCorrection.acceptText'), reject: t('reportCorrection.rejectText') }}
      onAccepted={() => fetchReport(view.id).then(onAmended, () => {})}
      propose={view.permissions.correct ? (onProposed) => <ProposeReportCorrection view={view} onProposed={onProposed} /> : undefined}
    />
  );
}

/** Proposing a new title, summary or period, with a comment the originator reads. */
function ProposeReportCorrection({ view, onProposed }: { view: ReportView; onProposed: (c: Correction) => void }) {
  const { t } = useI18n();
  const current = (field: Offered) => String(view[field] ?? '');
  const [sent, setSent] = useState(false);
  const form = useForm(
    { field: 'title' as Offered, value: current('title'), comment: '' },
    async ({ field, value, comment }) => {
      const changes: NewCorrection['changes'] =
        field === 'periodFrom' || field === 'periodUntil' ? { [field]: value || null } : { [field]: value.trim() };
      onProposed(await propose(view.id, { changes, comment: comment.trim() }));
      form.set('comment', '');
      setSent(true);
    },
    ({ field, value, comment }) => {
      setSent(false);
      if (field === 'title' && !value.trim()) return { message: t('form.required', { field: fieldLabel(field, t) }), field: 'value' };
      if (!comment.trim()) return { message: t('form.required', { field: t('corrections.comment') }), field: 'comment' };
      return null;
    },
  );
  const { field } = form.values;
  const label = t('corrections.newValue', { field: fieldLabel(field, t) });
  return (
    <Form
      form={form}
      class="form sub-form"
      labelledBy="correction-form-title"
      submit={t('corrections.submit')}
      intro={
        <>
          <h3 id="correction-form-title">{t('corrections.propose')}</h3>
          <p class="hint">{t('corrections.proposeHint')}</p>
          {sent ? <Notice>{t('corrections.sent')}</Notice> : null}
        </>
      }
    >
      <SelectField
        label={t('corrections.field')}
        name="field"
        value={field}
        onValue={(f) => form.setValues({ field: f as Offered, value: current(f as Offered) })}
      >
        {OFFERED.map((f) => (
          <option key={f} value={f}>
            {fieldLabel(f, t)}
          </option>
        ))}
      </SelectField>
      {field === 'summary' ? (
        <TextAreaField label={label} prose rows={5} maxLength={10_000} {...form.bind('value')} />
      ) : field === 'title' ? (
        <TextField label={label} maxLength={300} {...form.bind('value')} />
      ) : (
        <TextField label={label} type="date" hint={field === 'periodUntil' ? t('reportCorrection.ongoingHint') : undefined} {...form.bind('value')} />
      )}
      <TextAreaField label={t('corrections.comment')} prose rows={3} maxLength={2000} hint={t('corrections.commentHint')} {...form.bind('comment')} />
    </Form>
  );
}
