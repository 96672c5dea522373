import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import { mayKeepOffline } from '../../../web/sw/allowlist.ts';
import { buildTestApp } from '../../helpers/app.ts';

/** A built web app with its service worker, as web/sw-build.ts writes it (not in t.testdir: the app's data folder is that). */
function webBuild(t: Test): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'enlace-web-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Enlace</title><script type="module" src="/assets/index-abc.js"></script>');
  writeFileSync(path.join(dir, 'sw.js'), '(function(){self.addEventListener("fetch",()=>{})})();');
  writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1);');
  return dir;
}

t.test('the service worker is served revalidated, as a script, at the root, under the strict policy', async (t) => {
  const { app } = await buildTestApp(t, { config: { webDir: webBuild(t) } });
  const sw = await app.inject({ method: 'GET', url: '/sw.js' });
  t.equal(sw.statusCode, 200);
  t.match(sw.headers['content-type'], /^(text|application)\/javascript/, 'a script (a browser refuses to register anything else)');
  t.equal(sw.headers['cache-control'], 'no-cache', 'checked for a new release on every visit');
  t.notOk(sw.headers['service-worker-allowed'], 'its scope is the root it is served from, no wider');
  const csp = String(sw.headers['content-security-policy']);
  t.match(csp, /default-src 'none'/);
  t.match(csp, /connect-src 'self'(;|$)/, 'it fetches from the portal only');
  t.match(csp, /worker-src 'self'(;|$)/, 'workers from the portal only');
  t.notMatch(csp, /unsafe-inline|unsafe-eval|worker-src[^;]*(blob:|data:|\*)/);

  const index = await app.inject({ method: 'GET', url: '/' });
  t.match(String(index.headers['content-security-policy']), /worker-src 'self'(;|$)/, 'the page may register only a worker of the portal');
});

t.test('the allowlist of kept API answers: exactly the reference routes, never a restricted one', async (t) => {
  const { app } = await buildTestApp(t);
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const uuid = '0d4f9a52-6d1c-4c61-9d8e-2f8a1b3c4d5e';
  const base = 'https://portal.example';
  const kept = Object.entries(doc.paths)
    .filter(([, methods]) => 'get' in methods)
    .map(([path]) => path.replace(/\{[^}]+\}/g, uuid))
    .filter((path) => mayKeepOffline(new URL(path, base)))
    .sort();
  t.same(
    kept,
    [
      '/api/directory',
      '/api/entry-requirements',
      '/api/me',
      `/api/networks/${uuid}/directory`,
      '/api/reference/persons',
      '/api/reference/reports',
      '/api/reference/specimens',
    ],
    'of every GET route of the API, only these',
  );
  // A query changes what an answer is: the vCard download and any query of the others are not kept.
  t.notOk(mayKeepOffline(new URL(`/api/networks/${uuid}/directory?format=vcard&lang=es`, base)), 'the vCard download');
  t.notOk(mayKeepOffline(new URL('/api/me?x=1', base)));
  t.ok(mayKeepOffline(new URL('/api/entry-requirements?destination=CRI&page=1&pageSize=300', base)), 'a row of the matrix');
  for (const path of [
    '/api/entry-requirements/export?format=csv',
    '/api/entry-requirements/changes',
    '/api/entry-requirements/proposals',
    '/api/entry-requirements/CRI/CUB/history',
    `/api/specimens/${uuid}`,
    '/api/alerts/inbox',
    '/api/audit',
    '/api/me/sessions',
    `/api/networks/${uuid}/directory/extra`,
    '/api/directory/../specimens',
  ]) {
    t.notOk(mayKeepOffline(new URL(path, base)), `${path}: never kept`);
  }
});
