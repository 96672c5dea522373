/**
 * The filters of the list of my country's person records, in the address: each one a clear facet
 * (a code, a country, a year), never a name — records of other countries are found by the person
 * check, whose names travel in a request body only.
 */
import type { ListBody } from './api.ts';

export const STATUS_FILTERS = ['draft', 'submitted', 'published', 'withdrawn'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface Filters {
  form: string;
  role: string;
  outcome: string;
  /** Where the person or group was detected (alpha-3). */
  country: string;
  year: string;
  status: StatusFilter | '';
  page: number;
}

export const NO_FILTERS: Filters = { form: '', role: '', outcome: '', country: '', year: '', status: '', page: 1 };

const CODE = /^[a-z_]{1,40}$/;
const STATE = /^[A-Z]{3}$/;
const YEAR = /^(19|20|21)\d{2}$/;

export function filtersFrom(query: URLSearchParams): Filters {
  const code = (name: string) => {
    const value = query.get(name) ?? '';
    return CODE.test(value) ? value : '';
  };
  const status = query.get('status') ?? '';
  const country = query.get('country') ?? '';
  const year = query.get('year') ?? '';
  const page = Number(query.get('page') ?? '1');
  return {
    form: code('form'),
    role: code('role'),
    outcome: code('outcome'),
    country: STATE.test(country) ? country : '',
    year: YEAR.test(year) ? year : '',
    status: (STATUS_FILTERS as readonly string[]).includes(status) ? (status as StatusFilter) : '',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

export function filtersQuery(filters: Filters): string {
  const query = new URLSearchParams();
  for (const name of ['form', 'role', 'outcome', 'country', 'year', 'status'] as const) if (filters[name]) query.set(name, filters[name]);
  if (filters.page > 1) query.set('page', String(filters.page));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const hasFilters = (f: Filters): boolean => !!(f.form || f.role || f.outcome || f.country || f.year || f.status);

/** The body of POST /api/persons/search. */
export function listBody(f: Filters, pageSize: number): ListBody {
  const body: ListBody = { page: f.page, pageSize };
  if (f.form) body.form = f.form;
  if (f.role) body.role = f.role;
  if (f.outcome) body.outcome = f.outcome;
  if (f.country) body.detectionCountry = f.country;
  if (f.year) body.detectionYear = Number(f.year);
  if (f.status) body.status = f.status;
  return body;
}
