/**
 * The calls of the returns' screens. The answers are typed here by hand after the route schemas
 * (server/features/returns/schemas.ts) until the generated API types include the returns' routes.
 */
import { ApiError, api, requestHeaders, withQuery } from '../../lib/api.ts';

export interface Labelled {
  key: string;
  labelEs: string;
  labelEn: string;
}
export interface Dimension extends Labelled {
  type: 'country' | 'text' | 'choice';
  values?: Labelled[];
}
export interface Column extends Labelled {
  measure?: string;
  sex?: 'female' | 'male';
  age?: 'adult' | 'minor';
}
export type PeriodKind = 'semester' | 'quarter' | 'year' | 'once';
export type ReturnStatus = 'draft' | 'submitted' | 'amending';

export interface Template {
  id: string;
  networkId: string;
  kind: 'matrix' | 'written';
  titleEs: string;
  titleEn: string;
  periodKind: PeriodKind;
  dueDays: number;
  dueOn: string | null;
  countries: string[];
  observersContribute: boolean;
  dimensions: Dimension[];
  columns: Column[];
  sections: Labelled[];
  createdAt: string;
}
export type Preset = Omit<Template, 'id' | 'networkId' | 'createdAt' | 'dueOn'> & { preset: string };

export interface ReturnSummary {
  id: string;
  templateId: string;
  networkId: string;
  kind: 'matrix' | 'written';
  titleEs: string;
  titleEn: string;
  period: string;
  country: string;
  status: ReturnStatus;
  version: number;
  submittedVersion: number | null;
  dueOn: string;
  late: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface MatrixRow {
  dims: string[];
  values: Record<string, number>;
}
export interface ReturnView extends ReturnSummary {
  permissions: Record<'figures' | 'content' | 'draft' | 'update' | 'submit' | 'amend', boolean>;
  shown: { version: number; submitted: boolean; rows: MatrixRow[] | null; sections: Record<string, string> | null } | null;
}
export interface Version {
  version: number;
  reason: string | null;
  source: 'form' | 'xlsx' | 'csv';
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
}
export interface CellError {
  sheet: string | null;
  cell: string;
  code: string;
  message: string;
}
export interface RollupRow {
  period: string;
  key: string;
  label: string;
  total: number;
  adults: number;
  minors: number;
  values: Record<string, number>;
}
export interface Rollup {
  template: Template;
  by: string;
  periods: { period: string; submitted: number; concerned: number }[];
  rows: RollupRow[];
}

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
  const data = (await response.json().catch(() => null)) as { error?: { code: string; message: string; cells?: CellError[] } } | null;
  if (response.ok) return data as T;
  if (data?.error?.cells) throw new CellsError(data.error.message, data.error.cells);
  throw new ApiError(response.status, data?.error?.code ?? 'unexpected', data?.error?.message ?? '');
}

const at = (id: string) => `/api/returns/${encodeURIComponent(id)}`;

export const fetchPresets = () => api<{ items: Preset[] }>('GET', '/api/returns/templates/presets');
export const fetchTemplates = () => api<{ items: Template[] }>('GET', '/api/returns/templates');
export const createTemplate = (body: Omit<Preset, 'preset'> & { networkId: string }) => api<Template>('POST', '/api/returns/templates', body);
export const templateFile = (id: string, format: 'xlsx' | 'csv', language: string) =>
  withQuery(`/api/returns/templates/${encodeURIComponent(id)}/file`, { format, language });

export const fetchReturns = (query: { templateId?: string; period?: string; status?: string } = {}) =>
  api<{ items: ReturnSummary[] }>('GET', withQuery('/api/returns', query));
export const openReturn = (body: { templateId: string; period: string; country?: string }) => api<ReturnView>('POST', '/api/returns', body);
export const fetchReturn = (id: string, version?: number) => api<ReturnView>('GET', withQuery(at(id), { version }));
export const fetchHistory = (id: string) => api<{ items: Version[] }>('GET', `${at(id)}/history`);

/** A draft's rows (each column's value as typed, in the template's column order) or its sections. */
export function saveReturn(id: string, body: { rows?: { dims: string[]; values: string[] }[]; sections?: { key: string; text: string }[] }) {
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

export const fetchRollup = (query: { templateId: string; period?: string | undefined; by?: string }) =>
  api<Rollup>('GET', withQuery('/api/returns/rollup', query));
export const rollupFile = (query: { templateId: string; period?: string | undefined; by?: string; format: 'csv' | 'xlsx'; language: string }) =>
  withQuery('/api/returns/rollup/export', query);
