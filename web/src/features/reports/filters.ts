/**
 * The search filters of the report list: the facets (codes), the nationality, the status and the
 * page live in the address (they are coarse); the keywords never do: they travel in the body of
 * POST /api/reports/search.
 */
import { uuidOrEmpty } from '../../lib/format.ts';
import type { SearchBody } from './api.ts';

/** The facets chosen with checkboxes, each counted by the search. */
export const LIST_FACETS = ['kind', 'country', 'mode', 'category'] as const;
export type ListFacet = (typeof LIST_FACETS)[number];

export const STATUS_FILTERS = ['draft', 'submitted', 'published', 'withdrawn'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface Filters {
  kind: string[];
  country: string[];
  mode: string[];
  category: string[];
  /** A nationality moved along a route (alpha-3). */
  nationality: string;
  status: StatusFilter | '';
  mine: boolean;
  page: number;
  /** A space's id; '' for the current space (the switcher's); `all` for every space I read. */
  space: string;
}

export const NO_FILTERS: Filters = {
  kind: [],
  country: [],
  mode: [],
  category: [],
  nationality: '',
  status: '',
  mine: false,
  page: 1,
  space: '',
};

/** `space=all` in the address: every space I read, not only the current one. */
export const ALL_SPACES = 'all';

const CODE = /^[A-Za-z0-9_]{1,40}$/;
const STATE = /^[A-Z]{3}$/;

export function filtersFrom(query: URLSearchParams): Filters {
  const list = (name: string) => [...new Set(query.getAll(name).filter((v) => CODE.test(v)))].slice(0, 20);
  const status = query.get('status') ?? '';
  const nationality = query.get('nationality') ?? '';
  const page = Number(query.get('page') ?? '1');
  return {
    kind: list('kind'),
    country: list('country'),
    mode: list('mode'),
    category: list('category'),
    nationality: STATE.test(nationality) ? nationality : '',
    status: (STATUS_FILTERS as readonly string[]).includes(status) ? (status as StatusFilter) : '',
    mine: query.get('mine') === '1',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    space: query.get('space') === ALL_SPACES ? ALL_SPACES : uuidOrEmpty(query.get('space')),
  };
}

export function filtersQuery(filters: Filters): string {
  const query = new URLSearchParams();
  if (filters.space) query.set('space', filters.space);
  for (const facet of LIST_FACETS) for (const value of filters[facet]) query.append(facet, value);
  if (filters.nationality) query.set('nationality', filters.nationality);
  if (filters.status) query.set('status', filters.status);
  if (filters.mine) query.set('mine', '1');
  if (filters.page > 1) query.set('page', String(filters.page));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const hasFilters = (f: Filters): boolean => LIST_FACETS.some((facet) => f[facet].length > 0) || !!f.nationality || !!f.status || f.mine;

/** The body of POST /api/reports/search. */
export function searchBody(filters: Filters, q: string): SearchBody {
  const body: SearchBody = {};
  if (q.trim()) body.q = q.trim();
  for (const facet of LIST_FACETS) if (filters[facet].length) body[facet] = filters[facet];
  if (filters.nationality) body.nationality = filters.nationality;
  if (filters.status) body.status = filters.status;
  if (filters.mine) body.mine = true;
  if (filters.space && filters.space !== ALL_SPACES) body.spaceId = filters.space;
  return body;
}
