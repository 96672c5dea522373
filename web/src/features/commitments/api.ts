/**
 * The calls of the commitment screens. The answers' types are written here by hand from the route
 * schemas (server/features/commitments/schemas.ts) until the generated API types include them.
 */
import { api, uploadWithProgress, withQuery } from '../../lib/api.ts';

export type Calendar = 'once' | 'semiannual' | 'annual' | 'continuous';
export type Status = 'not_started' | 'in_progress' | 'done';
export const CALENDARS: readonly Calendar[] = ['once', 'semiannual', 'annual', 'continuous'];
export const STATUSES: readonly Status[] = ['not_started', 'in_progress', 'done'];

export interface Responsible {
  responsible: string;
  status: Status;
  statusAt: string | null;
  overdue: boolean;
}

export interface Commitment {
  id: string;
  network: { id: string; code: string; nameEs: string; nameEn: string };
  plan: string | null;
  source: string | null;
  agreementId: string | null;
  activityEs: string | null;
  activityEn: string | null;
  indicatorEs: string | null;
  indicatorEn: string | null;
  calendar: Calendar;
  dueOn: string | null;
  startsOn: string | null;
  currentDueOn: string | null;
  responsibles: Responsible[];
  createdAt: string;
  updatedAt: string;
  permissions: { update: boolean; report: boolean; readContent: boolean };
}

export interface Evidence {
  id: string;
  name: string;
  mediaType: string;
  byteSize: number;
}

export interface Update {
  id: string;
  responsible: string;
  status: Status;
  note: string | null;
  authorName: string;
  authorCountry: string;
  createdAt: string;
  evidenceCount: number;
  evidence: Evidence[];
}

export interface CommitmentDetail {
  commitment: Commitment;
  updates: Update[];
}

export interface CommitmentPage {
  total: number;
  page: number;
  pageSize: number;
  counts: Record<Status | 'overdue', number>;
  plans: string[];
  items: Commitment[];
}

export interface Filters {
  networkId?: string;
  plan?: string;
  responsible?: string;
  status?: string;
  overdue?: boolean;
  page?: number;
}

export interface CommitmentFields {
  plan: string | null;
  source: string | null;
  activityEs: string | null;
  activityEn: string | null;
  indicatorEs: string | null;
  indicatorEn: string | null;
  calendar: Calendar;
  dueOn: string | null;
  startsOn: string | null;
  responsibles: string[];
}

export interface Network {
  id: string;
  code: string;
  nameEs: string;
  nameEn: string;
}

const one = (id: string) => `/api/commitments/${encodeURIComponent(id)}`;

export const fetchNetworks = () => api<Network[]>('GET', '/api/networks');
export const fetchCommitments = (filters: Filters) => api<CommitmentPage>('GET', withQuery('/api/commitments', { ...filters }));
export const fetchCommitment = (id: string) => api<CommitmentDetail>('GET', one(id));
export const createCommitment = (body: CommitmentFields & { networkId: string }) => api<Commitment>('POST', '/api/commitments', body);
export const editCommitment = (id: string, body: CommitmentFields) => api<Commitment>('PATCH', one(id), body);
/** A status update (multipart: status, note, evidence files), with the upload's progress. */
export const postUpdate = (id: string, form: FormData, onProgress: (share: number) => void) =>
  uploadWithProgress<CommitmentDetail>(`${one(id)}/updates`, form, onProgress);
export const evidenceUrl = (id: string, fileId: string) => `${one(id)}/evidence/${encodeURIComponent(fileId)}`;
export const exportUrl = (filters: Filters, lang: string) => withQuery('/api/commitments/export.csv', { ...filters, page: undefined, lang });
