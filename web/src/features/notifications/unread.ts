import { createStore, useStore } from '../../lib/store.ts';
import { fetchNotifications } from './api.ts';

// My unread count, shared by the bell and the notifications page: asked for again at every live
// event (a notice arrived, the stream came back after a gap), after a move to another screen, and
// when a notice is read.

const unread = createStore<number>(0);
let inFlight = false;
let again = false;

export function refreshUnread(): void {
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  fetchNotifications({ pageSize: 1 })
    .then(
      (page) => unread.set(page.unread),
      () => {},
    )
    .finally(() => {
      inFlight = false;
      if (again) {
        again = false;
        refreshUnread();
      }
    });
}

export const setUnread = (count: number): void => unread.set(count);
export const useUnread = (): number => useStore(unread);
