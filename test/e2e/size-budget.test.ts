import t from 'tap';
import { MIN_BYTES } from '../../web/precompress.ts';
import { buildTestApp } from '../helpers/app.ts';
import { launchBrowser, WEB_DIST } from '../helpers/browser.ts';

/** UI.md's budget: what the first visit downloads, compressed, before the sign-in page is usable. */
const FIRST_LOAD_BUDGET = 300 * 1024;

t.test('the first load stays under 300 kB compressed, its code and styles served as Brotli', async (t) => {
  const { app } = await buildTestApp(t, { config: { webDir: WEB_DIST } });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const loaded: { url: string; type: string; encoding: string | undefined; bytes: number; body: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const response = await request.response();
        const sizes = await request.sizes();
        loaded.push({
          url: request.url().replace(base, ''),
          type: request.resourceType(),
          encoding: response ? (await response.allHeaders())['content-encoding'] : undefined,
          // As it came over the wire: the encoded body and the headers.
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          body: sizes.responseBodySize,
        });
      })(),
    );
  });
  await page.goto(`${base}/signin`);
  await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).waitFor();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);

  const total = loaded.reduce((sum, r) => sum + r.bytes, 0);
  t.comment(`first load: ${loaded.length} requests, ${(total / 1024).toFixed(1)} kB over the wire`);
  t.ok(total < FIRST_LOAD_BUDGET, `${(total / 1024).toFixed(1)} kB, under the 300 kB budget`);
  const code = loaded.filter((r) => r.type === 'script' || r.type === 'stylesheet');
  t.ok(code.length >= 2, 'the application’s script and stylesheet');
  t.ok(
    code.some((r) => r.body >= MIN_BYTES),
    'the application’s code is there',
  );
  // The entry script is a few hundred bytes that import the shell's chunk: below what the build compresses.
  for (const r of code) {
    if (r.body >= MIN_BYTES) t.equal(r.encoding, 'br', `${r.url} as Brotli`);
    else t.equal(r.encoding, undefined, `${r.url}: ${r.body} bytes, sent as they are`);
  }
  // Each screen's code comes on its first visit: none on the sign-in page (its form is the shell's).
  t.same(
    loaded.filter((r) => /\/assets\/[a-z-]+-page-/.test(r.url)).map((r) => r.url),
    [],
    'no screen’s code on the first load',
  );
  // The map's and the charts' code is not part of it: loaded when a screen needs it.
  t.notOk(
    loaded.some((r) => /\/assets\/(geo|chart)-/.test(r.url)),
    'no map or chart code on the first load',
  );
});
