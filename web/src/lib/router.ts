import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** What a screen receives from its address: the `:name` segments of its pattern. */
export type RouteParams = Record<string, string>;

/** Who may open a screen: anyone, anyone signed in, the Secretariat, an auditor, or the Presidency and the Secretariat (the follow-up). */
export type Access = 'public' | 'signedIn' | 'secretariat' | 'auditor' | 'followup';

/** A screen's component. */
export type Screen = ComponentType<{ params: RouteParams }>;

/**
 * A screen and who may open it: the component itself (`page`: in the first download, for the
 * screens a signed-out visitor needs), or how to fetch its code on the first visit (`load`: a chunk
 * of its own, so the first download is not every screen's code).
 */
export type Route = { access: Access } & ({ page: Screen } | { load: () => Promise<Screen> });

/** A feature's screens, by address pattern: `:name` takes any one segment (app/routes.ts joins them). */
export type Routes = [pattern: string, route: Route][];

/**
 * A router of our own: the path is the state, history.pushState changes it, popstate brings
 * it back. Plain <a href="/…"> links are caught once, at the document, so pages need nothing special.
 */
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

/** Goes to `to`; `state` is kept with the new history entry (what a page needs to come back to it as it was). */
export function navigate(to: string, { replace = false, state = null }: { replace?: boolean; state?: Record<string, unknown> | null } = {}): void {
  if (!replace && to === location.pathname + location.search + location.hash) return;
  history[replace ? 'replaceState' : 'pushState'](state, '', to);
  notify();
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

export function startRouter(): void {
  addEventListener('popstate', notify);
  // A mailed link pasted into a tab already on /reset changes only the fragment: no page load.
  addEventListener('hashchange', notify);
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.('a');
    const href = link?.getAttribute('href');
    if (!link || !href || href.startsWith('#') || link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
    if (link.origin !== location.origin) return;
    event.preventDefault();
    navigate(link.pathname + link.search + link.hash);
  });
}

/** Where to go back to after signing in: a path of ours, never another site or a sign-in step. */
export function safeReturn(next: string | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  const path = next.split(/[?#]/)[0];
  return ['/signin', '/enrol', '/invitation', '/reset'].includes(path ?? '') ? null : next;
}

/**
 * A single-use token from a mailed link (`/invitation#<token>`): read once from the fragment,
 * then wiped from the address bar (and so from history) at once. The page keeps it in its state.
 */
export function takeFragmentToken(): string | null {
  const token = location.hash.slice(1);
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  history.replaceState(history.state, '', location.pathname + location.search);
  return token;
}

/** The page's token from the fragment, picked up again if a new one arrives while the page is open. */
export function useFragmentToken(): [string | null, (token: string | null) => void] {
  const [token, setToken] = useState(takeFragmentToken);
  useLocation();
  useEffect(() => {
    const fresh = takeFragmentToken();
    if (fresh) setToken(fresh);
  });
  return [token, setToken];
}
