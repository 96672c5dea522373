import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import t from 'tap';
import { API_CACHE, mayKeepOffline } from '../../web/sw/allowlist.ts';
import { alertBody } from '../helpers/alerts.ts';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, until, WEB_DIST, watchCsp } from '../helpers/browser.ts';
import { publishedSpecimen } from '../helpers/specimens.ts';
import { buildWorld } from '../helpers/world.ts';

/** Every entry of every cache of the page's origin: the cache's name and the request's path and query. */
async function cachedEntries(page: Page): Promise<{ cache: string; url: string }[]> {
  // Page-side code as text: the server's tsconfig has no DOM types, on purpose.
  return (await page.evaluate(`(async () => {
    const out = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const url = new URL(request.url);
        out.push({ cache: name, url: url.pathname + url.search });
      }
    }
    return out;
  })()`)) as { cache: string; url: string }[];
}

/** The text of every cached answer, to look for restricted values in it. */
async function cachedBodies(page: Page): Promise<string> {
  return (await page.evaluate(`(async () => {
    let text = '';
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (new URL(request.url).pathname.startsWith('/api/')) text += await (await cache.match(request)).text();
      }
    }
    return text;
  })()`)) as string;
}

t.test('the shell, the matrix and the directory open offline and say so; restricted content is never kept', async (t) => {
  const env = await startPortal(t);
  const { app, signInOnPage, base } = env;
  const world = await buildWorld(env);
  const call = async (who: { headers: Record<string, string> }, method: 'GET' | 'PUT' | 'PATCH' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  // Reference data: a cell of the matrix, and Costa Rica's 24/7 line in the directory.
  await call(world.secretariat, 'PUT', '/api/entry-requirements/CRI/CUB', { requirement: 'visa', legalSource: 'Directriz DG-001-2026' });
  const directory = await call(world.contact, 'GET', `/api/networks/${world.networkId}/directory`);
  const cri = directory.entries.find((e: { country: string }) => e.country === 'CRI');
  await call(world.contact, 'PATCH', `/api/directory/${cri.id}`, { line24h: '+506 2299 8000' });
  // Restricted content: a specimen (its document number and description are sealed) and an alert.
  const specimenId = await publishedSpecimen(env, world, { documentNumber: 'P-7777777', description: 'Pasaporte con página de datos reimpresa.' });
  const alert = await call(
    world.officer,
    'POST',
    '/api/alerts',
    alertBody(env, world, { severity: 'warning', tlp: 'GREEN', targetCountries: ['NIC'] }),
  );
  await call(world.contact, 'POST', `/api/alerts/${alert.id}/publish`);

  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${base}/signin`);
  await signInOnPage(page, world.contact.user, 'es');
  await page.getByRole('button', { name: 'Cerrar sesión' }).waitFor();
  // The service worker, registered after the first load, installs and takes the page over.
  await until(async () => (await page.evaluate('navigator.serviceWorker.controller !== null')) === true, 'the service worker controls the page');

  // Online: the restricted screens, then the reference screens.
  await page.goto(`${base}/specimens/${specimenId}`);
  await page.getByText('Pasaporte con página de datos reimpresa.').waitFor();
  await page.goto(`${base}/alerts/${alert.id}`);
  await page.getByRole('heading', { level: 1, name: 'Pasaportes falsificados en ruta Tapachula' }).waitFor();
  await page.goto(`${base}/directory`);
  await page.getByText('+506 2299 8000').waitFor();
  await page.goto(`${base}/entry-requirements`);
  const cuba = page.getByRole('row').filter({ hasText: 'Cuba' });
  await cuba.getByText('Visa', { exact: true }).waitFor();
  t.equal(await page.locator('.offline-banner').count(), 0, 'online: no offline banner');

  const entries = await cachedEntries(page);
  const apiEntries = entries.filter((e) => e.url.startsWith('/api/'));
  t.same(
    apiEntries.filter((e) => !mayKeepOffline(new URL(e.url, base))),
    [],
    'no cached API answer outside the allowlist',
  );
  t.ok(
    apiEntries.every((e) => e.cache === API_CACHE),
    'API answers only in the runtime cache',
  );
  for (const kept of ['/api/me', `/api/networks/${world.networkId}/directory`, '/api/directory']) {
    t.ok(
      apiEntries.some((e) => e.url === kept),
      `${kept} is kept for offline use`,
    );
  }
  t.ok(
    apiEntries.some((e) => e.url.startsWith('/api/entry-requirements?')),
    'the matrix is kept for offline use',
  );
  t.notOk(
    entries.some((e) => /^\/api\/(specimens|alerts|persons|search|audit|files|items|reports|notifications|events|tasks)/.test(e.url)),
    'no specimen, alert, person, search, audit, file, report or notification answer in any cache',
  );
  t.ok(
    entries.some((e) => e.url.startsWith('/index.html')),
    'the shell is precached',
  );
  // Everything index.html loads (the entry script, the shell's chunk, the stylesheet) and the code of the two screens that open offline.
  const firstLoad = [...readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8').matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  t.ok(firstLoad.some((url) => url.endsWith('.js')) && firstLoad.some((url) => url.endsWith('.css')), 'index.html loads a script and a stylesheet');
  t.same(
    firstLoad.filter((url) => !entries.some((e) => e.url === url)),
    [],
    'every file index.html loads is precached',
  );
  for (const screen of ['directory-page-', 'entry-requirements-page-']) {
    t.ok(
      entries.some((e) => e.url.startsWith(`/assets/${screen}`)),
      `the code of /assets/${screen}… is precached`,
    );
  }
  t.notOk(
    entries.some((e) => /^\/assets\/(geo|chart|pdf)/.test(e.url)),
    'the code loaded on demand (map, charts, PDF viewer) is not precached',
  );
  const bodies = await cachedBodies(page);
  t.notOk(bodies.includes('P-7777777'), 'no document number in any cached answer');
  t.notOk(bodies.includes('reimpresa'), 'no specimen description in any cached answer');
  t.notOk(bodies.includes('Tapachula'), 'no alert in any cached answer');

  // The link dies. A reload gives the shell and the matrix from the copies, and says so.
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Requisitos de entrada' }).waitFor();
  await cuba.getByText('Visa', { exact: true }).waitFor();
  const banner = page.getByRole('status').filter({ hasText: /^Sin conexión — datos del / });
  await banner.waitFor();
  t.pass('the matrix opens offline, with the date of its copy');
  t.same(await accessibilityViolations(page), [], 'the matrix offline: no WCAG 2.1 AA violations');
  await screenshot(page, 'offline-entry-requirements');

  await page.goto(`${base}/directory`);
  await page.getByRole('heading', { level: 1, name: 'Directorio' }).waitFor();
  await page.getByText('+506 2299 8000').waitFor();
  await banner.waitFor();
  t.pass('the directory opens offline, with the date of its copy');
  await screenshot(page, 'offline-directory');

  // A restricted screen has nothing kept: it says the portal cannot be reached, and shows none of it.
  await page.goto(`${base}/specimens/${specimenId}`);
  await page.getByText('No se pudo conectar con el portal. Revise su conexión e inténtelo de nuevo.').first().waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /^Sin conexión: no se puede conectar con el portal/ })
    .waitFor();
  t.equal(await page.getByText('Pasaporte con página de datos reimpresa.').count(), 0, 'offline: no specimen content');
  t.equal(await page.getByText('P-7777777').count(), 0, 'offline: no document number');
  await screenshot(page, 'offline-specimen');
  await page.goto(`${base}/alerts/${alert.id}`);
  await page.getByText('No se pudo conectar con el portal. Revise su conexión e inténtelo de nuevo.').first().waitFor();
  t.equal(await page.getByText('Tapachula').count(), 0, 'offline: nothing of the alert');
  await screenshot(page, 'offline-alerts');

  // Back online, signing out removes every kept answer; the shell stays.
  await context.setOffline(false);
  await page.goto(`${base}/entry-requirements`);
  await cuba.getByText('Visa', { exact: true }).waitFor();
  await page.getByRole('banner').getByRole('button', { name: 'Cerrar sesión' }).click();
  await page.getByRole('status').filter({ hasText: 'Ha cerrado la sesión.' }).waitFor();
  await settles(t, async () => (await cachedEntries(page)).filter((e) => e.url.startsWith('/api/')), [], 'signed out: no API answer in any cache');
  t.ok(
    (await cachedEntries(page)).some((e) => e.url.startsWith('/index.html')),
    'the shell is still precached',
  );

  // The next account on this browser: its own answers only.
  await page.goto(`${base}/signin`);
  await signInOnPage(page, world.foreign.user, 'es');
  await page.getByRole('button', { name: 'Cerrar sesión' }).waitFor();
  await page.goto(`${base}/directory`);
  await page.getByText('+506 2299 8000').waitFor();
  const me = (await page.evaluate(`caches.open('${API_CACHE}').then((c) => c.match('/api/me')).then((r) => r && r.json())`)) as {
    user: { email: string };
  } | null;
  t.equal(me?.user.email, world.foreign.user.email, 'the kept account is the one signed in now');
  t.same(csp, [], 'no CSP violation');
});
