/**
 * The search filters of the specimen list: the facets, the period, the status, the sort and the page
 * live in the address (they are coarse); the keywords never do: they travel in the body of
 * POST /api/specimens/search.
 */
import { allFeatures, type Reference } from '../../items/reference.ts';
import { MEMBER_CODES, ORGANISATION_CODES } from '../../lib/countries.ts';
import { uuidOrEmpty } from '../../lib/format.ts';
import type { SearchBody } from './api.ts';

/** The facets chosen with checkboxes (the year is a period: detectedFrom/To). */
export const LIST_FACETS = ['type', 'issuingCountry', 'category', 'feature', 'detectionCountry'] as const;
export type ListFacet = (typeof LIST_FACETS)[number];

export const SORTS = ['newest', 'oldest', 'detected', 'updated'] as const;
export type Sort = (typeof SORTS)[number];
export const STATUS_FILTERS = ['draft', 'submitted', 'published', 'withdrawn'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface Filters {
  type: string[];
  issuingCountry: string[];
  category: string[];
  feature: string[];
  detectionCountry: string[];
  from: string;
  to: string;
  status: StatusFilter | '';
  mine: boolean;
  sort: Sort;
  page: number;
  /** A space's id; '' for the current space (the switcher's); `all` for every space I read. */
  space: string;
}

export const NO_FILTERS: Filters = {
  type: [],
  issuingCountry: [],
  category: [],
  feature: [],
  detectionCountry: [],
  from: '',
  to: '',
  status: '',
  mine: false,
  sort: 'newest',
  page: 1,
  space: '',
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_+-]{1,40}$/;

export function filtersFrom(query: URLSearchParams): Filters {
  const list = (name: string) => [...new Set(query.getAll(name).filter((v) => CODE.test(v)))].slice(0, 20);
  const day = (name: string) => {
    const value = query.get(name) ?? '';
    return ISO_DAY.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value) ? value : '';
  };
  const status = query.get('status') ?? '';
  const sort = query.get('sort') ?? '';
  const page = Number(query.get('page') ?? '1');
  return {
    type: list('type'),
    issuingCountry: list('issuingCountry'),
    category: list('category'),
    feature: list('feature'),
    detectionCountry: list('detectionCountry'),
    from: day('from'),
    to: day('to'),
    status: (STATUS_FILTERS as readonly string[]).includes(status) ? (status as StatusFilter) : '',
    mine: query.get('mine') === '1',
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : 'newest',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    space: query.get('space') === ALL_SPACES ? ALL_SPACES : uuidOrEmpty(query.get('space')),
  };
}

/** `space=all` in the address: every space I read, not only the current one. */
export const ALL_SPACES = 'all';

/**
 * The filters without the values that name nothing the vocabularies know (an address typed by
 * hand, or kept from an older version): the server would refuse the whole search for one of them.
 */
export function knownFilters(filters: Filters, ref: Reference): Filters {
  const states = ref.states.map((s) => s.code);
  const known: Record<ListFacet, Set<string>> = {
    type: new Set(ref.documentTypes.map((term) => term.code)),
    category: new Set(ref.categories.map((term) => term.code)),
    feature: new Set(allFeatures(ref).map((term) => term.code)),
    issuingCountry: new Set([...states, ...ref.issuingOrganisations.map((term) => term.code)]),
    detectionCountry: new Set([...states, ...MEMBER_CODES, ...ORGANISATION_CODES]),
  };
  const kept = { ...filters };
  for (const facet of LIST_FACETS) kept[facet] = filters[facet].filter((value) => known[facet].has(value));
  return kept;
}

/** Whether the address named a filter that is left out (an unknown value, a date that is none, a wrong status or sort). */
export function addressHadUnknown(query: URLSearchParams, filters: Filters): boolean {
  for (const facet of LIST_FACETS) if (new Set(query.getAll(facet)).size > filters[facet].length) return true;
  const single = { from: filters.from, to: filters.to, status: filters.status, sort: filters.sort } as const;
  for (const [name, value] of Object.entries(single)) if (query.has(name) && query.get(name) !== value) return true;
  return query.has('space') && query.get('space')?.toLowerCase() !== filters.space;
}

export function filtersQuery(filters: Filters): string {
  const query = new URLSearchParams();
  if (filters.space) query.set('space', filters.space);
  for (const facet of LIST_FACETS) for (const value of filters[facet]) query.append(facet, value);
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  if (filters.status) query.set('status', filters.status);
  if (filters.mine) query.set('mine', '1');
  if (filters.sort !== 'newest') query.set('sort', filters.sort);
  if (filters.page > 1) query.set('page', String(filters.page));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const hasFilters = (f: Filters): boolean => LIST_FACETS.some((facet) => f[facet].length > 0) || !!f.from || !!f.to || !!f.status || f.mine;

/** The body of POST /api/specimens/search (and, with a format, of the export). */
export function searchBody(filters: Filters, q: string): SearchBody {
  const body: SearchBody = {};
  if (q.trim()) body.q = q.trim();
  for (const facet of LIST_FACETS) if (filters[facet].length) body[facet] = filters[facet];
  if (filters.from) body.detectedFrom = filters.from;
  if (filters.to) body.detectedTo = filters.to;
  if (filters.status) body.status = filters.status;
  if (filters.mine) body.mine = true;
  if (filters.space && filters.space !== ALL_SPACES) body.spaceId = filters.space;
  body.sort = filters.sort;
  return body;
}

export const yearBounds = (year: string) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** The year a period covers exactly, if it does. */
export function periodYear(filters: Filters): string | null {
  const year = filters.from.slice(0, 4);
  return filters.from && filters.to && filters.from === `${year}-01-01` && filters.to === `${year}-12-31` ? year : null;
}
