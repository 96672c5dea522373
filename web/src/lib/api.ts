/**
 * The one way the web app talks to the server. Every request carries the interface language
 * (the server translates its error messages) and, when signed in, the CSRF token that the
 * HttpOnly session cookie needs on state-changing requests. What the answers look like is in
 * api-schema.ts (aliases of the generated api-types.ts); each feature's api.ts names its calls.
 */
import { saveFile } from './files.ts';
import type { Language } from './i18n/languages.ts';
import { reportAnswer, reportUnreachable } from './offline.ts';
import { onStoredChange, readStored, writeStored } from './storage.ts';

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

let csrfToken: string | null = readStored(CSRF_KEY);
// Another tab signed in or out: follow it.
onStoredChange(CSRF_KEY, (token) => {
  csrfToken = token;
});
let language: Language = 'es';
let sessionLost: () => void = () => {};

/** The token for this session (null when signed out); without storage it lives in memory until the page is closed. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  writeStored(CSRF_KEY, token);
}

export const hasCsrfToken = (): boolean => csrfToken !== null;

export function setRequestLanguage(lang: Language): void {
  language = lang;
}

/** Called when the server says the session is gone (expired, revoked, or its CSRF token is stale). */
export function onSessionLost(callback: () => void): void {
  sessionLost = callback;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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

/**
 * fetch, with a failure to reach the server and an error answer both turned into an ApiError; the
 * offline banner hears of either, and of a stored copy the service worker answered with instead.
 */
export async function fetchOk(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    reportUnreachable();
    throw new ApiError(0, 'network', '');
  }
  reportAnswer(response);
  if (!response.ok) throw errorFrom(response.status, await response.json().catch(() => null));
  return response;
}

/** A path with a query: the parameters given a value ('' and null are left out), in their order. */
export function withQuery(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A JSON request; `T` is the answer's type, an alias of the generated one (api-schema.ts). */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers = requestHeaders(method);
  const init: RequestInit = { method, headers };
  // Routes without a body schema refuse a JSON body, even `{}`: send none, and no content type.
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetchOk(path, init);
  if (response.status === 204) return undefined as T;
  return (await response.json().catch(() => null)) as T;
}

/**
 * A file the server builds from a JSON request (an export): fetched, then saved through a Blob and
 * an object URL, under the name its Content-Disposition gives.
 */
export async function downloadFile(path: string, body: unknown, fallbackName: string): Promise<void> {
  const headers = requestHeaders('POST', '*/*');
  headers['content-type'] = 'application/json';
  const response = await fetchOk(path, { method: 'POST', headers, body: JSON.stringify(body) });
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
  saveFile(blob, name);
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
    xhr.onerror = () => {
      reportUnreachable();
      reject(new ApiError(0, 'network', ''));
    };
    xhr.onabort = () => reject(new ApiError(0, 'aborted', ''));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
