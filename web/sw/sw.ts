/**
 * The offline shell's service worker (README, "Offline shell"). It keeps:
 * - the application shell, precached at install: index.html, the entry script and the stylesheet
 *   (with every static import), every screen's code, the icons — the list and revisions written by
 *   the build (web/sw-build.ts), old versions removed when a new one activates;
 * - copies of the allowlisted API answers (allowlist.ts: the entry-authorisation matrix, the
 *   vocabularies, the directory, who is signed in), network first: each read still reaches the
 *   server (and its audit trail) whenever it can; a copy answers only when the network fails.
 * A navigation goes to the network and falls back to the precached index.html. Nothing else is
 * touched: any other request, and every request that is not a GET of this origin, is not handled
 * here and goes to the network as if there were no service worker.
 */
import { cleanupOutdatedCaches, type PrecacheEntry, PrecacheFallbackPlugin, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import { API_CACHE, COPY_HEADER, mayKeepOffline } from './allowlist.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// A new release takes over at once: the shell it precached is the one index.html asks for.
self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

registerRoute(
  new NavigationRoute(new NetworkOnly({ plugins: [new PrecacheFallbackPlugin({ fallbackURL: '/index.html' })] }), {
    denylist: [/^\/api(\/|$)/],
  }),
);

registerRoute(
  ({ url, request, sameOrigin }) => sameOrigin && request.method === 'GET' && mayKeepOffline(url),
  new NetworkFirst({
    cacheName: API_CACHE,
    plugins: [
      {
        // Only a full answer is kept (a 401, a 404 or an error never is), stamped with when it was fetched.
        async cacheWillUpdate({ response }) {
          if (response.status !== 200 || response.type !== 'basic') return null;
          const headers = new Headers(response.headers);
          headers.set(COPY_HEADER, new Date().toISOString());
          return new Response(await response.blob(), { status: 200, statusText: response.statusText, headers });
        },
      },
    ],
  }),
  'GET',
);
