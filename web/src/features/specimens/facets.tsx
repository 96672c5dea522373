import { useEffect, useId, useState } from 'preact/hooks';
import { FacetGroups, type FacetsProps, WorkflowFacet } from '../../items/facets.tsx';
import { featureLabel, issuerName, type Reference, termLabel } from '../../items/reference.ts';
import { countryName } from '../../lib/countries.ts';
import type { FormError } from '../../lib/errors.ts';
import { type Language, type Translate, useI18n } from '../../lib/i18n/index.tsx';
import { TextField } from '../../ui/fields.tsx';
import { ErrorAlert, errorFieldProps } from '../../ui/form.tsx';
import type { SearchResult } from './api.ts';
import { type Filters, LIST_FACETS, type ListFacet, periodYear, STATUS_FILTERS, yearBounds } from './filters.ts';

function facetLabel(facet: ListFacet | 'year', value: string, reference: Reference | null, lang: Language, t: Translate): string {
  switch (facet) {
    case 'type':
      return termLabel(reference?.documentTypes, value, lang);
    case 'category':
      return termLabel(reference?.categories, value, lang);
    case 'feature':
      return featureLabel(reference, value, lang);
    case 'issuingCountry':
      return issuerName(reference, value, lang, t);
    case 'detectionCountry':
      return countryName(value, lang, t);
    default:
      return value;
  }
}

/** The facets beside the results: a group of checkboxes each, the year, the period, the workflow. */
export function Facets({ filters, result, reference, go }: FacetsProps<Filters, SearchResult, Reference>) {
  const { t, lang } = useI18n();
  const [from, setFrom] = useState(filters.from);
  const [to, setTo] = useState(filters.to);
  const [error, setError] = useState<FormError | null>(null);
  const errorId = useId();
  useEffect(() => {
    setFrom(filters.from);
    setTo(filters.to);
  }, [filters.from, filters.to]);
  const year = periodYear(filters);
  const years = [...(result?.facets.year ?? [])].sort((a, b) => b.value.localeCompare(a.value));
  if (year && !years.some((y) => y.value === year)) years.unshift({ value: year, count: 0 });
  const invalid = errorFieldProps(error, errorId);
  return (
    <div class="facets">
      <FacetGroups
        facets={LIST_FACETS}
        filters={filters}
        result={result}
        go={go}
        legend={(facet) => t(`specimens.facet.${facet}`)}
        label={(facet, value) => facetLabel(facet, value, reference, lang, t)}
      />
      {years.length ? (
        <fieldset class="facet">
          <legend>{t('specimens.facet.year')}</legend>
          <ul>
            <li>
              <label class="check facet-check">
                <input type="radio" name="year" checked={!year} onChange={() => go({ from: '', to: '' })} />
                <span class="facet-label">{t('specimens.anyYear')}</span>
              </label>
            </li>
            {years.map((y) => (
              <li key={y.value}>
                <label class="check facet-check">
                  <input type="radio" name="year" value={y.value} checked={year === y.value} onChange={() => go(yearBounds(y.value))} />
                  <span class="facet-label">{y.value}</span>
                  <span class="facet-count">{y.count}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <form
        class="facet facet-period"
        noValidate
        aria-label={t('specimens.period')}
        onSubmit={(e) => {
          e.preventDefault();
          if (from && to && to < from) {
            setError({ message: t('specimens.periodReversed'), field: 'to' });
            return;
          }
          setError(null);
          go({ from, to });
        }}
      >
        <p class="facet-title">{t('specimens.period')}</p>
        <ErrorAlert error={error} id={errorId} />
        <TextField label={t('specimens.periodFrom')} name="from" type="date" value={from} onValue={setFrom} {...invalid('from')} />
        <TextField label={t('specimens.periodTo')} name="to" type="date" value={to} onValue={setTo} min={from || undefined} {...invalid('to')} />
        <button type="submit" class="button button-secondary button-small">
          {t('specimens.periodApply')}
        </button>
      </form>
      <WorkflowFacet statuses={STATUS_FILTERS} status={filters.status} mine={filters.mine} mineLabel={t('specimens.mine')} go={go} />
    </div>
  );
}
