import { useId, useState } from 'preact/hooks';
import { SearchCount } from '../../items/keyword-search.tsx';
import { StateOptions } from '../../items/states.tsx';
import { takeFlash } from '../../lib/flash.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { Pager, pageCount } from '../../ui/pager.tsx';
import { listPersons } from './api.ts';
import { type Filters, filtersFrom, filtersQuery, hasFilters, listBody, NO_FILTERS, STATUS_FILTERS } from './filters.ts';
import { PersonRow } from './person-row.tsx';
import { BlankFormLink, PersonTabs } from './person-tabs.tsx';
import { TermOptions, usePersonReference } from './reference.tsx';

const PAGE_SIZE = 20;

/**
 * My country's person records, by their clear facets (form, role, outcome, where and when detected,
 * status), newest first — never a name; with `?status=submitted`, the validation queue. Records of
 * other countries are found with the person check.
 */
export function PersonsPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const { ref: reference } = usePersonReference();
  const filters = filtersFrom(query);
  const result = useResource(() => listPersons(listBody(filters, PAGE_SIZE)), [query.toString()]);
  const countId = useId();
  // What a step taken on a record opened from the queue says, back here.
  const [notice] = useState(takeFlash);
  const go = (next: Partial<Filters>) => navigate(`/persons${filtersQuery({ ...filters, page: 1, ...next })}`);
  const queue = filters.status === 'submitted' && !hasFilters({ ...filters, status: '' });
  const list = result.data;
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));

  return (
    <Page title={t(queue ? 'persons.queueTitle' : 'persons.title')} lead={t(queue ? 'persons.queueLead' : 'persons.lead')}>
      <PersonTabs current={queue ? 'validation' : 'list'} />
      {notice ? <Notice>{notice}</Notice> : null}
      <p class="page-actions blank-links">
        {t('persons.blankForms')} <BlankFormLink form="person" /> · <BlankFormLink form="minors" />
      </p>
      <div class="specimen-layout">
        <aside class="panel facets-panel" aria-labelledby={`${countId}-refine`}>
          <h2 class="facets-title" id={`${countId}-refine`}>
            {t('specimens.refine')}
          </h2>
          <div class="facets person-filters">
            <SelectField label={t('person.form')} name="form" value={filters.form} onValue={(form) => go({ form })}>
              <TermOptions terms={reference?.forms} empty={t('persons.any')} />
            </SelectField>
            <SelectField label={t('person.role')} name="role" value={filters.role} onValue={(role) => go({ role })}>
              <TermOptions terms={reference?.roles} empty={t('persons.any')} />
            </SelectField>
            <SelectField label={t('person.outcome')} name="outcome" value={filters.outcome} onValue={(outcome) => go({ outcome })}>
              <TermOptions terms={reference?.outcomes} empty={t('persons.any')} />
            </SelectField>
            <SelectField label={t('person.detectionCountry')} name="country" value={filters.country} onValue={(country) => go({ country })}>
              <option value="">{t('persons.any')}</option>
              <StateOptions />
            </SelectField>
            <SelectField label={t('person.detectionYear')} name="year" value={filters.year} onValue={(year) => go({ year })}>
              <Options
                items={filters.year && !years.includes(filters.year) ? [...years, filters.year] : years}
                label={(y) => y}
                empty={t('persons.any')}
              />
            </SelectField>
            <SelectField
              label={t('specimens.status')}
              name="status"
              value={filters.status}
              onValue={(status) => go({ status: status as Filters['status'] })}
            >
              <Options items={STATUS_FILTERS} label={(s) => t(`itemStatus.${s}`)} empty={t('specimens.anyStatus')} />
            </SelectField>
          </div>
          {hasFilters(filters) ? (
            <p class="facets-clear">
              <a href={`/persons${filtersQuery(NO_FILTERS)}`}>{t('specimens.clearFilters')}</a>
            </p>
          ) : null}
        </aside>
        <div class="specimen-results">
          <div class="results-bar">
            <SearchCount id={countId} loading={result.loading} list={list} countKey="persons.count" words="" />
          </div>
          <ErrorAlert error={result.error} />
          {list && list.items.length === 0 && !result.loading ? (
            <EmptyState
              title={t(queue ? 'persons.queueEmptyTitle' : hasFilters(filters) ? 'persons.noMatchTitle' : 'persons.emptyTitle')}
              text={t(queue ? 'persons.queueEmpty' : hasFilters(filters) ? 'persons.noMatch' : 'persons.empty')}
            />
          ) : null}
          {list?.items.length ? (
            <ol class={result.loading ? 'specimen-list specimen-list-loading' : 'specimen-list'} aria-describedby={countId}>
              {list.items.map((card) => (
                <PersonRow key={card.id} card={card} reference={reference} fromQueue={queue} />
              ))}
            </ol>
          ) : null}
          {list ? (
            <Pager
              page={list.page}
              pages={pageCount(list)}
              label={t('persons.pagination')}
              address={(page) => `/persons${filtersQuery({ ...filters, page })}`}
            />
          ) : null}
        </div>
      </div>
    </Page>
  );
}
