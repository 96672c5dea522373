import { ItemMetadata } from '../../../items/metadata.tsx';
import { countryName } from '../../../lib/countries.ts';
import { formatDate } from '../../../lib/dates.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { Panel } from '../../../ui/panel.tsx';
import type { ReportView } from '../api.ts';
import { categoryLabel, type ReportReference, term } from '../reference.ts';
import { periodText } from '../report-row.tsx';

/** What the report is about: its kind, summary, countries, modes and period. */
export function ReportFacts({ view, reference }: { view: ReportView; reference: ReportReference | null }) {
  const { t, lang } = useI18n();
  const countries = view.countries ?? [];
  const modes = view.modes ?? [];
  return (
    <Panel id="report-summary-title" title={t('report.summary')}>
      {view.summary ? <p class="report-summary">{view.summary}</p> : <p class="muted">{t('report.noSummary')}</p>}
      <dl class="facts">
        <dt>{t('report.kind')}</dt>
        <dd>{view.reportKind ? term(reference, 'kinds', view.reportKind, lang) : null}</dd>
        {view.category ? (
          <>
            <dt>{t('report.category')}</dt>
            <dd>{categoryLabel(reference, view.category, lang)}</dd>
          </>
        ) : null}
        <dt>{t('reports.countries')}</dt>
        <dd>{countries.length ? countries.map((c) => countryName(c, lang, t)).join(', ') : t('specimens.notGiven')}</dd>
        {modes.length ? (
          <>
            <dt>{t('reports.modes')}</dt>
            <dd>{modes.map((m) => term(reference, 'transportModes', m, lang)).join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('reports.period')}</dt>
        <dd>{periodText(view.periodFrom, view.periodUntil, lang, t)}</dd>
        {view.publishedAt ? (
          <>
            <dt>{t('report.publishedAt')}</dt>
            <dd>{formatDate(view.publishedAt, lang)}</dd>
          </>
        ) : null}
      </dl>
    </Panel>
  );
}

/** What anyone who may see a report sees, its content or not: the same facts as every kind's item. */
export const Handling = ItemMetadata;
