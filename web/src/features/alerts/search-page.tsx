import { KeywordSearch, SearchCount, useKeywordSearch } from '../../items/keyword-search.tsx';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { Pager, pageCount } from '../../ui/pager.tsx';
import { AlertRow } from './alert-row.tsx';
import { AlertTabs } from './alert-tabs.tsx';
import { type AlertSearch, SEARCH_STATUSES, SEVERITIES, type SearchStatus, type Severity, searchAlerts } from './api.ts';

const PAGE_SIZE = 20;

// The filters live in the address; the keywords never do (they may name a person or a document).
interface SearchFilters {
  severity: Severity | '';
  status: SearchStatus | '';
  expired: boolean;
  mine: boolean;
  page: number;
}

function filtersFrom(query: URLSearchParams): SearchFilters {
  const severity = query.get('severity') ?? '';
  const status = query.get('status') ?? '';
  const page = Number(query.get('page') ?? '1');
  return {
    severity: (SEVERITIES as readonly string[]).includes(severity) ? (severity as Severity) : '',
    status: (SEARCH_STATUSES as readonly string[]).includes(status) ? (status as SearchStatus) : '',
    expired: query.get('expired') === '1',
    mine: query.get('mine') === '1',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

function filtersAddress(f: SearchFilters): string {
  const query = new URLSearchParams();
  if (f.severity) query.set('severity', f.severity);
  if (f.status) query.set('status', f.status);
  if (f.expired) query.set('expired', '1');
  if (f.mine) query.set('mine', '1');
  if (f.page > 1) query.set('page', String(f.page));
  const text = query.toString();
  return `/alerts/search${text ? `?${text}` : ''}`;
}

/** The body of a search: without "include expired", expired alerts are left out. */
function searchBody(f: SearchFilters, words: string): AlertSearch {
  const body: AlertSearch = {};
  if (words) body.q = words;
  if (f.severity) body.severity = f.severity;
  if (f.status) body.status = f.status;
  if (!f.expired) body.expired = 'false';
  if (f.mine) body.mine = 'true';
  body.page = f.page;
  body.pageSize = PAGE_SIZE;
  return body;
}

/** Every alert I may read, by keywords and filters. */
export function AlertsSearchPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const filters = filtersFrom(query);
  const go = (next: Partial<SearchFilters>) => navigate(filtersAddress({ ...filters, page: 1, ...next }));
  const search = useKeywordSearch(
    query.toString(),
    (words) => searchAlerts(searchBody(filters, words)),
    () => {
      if (filters.page !== 1) go({});
    },
  );
  const { data: result, loading, error } = search.result;
  return (
    <Page title={t('alerts.searchTitle')} lead={t('alerts.searchLead')}>
      <AlertTabs current="search" />
      <KeywordSearch formLabel={t('alerts.searchForm')} hint={t('alerts.keywordsHint')} box={search.box} />
      <div class="panel filters filters-dense alert-filters">
        <SelectField label={t('severity.label')} name="severity" value={filters.severity} onValue={(v) => go({ severity: v as Severity | '' })}>
          <Options items={SEVERITIES} label={(s) => t(`severity.${s}`)} empty={t('alerts.anySeverity')} />
        </SelectField>
        <SelectField label={t('specimens.status')} name="status" value={filters.status} onValue={(v) => go({ status: v as SearchStatus | '' })}>
          <Options items={SEARCH_STATUSES} label={(s) => t(`alertStatus.${s}`)} empty={t('specimens.anyStatus')} />
        </SelectField>
        <div class="field filter-checks">
          <label class="check">
            <input type="checkbox" name="expired" checked={filters.expired} onChange={(e) => go({ expired: e.currentTarget.checked })} />
            {t('alerts.includeExpired')}
          </label>
          <label class="check">
            <input type="checkbox" name="mine" checked={filters.mine} onChange={(e) => go({ mine: e.currentTarget.checked })} />
            {t('alerts.mine')}
          </label>
        </div>
      </div>
      <ErrorAlert error={error} />
      <SearchCount loading={loading} list={result} countKey="alerts.found" words={search.words} />
      {result && result.items.length === 0 && !loading ? <EmptyState title={t('alerts.noneFoundTitle')} text={t('alerts.noneFound')} /> : null}
      {result?.items.length ? (
        <ol class={loading ? 'alert-list specimen-list-loading' : 'alert-list'} aria-label={t('alerts.results')}>
          {result.items.map((card) => (
            <AlertRow key={card.id} card={card} />
          ))}
        </ol>
      ) : null}
      {result ? (
        <Pager
          page={filters.page}
          pages={pageCount(result)}
          label={t('alerts.pagination')}
          address={(p) => filtersAddress({ ...filters, page: p })}
        />
      ) : null}
    </Page>
  );
}
