import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { api, downloadFile, type MySpace } from '../api.ts';
import { countryName } from '../countries.ts';
import { useI18n } from '../i18n/index.tsx';
import { navigate, useLocation } from '../router.ts';
import { useSession } from '../session.tsx';
import {
  categoryLabel,
  featureLabel,
  type Filters,
  filtersFrom,
  filtersQuery,
  hasFilters,
  imageUrl,
  issuerName,
  LIST_FACETS,
  type ListFacet,
  NO_FILTERS,
  periodYear,
  type Reference,
  searchBody,
  type SearchResult,
  SORTS,
  type SpecimenCard,
  specimenTitle,
  STATUS_FILTERS,
  termLabel,
  type Translate,
  useReference,
  yearBounds,
} from '../specimens.ts';
import { pluralKey, spaceName } from '../spaces.ts';
import { Badge, ErrorAlert, type FormError, KeywordSearch, formatDay, Page, SelectField, TextField, TlpBadge, toFormError } from '../ui.tsx';
import type { Language } from '../i18n/index.tsx';

const PAGE_SIZE = 20;

/** What my memberships let me do with specimens: read, create (not as an observer), validate. */
export function useSpecimenRoles(): { member: boolean; creator: boolean; validator: boolean; creatable: MySpace[]; spaces: MySpace[] | null } {
  const { spaces } = useSession();
  const list = spaces ?? [];
  const creatable = list.filter((s) => s.role !== 'observer');
  return {
    member: list.length > 0,
    creator: creatable.length > 0,
    validator: list.some((s) => s.role === 'contact_point' || s.role === 'substitute'),
    creatable,
    spaces,
  };
}

/** The sections of the specimen screens: search, and the validation queue for contact points and substitutes. */
export function SpecimenTabs({ current }: { current: 'search' | 'validation' | 'other' }) {
  const { t } = useI18n();
  const { validator, creator } = useSpecimenRoles();
  return (
    <div class="section-bar">
      <nav class="tabs" aria-label={t('specimens.sections')}>
        <a href="/specimens" aria-current={current === 'search' ? 'page' : undefined}>
          {t('specimens.searchTab')}
        </a>
        {validator ? (
          <a href="/specimens/validation" aria-current={current === 'validation' ? 'page' : undefined}>
            {t('specimens.validationTab')}
          </a>
        ) : null}
        <a href="/checks">{t('nav.checks')}</a>
      </nav>
      {creator ? (
        <a class="button" href="/specimens/new">
          {t('specimens.new')}
        </a>
      ) : null}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const known = ['draft', 'submitted', 'published', 'withdrawn', 'expired'].includes(status);
  return <Badge tone={`item-${status}`}>{known ? t(`itemStatus.${status as 'draft'}`) : status}</Badge>;
}

/** A thumbnail, or a placeholder when there is none (or it cannot be shown: a RED item before its purpose is stated). */
export function Thumbnail({ card, reference }: { card: SpecimenCard; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const [failed, setFailed] = useState(false);
  if (!card.thumbnail || failed) {
    return (
      <div class="thumb thumb-empty">
        <span>{card.imageCount ? t('specimens.noPreview') : t('specimens.noImage')}</span>
      </div>
    );
  }
  const alt = t('specimens.thumbAlt', {
    view: termLabel(reference?.views, card.thumbnail.view, lang),
    type: termLabel(reference?.documentTypes, card.documentType, lang),
  });
  return (
    <div class="thumb">
      <img src={imageUrl(card.id, card.thumbnail.imageId, true)} alt={alt} loading="lazy" onError={() => setFailed(true)} />
    </div>
  );
}

/** One specimen in a list: thumbnail, TLP, status, what it is and where it was detected. */
export function SpecimenRow({
  card,
  reference,
  headingLevel = 2,
  children,
  href,
}: {
  card: SpecimenCard;
  reference: Reference | null;
  headingLevel?: 2 | 3;
  children?: ComponentChildren;
  href?: string;
}) {
  const { t, lang } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const detected = [card.detectedOn ? formatDay(card.detectedOn, lang, 'medium') : null, card.detectionCountry ? countryName(card.detectionCountry, lang, t) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <li class="specimen-row">
      <Thumbnail card={card} reference={reference} />
      <div class="specimen-row-main">
        <Heading class="specimen-row-title">
          <a href={href ?? `/specimens/${card.id}`}>{specimenTitle(reference, card, lang, t)}</a>
        </Heading>
        <p class="specimen-tags">
          <TlpBadge tlp={card.tlp} />
          <StatusBadge status={card.status} />
          <span class="specimen-category">{categoryLabel(reference, card.category, card.forgeryKind, lang)}</span>
        </p>
        <dl class="specimen-meta">
          <div>
            <dt>{t('specimens.detected')}</dt>
            <dd>{detected || <span class="muted">{t('specimens.notGiven')}</span>}</dd>
          </div>
          {card.series ? (
            <div>
              <dt>{t('specimen.series')}</dt>
              <dd>{card.series}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('specimens.from')}</dt>
            <dd>{countryName(card.originatorCountry, lang, t)}</dd>
          </div>
          <div>
            <dt>{t('specimens.sightings')}</dt>
            <dd>{card.sightings}</dd>
          </div>
          <div>
            <dt>{t('specimens.images')}</dt>
            <dd>{card.imageCount}</dd>
          </div>
        </dl>
        {card.excerpt ? <p class="specimen-excerpt">{card.excerpt}</p> : null}
        {children}
      </div>
    </li>
  );
}

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

const FACET_TITLES: Record<ListFacet, 'specimens.facet.type' | 'specimens.facet.issuingCountry' | 'specimens.facet.category' | 'specimens.facet.feature' | 'specimens.facet.detectionCountry'> = {
  type: 'specimens.facet.type',
  issuingCountry: 'specimens.facet.issuingCountry',
  category: 'specimens.facet.category',
  feature: 'specimens.facet.feature',
  detectionCountry: 'specimens.facet.detectionCountry',
};
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
      <legend>{t(FACET_TITLES[facet])}</legend>
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

function Facets({ filters, result, reference, go }: { filters: Filters; result: SearchResult | null; reference: Reference | null; go: (next: Partial<Filters>) => void }) {
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
  const invalid = (name: string) => (error?.field === name ? { invalid: true, describedBy: errorId } : {});
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
          <option value="">{t('specimens.anyStatus')}</option>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {t(`itemStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        <label class="check">
          <input type="checkbox" name="mine" checked={filters.mine} onChange={(e) => go({ mine: e.currentTarget.checked })} />
          {t('specimens.mine')}
        </label>
      </fieldset>
    </div>
  );
}

export function Pager({ page, pages, address, label }: { page: number; pages: number; address: (page: number) => string; label: string }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      {page > 1 ? (
        <a href={address(page - 1)} rel="prev">
          {t('users.previous')}
        </a>
      ) : null}
      <span>{t('users.pageOf', { page, pages })}</span>
      {page < pages ? (
        <a href={address(page + 1)} rel="next">
          {t('users.next')}
        </a>
      ) : null}
    </nav>
  );
}

export function SpecimensPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const search = query.toString();
  const filters = filtersFrom(query);
  const { ref: reference } = useReference();
  const { spaces, member } = useSpecimenRoles();
  const [q, setQ] = useState('');
  const [appliedQ, setAppliedQ] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<FormError | null>(null);
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);
  const [exportError, setExportError] = useState<FormError | null>(null);
  const countId = useId();
  const [facetsOpen, setFacetsOpen] = useState(() => typeof matchMedia !== 'function' || matchMedia('(min-width: 60rem)').matches);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    api<SearchResult>('POST', '/api/specimens/search', { ...searchBody(filters, appliedQ), page: filters.page, pageSize: PAGE_SIZE }).then(
      (found) => {
        if (!current) return;
        setResult(found);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(toFormError(err, t));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [search, appliedQ]);

  const address = (next: Partial<Filters>) => `/specimens${filtersQuery({ ...filters, page: 1, ...next })}`;
  const go = (next: Partial<Filters>) => navigate(address(next));
  const space = filters.space ? spaces?.find((s) => s.id === filters.space) : null;
  const filtered = hasFilters(filters) || !!appliedQ;
  const activeFilters = LIST_FACETS.reduce((n, f) => n + filters[f].length, 0) + (filters.from || filters.to ? 1 : 0) + (filters.status ? 1 : 0) + (filters.mine ? 1 : 0);
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;

  const exportAs = (format: 'csv' | 'json') => {
    if (exporting) return;
    setExporting(format);
    setExportError(null);
    downloadFile('/api/specimens/export', { ...searchBody(filters, appliedQ), format, language: lang }, `specimens.${format}`)
      .catch((err: unknown) => setExportError(toFormError(err, t)))
      .finally(() => setExporting(null));
  };

  return (
    <Page title={t('specimens.title')} lead={t('specimens.lead')}>
      <SpecimenTabs current="search" />
      <KeywordSearch
        formLabel={t('specimens.keywordSearch')}
        hint={t('specimens.keywordsHint')}
        value={q}
        onValue={setQ}
        applied={appliedQ}
        onApply={(words) => {
          setAppliedQ(words);
          if (filters.page !== 1) go({});
        }}
        onClear={() => {
          setQ('');
          setAppliedQ('');
        }}
      />
      {filters.space ? (
        <p class="scope-note">
          {t('specimens.inSpace', { space: space ? spaceName(lang, space) : filters.space })} <a href={address({ space: '' })}>{t('specimens.allSpaces')}</a>
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
                <a href={`/specimens${filtersQuery({ ...NO_FILTERS, space: filters.space, sort: filters.sort })}`}>{t('specimens.clearFilters')}</a>
              </p>
            ) : null}
          </details>
        </aside>
        <div class="specimen-results">
          <div class="results-bar">
            <p class="results-count" id={countId} role="status">
              {loading
                ? t('specimens.searching')
                : result
                  ? `${t(pluralKey(lang, 'specimens.count', result.total), { count: result.total })}${pages > 1 ? ` · ${t('users.pageOf', { page: result.page, pages })}` : ''}${appliedQ ? ` · ${t('specimens.forKeywords', { q: appliedQ })}` : ''}`
                  : ''}
            </p>
            <div class="results-tools">
              <SelectField label={t('specimens.sort')} name="sort" value={filters.sort} onValue={(v) => go({ sort: v as Filters['sort'] })}>
                {SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`specimens.sort.${s}`)}
                  </option>
                ))}
              </SelectField>
              <div class="export-buttons" role="group" aria-label={t('specimens.export')}>
                <button type="button" class="button button-secondary button-small" aria-disabled={exporting ? 'true' : undefined} onClick={() => exportAs('csv')}>
                  {t('specimens.exportCsv')}
                </button>
                <button type="button" class="button button-secondary button-small" aria-disabled={exporting ? 'true' : undefined} onClick={() => exportAs('json')}>
                  {t('specimens.exportJson')}
                </button>
              </div>
            </div>
          </div>
          <ErrorAlert error={error ?? exportError} />
          {result && result.items.length === 0 && !loading ? (
            <div class="panel empty">
              <h2>{filtered ? t('specimens.noMatchTitle') : t('specimens.emptyTitle')}</h2>
              <p>{filtered ? t('specimens.noMatch') : member ? t('specimens.empty') : t('specimens.emptyNotMember')}</p>
            </div>
          ) : null}
          {result && result.items.length ? (
            <ol class={loading ? 'specimen-list specimen-list-loading' : 'specimen-list'} aria-describedby={countId}>
              {result.items.map((card) => (
                <SpecimenRow key={card.id} card={card} reference={reference} />
              ))}
            </ol>
          ) : null}
          {result ? (
            <Pager page={result.page} pages={pages} label={t('specimens.pagination')} address={(page) => `/specimens${filtersQuery({ ...filters, page })}`} />
          ) : null}
        </div>
      </div>
    </Page>
  );
}
