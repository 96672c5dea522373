import { useEffect, useId, useState } from 'preact/hooks';
import { toLocalInput } from '../../lib/dates.ts';
import { pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ErrorAlert, errorFieldProps, type FormError, focusField } from '../../ui/form.tsx';
import { Loading, Page } from '../../ui/page.tsx';
import { AnomaliesTable } from './anomalies-table.tsx';
import { type AuditAnomalies, fetchAnomalies } from './api.ts';
import { auditFiltersFrom, auditQuery, checkDraft, NO_FILTERS } from './filters.ts';
import { AuditTabs, PeriodFields } from './parts.tsx';

/** Anomalies flagged in a period (by default the last week): too many reads or denials in an hour, activity at an unusual hour. */
export function AuditAnomaliesPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const search = query.toString();
  const { from, to } = auditFiltersFrom(query);
  const period = auditQuery({ ...NO_FILTERS, from, to }).toString();
  const result = useResource(() => fetchAnomalies(period), [period]);
  const [draft, setDraft] = useState({ from: toLocalInput(from), to: toLocalInput(to) });
  const [formError, setFormError] = useState<FormError | null>(null);
  const errorId = useId();
  const countId = useId();
  useEffect(() => {
    setDraft({ from: toLocalInput(from), to: toLocalInput(to) });
    setFormError(null);
  }, [search]);

  const data = result.data;
  return (
    <Page title={t('anomalies.title')} lead={t('anomalies.lead')}>
      <AuditTabs current="anomalies" />
      <form
        class="panel filters filters-dense filters-period"
        aria-label={t('anomalies.period')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const checked = checkDraft({ ...NO_FILTERS, ...draft }, t);
          if ('message' in checked) {
            setFormError(checked);
            if (checked.field) focusField(e.currentTarget as HTMLFormElement, checked.field);
            return;
          }
          const next = auditQuery({ ...NO_FILTERS, from: checked.from, to: checked.to }).toString();
          navigate(next ? `/audit/anomalies?${next}` : '/audit/anomalies');
        }}
      >
        <PeriodFields
          draft={draft}
          onField={(name) => (value) => setDraft((d) => ({ ...d, [name]: value }))}
          fieldProps={errorFieldProps(formError, errorId)}
        />
        <div class="filters-actions">
          <button type="submit" class="button button-secondary">
            {t('anomalies.show')}
          </button>
          {from || to ? <a href="/audit/anomalies">{t('anomalies.lastWeek')}</a> : <span class="muted">{t('anomalies.periodHint')}</span>}
        </div>
      </form>
      {data ? <Thresholds thresholds={data.thresholds} /> : null}
      <ErrorAlert error={formError ?? result.error} id={errorId} />
      {!data ? (
        result.error ? null : (
          <Loading text={t('anomalies.loading')} />
        )
      ) : (
        <>
          <p class="results-count" id={countId} role="status">
            {t(pluralKey(lang, 'anomalies.total', data.anomalies.length), { count: data.anomalies.length })}
          </p>
          {data.anomalies.length === 0 ? (
            <p class="panel muted">{t('anomalies.none')}</p>
          ) : (
            <AnomaliesTable anomalies={data.anomalies} caption={t('anomalies.title')} />
          )}
        </>
      )}
    </Page>
  );
}

/** What counts as an anomaly, as the server is set. */
function Thresholds({ thresholds }: { thresholds: AuditAnomalies['thresholds'] }) {
  const { t, lang } = useI18n();
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(lang);
  const rows = [
    ['anomalies.readsPerHour', number.format(thresholds.readsPerHour)],
    ['anomalies.denialsPerHour', number.format(thresholds.denialsPerHour)],
    ['anomalies.personLookupsPerHour', number.format(thresholds.personLookupsPerHour)],
    ['anomalies.unusualHourShare', percent.format(thresholds.unusualHourShare)],
    ['anomalies.minHistory', number.format(thresholds.minHistory)],
  ] as const;
  return (
    <section class="thresholds" aria-labelledby="anomaly-thresholds">
      <h2 id="anomaly-thresholds">{t('anomalies.thresholds')}</h2>
      <dl>
        {rows.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
