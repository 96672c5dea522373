/** The calls of the auditor's console and what they answer (aliases of the generated API types). Metadata only. */
import { api } from '../../lib/api.ts';
import type { Item, Reply } from '../../lib/api-schema.ts';

export type AuditPage = Reply<'/api/audit', 'get'>;
export type AuditEntry = Item<AuditPage['entries']>;
/** Who an entry names: an account, as the audit routes describe it. */
export type AuditActor = NonNullable<AuditEntry['actor']>;
export type AuditOutcome = AuditEntry['outcome'];
export type AuditFacets = Reply<'/api/audit/facets', 'get'>;
export type AuditIntegrity = Reply<'/api/audit/integrity', 'get'>;
export type AuditVerification = Reply<'/api/audit/verify', 'post'>;
export type AuditCheckpointPage = Reply<'/api/audit/checkpoints', 'get'>;
export type AuditAnomalies = Reply<'/api/audit/anomalies', 'get'>;
export type AuditAnomaly = Item<AuditAnomalies['anomalies']>;

export const AUDIT_OUTCOMES = ['allowed', 'denied', 'error'] as const satisfies readonly AuditOutcome[];

/** A page of the log; `query` holds the filters, `before` and `limit` (filters.ts writes it). */
export const fetchLog = (query: string) => api<AuditPage>('GET', `/api/audit?${query}`);
export const fetchFacets = () => api<AuditFacets>('GET', '/api/audit/facets');
export const fetchIntegrity = () => api<AuditIntegrity>('GET', '/api/audit/integrity');
export const verifyChain = () => api<AuditVerification>('POST', '/api/audit/verify');
export const fetchCheckpoints = (before: number | null) =>
  api<AuditCheckpointPage>('GET', before ? `/api/audit/checkpoints?before=${before}&limit=10` : '/api/audit/checkpoints?limit=10');
/** The anomalies of a period (`query`: from, to), or of the last week. */
export const fetchAnomalies = (query: string) => api<AuditAnomalies>('GET', `/api/audit/anomalies${query ? `?${query}` : ''}`);

/** The log of a filter as a JSONL file, signed checkpoints inside (a plain download link). */
export const exportAddress = (query: string) => `/api/audit/export?${query}`;
export const PUBLIC_KEY_PATH = '/api/audit/public-key';
