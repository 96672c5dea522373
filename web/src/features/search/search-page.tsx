import { KeywordSearch, SearchCount, useKeywordSearch } from '../../items/keyword-search.tsx';
import { specimenTitle, useReference } from '../../items/reference.ts';
import { StatusBadge } from '../../items/status-badge.tsx';
import { TlpBadge } from '../../items/tlp.tsx';
import { countryName } from '../../lib/countries.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { ErrorAlert } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { Pager, pageCount } from '../../ui/pager.tsx';
import { Badge } from '../../ui/values.tsx';
import { HIT_KINDS, type HitKind, type SearchHit, searchEverything } from './api.ts';

const PAGE_SIZE = 20;
const HREF: Record<HitKind, string> = { specimen: '/specimens', report: '/reports', alert: '/alerts' };

// The kind and the page live in the address; the words never do (they may name a person or a document).
function filtersFrom(query: URLSearchParams): { kind: HitKind | ''; page: number } {
  const kind = query.get('kind') ?? '';
  const page = Number(query.get('page') ?? '1');
  return {
    kind: (HIT_KINDS as readonly string[]).includes(kind) ? (kind as HitKind) : '',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

function address(f: { kind: HitKind | ''; page: number }): string {
  const query = new URLSearchParams();
  if (f.kind) query.set('kind', f.kind);
  if (f.page > 1) query.set('page', String(f.page));
  const text = query.toString();
  return `/search${text ? `?${text}` : ''}`;
}

/** One box over everything I may read: specimens, reports and alerts, a count per kind to narrow by. */
export function SearchPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const filters = filtersFrom(query);
  const search = useKeywordSearch(
    query.toString(),
    (words) =>
      words
        ? searchEverything({ q: words, page: filters.page, pageSize: PAGE_SIZE, ...(filters.kind ? { kind: [filters.kind] } : {}) })
        : Promise.resolve(null),
    () => {
      if (filters.page !== 1) navigate(address({ ...filters, page: 1 }));
    },
  );
  const { data: result, loading, error } = search.result;
  const count = (kind: HitKind) => result?.kinds.find((k) => k.value === kind)?.count ?? 0;
  const all = result?.kinds.reduce((sum, k) => sum + k.count, 0) ?? 0;
  return (
    <Page title={t('search.title')} lead={t('search.lead')}>
      <KeywordSearch formLabel={t('search.form')} hint={t('search.hint')} box={search.box} />
      <ErrorAlert error={error} />
      {result ? (
        <nav class="tabs search-kinds" aria-label={t('search.kinds')}>
          <a href={address({ kind: '', page: 1 })} aria-current={filters.kind === '' ? 'page' : undefined}>
            {t('search.allKinds', { count: all })}
          </a>
          {HIT_KINDS.map((kind) => (
            <a key={kind} href={address({ kind, page: 1 })} aria-current={filters.kind === kind ? 'page' : undefined}>
              {t(`search.kind.${kind}`, { count: count(kind) })}
            </a>
          ))}
        </nav>
      ) : null}
      {result ? <SearchCount loading={loading} list={result} countKey="search.found" words={search.words} /> : null}
      {!search.words ? <EmptyState title={t('search.startTitle')} text={t('search.start')} /> : null}
      {result && result.items.length === 0 && !loading ? <EmptyState title={t('search.noneTitle')} text={t('search.none')} /> : null}
      {result?.items.length ? (
        <ol class={loading ? 'hit-list specimen-list-loading' : 'hit-list'} aria-label={t('search.results')}>
          {result.items.map((hit) => (
            <Hit key={hit.id} hit={hit} />
          ))}
        </ol>
      ) : null}
      {result ? (
        <Pager page={filters.page} pages={pageCount(result)} label={t('search.pagination')} address={(p) => address({ ...filters, page: p })} />
      ) : null}
    </Page>
  );
}

/** One hit: its kind, label and status, its title (a specimen: its type and issuer), where from and when changed. */
function Hit({ hit }: { hit: SearchHit }) {
  const { t, lang } = useI18n();
  const { ref } = useReference();
  const title =
    hit.kind === 'specimen' && hit.documentType && hit.issuingCountry
      ? specimenTitle(ref, { documentType: hit.documentType, issuingCountry: hit.issuingCountry }, lang, t)
      : hit.title || t('search.untitled');
  const detail =
    hit.kind === 'report' && hit.reportKind
      ? t(`search.reportKind.${hit.reportKind as 'route'}`)
      : hit.kind === 'alert' && hit.severity
        ? t(`severity.${hit.severity as 'info'}`)
        : null;
  return (
    <li class="hit-row">
      <p class="hit-tags">
        <Badge tone={`kind-${hit.kind}`}>{t(`search.one.${hit.kind}`)}</Badge>
        <TlpBadge tlp={hit.tlp} />
        {hit.status !== 'published' ? <StatusBadge status={hit.status} /> : null}
        {detail ? <span>{detail}</span> : null}
      </p>
      <h2 class="hit-title">
        <a href={`${HREF[hit.kind]}/${hit.id}`}>{title}</a>
      </h2>
      <p class="muted">{t('search.fromWhen', { country: countryName(hit.originatorCountry, lang, t), date: formatDateTime(hit.updatedAt, lang) })}</p>
    </li>
  );
}
