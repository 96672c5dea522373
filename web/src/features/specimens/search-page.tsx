import { useId, useState } from 'preact/hooks';
import { useItemRoles } from '../../items/item-roles.ts';
import { KeywordSearch, SearchCount, useKeywordSearch } from '../../items/keyword-search.tsx';
import { useReference } from '../../items/reference.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useCurrentSpace } from '../../lib/spaces.ts';
import { useAction } from '../../ui/dialog.tsx';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { Pager, pageCount } from '../../ui/pager.tsx';
import { exportSpecimens, searchSpecimens } from './api.ts';
import { Facets } from './facets.tsx';
import {
  ALL_SPACES,
  addressHadUnknown,
  type Filters,
  filtersFrom,
  filtersQuery,
  hasFilters,
  knownFilters,
  LIST_FACETS,
  NO_FILTERS,
  SORTS,
  searchBody,
} from './filters.ts';
import { SaveSearch } from './save-search.tsx';
import { SpecimenRow } from './specimen-row.tsx';
import { SpecimenTabs } from './specimen-tabs.tsx';

const PAGE_SIZE = 20;

/** The formats the list exports to, each with its button's label. */
const EXPORTS = [
  ['csv', 'specimens.exportCsv'],
  ['json', 'specimens.exportJson'],
] as const;

/**
 * The specimens I may read: keywords, facets beside the results, a sort, pages, and an export of what is selected.
 * In the current space (the switcher's) unless the address names another, or all of mine (`space=all`).
 */
export function SpecimensPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const { ref: reference, error: referenceError } = useReference();
  // Values the vocabularies do not know are left out (and said so), never sent to be refused.
  const filters = reference ? knownFilters(filtersFrom(query), reference) : filtersFrom(query);
  const unknownFilters = !!reference && addressHadUnknown(query, filters);
  const { spaces, member } = useItemRoles();
  const current = useCurrentSpace();
  const scope = filters.space === ALL_SPACES ? '' : filters.space || current?.id || '';
  const scoped: Filters = { ...filters, space: scope };
  const address = (next: Partial<Filters>) => `/specimens${filtersQuery({ ...filters, page: 1, ...next })}`;
  const go = (next: Partial<Filters>) => navigate(address(next));
  const search = useKeywordSearch(
    `${query.toString()}#${scope}`,
    (words) => searchSpecimens({ ...searchBody(scoped, words), page: filters.page, pageSize: PAGE_SIZE }),
    () => {
      if (filters.page !== 1) go({});
    },
    // Once the spaces (the current one) and the vocabularies (the filters' values) are known.
    spaces !== null && (reference !== null || !!referenceError),
  );
  const { data: result, loading } = search.result;
  const exporting = useAction();
  const [facetsOpen, setFacetsOpen] = useState(() => typeof matchMedia !== 'function' || matchMedia('(min-width: 60rem)').matches);
  const countId = useId();

  const space = scope ? spaces?.find((s) => s.id === scope) : null;
  const filtered = hasFilters(filters) || !!search.words;
  const activeFilters =
    LIST_FACETS.reduce((n, f) => n + filters[f].length, 0) + (filters.from || filters.to ? 1 : 0) + (filters.status ? 1 : 0) + (filters.mine ? 1 : 0);
  const exportAs = (format: 'csv' | 'json') => exporting.run(() => exportSpecimens({ ...searchBody(scoped, search.words), format, language: lang }));

  return (
    <Page title={t('specimens.title')} lead={t('specimens.lead')}>
      <SpecimenTabs current="search" />
      <KeywordSearch formLabel={t('specimens.keywordSearch')} hint={t('specimens.keywordsHint')} box={search.box} />
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
      {unknownFilters ? <Notice tone="info">{t('specimens.unknownFilters')}</Notice> : null}
      <SaveSearch filters={scoped} words={search.words} />
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
                <a href={`/specimens${filtersQuery({ ...NO_FILTERS, space: filters.space, sort: filters.sort })}`}>{t('specimens.clearFilters')}</a>
              </p>
            ) : null}
          </details>
        </aside>
        <div class="specimen-results">
          <div class="results-bar">
            <SearchCount id={countId} loading={loading} list={result} countKey="specimens.count" words={search.words} />
            <div class="results-tools">
              <SelectField label={t('specimens.sort')} name="sort" value={filters.sort} onValue={(v) => go({ sort: v as Filters['sort'] })}>
                <Options items={SORTS} label={(s) => t(`specimens.sort.${s}`)} />
              </SelectField>
              <div class="export-buttons" role="group" aria-label={t('specimens.export')}>
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
              title={filtered ? t('specimens.noMatchTitle') : t('specimens.emptyTitle')}
              text={filtered ? t('specimens.noMatch') : member ? t('specimens.empty') : t('specimens.emptyNotMember')}
            />
          ) : null}
          {result?.items.length ? (
            <ol class={loading ? 'specimen-list specimen-list-loading' : 'specimen-list'} aria-describedby={countId}>
              {result.items.map((card) => (
                <SpecimenRow key={card.id} card={card} reference={reference} />
              ))}
            </ol>
          ) : null}
          {result ? (
            <Pager
              page={result.page}
              pages={pageCount(result)}
              label={t('specimens.pagination')}
              address={(page) => `/specimens${filtersQuery({ ...filters, page })}`}
            />
          ) : null}
        </div>
      </div>
    </Page>
  );
}
