import { useId, useState } from 'preact/hooks';
import { useItemRoles } from '../../items/item-roles.ts';
import { KeywordSearch, SearchCount, useKeywordSearch } from '../../items/keyword-search.tsx';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useCurrentSpace } from '../../lib/spaces.ts';
import { useAction } from '../../ui/dialog.tsx';
import { ErrorAlert } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { Pager, pageCount } from '../../ui/pager.tsx';
import { exportReports, searchReports } from './api.ts';
import { Facets } from './facets.tsx';
import { ALL_SPACES, type Filters, filtersFrom, filtersQuery, hasFilters, LIST_FACETS, NO_FILTERS, searchBody } from './filters.ts';
import { useReportReference } from './reference.ts';
import { ReportRow } from './report-row.tsx';
import { ReportTabs } from './report-tabs.tsx';

const PAGE_SIZE = 20;
/** The formats the list exports to, each with its button's label. */
const EXPORTS = [
  ['csv', 'reports.exportCsv'],
  ['json', 'reports.exportJson'],
  ['geojson', 'reports.exportGeojson'],
] as const;

/**
 * The reports I may read: keywords, facets with their counts beside the results, pages. In the
 * current space (the switcher's) unless the address names another, or all of mine (`space=all`).
 */
export function ReportsPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const { ref: reference } = useReportReference();
  const filters = filtersFrom(query);
  const { spaces, member } = useItemRoles();
  const current = useCurrentSpace();
  const scope = filters.space === ALL_SPACES ? '' : filters.space || current?.id || '';
  const scoped: Filters = { ...filters, space: scope };
  const address = (next: Partial<Filters>) => `/reports${filtersQuery({ ...filters, page: 1, ...next })}`;
  const go = (next: Partial<Filters>) => navigate(address(next));
  const search = useKeywordSearch(
    `${query.toString()}#${scope}`,
    (words) => searchReports({ ...searchBody(scoped, words), page: filters.page, pageSize: PAGE_SIZE }),
    () => {
      if (filters.page !== 1) go({});
    },
    // Once the spaces (the current one) are known.
    spaces !== null,
  );
  const { data: result, loading } = search.result;
  const [facetsOpen, setFacetsOpen] = useState(() => typeof matchMedia !== 'function' || matchMedia('(min-width: 60rem)').matches);
  const countId = useId();
  const exporting = useAction();
  const exportAs = (format: (typeof EXPORTS)[number][0]) =>
    exporting.run(() => {
      const { page: _page, pageSize: _size, ...body } = searchBody(scoped, search.words);
      return exportReports({ ...body, format, language: lang });
    });

  const space = scope ? spaces?.find((s) => s.id === scope) : null;
  const filtered = hasFilters(filters) || !!search.words;
  const activeFilters =
    LIST_FACETS.reduce((n, f) => n + filters[f].length, 0) + (filters.nationality ? 1 : 0) + (filters.status ? 1 : 0) + (filters.mine ? 1 : 0);

  return (
    <Page title={t('reports.title')} lead={t('reports.lead')}>
      <ReportTabs current={filters.status === 'submitted' && filters.space === ALL_SPACES ? 'validation' : 'search'} />
      <KeywordSearch formLabel={t('reports.keywordSearch')} hint={t('reports.keywordsHint')} box={search.box} />
      {scope ? (
        <p class="scope-note">
          {filters.space
            ? t('specimens.inSpace', { space: space ? nameIn(lang, space) : scope })
            : t('specimens.inCurrentSpace', { space: space ? nameIn(lang, space) : scope })}{' '}
          <a href={address({ space: ALL_SPACES })}>{t('specimens.searchAllSpaces')}</a>
        </p>
      ) : filters.space === ALL_SPACES && current ? (
        <p class="scope-note">
          {t('specimens.inAllSpaces')} <a href={address({ space: '' })}>{t('specimens.onlyCurrentSpace', { space: nameIn(lang, current) })}</a>
        </p>
      ) : null}
      <div class="specimen-layout">
        <aside class="panel facets-panel" aria-labelledby={`${countId}-refine`}>
          {/* Open beside the results on a wide screen; folded above them on a phone. */}
          <details open={facetsOpen} onToggle={(e) => setFacetsOpen(e.currentTarget.open)}>
            <summary class="facets-title" id={`${countId}-refine`}>
              {t('specimens.refine')}
              {activeFilters ? <span class="facets-active"> ({activeFilters})</span> : null}
            </summary>
            <Facets filters={filters} result={result} reference={reference} go={go} />
            {hasFilters(filters) ? (
              <p class="facets-clear">
                <a href={`/reports${filtersQuery({ ...NO_FILTERS, space: filters.space })}`}>{t('specimens.clearFilters')}</a>
              </p>
            ) : null}
          </details>
        </aside>
        <div class="specimen-results">
          <div class="results-bar">
            <SearchCount id={countId} loading={loading} list={result} countKey="reports.count" words={search.words} />
            <div class="results-tools">
              <div class="export-buttons" role="group" aria-label={t('reports.export')}>
                {EXPORTS.map(([format, label]) => (
                  <button
                    key={format}
                    type="button"
                    class="button button-secondary button-small"
                    aria-disabled={exporting.busy ? 'true' : undefined}
                    onClick={() => exportAs(format)}
                  >
                    {t(label)}
                  </button>
                ))}
              </div>
            </div>
          </div>
          <ErrorAlert error={search.result.error ?? exporting.error} />
          {result && result.items.length === 0 && !loading ? (
            <EmptyState
              title={filtered ? t('reports.noMatchTitle') : t('reports.emptyTitle')}
              text={filtered ? t('reports.noMatch') : member ? t('reports.empty') : t('reports.emptyNotMember')}
            />
          ) : null}
          {result?.items.length ? (
            <ol class={loading ? 'specimen-list specimen-list-loading' : 'specimen-list'} aria-describedby={countId}>
              {result.items.map((card) => (
                <ReportRow key={card.id} card={card} reference={reference} />
              ))}
            </ol>
          ) : null}
          {result ? (
            <Pager
              page={result.page}
              pages={pageCount(result)}
              label={t('reports.pagination')}
              address={(page) => `/reports${filtersQuery({ ...filters, page })}`}
            />
          ) : null}
        </div>
      </div>
    </Page>
  );
}
