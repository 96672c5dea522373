/**
 * The offline shell, as the page sees it (README, "Offline shell"): the service worker's
 * registration, whether the portal can be reached, when the stored copies a screen shows were
 * fetched, and forgetting those copies when the account changes.
 */
import { API_CACHE, COPY_HEADER, isScreenData } from '../../sw/allowlist.ts';
import { createStore } from './store.ts';

export interface OfflineState {
  /** The browser says it has no network, or the last request could not reach the portal. */
  offline: boolean;
  /** The oldest stored copy this screen was given (ISO 8601), or null when all it shows is current. */
  copiedAt: string | null;
}

export const offlineState = createStore<OfflineState>({ offline: typeof navigator !== 'undefined' && !navigator.onLine, copiedAt: null });

const update = (change: Partial<OfflineState>) => {
  const next = { ...offlineState.get(), ...change };
  const now = offlineState.get();
  if (next.offline !== now.offline || next.copiedAt !== now.copiedAt) offlineState.set(next);
};

/** A request failed at the network level: the portal cannot be reached. */
export function reportUnreachable(): void {
  update({ offline: true });
}

/**
 * An answer came: from the portal, or — marked by the service worker — a stored copy because the
 * network failed. The copy of what the screen shows dates it; who is signed in and the vocabularies do not.
 */
export function reportAnswer(response: Response): void {
  const copiedAt = response.headers.get(COPY_HEADER);
  if (!copiedAt) {
    update({ offline: !navigator.onLine });
    return;
  }
  if (!isScreenData(new URL(response.url))) {
    update({ offline: true });
    return;
  }
  const known = offlineState.get().copiedAt;
  update({ offline: true, copiedAt: known && known < copiedAt ? known : copiedAt });
}

/** Another screen: what it shows is its own, from the portal until a copy says otherwise. */
export function newScreen(): void {
  update({ copiedAt: null });
}

/**
 * Removes every stored API answer (the matrix, the directory, who is signed in), so that none of
 * one account's is shown to the next: at sign-in, at sign-out and when the session ends. The
 * shell's own files stay.
 */
export async function forgetOfflineCopies(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(API_CACHE).catch(() => false);
}

/**
 * Registers the service worker once the page has loaded, so it is no part of the first load: it
 * then fetches the shell in the background. Only in a build (the development server has no /sw.js)
 * and where the browser allows one (https, or the loopback address).
 */
export function startOfflineShell(): void {
  addEventListener('online', () => update({ offline: false }));
  addEventListener('offline', () => update({ offline: true }));
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !isSecureContext) return;
  const register = () => void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
