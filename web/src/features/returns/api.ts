/**
 * The calls of the returns' screens, and what they answer: aliases of the generated API types
 * (server/features/returns/schemas.ts through `npm run api:types`), so that a change of a route's
 * schema is a type error here.
 */
import { ApiError, api, requestHeaders, withQuery } from '../../lib/api.ts';
import type { Item, Query, Reply, RequestBody } from '../../lib/api-schema.ts';

export type Template = Reply<'/api/returns/templates/{id}', 'get'>;
export type Dimension = Item<Template['dimensions']>;
export type Column = Item<Template['columns']>;
export type Labelled = Item<Template['sections']>;
export type PeriodKind = Template['periodKind'];
export const PERIOD_KINDS = ['semester', 'quarter', 'year', 'once'] as const satisfies readonly PeriodKind[];
export type Preset = Item<Reply<'/api/returns/templates/presets', 'get'>['items']>;
export type NewTemplate = RequestBody<'/api/returns/templates', 'post'>;
/** The Secretariat's edit of a template: only the fields sent change. */
export type TemplateChanges = RequestBody<'/api/returns/templates/{id}', 'patch'>;

export type ReturnSummary = Item<Reply<'/api/returns', 'get'>['items']>;
export type ReturnStatus = ReturnSummary['status'];
export type ReturnView = Reply<'/api/returns/{id}', 'get'>;
export type MatrixRow = Item<NonNullable<NonNullable<ReturnView['shown']>['rows']>>;
export type Version = Item<Reply<'/api/returns/{id}/history', 'get'>['items']>;
type Refusal = NonNullable<Reply<'/api/returns/{id}', 'patch', 400>>['error'];
export type CellError = Item<NonNullable<Refusal['cells']>>;
export type Rollup = Reply<'/api/returns/rollup', 'get'>;
export type RollupRow = Item<Rollup['rows']>;

/** A refusal that names cells (400 `return_cells_invalid`): the message, and each cell. */
export class CellsError extends ApiError {
  constructor(
    message: string,
    readonly cells: CellError[],
  ) {
    super(400, 'return_cells_invalid', message);
  }
}

/** A request whose refusal may name cells (the form's save, the upload). */
async function withCells<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const data = (await response.json().catch(() => null)) as { error?: Refusal } | null;
  if (response.ok) return data as T;
  if (data?.error?.cells) throw new CellsError(data.error.message, data.error.cells);
  throw new ApiError(response.status, data?.error?.code ?? 'unexpected', data?.error?.message ?? '');
}

const at = (id: string) => `/api/returns/${encodeURIComponent(id)}`;
const template = (id: string) => `/api/returns/templates/${encodeURIComponent(id)}`;

export const fetchPresets = () => api<Reply<'/api/returns/templates/presets', 'get'>>('GET', '/api/returns/templates/presets');
export const fetchTemplates = () => api<Reply<'/api/returns/templates', 'get'>>('GET', '/api/returns/templates');
export const createTemplate = (body: NewTemplate) => api<Template>('POST', '/api/returns/templates', body);
export const editTemplate = (id: string, body: TemplateChanges) => api<Template>('PATCH', template(id), body);
export const templateFile = (id: string, format: 'xlsx' | 'csv', language: string) => withQuery(`${template(id)}/file`, { format, language });

export const fetchReturns = (query: Query<'/api/returns', 'get'> = {}) => api<Reply<'/api/returns', 'get'>>('GET', withQuery('/api/returns', query));
export const openReturn = (body: RequestBody<'/api/returns', 'post'>) => api<ReturnView>('POST', '/api/returns', body);
export const fetchReturn = (id: string, version?: number) => api<ReturnView>('GET', withQuery(at(id), { version }));
export const fetchHistory = (id: string) => api<Reply<'/api/returns/{id}/history', 'get'>>('GET', `${at(id)}/history`);

/** A draft's rows (each column's value as typed, in the template's column order) or its sections. */
export function saveReturn(id: string, body: RequestBody<'/api/returns/{id}', 'patch'>) {
  const headers = { ...requestHeaders('PATCH'), 'content-type': 'application/json' };
  return withCells<ReturnView>(at(id), { method: 'PATCH', headers, body: JSON.stringify(body) });
}

export function uploadReturn(id: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return withCells<ReturnView>(`${at(id)}/upload`, { method: 'POST', headers: requestHeaders('POST'), body: form });
}

export const submitReturn = (id: string) => api<ReturnView>('POST', `${at(id)}/submit`);
export const amendReturn = (id: string, reason: string) => api<ReturnView>('POST', `${at(id)}/amend`, { reason });

export const fetchRollup = (query: Omit<Query<'/api/returns/rollup', 'get'>, 'language'>) =>
  api<Rollup>('GET', withQuery('/api/returns/rollup', query));
export const rollupFile = (query: Query<'/api/returns/rollup/export', 'get'>) => withQuery('/api/returns/rollup/export', query);
