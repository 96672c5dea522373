import { useEffect, useId, useState } from 'preact/hooks';
import { featureLabel, issuerName, type Reference, termLabel } from '../../items/reference.ts';
import { countryName } from '../../lib/countries.ts';
import type { FormError } from '../../lib/errors.ts';
import { type Language, type Translate, useI18n } from '../../lib/i18n/index.tsx';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
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

const SHOWN = 8;

/** One facet: a checkbox per value with its count; values chosen but absent from the counts stay, at zero. */
function FacetGroup({
  facet,
  counts,
  chosen,
  reference,
  onChange,
}: {
  facet: ListFacet;
  counts: { value: string; count: number }[];
  chosen: string[];
  reference: Reference | null;
  onChange: (values: string[]) => void;
}) {
  const { t, lang } = useI18n();
  const [all, setAll] = useState(false);
  const values = [...counts];
  for (const value of chosen) if (!values.some((v) => v.value === value)) values.push({ value, count: 0 });
  const labelled = values
    .map((v) => ({ ...v, label: facetLabel(facet, v.value, reference, lang, t) }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, lang));
  const shown = all ? labelled : labelled.filter((v, i) => i < SHOWN || chosen.includes(v.value));
  if (labelled.length === 0) return null;
  return (
    <fieldset class="facet">
      <legend>{t(`specimens.facet.${facet}`)}</legend>
      <ul>
        {shown.map((v) => (
          <li key={v.value}>
            <label class="check facet-check">
              <input
                type="checkbox"
                name={facet}
                value={v.value}
                checked={chosen.includes(v.value)}
                onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, v.value] : chosen.filter((c) => c !== v.value))}
              />
              <span class="facet-label">{v.label}</span>
              <span class="facet-count">{v.count}</span>
            </label>
          </li>
        ))}
      </ul>
      {labelled.length > shown.length || all ? (
        <button type="button" class="button-link facet-more" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('specimens.facetFewer') : t('specimens.facetAll', { count: labelled.length })}
        </button>
      ) : null}
    </fieldset>
  );
}

/** The facets beside the results: a group of checkboxes each, the year, the period, the workflow. */
export function Facets({
  filters,
  result,
  reference,
  go,
}: {
  filters: Filters;
  result: SearchResult | null;
  reference: Reference | null;
  go: (next: Partial<Filters>) => void;
}) {
  const { t } = useI18n();
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
      {LIST_FACETS.map((facet) => (
        <FacetGroup
          key={facet}
          facet={facet}
          counts={result?.facets[facet] ?? []}
          chosen={filters[facet]}
          reference={reference}
          onChange={(values) => go({ [facet]: values })}
        />
      ))}
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
      <fieldset class="facet">
        <legend>{t('specimens.workflow')}</legend>
        <SelectField label={t('specimens.status')} name="status" value={filters.status} onValue={(v) => go({ status: v as Filters['status'] })}>
          <Options items={STATUS_FILTERS} label={(s) => t(`itemStatus.${s}`)} empty={t('specimens.anyStatus')} />
        </SelectField>
        <label class="check">
          <input type="checkbox" name="mine" checked={filters.mine} onChange={(e) => go({ mine: e.currentTarget.checked })} />
          {t('specimens.mine')}
        </label>
      </fieldset>
    </div>
  );
}
