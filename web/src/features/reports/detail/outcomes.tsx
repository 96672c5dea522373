import { useState } from 'preact/hooks';
import { formatDay, todayIso } from '../../../lib/dates.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields.tsx';
import { checkRequired, Form, Notice, useForm } from '../../../ui/form.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { Table } from '../../../ui/table.tsx';
import { addOutcome, type ReportView } from '../api.ts';
import { type ReportReference, term } from '../reference.ts';
import { TermOptions } from '../selects.tsx';

/** An operation's judicial outcomes as the cases move, and (its originator, once published) adding one. */
export function Outcomes({ view, reference, onAdded }: { view: ReportView; reference: ReportReference | null; onAdded: (view: ReportView) => void }) {
  const { t, lang } = useI18n();
  const outcomes = [...(view.outcomes ?? [])].sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
  return (
    <Panel id="report-outcomes-title" title={t('report.outcomes')}>
      {outcomes.length ? (
        <Table dense caption={t('report.outcomes')} columns={[t('report.decidedOn'), t('report.stage'), t('report.outcomeNote')]}>
          {outcomes.map((o) => (
            <tr key={o.id}>
              <td class="cell-time">{formatDay(o.decidedOn, lang, 'medium')}</td>
              <td>{term(reference, 'outcomeStages', o.stage, lang)}</td>
              <td>{o.note}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="muted">{t('report.outcomesNone')}</p>
      )}
      {view.permissions.amend && view.status === 'published' ? (
        <AddOutcome view={view} reference={reference} onAdded={(o) => onAdded({ ...view, outcomes: [...(view.outcomes ?? []), o] })} />
      ) : null}
    </Panel>
  );
}

type NewOutcomeView = NonNullable<ReportView['outcomes']>[number];

function AddOutcome({ view, reference, onAdded }: { view: ReportView; reference: ReportReference | null; onAdded: (o: NewOutcomeView) => void }) {
  const { t } = useI18n();
  const [sent, setSent] = useState(false);
  const form = useForm(
    { stage: '', decidedOn: todayIso(), note: '' },
    async ({ stage, decidedOn, note }) => {
      onAdded(await addOutcome(view.id, { stage, decidedOn, note: note.trim() }));
      form.reset();
      setSent(true);
    },
    (v) => {
      setSent(false);
      return checkRequired(
        [
          ['stage', v.stage, t('report.stage')],
          ['decidedOn', v.decidedOn, t('report.decidedOn')],
          ['note', v.note, t('report.outcomeNote')],
        ],
        t,
      );
    },
  );
  return (
    <Form
      form={form}
      class="form sub-form"
      labelledBy="report-outcome-form-title"
      submit={t('report.outcomeAdd')}
      intro={
        <>
          <h3 id="report-outcome-form-title">{t('report.outcomeNew')}</h3>
          {sent ? <Notice>{t('report.outcomeAdded')}</Notice> : null}
        </>
      }
    >
      <div class="field-pair">
        <SelectField label={t('report.stage')} required {...form.bind('stage')}>
          <TermOptions terms={reference?.outcomeStages} empty={t('invite.choose')} />
        </SelectField>
        <TextField label={t('report.decidedOn')} type="date" required {...form.bind('decidedOn')} />
      </div>
      <TextAreaField label={t('report.outcomeNote')} prose rows={3} maxLength={20_000} required {...form.bind('note')} />
    </Form>
  );
}
