import { countryName } from '../../lib/countries.ts';
import { formatLocalDay, localDay } from '../../lib/dates.ts';
import { UUID } from '../../lib/format.ts';
import { pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import { type RouteParams, useLocation } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ErrorAlert } from '../../ui/form.tsx';
import { Loading, Page } from '../../ui/page.tsx';
import { AnomaliesTable } from './anomalies-table.tsx';
import { type AuditEntry, fetchAnomalies, fetchFacets, fetchLog } from './api.ts';
import { EntriesTable } from './entries-table.tsx';
import { auditQuery, beforeFrom, logAddress, NO_FILTERS } from './filters.ts';
import { AuditTabs, CountryCode, LogPager } from './parts.tsx';

/** A person's timeline: what they did, a day at a time, newest first, and the anomalies flagged on them. */
export function AuditUserPage({ params }: { params: RouteParams }) {
  const { t, lang } = useI18n();
  const userId = (params.userId ?? '').toLowerCase();
  const valid = UUID.test(userId);
  const { query } = useLocation();
  const before = beforeFrom(query);
  const logQuery = auditQuery({ ...NO_FILTERS, actor: userId }, { before, limit: 100 }).toString();
  const log = useResource(valid ? () => fetchLog(logQuery) : null, [logQuery]);
  const facets = useResource(valid ? fetchFacets : null, []);
  const anomalies = useResource(valid ? () => fetchAnomalies('') : null, []);

  const person = facets.data?.actors.find((a) => a.id === userId) ?? log.data?.entries.find((e) => e.actor)?.actor ?? null;
  const title = person ? t('timeline.title', { name: person.displayName }) : t('timeline.unknown');
  const mine = anomalies.data?.anomalies.filter((a) => a.actor?.id === userId) ?? null;

  // Newest first, one group per calendar day of the reader.
  const days: [string, AuditEntry[]][] = [];
  for (const entry of log.data?.entries ?? []) {
    const day = localDay(entry.at);
    const last = days[days.length - 1];
    if (last && last[0] === day) last[1].push(entry);
    else days.push([day, [entry]]);
  }
  const address = `/audit/users/${userId}`;

  if (!valid) {
    return (
      <Page title={t('timeline.unknown')}>
        <AuditTabs current="log" />
        <p class="panel muted">{t('timeline.none')}</p>
      </Page>
    );
  }
  return (
    <Page
      title={title}
      lead={
        person ? (
          <>
            {person.email} · {countryName(person.country, lang, t)} <CountryCode code={person.country} />
          </>
        ) : (
          t('timeline.lead')
        )
      }
    >
      <AuditTabs current="log" />
      <p class="page-actions">
        <a href={logAddress({ ...NO_FILTERS, actor: userId })}>{t('timeline.inLog')}</a>
      </p>
      <section class="timeline-anomalies" aria-labelledby="timeline-anomalies">
        <h2 id="timeline-anomalies">{t('timeline.anomalies')}</h2>
        <ErrorAlert error={anomalies.error} />
        {mine === null ? null : mine.length ? (
          <AnomaliesTable anomalies={mine} caption={t('timeline.anomalies')} showWho={false} />
        ) : (
          <p class="muted">{t('timeline.noAnomalies')}</p>
        )}
      </section>
      <ErrorAlert error={log.error} />
      {!log.data ? (
        log.error ? null : (
          <Loading text={t('timeline.loading')} />
        )
      ) : log.data.entries.length === 0 ? (
        <p class="panel muted">{before ? t('audit.noMatch') : t('timeline.none')}</p>
      ) : (
        days.map(([day, entries]) => (
          <section key={day} class="timeline-day" aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`}>
              <time dateTime={day}>{formatLocalDay(day, lang)}</time>{' '}
              <span class="count muted">{t(pluralKey(lang, 'timeline.day', entries.length), { count: entries.length })}</span>
            </h2>
            <EntriesTable entries={entries} caption={formatLocalDay(day, lang)} timeline />
          </section>
        ))
      )}
      {log.data ? (
        <LogPager
          newest={before ? address : null}
          older={log.data.nextBefore ? `${address}?before=${log.data.nextBefore}` : null}
          label={t('timeline.pagination')}
        />
      ) : null}
    </Page>
  );
}
