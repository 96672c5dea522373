import { countryName } from '../../lib/countries.ts';
import { formatDay, formatMoment } from '../../lib/dates.ts';
import { formatBytes } from '../../lib/format.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import type { RouteParams } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { LoadingPage, NotFoundPage, Page } from '../../ui/page.tsx';
import { Panel } from '../../ui/panel.tsx';
import { Table } from '../../ui/table.tsx';
import { Badge } from '../../ui/values.tsx';
import { type CommitmentDetail, evidenceUrl, fetchCommitment } from './api.ts';
import { activityOf, calendarText, indicatorOf, StatusBadge } from './parts.tsx';
import { UpdateForm } from './update-form.tsx';

/** One commitment: its facts, each responsible's current status, the update form for a responsible, and the history. */
export function CommitmentPage({ params }: { params: RouteParams }) {
  const { t, lang } = useI18n();
  const id = params['id'] ?? '';
  const loaded = useResource(() => fetchCommitment(id), [id]);
  if (loaded.missing)
    return (
      <NotFoundPage
        title={t('commitments.notFoundTitle')}
        text={t('commitments.notFound')}
        back={{ href: '/commitments', label: t('commitments.back') }}
      />
    );
  const detail = loaded.data;
  if (!detail) return <LoadingPage title={t('commitments.title')} error={loaded.error} text={t('commitments.loadingOne')} />;
  const { commitment: c, updates } = detail;
  const indicator = indicatorOf(lang, c);
  return (
    <Page title={activityOf(lang, c)} lead={c.plan ?? undefined}>
      <p class="actions">
        <a href="/commitments">{t('commitments.back')}</a>
        {c.permissions.update ? (
          <a class="button button-secondary" href={`/commitments/${c.id}/edit`}>
            {t('commitments.edit')}
          </a>
        ) : null}
      </p>
      <div class="two-columns">
        <div>
          <Panel id="commitment-facts" title={t('commitments.facts')}>
            <dl class="facts">
              <dt>{t('commitments.network')}</dt>
              <dd>{nameIn(lang, c.network)}</dd>
              <dt>{t('commitments.calendar')}</dt>
              <dd>
                {calendarText(c, lang, t)}
                {c.startsOn ? ` (${t('commitments.startsOn', { date: formatDay(c.startsOn, lang, 'medium') })})` : ''}
              </dd>
              <dt>{t('commitments.indicator')}</dt>
              <dd>{indicator || <span class="muted">{t('commitments.noIndicator')}</span>}</dd>
              {c.meetingId ? (
                <>
                  <dt>{t('commitments.meeting')}</dt>
                  <dd>
                    <a href={`/meetings/${c.meetingId}`}>{t('commitments.openMeeting')}</a>
                  </dd>
                </>
              ) : null}
              {c.source ? (
                <>
                  <dt>{t('commitments.source')}</dt>
                  <dd>{c.source}</dd>
                </>
              ) : null}
            </dl>
          </Panel>
          <Panel id="commitment-responsibles" title={t('commitments.responsibles')}>
            <Table flush={false} columns={[t('commitments.responsible'), t('commitments.status'), t('commitments.since')]}>
              {c.responsibles.map((r) => (
                <tr key={r.responsible}>
                  <td>{countryName(r.responsible, lang, t)}</td>
                  <td>
                    <StatusBadge status={r.status} /> {r.overdue ? <Badge tone="late">{t('commitments.late')}</Badge> : null}
                  </td>
                  <td>{r.statusAt ? formatMoment(r.statusAt, lang) : <span class="muted">{t('commitments.noUpdate')}</span>}</td>
                </tr>
              ))}
            </Table>
          </Panel>
          {c.permissions.report ? <UpdateForm commitment={c} onPosted={(next: CommitmentDetail) => loaded.setData(next)} /> : null}
        </div>
        <Panel id="commitment-history" title={t('commitments.history')}>
          {updates.length === 0 ? (
            <p class="muted">{t('commitments.noUpdates')}</p>
          ) : (
            <ol class="plain-list commitment-timeline">
              {updates.map((u) => (
                <li key={u.id}>
                  <p>
                    <strong>{countryName(u.responsible, lang, t)}</strong> <StatusBadge status={u.status} />{' '}
                    <span class="muted">
                      {formatMoment(u.createdAt, lang)} · {u.authorName}
                    </span>
                  </p>
                  {u.note ? <p class="commitment-note">{u.note}</p> : null}
                  {u.evidence.length ? (
                    <ul class="plain-list">
                      {u.evidence.map((e) => (
                        <li key={e.id}>
                          <a href={evidenceUrl(c.id, e.id)} download={e.name}>
                            {e.name}
                          </a>{' '}
                          <span class="muted">({formatBytes(e.byteSize, lang)})</span>
                        </li>
                      ))}
                    </ul>
                  ) : u.evidenceCount && !c.permissions.readContent ? (
                    <p class="muted">{t('commitments.evidenceWithheld', { count: u.evidenceCount })}</p>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </Panel>
      </div>
    </Page>
  );
}
