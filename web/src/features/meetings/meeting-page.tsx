import { useState } from 'preact/hooks';
import { countryName, MEMBER_CODES, sortedMembers } from '../../lib/countries.ts';
import { formatDay } from '../../lib/dates.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import type { RouteParams } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Checks, TextAreaField, TextField } from '../../ui/fields.tsx';
import { Form, useForm } from '../../ui/form.tsx';
import { LoadingPage, NotFoundPage, Page } from '../../ui/page.tsx';
import { Panel } from '../../ui/panel.tsx';
import { Table } from '../../ui/table.tsx';
import { type AgreementBody, fetchMeeting, type MeetingDetail, recordAgreement, recordMinutes, recordTrainings } from './api.ts';
import { MeetingDocuments } from './documents.tsx';
import { kindName, titleOf, topicName, whenText } from './parts.tsx';

/**
 * One meeting: its facts, agenda, minutes in the reader's language (the other one a click away),
 * the agreements with their commitments, and the officials trained. Those who may edit record the
 * minutes, agreements and training counts here.
 */
export function MeetingPage({ params }: { params: RouteParams }) {
  const { t, lang } = useI18n();
  const id = params['id'] ?? '';
  const loaded = useResource(() => fetchMeeting(id), [id]);
  const [other, setOther] = useState(false);
  if (loaded.missing)
    return <NotFoundPage title={t('meetings.notFoundTitle')} text={t('meetings.notFound')} back={{ href: '/meetings', label: t('meetings.back') }} />;
  const detail = loaded.data;
  if (!detail) return <LoadingPage title={t('meetings.title')} error={loaded.error} text={t('meetings.loading')} />;
  const { meeting: m, minutes, agreements, trainings } = detail;
  const otherLang = lang === 'es' ? 'en' : 'es';
  const shownLang = other ? otherLang : minutes[lang] ? lang : otherLang;
  const shown = minutes[shownLang];
  const editable = m.permissions.update;
  const update = (next: MeetingDetail) => loaded.setData(next);
  return (
    <Page title={titleOf(lang, m)} lead={kindName(m.kind, t)}>
      <p class="actions">
        <a href="/meetings">{t('meetings.back')}</a>
        {editable ? (
          <a class="button button-secondary" href={`/meetings/${m.id}/edit`}>
            {t('meetings.edit')}
          </a>
        ) : null}
      </p>
      <div class="two-columns">
        <div>
          <Panel id="meeting-facts" title={t('meetings.facts')}>
            <dl class="facts">
              <dt>{t('meetings.network')}</dt>
              <dd>{m.network ? nameIn(lang, m.network) : t('meetings.conferenceWide')}</dd>
              <dt>{t('meetings.when')}</dt>
              <dd>{whenText(m, lang)}</dd>
              {m.place ? (
                <>
                  <dt>{t('meetings.place')}</dt>
                  <dd>{m.place}</dd>
                </>
              ) : null}
              {m.link ? (
                <>
                  <dt>{t('meetings.link')}</dt>
                  <dd>
                    <a href={m.link} rel="noopener noreferrer" target="_blank">
                      {m.link}
                    </a>
                  </dd>
                </>
              ) : null}
              {m.languages.length ? (
                <>
                  <dt>{t('meetings.languages')}</dt>
                  <dd>{m.languages.map((l) => t(`meetings.language.${l}` as 'meetings.language.es')).join(', ')}</dd>
                </>
              ) : null}
              {m.participants.length ? (
                <>
                  <dt>{t('meetings.participants')}</dt>
                  <dd>{m.participants.map((c) => countryName(c, lang, t)).join(', ')}</dd>
                </>
              ) : null}
              {m.topic ? (
                <>
                  <dt>{t('meetings.topic')}</dt>
                  <dd>{topicName(m.topic, t)}</dd>
                </>
              ) : null}
            </dl>
          </Panel>
          {detail.agenda ? (
            <Panel id="meeting-agenda" title={t('meetings.agenda')}>
              <p class="prose-block">{detail.agenda}</p>
            </Panel>
          ) : null}
          <MeetingDocuments detail={detail} onChanged={update} />
          {m.topic || trainings.length || (editable && (m.kind === 'workshop' || m.kind === 'training')) ? (
            <Panel id="meeting-trained" title={t('meetings.trained')}>
              {trainings.length ? (
                <Table columns={[t('meetings.country'), t('meetings.officials')]}>
                  {trainings.map((r) => (
                    <tr key={r.country}>
                      <td>{countryName(r.country, lang, t)}</td>
                      <td class="number">{r.officials.toLocaleString(lang)}</td>
                    </tr>
                  ))}
                </Table>
              ) : (
                <p class="muted">{t('meetings.noTrained')}</p>
              )}
              {editable ? <TrainingForm detail={detail} onSaved={update} /> : null}
            </Panel>
          ) : null}
        </div>
        <div>
          <Panel id="meeting-minutes" title={t('meetings.minutes')}>
            {shown ? (
              <>
                <p class="muted">{t(shownLang === 'es' ? 'meetings.minutesInEs' : 'meetings.minutesInEn')}</p>
                <p class="prose-block" lang={shownLang}>
                  {shown}
                </p>
                {minutes[shownLang === lang ? otherLang : lang] ? (
                  <button type="button" class="button button-secondary" onClick={() => setOther(!other)}>
                    {t(shownLang === 'es' ? 'meetings.minutesShowEn' : 'meetings.minutesShowEs')}
                  </button>
                ) : null}
              </>
            ) : (
              <p class="muted">{t('meetings.noMinutes')}</p>
            )}
            {editable && m.network ? <MinutesForm detail={detail} onSaved={update} /> : null}
          </Panel>
          <Panel id="meeting-agreements" title={t('meetings.agreements')}>
            {agreements.length === 0 ? (
              <p class="muted">{t('meetings.noAgreements')}</p>
            ) : (
              <ol class="plain-list agreement-list">
                {agreements.map((a) => (
                  <li key={a.id}>
                    <p>{(lang === 'en' ? (a.textEn ?? a.textEs) : (a.textEs ?? a.textEn)) ?? ''}</p>
                    <p class="muted">
                      {a.responsibles.map((c) => countryName(c, lang, t)).join(', ')} ·{' '}
                      {t('meetings.dueOn', { date: formatDay(a.dueOn, lang, 'medium') })}
                    </p>
                    {a.commitmentId ? <a href={`/commitments/${a.commitmentId}`}>{t('meetings.openCommitment')}</a> : null}
                  </li>
                ))}
              </ol>
            )}
            {editable && m.network ? <AgreementForm detail={detail} onSaved={update} /> : null}
          </Panel>
        </div>
      </div>
    </Page>
  );
}

function MinutesForm({ detail, onSaved }: { detail: MeetingDetail; onSaved: (next: MeetingDetail) => void }) {
  const { t } = useI18n();
  const form = useForm({ es: detail.minutes.es ?? '', en: detail.minutes.en ?? '' }, async (v) =>
    onSaved(await recordMinutes(detail.meeting.id, { es: v.es.trim() || null, en: v.en.trim() || null })),
  );
  return (
    <details class="inline-form">
      <summary>{t('meetings.recordMinutes')}</summary>
      <Form form={form} submit={t('meetings.saveMinutes')}>
        <TextAreaField label={t('meetings.minutesEs')} lang="es" prose rows={8} {...form.bind('es')} />
        <TextAreaField label={t('meetings.minutesEn')} lang="en" prose rows={8} {...form.bind('en')} />
      </Form>
    </details>
  );
}

function AgreementForm({ detail, onSaved }: { detail: MeetingDetail; onSaved: (next: MeetingDetail) => void }) {
  const { t, lang } = useI18n();
  const form = useForm(
    { textEs: '', textEn: '', dueOn: '', responsibles: [] as string[] },
    async (v) => {
      onSaved(
        await recordAgreement(detail.meeting.id, {
          textEs: v.textEs.trim() || null,
          textEn: v.textEn.trim() || null,
          responsibles: v.responsibles as AgreementBody['responsibles'],
          dueOn: v.dueOn,
        }),
      );
      form.reset();
    },
    (v) =>
      !v.textEs.trim() && !v.textEn.trim()
        ? { message: t('meetings.agreementTextRequired'), field: 'textEs' }
        : v.responsibles.length === 0
          ? { message: t('meetings.responsiblesRequired'), field: 'responsibles' }
          : !v.dueOn
            ? { message: t('form.required', { field: t('meetings.agreementDue') }), field: 'dueOn' }
            : null,
  );
  return (
    <details class="inline-form">
      <summary>{t('meetings.recordAgreement')}</summary>
      <p class="hint">{t('meetings.agreementHint')}</p>
      <Form form={form} submit={t('meetings.saveAgreement')}>
        <TextAreaField label={t('meetings.agreementEs')} lang="es" prose rows={3} {...form.bind('textEs')} />
        <TextAreaField label={t('meetings.agreementEn')} lang="en" prose rows={3} {...form.bind('textEn')} />
        <fieldset class="checks">
          <legend>{t('meetings.responsibles')}</legend>
          <Checks
            name="responsibles"
            items={sortedMembers(lang, t)}
            value={(c) => c.code}
            label={(c) => c.name}
            chosen={form.values.responsibles}
            onChosen={(c) => form.set('responsibles', c)}
          />
        </fieldset>
        <TextField label={t('meetings.agreementDue')} type="date" required {...form.bind('dueOn')} />
      </Form>
    </details>
  );
}

function TrainingForm({ detail, onSaved }: { detail: MeetingDetail; onSaved: (next: MeetingDetail) => void }) {
  const { t, lang } = useI18n();
  const initial = Object.fromEntries(MEMBER_CODES.map((c) => [c, String(detail.trainings.find((r) => r.country === c)?.officials ?? '')]));
  const form = useForm(initial, async (v) =>
    onSaved(
      await recordTrainings(
        detail.meeting.id,
        Object.entries(v)
          .filter(([, n]) => n.trim() !== '')
          .map(([country, n]) => ({ country, officials: Number(n) })),
      ),
    ),
  );
  return (
    <details class="inline-form">
      <summary>{t('meetings.recordTrained')}</summary>
      <Form form={form} submit={t('meetings.saveTrained')}>
        {sortedMembers(lang, t).map((c) => (
          <TextField
            key={c.code}
            label={c.name}
            inputMode="numeric"
            name={c.code}
            value={form.values[c.code] ?? ''}
            onValue={(n) => form.set(c.code, n)}
          />
        ))}
      </Form>
    </details>
  );
}
