/**
 * Early alerts: the API's shapes (server/features/alerts is the contract), the calls the screens
 * make, the inbox every screen shares (the navigation's unread count and the inbox page read the
 * same one), and the live events of GET /api/events.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, errorFrom, type MySpace, requestHeaders, type User } from './api.ts';
import type { ItemStatus, Tlp } from './specimens.ts';

export const SEVERITIES = ['info', 'warning', 'urgent'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The labels an alert may carry when it is addressed to organisations (migration authorities). */
export const ORGANISATION_TLPS = ['CLEAR', 'GREEN', 'AMBER'] as const;

export interface AlertCard {
  id: string;
  spaceId: string;
  status: ItemStatus;
  tlp: Tlp;
  severity: Severity;
  title: string;
  originatorCountry: string;
  targetCountries: string[];
  validFrom: string;
  validUntil: string;
  publishedAt: string | null;
  expired: boolean;
  /** An urgent alert published at once, not yet reviewed by a contact point. */
  reviewPending: boolean;
  /** Null when the reader is not one of its recipients. */
  recipient: { readAt: string | null; acknowledgedAt: string | null } | null;
}

export interface AlertPermissions {
  submit: boolean;
  publish: boolean;
  return: boolean;
  withdraw: boolean;
  review: boolean;
  track: boolean;
  acknowledge: boolean;
}

export interface AlertOrganisation {
  id: string;
  code: string;
  country: string;
  nameEs: string;
  nameEn: string;
}

export interface LinkedSpecimen {
  id: string;
  tlp: Tlp;
  documentType: string;
  issuingCountry: string;
  category: string;
}

export interface AlertView extends AlertCard {
  body: string;
  ports: string[];
  targetOrganisations: AlertOrganisation[];
  specimens: LinkedSpecimen[];
  handling: {
    originatorId: string;
    releasableTo: string[];
    namedRecipients: string[];
    sourceEvaluation: string | null;
    informationEvaluation: number | null;
  };
  createdAt: string;
  updatedAt: string;
  permissions: AlertPermissions;
}

export interface Inbox {
  unread: number;
  unacknowledged: number;
  items: AlertCard[];
}

export interface AlertList {
  total: number;
  page: number;
  pageSize: number;
  items: AlertCard[];
}

export type MailState = 'pending' | 'encrypted' | 'plain' | 'failed';
export type WebhookState = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  userId: string;
  displayName: string;
  country: string;
  organisation: string;
  via: 'member' | 'organisation';
  deliveredAt: string;
  readAt: string | null;
  acknowledgedAt: string | null;
  mail: MailState;
  remindedAt: string | null;
  escalatedAt: string | null;
}

export interface WebhookDelivery {
  id: string;
  /** The organisation's code. */
  organisation: string;
  host: string;
  status: WebhookState;
  attempts: number;
  deliveredAt: string | null;
}

export interface Deliveries {
  summary: { recipients: number; read: number; acknowledged: number };
  recipients: Delivery[];
  webhooks: WebhookDelivery[];
}

/** An organisation as GET /api/organisations lists it. */
export interface Organisation {
  id: string;
  code: string;
  country: string;
  kind: 'member_authority' | 'observer' | 'migration_authority' | 'secretariat';
  nameEs: string;
  nameEn: string;
}

export interface NewAlert {
  spaceId: string;
  title: string;
  body: string;
  severity: Severity;
  targetCountries: string[];
  targetOrganisations: string[];
  ports: string[];
  validFrom: string;
  validUntil: string;
  specimenIds: string[];
  tlp: Tlp;
  namedRecipients?: string[];
  sourceEvaluation?: string;
  informationEvaluation?: number;
}

/** The statuses a search filters on; without one, withdrawn alerts are left out. */
export const SEARCH_STATUSES = ['submitted', 'published', 'withdrawn'] as const;
export type SearchStatus = (typeof SEARCH_STATUSES)[number];

export interface AlertQuery {
  q?: string;
  severity?: Severity | '';
  status?: SearchStatus | '';
  /** false leaves expired alerts out; true or absent keeps them. */
  expired?: boolean;
  mine?: boolean;
  reviewPending?: boolean;
  page?: number;
  pageSize?: number;
}

/** `submit` sends a returned alert (a draft again) back to the contact point. */
export type AlertAction = 'submit' | 'publish' | 'return' | 'withdraw' | 'review';

/**
 * Who has the alert screens: anyone in a space, and anyone without a global role (a migration
 * authority's officer receives alerts without belonging to any space); not an account that is only
 * the Secretariat's, the Presidency's or an auditor's.
 */
export const mayReceiveAlerts = (user: User, spaces: MySpace[] | null): boolean => (spaces?.length ?? 0) > 0 || user.roles.length === 0;

// --- Calls.

export const fetchInbox = () => api<Inbox>('GET', '/api/alerts/inbox');

/** A search, its words in the body (out of addresses, history and proxy logs). */
export function searchAlerts(query: AlertQuery): Promise<AlertList> {
  const body: Record<string, string | number> = {};
  if (query.q?.trim()) body['q'] = query.q.trim();
  if (query.severity) body['severity'] = query.severity;
  if (query.status) body['status'] = query.status;
  if (query.expired !== undefined) body['expired'] = String(query.expired);
  if (query.mine) body['mine'] = 'true';
  if (query.reviewPending) body['reviewPending'] = 'true';
  if (query.page) body['page'] = query.page;
  if (query.pageSize) body['pageSize'] = query.pageSize;
  return api<AlertList>('POST', '/api/alerts/search', body);
}

export const fetchAlert = (id: string) => api<AlertView>('GET', `/api/alerts/${encodeURIComponent(id)}`);
export const createAlert = (body: NewAlert) => api<AlertView>('POST', '/api/alerts', body);
// The steps take no body (the routes declare none).
export const acknowledgeAlert = (id: string) => api<AlertView>('POST', `/api/alerts/${encodeURIComponent(id)}/ack`);
export const alertStep = (id: string, action: AlertAction) => api<AlertView>('POST', `/api/alerts/${encodeURIComponent(id)}/${action}`);
export const fetchDeliveries = (id: string) => api<Deliveries>('GET', `/api/alerts/${encodeURIComponent(id)}/deliveries`);
export const fetchOrganisations = () => api<Organisation[]>('GET', '/api/organisations');

/** A national system's endpoint for an organisation's alerts, as the Secretariat registered it. */
export interface Webhook {
  id: string;
  organisationId: string;
  url: string;
  createdAt: string;
  /** When deliveries to it were stopped; null while it is active. */
  disabledAt: string | null;
}

export const fetchWebhooks = (organisationId: string) => api<Webhook[]>('GET', `/api/organisations/${encodeURIComponent(organisationId)}/webhooks`);
export const registerWebhook = (organisationId: string, url: string) => api<Webhook>('POST', `/api/organisations/${encodeURIComponent(organisationId)}/webhooks`, { url });
export const stopWebhook = (id: string) => api<Webhook>('DELETE', `/api/webhooks/${encodeURIComponent(id)}`);

/** Where the portal's public key is published (armored text): what verifies alert mail and webhook bodies. */
export const SIGNING_KEY_PATH = '/api/alerts/signing-key';

/** The portal key's fingerprint, as its `Enlace-Key` header gives it (the body, the key itself, is left unread). */
export async function fetchSigningKeyFingerprint(): Promise<string> {
  let response: Response;
  try {
    response = await fetch(SIGNING_KEY_PATH, { headers: requestHeaders('GET', 'application/pgp-keys'), credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) throw errorFrom(response.status, await response.json().catch(() => null));
  await response.body?.cancel();
  return response.headers.get('enlace-key') ?? '';
}

// --- Live events: one EventSource for the whole tab, opened while someone who may receive alerts
// is signed in. EventSource reconnects by itself after a dropped connection. An error status closes
// it for good: then, a little later, GET /api/me says whether the session still stands (if not, the
// session provider signs this tab out, which closes everything here) before the stream is opened
// again — so a tab whose session ended does not knock on /api/events twice a minute.

export type LiveEvent =
  | { type: 'alert'; alertId: string; severity: Severity }
  | { type: 'ack'; alertId: string; userId: string; acknowledgedAt: string }
  /** The fan-out of one of the reader's own alerts is done: its delivery board has its recipients. */
  | { type: 'delivery'; alertId: string }
  /** The stream is (again) subscribed: anything sent while it was down was missed, so look again. */
  | { type: 'ready' };

export type LiveStatus = 'off' | 'connecting' | 'open' | 'retrying';

const REOPEN_AFTER_MS = 30_000;
const subscribers = new Set<(event: LiveEvent) => void>();
const statusListeners = new Set<(status: LiveStatus) => void>();
let source: EventSource | null = null;
let reopenTimer: ReturnType<typeof setTimeout> | null = null;
let liveStatus: LiveStatus = 'off';

function setLiveStatus(next: LiveStatus): void {
  if (next === liveStatus) return;
  liveStatus = next;
  statusListeners.forEach((listener) => listener(next));
}

function emit(event: LiveEvent): void {
  subscribers.forEach((subscriber) => subscriber(event));
}

function parsed(data: unknown): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(String(data));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function openLiveEvents(): void {
  if (source) return;
  if (reopenTimer) clearTimeout(reopenTimer);
  reopenTimer = null;
  const stream = new EventSource('/api/events');
  source = stream;
  setLiveStatus('connecting');
  stream.addEventListener('ready', () => {
    setLiveStatus('open');
    emit({ type: 'ready' });
  });
  stream.addEventListener('alert', (event) => {
    const data = parsed((event as MessageEvent).data);
    if (typeof data?.alertId === 'string') emit({ type: 'alert', alertId: data.alertId, severity: data.severity as Severity });
  });
  stream.addEventListener('delivery', (event) => {
    const data = parsed((event as MessageEvent).data);
    if (typeof data?.alertId === 'string') emit({ type: 'delivery', alertId: data.alertId });
  });
  stream.addEventListener('ack', (event) => {
    const data = parsed((event as MessageEvent).data);
    if (typeof data?.alertId === 'string') {
      emit({ type: 'ack', alertId: data.alertId, userId: String(data.userId ?? ''), acknowledgedAt: String(data.acknowledgedAt ?? '') });
    }
  });
  stream.onerror = () => {
    if (source !== stream) return;
    if (stream.readyState === EventSource.CLOSED) {
      source = null;
      reopenTimer = setTimeout(reopen, REOPEN_AFTER_MS);
    }
    setLiveStatus('retrying');
  };
}

function reopen(): void {
  reopenTimer = null;
  api('GET', '/api/me').then(
    () => {
      if (liveStatus !== 'off') openLiveEvents();
    },
    () => {
      if (liveStatus !== 'off' && !reopenTimer) reopenTimer = setTimeout(reopen, REOPEN_AFTER_MS);
    },
  );
}

export function closeLiveEvents(): void {
  if (reopenTimer) clearTimeout(reopenTimer);
  reopenTimer = null;
  source?.close();
  source = null;
  setLiveStatus('off');
}

/** Calls `callback` for every live event until the returned function is called. */
export function subscribe(callback: (event: LiveEvent) => void): () => void {
  subscribers.add(callback);
  return () => void subscribers.delete(callback);
}

/** Live events for a component: the latest `callback` is called, subscribed while it is on the page. */
export function useLiveEvents(callback: (event: LiveEvent) => void): void {
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => subscribe((event) => latest.current(event)), []);
}

export function useLiveStatus(): LiveStatus {
  const [status, setStatus] = useState(liveStatus);
  useEffect(() => {
    statusListeners.add(setStatus);
    setStatus(liveStatus);
    return () => void statusListeners.delete(setStatus);
  }, []);
  return status;
}

// --- The inbox, shared: fetched once for every component that shows it, again on each live
// event and whenever a screen says it changed (an alert opened is read, one acknowledged).

interface InboxState {
  inbox: Inbox | null;
  error: unknown;
}

const inboxListeners = new Set<(state: InboxState) => void>();
let inboxState: InboxState = { inbox: null, error: null };
let inFlight = false;
let again = false;
let stopLive: (() => void) | null = null;

function setInboxState(next: InboxState): void {
  inboxState = next;
  inboxListeners.forEach((listener) => listener(next));
}

/** Asks for the inbox again (once more after the request in flight, if there is one). */
export function refreshInbox(): void {
  if (inboxListeners.size === 0) return;
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  fetchInbox()
    .then(
      (inbox) => setInboxState({ inbox, error: null }),
      (error: unknown) => setInboxState({ inbox: inboxState.inbox, error }),
    )
    .finally(() => {
      inFlight = false;
      if (again) {
        again = false;
        refreshInbox();
      }
    });
}

/** Forgets the inbox (someone signed out). */
export function resetInbox(): void {
  again = false;
  setInboxState({ inbox: null, error: null });
}

export function useInbox(active = true): InboxState & { refresh: () => void } {
  const [state, setState] = useState(inboxState);
  useEffect(() => {
    if (!active) return;
    inboxListeners.add(setState);
    setState(inboxState);
    // An alert arrived (or was withdrawn), one in my inbox was acknowledged in another tab, or the
    // stream came back after a gap: look again. (An issuer hears of others' acknowledgements too.)
    if (!stopLive) {
      stopLive = subscribe((event) => {
        if (event.type !== 'ack' || inboxState.inbox?.items.some((a) => a.id === event.alertId)) refreshInbox();
      });
    }
    refreshInbox();
    return () => {
      inboxListeners.delete(setState);
      if (inboxListeners.size === 0) {
        stopLive?.();
        stopLive = null;
      }
    };
  }, [active]);
  return { ...state, refresh: refreshInbox };
}
