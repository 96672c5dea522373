/**
 * The one way the web app talks to the server. Every request carries the interface language
 * (the server translates its error messages) and, when signed in, the CSRF token that the
 * HttpOnly session cookie needs on state-changing requests.
 */
import type { Language } from './i18n/index.tsx';

export type Role = 'secretariat' | 'presidency' | 'auditor';
export type Stage = 'enrol' | 'full';

export interface User {
  id: string;
  email: string;
  displayName: string;
  country: string;
  organisation: string;
  language: Language;
  status: 'invited' | 'active' | 'locked' | 'disabled';
  roles: Role[];
  twoFactor: { enabled: boolean; recoveryCodesLeft: number };
  pgpFingerprint: string | null;
  createdAt: string;
}

export type SpaceRole = 'officer' | 'contact_point' | 'substitute' | 'observer';
export const SPACE_ROLES: readonly SpaceRole[] = ['officer', 'contact_point', 'substitute', 'observer'];
export type UserStatus = User['status'];

/** A space I belong to, as /api/me lists it. */
export interface MySpace {
  id: string;
  networkId: string;
  nameEs: string;
  nameEn: string;
  role: SpaceRole;
}

export interface Me {
  user: User;
  spaces: MySpace[];
  session: { id: string; stage: Stage; expiresAt: string };
}

export interface Network {
  id: string;
  code: string;
  nameEs: string;
  nameEn: string;
}

export interface SpaceView {
  id: string;
  network: Network;
  nameEs: string;
  nameEn: string;
  descriptionEs: string;
  descriptionEn: string;
  /** A calendar date, YYYY-MM-DD. */
  opensOn: string;
  loadingDeadline: string;
  myRole: SpaceRole | null;
  permissions: { update: boolean; manageMembers: boolean; grantableRoles: SpaceRole[] };
}

export interface Member {
  userId: string;
  displayName: string;
  email: string;
  country: string;
  role: SpaceRole;
  since: string;
  permissions: { remove: boolean; changeRole: boolean };
}

export interface UserList {
  total: number;
  page: number;
  pageSize: number;
  items: User[];
}

export interface SignedIn {
  user: User;
  csrfToken: string;
  stage: Stage;
}

export interface SessionView {
  id: string;
  current: boolean;
  stage: Stage;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  clientAddress: string | null;
  userAgent: string | null;
}

export type AuditOutcome = 'allowed' | 'denied' | 'error';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['allowed', 'denied', 'error'];

/** Who an audit entry names: an account, as the audit routes describe it (metadata only). */
export interface AuditActor {
  id: string;
  displayName: string;
  email: string;
  country: string;
}

export interface AuditSpace {
  id: string;
  nameEs: string;
  nameEn: string;
}

/** One entry of the audit trail, newest first in a page of GET /api/audit. */
export interface AuditEntryView {
  seq: number;
  at: string;
  actor: AuditActor | null;
  actorCountry: string | null;
  action: string;
  outcome: AuditOutcome;
  subjectType: string | null;
  subjectId: string | null;
  space: AuditSpace | null;
  requestId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  purpose: string | null;
  details: Record<string, unknown>;
  /** Hex SHA-256 of the entry chained to the one before. */
  hash: string;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass as `before` for the next (older) page; null on the last one. */
  nextBefore: number | null;
}

/** The choices for the log's filters. */
export interface AuditFacets {
  actors: AuditActor[];
  spaces: AuditSpace[];
  actions: string[];
}

export interface AuditVerification {
  at: string;
  ok: boolean;
  throughSeq: number;
  firstBad: number | null;
  reason: string | null;
}

export interface AuditIntegrity {
  head: { seq: number; at: string } | null;
  lastCheckpoint: { seq: number; hash: string; at: string; fingerprint: string } | null;
  lastVerification: AuditVerification | null;
  fingerprint: string;
}

export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  signature: string;
  fingerprint: string;
}

export interface AuditCheckpointPage {
  checkpoints: AuditCheckpoint[];
  nextBefore: number | null;
}

export type AnomalyKind = 'reads_per_hour' | 'repeated_denials' | 'unusual_hour';

export interface AuditAnomaly {
  kind: AnomalyKind;
  actor: AuditActor | null;
  clientAddress: string | null;
  /** The start of the hour, ISO. */
  at: string;
  count: number;
  threshold: number;
}

export interface AuditAnomalies {
  thresholds: { readsPerHour: number; denialsPerHour: number; unusualHourShare: number; minHistory: number };
  anomalies: AuditAnomaly[];
}

/** An error the server answered with (`code` and a message already in the UI language), or `network`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The offending field without its `body.` prefix, e.g. `email`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// Shared by the tabs of this browser (they share the cookie too), so a reload or a new tab keeps
// working; the cookie itself stays out of the page's reach. The token is worthless without it.
const CSRF_KEY = 'enlace.csrf';

function storedToken(): string | null {
  try {
    return localStorage.getItem(CSRF_KEY);
  } catch {
    return null;
  }
}

let csrfToken: string | null = storedToken();
// Another tab signed in or out: follow it.
window.addEventListener('storage', (event) => {
  if (event.key === CSRF_KEY) csrfToken = event.newValue;
});
let language: Language = 'es';
let sessionLost: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  try {
    if (token) localStorage.setItem(CSRF_KEY, token);
    else localStorage.removeItem(CSRF_KEY);
  } catch {
    // Storage disabled: the token lives in memory until the page is closed.
  }
}

export const hasCsrfToken = (): boolean => csrfToken !== null;

export function setRequestLanguage(lang: Language): void {
  language = lang;
}

/** Called when the server says the session is gone (expired, revoked, or its CSRF token is stale). */
export function onSessionLost(callback: () => void): void {
  sessionLost = callback;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** The headers every request of ours carries: the language, and the CSRF token on a state change. */
export function requestHeaders(method: Method, accept = 'application/json'): Record<string, string> {
  const headers: Record<string, string> = { accept, 'accept-language': language };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

/** The error a failed answer carries (JSON `{error: {code, message, field}}`); a lost session is noticed here. */
export function errorFrom(status: number, data: unknown): ApiError {
  const error = (data as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
  const code = error?.code ?? 'unexpected';
  if ((status === 401 && code === 'unauthenticated') || (status === 403 && code === 'csrf_failed')) {
    setCsrfToken(null);
    sessionLost();
  }
  return new ApiError(status, code, error?.message ?? '', error?.field?.replace(/^body\./, ''));
}

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers = requestHeaders(method);
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  // Routes without a body schema refuse a JSON body, even `{}`: send none, and no content type.
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorFrom(response.status, data);
  return data as T;
}

/**
 * A file the server builds from a JSON request (an export): fetched, then saved through a Blob and
 * an object URL, under the name its Content-Disposition gives.
 */
export async function downloadFile(path: string, body: unknown, fallbackName: string): Promise<void> {
  const headers = requestHeaders('POST', '*/*');
  headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) throw errorFrom(response.status, await response.json().catch(() => null));
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  let name = fallbackName;
  try {
    name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
  } catch {
    name = plain ?? fallbackName;
  }
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a moment later: the browser has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A multipart upload with its progress (fetch cannot report it): `onProgress` gets the share sent,
 * 0 to 1. Resolves with the JSON answer; rejects with an ApiError, as `api` does.
 */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress: (share: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(requestHeaders('POST'))) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(data as T);
      } else reject(errorFrom(xhr.status, data));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', ''));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', ''));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
