/**
 * The calls of the commitment screens, and what they answer: aliases of the generated API types
 * (server/features/commitments/schemas.ts through `npm run api:types`).
 */
import { api, uploadWithProgress, withQuery } from '../../lib/api.ts';
import type { Item, Loose, Query, Reply, RequestBody } from '../../lib/api-schema.ts';

export type CommitmentPage = Reply<'/api/commitments', 'get'>;
export type Commitment = Item<CommitmentPage['items']>;
export type Calendar = Commitment['calendar'];
export type Responsible = Item<Commitment['responsibles']>;
export type Status = Responsible['status'];
export const CALENDARS = ['once', 'semiannual', 'annual', 'continuous'] as const satisfies readonly Calendar[];
export const STATUSES = ['not_started', 'in_progress', 'done'] as const satisfies readonly Status[];

export type CommitmentDetail = Reply<'/api/commitments/{id}', 'get'>;
export type Update = Item<CommitmentDetail['updates']>;
export type Evidence = Item<Update['evidence']>;
export type Network = Item<Reply<'/api/networks', 'get'>>;

/** The list's filters as the page's address holds them (a responsible or status as a plain string). */
export type Filters = Loose<Omit<Query<'/api/commitments', 'get'>, 'pageSize'>>;
/** A commitment's fields as its form sends them (on creation, with its network). */
export type CommitmentFields = Loose<Omit<RequestBody<'/api/commitments', 'post'>, 'networkId'>>;

const one = (id: string) => `/api/commitments/${encodeURIComponent(id)}`;

export const fetchNetworks = () => api<Network[]>('GET', '/api/networks');
export const fetchCommitments = (filters: Filters) => api<CommitmentPage>('GET', withQuery('/api/commitments', { ...filters }));
export const fetchCommitment = (id: string) => api<CommitmentDetail>('GET', one(id));
export const createCommitment = (body: Loose<RequestBody<'/api/commitments', 'post'>>) => api<Commitment>('POST', '/api/commitments', body);
export const editCommitment = (id: string, body: Loose<RequestBody<'/api/commitments/{id}', 'patch'>>) => api<Commitment>('PATCH', one(id), body);
/** A status update (multipart: status, note, evidence files), with the upload's progress. */
export const postUpdate = (id: string, form: FormData, onProgress: (share: number) => void) =>
  uploadWithProgress<CommitmentDetail>(`${one(id)}/updates`, form, onProgress);
export const evidenceUrl = (id: string, fileId: string) => `${one(id)}/evidence/${encodeURIComponent(fileId)}`;
export const exportUrl = (filters: Filters, lang: string) => withQuery('/api/commitments/export.csv', { ...filters, page: undefined, lang });
