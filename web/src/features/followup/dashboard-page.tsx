import { useMemo } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import type { Reply } from '../../lib/api-schema.ts';
import { countryName } from '../../lib/countries.ts';
import { formatDay } from '../../lib/dates.ts';
import { inLanguage, type MessageKey, useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert } from '../../ui/form.tsx';
import { Loading, Page } from '../../ui/page.tsx';
import { Table } from '../../ui/table.tsx';
import { Badge } from '../../ui/values.tsx';
import { type Dashboard, exportAddress, fetchDashboard, KINDS, type Kinds, type LoadingState } from './api.ts';
import { BarChart } from './bar-chart.tsx';

const STATES: LoadingState[] = ['late', 'due_soon', 'open', 'loaded_late', 'on_time'];
const TONES: Record<LoadingState, string> = { late: 'late', due_soon: 'due-soon', open: 'muted', loaded_late: 'due-soon', on_time: 'status-active' };
/** The states' colours in the charts (as their badges: red late, amber soon, green on time). */
const COLOURS: Record<LoadingState, string> = { late: '#a93226', due_soon: '#b7950b', open: '#7f8c8d', loaded_late: '#d35400', on_time: '#2e8540' };
const total = (k: Kinds) => KINDS.reduce((sum, kind) => sum + k[kind], 0);
const fetchNetworks = () => api<Reply<'/api/networks', 'get'>>('GET', '/api/networks');

/** The periods offered: this year and the last, whole, by semester and by quarter. */
function periods(today: Date): string[] {
  const year = today.getFullYear();
  return [year, year - 1].flatMap((y) => [`${y}-S1`, `${y}-S2`, `${y}`, `${y}-Q1`, `${y}-Q2`, `${y}-Q3`, `${y}-Q4`]);
}

/**
 * The Presidency's (and the Secretariat's) dashboard: per network, space and member country what
 * was loaded against the deadline, the period's items and activity, and how fast alerts were
 * acknowledged — figures only, as tables (and one chart with its table), printable and exported.
 */
export function DashboardPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const search = query.toString();
  const result = useResource(() => fetchDashboard(search), [search]);
  const networks = useResource(fetchNetworks, []);
  const d = result.data;
  const country = (code: string) => countryName(code, lang, t);
  const choose = (name: 'networkId' | 'period', value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(`/followup${next.size ? `?${next}` : ''}`);
  };
  return (
    <Page title={t('followup.title')} lead={t('followup.lead')}>
      <form class="panel filters filters-dense no-print" aria-label={t('followup.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('followup.network')} name="networkId" value={query.get('networkId') ?? ''} onValue={(v) => choose('networkId', v)}>
          <Options
            items={networks.data ?? []}
            value={(n) => n.id}
            label={(n) => inLanguage(lang, n.nameEs, n.nameEn)}
            empty={t('followup.allNetworks')}
          />
        </SelectField>
        <SelectField
          label={t('followup.period')}
          name="period"
          value={d?.period.label ?? query.get('period') ?? ''}
          onValue={(v) => choose('period', v)}
        >
          <Options items={periods(new Date())} label={(p) => p} />
        </SelectField>
        <div class="filters-actions">
          <a class="button button-secondary" href={exportAddress(search, 'csv', lang)} download>
            {t('followup.exportCsv')}
          </a>
          <a class="button button-secondary" href={exportAddress(search, 'pdf', lang)} download>
            {t('followup.exportPdf')}
          </a>
          <button type="button" class="button button-secondary" onClick={() => print()}>
            {t('followup.print')}
          </button>
        </div>
      </form>
      <ErrorAlert error={result.error} />
      {!d ? result.error ? null : <Loading text={t('followup.loading')} /> : <Figures d={d} country={country} />}
    </Page>
  );
}

function Figures({ d, country }: { d: Dashboard; country: (code: string) => string }) {
  const { t, lang } = useI18n();
  // Both kinds of obligation: each space × country against its loading deadline, each expected return.
  const obligations = [...d.loading, ...d.returns];
  const counts = Object.fromEntries(STATES.map((s) => [s, obligations.filter((o) => o.state === s).length])) as Record<LoadingState, number>;
  const months = useMemo(() => [...new Set(d.activity.map((a) => a.month))].sort(), [d]);
  const series = useMemo(
    () =>
      [...new Set(d.activity.map((a) => a.country))].sort().map((c) => ({
        name: country(c),
        counts: months.map((m) => d.activity.find((a) => a.month === m && a.country === c)?.count ?? 0),
      })),
    [d, months],
  );
  const returnCountries = useMemo(() => [...new Set(d.returns.map((r) => r.country))].sort(), [d]);
  const returnSeries = useMemo(
    () =>
      STATES.map((s) => ({
        name: t(`followup.state.${s}` as MessageKey),
        colour: COLOURS[s],
        counts: returnCountries.map((c) => d.returns.filter((r) => r.country === c && r.state === s).length),
      })),
    [d, returnCountries, lang],
  );
  return (
    <>
      <p class="muted">
        {t('followup.asOf', {
          period: d.period.label,
          from: formatDay(d.period.from, lang),
          to: formatDay(d.period.to, lang),
          today: formatDay(d.today, lang),
        })}
      </p>
      <ul class="followup-summary" aria-label={t('followup.summary')}>
        {STATES.map((s) => (
          <li key={s} class="panel">
            <strong>{counts[s]}</strong> <Badge tone={TONES[s]}>{t(`followup.state.${s}` as MessageKey)}</Badge>
          </li>
        ))}
      </ul>

      <h2 id="followup-loading">{t('followup.loadingTitle')}</h2>
      {d.loading.length === 0 ? (
        <p class="panel muted">{t('followup.noSpaces')}</p>
      ) : (
        <Table
          labelledBy="followup-loading"
          dense
          columns={[
            t('followup.space'),
            t('followup.deadline'),
            t('followup.country'),
            t('followup.state'),
            { label: t('followup.published'), class: 'cell-num' },
            { label: t('followup.pending'), class: 'cell-num' },
            t('followup.firstLoaded'),
          ]}
        >
          {d.loading.map((l) => (
            <tr key={`${l.spaceId}-${l.country}`}>
              <td>{inLanguage(lang, l.spaceNameEs, l.spaceNameEn)}</td>
              <td>{formatDay(l.loadingDeadline, lang)}</td>
              <td>{country(l.country)}</td>
              <td>
                <Badge tone={TONES[l.state]}>{t(`followup.state.${l.state}` as MessageKey)}</Badge>
              </td>
              <td class="cell-num">{total(l.published)}</td>
              <td class="cell-num">{total(l.pending)}</td>
              <td>{l.firstLoadedOn ? formatDay(l.firstLoadedOn, lang) : '—'}</td>
            </tr>
          ))}
        </Table>
      )}

      <h2 id="followup-returns">{t('followup.returnsTitle')}</h2>
      {d.returns.length === 0 ? (
        <p class="panel muted">{t('followup.noReturns')}</p>
      ) : (
        <Table
          labelledBy="followup-returns"
          dense
          columns={[
            t('followup.template'),
            t('followup.returnPeriod'),
            t('followup.country'),
            t('followup.deadline'),
            t('followup.returnStatus'),
            t('followup.state'),
          ]}
        >
          {d.returns.map((r) => (
            <tr key={`${r.templateId}-${r.period}-${r.country}`}>
              <td>{inLanguage(lang, r.titleEs, r.titleEn)}</td>
              <td>{r.period}</td>
              <td>{country(r.country)}</td>
              <td>{formatDay(r.dueOn, lang)}</td>
              <td>{t(`followup.returnStatus.${r.status}` as MessageKey)}</td>
              <td>
                <Badge tone={TONES[r.state]}>{t(`followup.state.${r.state}` as MessageKey)}</Badge>
              </td>
            </tr>
          ))}
        </Table>
      )}
      {returnCountries.length > 0 && (
        <>
          <h3 id="followup-returns-by-country">{t('followup.returnsByCountry')}</h3>
          <BarChart labels={returnCountries.map(country)} series={returnSeries} name="returns" />
          <Table
            labelledBy="followup-returns-by-country"
            dense
            columns={[t('followup.country'), ...STATES.map((s) => ({ label: t(`followup.state.${s}` as MessageKey), class: 'cell-num' }))]}
          >
            {returnCountries.map((c, ci) => (
              <tr key={c}>
                <td>{country(c)}</td>
                {returnSeries.map((s) => (
                  <td key={s.name} class="cell-num">
                    {s.counts[ci]}
                  </td>
                ))}
              </tr>
            ))}
          </Table>
        </>
      )}

      <h2 id="followup-items">{t('followup.itemsTitle')}</h2>
      {d.items.length === 0 ? (
        <p class="panel muted">{t('followup.none')}</p>
      ) : (
        <Table
          labelledBy="followup-items"
          dense
          columns={[t('followup.country'), ...KINDS.map((k) => ({ label: t(`followup.kind.${k}` as MessageKey), class: 'cell-num' }))]}
        >
          {d.items.map((i) => (
            <tr key={i.country}>
              <td>{country(i.country)}</td>
              {KINDS.map((k) => (
                <td key={k} class="cell-num">
                  {t('followup.publishedPending', { published: i.published[k], pending: i.pending[k] })}
                </td>
              ))}
            </tr>
          ))}
        </Table>
      )}

      <h2 id="followup-activity">{t('followup.activityTitle')}</h2>
      {months.length === 0 ? (
        <p class="panel muted">{t('followup.none')}</p>
      ) : (
        <>
          <BarChart labels={months} series={series} name="activity" />
          <Table labelledBy="followup-activity" dense columns={[t('followup.month'), ...series.map((s) => ({ label: s.name, class: 'cell-num' }))]}>
            {months.map((m, mi) => (
              <tr key={m}>
                <td>{m}</td>
                {series.map((s) => (
                  <td key={s.name} class="cell-num">
                    {s.counts[mi]}
                  </td>
                ))}
              </tr>
            ))}
          </Table>
        </>
      )}

      <h2 id="followup-alerts">{t('followup.alertsTitle')}</h2>
      {d.alerts.length === 0 ? (
        <p class="panel muted">{t('followup.none')}</p>
      ) : (
        <Table
          labelledBy="followup-alerts"
          dense
          columns={[
            t('followup.country'),
            { label: t('followup.delivered'), class: 'cell-num' },
            { label: t('followup.acknowledged'), class: 'cell-num' },
            { label: t('followup.medianHours'), class: 'cell-num' },
            { label: t('followup.p90Hours'), class: 'cell-num' },
          ]}
        >
          {d.alerts.map((a) => (
            <tr key={a.country}>
              <td>{country(a.country)}</td>
              <td class="cell-num">{a.delivered}</td>
              <td class="cell-num">{a.acknowledged}</td>
              <td class="cell-num">{a.medianHours ?? '—'}</td>
              <td class="cell-num">{a.p90Hours ?? '—'}</td>
            </tr>
          ))}
        </Table>
      )}

      <h2 id="followup-commitments">{t('followup.commitmentsTitle')}</h2>
      {d.commitments.length === 0 ? (
        <p class="panel muted">{t('followup.noCommitments')}</p>
      ) : (
        <Table
          labelledBy="followup-commitments"
          dense
          columns={[
            t('followup.responsible'),
            { label: t('followup.notStarted'), class: 'cell-num' },
            { label: t('followup.inProgress'), class: 'cell-num' },
            { label: t('followup.done'), class: 'cell-num' },
            { label: t('followup.overdue'), class: 'cell-num' },
          ]}
        >
          {d.commitments.map((c) => (
            <tr key={c.responsible}>
              <td>{country(c.responsible)}</td>
              <td class="cell-num">{c.notStarted}</td>
              <td class="cell-num">{c.inProgress}</td>
              <td class="cell-num">{c.done}</td>
              <td class="cell-num">{c.overdue ? <Badge tone="late">{c.overdue}</Badge> : 0}</td>
            </tr>
          ))}
        </Table>
      )}

      <h2 id="followup-trainings">{t('followup.trainingsTitle')}</h2>
      {d.trainings.length === 0 ? (
        <p class="panel muted">{t('followup.noTrainings')}</p>
      ) : (
        <Table
          labelledBy="followup-trainings"
          dense
          columns={[
            t('followup.country'),
            t('followup.topic'),
            { label: t('followup.officials'), class: 'cell-num' },
            { label: t('followup.trainingActivities'), class: 'cell-num' },
          ]}
        >
          {d.trainings.map((r) => (
            <tr key={`${r.country}-${r.topic}`}>
              <td>{country(r.country)}</td>
              <td>{t(`meetings.topic.${r.topic}`)}</td>
              <td class="cell-num">{r.officials}</td>
              <td class="cell-num">{r.meetings}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
