/** The calls of the report screens and what they answer (aliases of the generated API types). */
import { api, downloadFile } from '../../lib/api.ts';
import type { Item, Loose, Reply, RequestBody } from '../../lib/api-schema.ts';

export type ReportView = Reply<'/api/reports/{id}', 'get'>;
export type ReportKind = NonNullable<ReportView['reportKind']>;
export type RouteDetails = NonNullable<ReportView['route']>;
export type LinkedItem = Item<NonNullable<ReportView['links']>>;
export type Outcome = Item<NonNullable<ReportView['outcomes']>>;
export type SearchResult = Reply<'/api/reports/search', 'post'>;
export type ReportCard = Item<SearchResult['items']>;
export type SearchBody = Loose<RequestBody<'/api/reports/search', 'post'>>;
/** What a report is written with: created in a space, then edited while a draft. */
export type NewReport = Loose<RequestBody<'/api/spaces/{spaceId}/reports', 'post'>>;
export type ReportPatch = Loose<RequestBody<'/api/reports/{id}', 'patch'>>;
export type RelatedReport = Item<Reply<'/api/reports/{id}/related', 'get'>['reports']>;
export type Sighting = Item<Reply<'/api/reports/{id}/sightings', 'get'>>;
export type NewSighting = Loose<RequestBody<'/api/reports/{id}/sightings', 'post'>>;
export type NewOutcome = Loose<RequestBody<'/api/reports/{id}/outcomes', 'post'>>;
export type ReportStep = 'submit' | 'publish' | 'return' | 'withdraw';

export const REPORT_KINDS = ['route', 'modus_operandi', 'acquisition_method', 'network', 'operation'] as const satisfies readonly ReportKind[];

const at = (id: string) => `/api/reports/${encodeURIComponent(id)}`;

export const fetchReport = (id: string) => api<ReportView>('GET', at(id));
/** A search, its words in the body (out of addresses, history and proxy logs). */
export const searchReports = (body: SearchBody) => api<SearchResult>('POST', '/api/reports/search', body);
export const createReport = (spaceId: string, body: NewReport) =>
  api<Reply<'/api/spaces/{spaceId}/reports', 'post'>>('POST', `/api/spaces/${encodeURIComponent(spaceId)}/reports`, body);
export const updateReport = (id: string, body: ReportPatch) => api<Reply<'/api/reports/{id}', 'patch'>>('PATCH', at(id), body);
// The workflow: the steps take no body (the routes declare none).
export const reportStep = (id: string, step: ReportStep) => api<Reply<`/api/reports/{id}/${ReportStep}`, 'post'>>('POST', `${at(id)}/${step}`);
export const fetchRelated = (id: string) => api<Reply<'/api/reports/{id}/related', 'get'>>('GET', `${at(id)}/related`);
export const fetchSightings = (id: string) => api<Sighting[]>('GET', `${at(id)}/sightings`);
export const reportSighting = (id: string, body: NewSighting) =>
  api<Reply<'/api/reports/{id}/sightings', 'post'>>('POST', `${at(id)}/sightings`, body);
export const addOutcome = (id: string, body: NewOutcome) => api<Reply<'/api/reports/{id}/outcomes', 'post'>>('POST', `${at(id)}/outcomes`, body);
export type ExportBody = Loose<RequestBody<'/api/reports/export', 'post'>>;
/** An export of what the search selects: CSV, JSON, or GeoJSON of its routes (the file named by the server, TLP in it). */
export const exportReports = (body: ExportBody) => downloadFile('/api/reports/export', body, `reports.${body.format}`);
