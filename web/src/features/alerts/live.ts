import { useEffect, useRef } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import type { Me } from '../../lib/session.tsx';
import { createStore, useStore } from '../../lib/store.ts';
import type { Severity } from './api.ts';

// Live events: one EventSource for the whole tab, opened while someone who may receive alerts
// is signed in. EventSource reconnects by itself after a dropped connection. An error status closes
// it for good: then, a little later, GET /api/me says whether the session still stands (if not, the
// session provider signs this tab out, which closes everything here) before the stream is opened
// again — so a tab whose session ended does not knock on /api/events twice a minute.

export type LiveEvent =
  | { type: 'alert'; alertId: string; severity: Severity }
  | { type: 'ack'; alertId: string; userId: string; acknowledgedAt: string }
  /** The fan-out of one of the reader's own alerts is done: its delivery board has its recipients. */
  | { type: 'delivery'; alertId: string }
  /** A notification of mine arrived (a saved search matched): the bell asks for its count. */
  | { type: 'notification' }
  /** An item's workflow step concerns me (I wrote it, or I validate it): the counts of my tasks are looked at again. */
  | { type: 'tasks' }
  /** The stream is (again) subscribed: anything sent while it was down was missed, so look again. */
  | { type: 'ready' };

export type LiveStatus = 'off' | 'connecting' | 'open' | 'retrying';

const REOPEN_AFTER_MS = 30_000;
const subscribers = new Set<(event: LiveEvent) => void>();
let source: EventSource | null = null;
let reopenTimer: ReturnType<typeof setTimeout> | null = null;
const liveStatus = createStore<LiveStatus>('off');
const setLiveStatus = liveStatus.set;

function emit(event: LiveEvent): void {
  for (const subscriber of subscribers) subscriber(event);
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
  stream.addEventListener('notification', () => emit({ type: 'notification' }));
  stream.addEventListener('tasks', () => emit({ type: 'tasks' }));
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
  api<Me>('GET', '/api/me').then(
    () => {
      if (liveStatus.get() !== 'off') openLiveEvents();
    },
    () => {
      if (liveStatus.get() !== 'off' && !reopenTimer) reopenTimer = setTimeout(reopen, REOPEN_AFTER_MS);
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

export const useLiveStatus = (): LiveStatus => useStore(liveStatus);
/** The stream's status now (outside a component). */
export const liveStatusNow = (): LiveStatus => liveStatus.get();
