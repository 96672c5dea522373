/**
 * The search filters of the specimen list: the facets, the period, the status, the sort and the page
 * live in the address (they are coarse); the keywords never do: they travel in the body of
 * POST /api/specimens/search.
 */
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
    return ISO_DAY.test(value) ? value : '';
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
    space: uuidOrEmpty(query.get('space')),
  };
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
  if (filters.space) body.spaceId = filters.space;
  body.sort = filters.sort;
  return body;
}

export const yearBounds = (year: string) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** The year a period covers exactly, if it does. */
export function periodYear(filters: Filters): string | null {
  const year = filters.from.slice(0, 4);
  return filters.from && filters.to && filters.from === `${year}-01-01` && filters.to === `${year}-12-31` ? year : null;
}
