/**
 * How long the record is kept: the date after which its content is crypto-shredded by the
 * retention sweep, each extension with its reason, and — for its originator — "Keep longer" with a
 * new date and the reason (kept with the record and in the trail).
 */
import { useState } from 'preact/hooks';
import { daysBetween, formatDateTime, formatDay, todayIso } from '../../../lib/dates.ts';
import { pluralKey, useI18n } from '../../../lib/i18n/index.tsx';
import { TextAreaField, TextField } from '../../../ui/fields.tsx';
import { Form, Notice, useForm } from '../../../ui/form.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { keepLonger, type PersonView } from '../api.ts';

export function RetentionPanel({ view, originator, onUpdated }: { view: PersonView; originator: boolean; onUpdated: (view: PersonView) => void }) {
  const { t, lang } = useI18n();
  const steps = view.retention ?? [];
  const left = daysBetween(todayIso(), view.retainUntil);
  return (
    <Panel id="person-retention-title" title={t('person.retention')}>
      <p>
        {t('person.retentionText', { date: formatDay(view.retainUntil, lang) })}{' '}
        <strong>{left >= 0 ? t(pluralKey(lang, 'person.daysLeft', left), { count: left }) : t('person.retentionPast')}</strong>
      </p>
      {steps.length ? (
        <>
          <h3>{t('person.extensions')}</h3>
          <ol class="person-extensions">
            {steps.map((s) => (
              <li key={s.extendedAt}>
                {t('person.extension', {
                  from: formatDay(s.previousUntil, lang, 'medium'),
                  to: formatDay(s.retainUntil, lang, 'medium'),
                  when: formatDateTime(s.extendedAt, lang),
                })}
                {s.mine ? <span class="person-you"> {t('sightings.mine')}</span> : null}
                <br />
                <span class="muted">{s.reason}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {originator && !view.shredded ? <KeepLonger view={view} onUpdated={onUpdated} /> : null}
    </Panel>
  );
}

function KeepLonger({ view, onUpdated }: { view: PersonView; onUpdated: (view: PersonView) => void }) {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  const form = useForm(
    { retainUntil: '', reason: '' },
    async ({ retainUntil, reason }) => {
      onUpdated(await keepLonger(view.id, { retainUntil, reason: reason.trim() }));
      form.reset();
      setDone(true);
    },
    ({ retainUntil, reason }) => {
      setDone(false);
      if (!retainUntil) return { message: t('form.required', { field: t('person.keepUntil') }), field: 'retainUntil' };
      if (retainUntil <= view.retainUntil) return { message: t('person.keepLater'), field: 'retainUntil' };
      const text = reason.trim();
      if (text.length < 10 || text.length > 500) return { message: t('person.keepReasonLength'), field: 'reason' };
      return null;
    },
  );
  return (
    <Form
      form={form}
      class="form sub-form"
      labelledBy="person-keep-longer"
      submit={t('person.keepLonger')}
      intro={
        <>
          <h3 id="person-keep-longer">{t('person.keepLonger')}</h3>
          <p class="hint">{t('person.keepLongerHint')}</p>
          {done ? <Notice>{t('person.keptLonger')}</Notice> : null}
        </>
      }
    >
      <TextField label={t('person.keepUntil')} type="date" required min={view.retainUntil} {...form.bind('retainUntil')} />
      <TextAreaField
        label={t('person.keepReason')}
        hint={t('person.keepReasonHint')}
        prose
        rows={2}
        maxLength={500}
        required
        {...form.bind('reason')}
      />
    </Form>
  );
}
