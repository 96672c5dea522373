import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert, Form, useForm } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { Table } from '../../ui/table.tsx';
import { fetchRollup, fetchTemplates, type Rollup, rollupFile, type Template } from './api.ts';
import { label, periodLabel, recentPeriods, titleOf } from './parts.tsx';
import type { ChartData } from './rollup-chart.ts';

type ChartModule = typeof import('./rollup-chart.ts');
let loading: Promise<ChartModule> | null = null;

/** The groups a trend draws: the largest few (the table has them all). */
const TREND_GROUPS = 6;

/**
 * A matrix template's roll-up across the countries' submitted returns: for one period, each group's
 * adults and minors (a stacked bar chart); across periods, each group's total (a line per group) —
 * the same figures in an accessible table below, and exported as CSV or XLSX. The choice is in the
 * address, so a roll-up can be linked to.
 */
export function RollupPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const templates = useResource(() => fetchTemplates(), []);
  const matrices = (templates.data?.items ?? []).filter((x) => x.kind === 'matrix');
  const templateId = query.get('templateId') ?? matrices[0]?.id ?? '';
  const template = matrices.find((x) => x.id === templateId) ?? null;
  const period = query.get('period') ?? '';
  const by = query.get('by') ?? template?.dimensions[0]?.key ?? '';
  const rollup = useResource(template ? () => fetchRollup({ templateId: template.id, period: period || undefined, by }) : null, [
    template?.id,
    period,
    by,
  ]);
  return (
    <Page title={t('returns.rollupTitle')} lead={t('returns.rollupLead')}>
      <p class="actions">
        <a href="/returns">{t('returns.back')}</a>
      </p>
      <ErrorAlert error={templates.error ?? rollup.error} />
      {templates.data && !matrices.length ? <EmptyState title={t('returns.rollupTitle')} text={t('returns.noMatrix')} /> : null}
      {template ? <Choice key={`${template.id}:${period}:${by}`} matrices={matrices} template={template} period={period} by={by} /> : null}
      {template && rollup.data ? <RollupView rollup={rollup.data} period={period} /> : null}
      {template ? (
        <p class="actions">
          <a href={rollupFile({ templateId: template.id, period: period || undefined, by, format: 'csv', language: lang })} download>
            {t('returns.exportCsv')}
          </a>
          <a href={rollupFile({ templateId: template.id, period: period || undefined, by, format: 'xlsx', language: lang })} download>
            {t('returns.exportXlsx')}
          </a>
        </p>
      ) : null}
    </Page>
  );
}

function Choice({ matrices, template, period, by }: { matrices: Template[]; template: Template; period: string; by: string }) {
  const { t, lang } = useI18n();
  const form = useForm({ templateId: template.id, period, by }, async (values) => {
    const params = new URLSearchParams({ templateId: values.templateId, by: values.by });
    if (values.period) params.set('period', values.period);
    navigate(`/returns/rollup?${params}`);
  });
  const groupings = [...template.dimensions.map((d) => ({ key: d.key, name: label(lang, d) })), { key: 'country', name: t('returns.byCountry') }];
  return (
    <Form form={form} submit={t('returns.show')} class="form form-inline">
      <SelectField label={t('returns.template')} {...form.bind('templateId')}>
        <Options items={matrices} value={(x) => x.id} label={(x) => titleOf(lang, x)} />
      </SelectField>
      <SelectField label={t('returns.period')} {...form.bind('period')}>
        <Options items={recentPeriods(template.periodKind)} label={(p) => periodLabel(p, t)} empty={t('returns.allPeriods')} />
      </SelectField>
      <SelectField label={t('returns.groupBy')} {...form.bind('by')}>
        <Options items={groupings} value={(g) => g.key} label={(g) => g.name} />
      </SelectField>
    </Form>
  );
}

function RollupView({ rollup, period }: { rollup: Rollup; period: string }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const title = titleOf(lang, rollup.template);
  const chart = useMemo<ChartData>(
    // One period (chosen, or the only one with figures): adults and minors per group; several: the trend.
    () =>
      period || new Set(rollup.rows.map((r) => r.period)).size === 1
        ? {
            kind: 'bar',
            labels: rollup.rows.map((r) => r.label),
            series: [
              { label: t('returns.adults'), values: rollup.rows.map((r) => r.adults) },
              { label: t('returns.minors'), values: rollup.rows.map((r) => r.minors) },
            ],
          }
        : trend(rollup),
    [rollup, period, t],
  );
  if (!rollup.rows.length) return <EmptyState title={title} text={t('returns.rollupEmpty')} />;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ul class="plain-list">
        {rollup.periods.map((p) => (
          <li key={p.period}>{t('returns.submittedCount', { period: periodLabel(p.period, t), submitted: p.submitted, concerned: p.concerned })}</li>
        ))}
      </ul>
      <ChartCanvas data={chart} label={t('returns.chartLabel', { title })} />
      <Table
        caption={title}
        columns={[
          t('returns.period'),
          rollup.by === 'country'
            ? t('returns.byCountry')
            : label(lang, rollup.template.dimensions.find((d) => d.key === rollup.by) ?? { key: '', labelEs: rollup.by, labelEn: rollup.by }),
          { label: t('returns.adults'), class: 'cell-num' },
          { label: t('returns.minors'), class: 'cell-num' },
          { label: t('returns.total'), class: 'cell-num' },
        ]}
      >
        {rollup.rows.map((r) => (
          <tr key={`${r.period}:${r.key}`}>
            <td>{periodLabel(r.period, t)}</td>
            <th scope="row">{r.label}</th>
            <td class="cell-num">{r.adults.toLocaleString(lang)}</td>
            <td class="cell-num">{r.minors.toLocaleString(lang)}</td>
            <td class="cell-num">{r.total.toLocaleString(lang)}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

/** Each of the largest groups' total per period (0 where a period has none). */
function trend(rollup: Rollup): ChartData {
  const periods = [...new Set(rollup.rows.map((r) => r.period))].sort();
  const totals = new Map<string, { label: string; total: number; per: Map<string, number> }>();
  for (const r of rollup.rows) {
    let group = totals.get(r.key);
    if (!group) totals.set(r.key, (group = { label: r.label, total: 0, per: new Map() }));
    group.total += r.total;
    group.per.set(r.period, r.total);
  }
  const largest = [...totals.values()].sort((a, b) => b.total - a.total).slice(0, TREND_GROUPS);
  return { kind: 'line', labels: periods, series: largest.map((g) => ({ label: g.label, values: periods.map((p) => g.per.get(p) ?? 0) })) };
}

function ChartCanvas({ data, label: description }: { data: ChartData; label: string }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [module, setModule] = useState<ChartModule | null>(null);
  useEffect(() => {
    let current = true;
    loading ??= import('./rollup-chart.ts');
    loading.then(
      (loaded) => current && setModule(loaded),
      () => {
        loading = null;
      },
    );
    return () => {
      current = false;
    };
  }, []);
  useEffect(() => (module && canvas.current ? module.drawChart(canvas.current, data) : undefined), [module, data]);
  return (
    <div class="rollup-chart">
      {module ? null : <p class="loading">{t('returns.chartLoading')}</p>}
      <canvas ref={canvas} role="img" aria-label={description} />
    </div>
  );
}
