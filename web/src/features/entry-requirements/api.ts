/** The calls of the entry-authorisation matrix and what they answer (aliases of the generated API types). */
import { ApiError, api, requestHeaders, withQuery } from '../../lib/api.ts';
import type { Item, Loose, Query, Reply, RequestBody } from '../../lib/api-schema.ts';

export type CellPage = Reply<'/api/entry-requirements', 'get'>;
export type Cell = Item<CellPage['items']>;
export type Permissions = CellPage['permissions'];
export type Requirement = Cell['requirement'];
export type CellValues = Loose<RequestBody<'/api/entry-requirements/{destination}/{nationality}', 'put'>>;
export type Change = Item<Reply<'/api/entry-requirements/{destination}/{nationality}/history', 'get'>['items']>;
export type ProposalPage = Reply<'/api/entry-requirements/proposals', 'get'>;
export type Proposal = Item<ProposalPage['items']>;
export type ImportResult = Reply<'/api/entry-requirements/import', 'post'>;
export type Filters = Loose<Query<'/api/entry-requirements', 'get'>>;

export const REQUIREMENTS = [
  'none',
  'visa',
  'electronic_authorisation',
  'visa_on_arrival',
  'transit_visa',
  'special_authorisation',
  'not_admitted',
] as const satisfies readonly Requirement[];

const cell = (destination: string, nationality: string) =>
  `/api/entry-requirements/${encodeURIComponent(destination)}/${encodeURIComponent(nationality)}`;

export const fetchCells = (filters: Filters) => api<CellPage>('GET', withQuery('/api/entry-requirements', { ...filters }));
export const setCell = (destination: string, nationality: string, values: CellValues) => api<Cell>('PUT', cell(destination, nationality), values);
export const clearCell = (destination: string, nationality: string) => api<null>('DELETE', cell(destination, nationality));
export const fetchHistory = (destination: string, nationality: string) =>
  api<{ items: Change[] }>('GET', `${cell(destination, nationality)}/history`);
export const propose = (body: CellValues & { destination: string; nationality: string; reason: string | null }) =>
  api<Proposal>('POST', '/api/entry-requirements/proposals', body);
export const fetchProposals = (status = 'pending') => api<ProposalPage>('GET', withQuery('/api/entry-requirements/proposals', { status }));
export const decide = (id: string, decision: 'accept' | 'reject') =>
  api<Proposal>('POST', `/api/entry-requirements/proposals/${encodeURIComponent(id)}/${decision}`, {});
/** The filtered matrix as CSV (a plain link: the session cookie goes with it). */
export const exportAddress = (filters: Filters) =>
  withQuery('/api/entry-requirements/export', {
    format: 'csv',
    destination: filters.destination,
    nationality: filters.nationality,
    requirement: filters.requirement,
  });

export interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** A refused import: the message, and each wrong cell by row and column. */
export class ImportError extends ApiError {
  constructor(
    message: string,
    readonly rows: RowError[],
  ) {
    super(400, 'entry_import_invalid', message);
  }
}

/** Sends a CSV file to import; a refusal names its wrong cells. */
export async function importCsv(file: File): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/entry-requirements/import', {
      method: 'POST',
      body: form,
      headers: requestHeaders('POST'),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const data = (await response.json().catch(() => null)) as { error?: { code: string; message: string; rows?: RowError[] } } | null;
  if (response.ok) return data as ImportResult;
  if (data?.error?.rows) throw new ImportError(data.error.message, data.error.rows);
  throw new ApiError(response.status, data?.error?.code ?? 'unexpected', data?.error?.message ?? '');
}
