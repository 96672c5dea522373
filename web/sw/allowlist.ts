/**
 * The API answers the service worker may keep for a dead link, and nothing else: GET requests of
 * this origin whose path is one of these exactly (and whose query, where it has one, is allowed).
 * Each is reference or account data a signed-in user reads anyway and that carries no restricted
 * content (no item, person, alert, search, audit entry, file or purpose): see README, "Offline shell".
 * Everything else goes to the network untouched, and a GET of any other path is never stored.
 * Shared by the service worker (sw.ts), the web app (which clears these copies) and the tests.
 */

/** The Cache Storage cache that holds these copies; cleared at sign-in, sign-out and session end. */
export const API_CACHE = 'enlace-api';

/** The header the service worker adds to a stored copy: when it was fetched (ISO 8601). */
export const COPY_HEADER = 'x-enlace-offline-copy';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * A path of the allowlist; whether a query string may come with it; whether it is what a screen
 * shows (its copy's date is then said on the screen) or only what every screen stands on.
 */
const ALLOWED: { path: RegExp; query: boolean; screen: boolean }[] = [
  // Who is signed in, their roles and spaces: the shell cannot open without it.
  { path: /^\/api\/me$/, query: false, screen: false },
  // The vocabularies: fixed lists of terms in both languages.
  { path: /^\/api\/reference\/(specimens|reports|persons)$/, query: false, screen: false },
  // The entry-authorisation matrix, a row or a column (reference data kept in clear columns); not its export, history, feed or proposals.
  { path: /^\/api\/entry-requirements$/, query: true, screen: true },
  // The networks whose directory I read, and a network's directory (the JSON answer, not the vCard download).
  { path: /^\/api\/directory$/, query: false, screen: true },
  { path: new RegExp(`^/api/networks/${UUID}/directory$`), query: false, screen: true },
];

const allowed = (url: URL) => ALLOWED.find(({ path, query }) => path.test(url.pathname) && (query || url.search === ''));

/** Whether a GET of this address (same origin) may be answered from a stored copy when the network fails. */
export function mayKeepOffline(url: URL): boolean {
  return allowed(url) !== undefined;
}

/** Whether a kept answer is what a screen shows (the matrix, the directory), whose date the screen must say. */
export function isScreenData(url: URL): boolean {
  return allowed(url)?.screen === true;
}
