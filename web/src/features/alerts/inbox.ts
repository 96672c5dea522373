import { useEffect, useState } from 'preact/hooks';
import { fetchInbox, type Inbox } from './api.ts';
import { liveStatusNow, subscribe, useLiveStatus } from './live.ts';

// The inbox, shared: fetched once for every component that shows it, again on each live
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
  for (const listener of inboxListeners) listener(next);
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
  const live = useLiveStatus();
  useEffect(() => {
    if (!active) return;
    inboxListeners.add(setState);
    setState(inboxState);
    // An alert arrived (or was withdrawn), one in my inbox was acknowledged in another tab, or the
    // stream came back after a gap: look again. (An issuer hears of others' acknowledgements too.)
    if (!stopLive) {
      stopLive = subscribe((event) => {
        // (Notices of other features — a notification, a task count — leave the inbox as it is.)
        if (event.type === 'notification' || event.type === 'tasks') return;
        if (event.type !== 'ack' || inboxState.inbox?.items.some((a) => a.id === event.alertId)) refreshInbox();
      });
    }
    // A stream still connecting asks once it is subscribed ('ready'): asking now as well would ask
    // twice on every page load, and an answer from before the subscription could miss an alert.
    if (liveStatusNow() !== 'connecting') refreshInbox();
    return () => {
      inboxListeners.delete(setState);
      if (inboxListeners.size === 0) {
        stopLive?.();
        stopLive = null;
      }
    };
  }, [active]);
  // A stream that fails before it is ready: ask without it.
  useEffect(() => {
    if (active && live === 'retrying' && !inboxState.inbox) refreshInbox();
  }, [active, live]);
  return { ...state, refresh: refreshInbox };
}
