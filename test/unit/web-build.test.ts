import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { ensureWebBuild, webSourceHash } from '../../server/platform/web-build.ts';

// A web project of three files, built by the real Vite: `npm start` rebuilds only when a source changes.
t.test('the web app is built when missing or stale, and left alone when fresh', async (t) => {
  const dir = t.testdir({
    'vite.config.ts':
      "export default { root: import.meta.dirname, logLevel: 'silent', build: { outDir: 'dist', modulePreload: { polyfill: false } } };\n",
    'index.html': '<!doctype html><html><head><script type="module" src="/main.js"></script></head><body></body></html>\n',
    'main.js': "document.body.textContent = 'one';\n",
  });
  const log: string[] = [];
  t.equal(await ensureWebBuild((m) => log.push(m), dir), 'built');
  t.match(log, [/building the web app/]);
  const html = await readFile(path.join(dir, 'dist', 'index.html'), 'utf8');
  t.match(html, /<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
  t.notMatch(html, /<script>(?!<)/, 'no inline script');

  t.equal(await ensureWebBuild((m) => log.push(m), dir), 'fresh', 'nothing changed: no rebuild');
  const before = await webSourceHash(dir);
  await writeFile(path.join(dir, 'main.js'), "document.body.textContent = 'two';\n");
  t.not(await webSourceHash(dir), before, 'a changed source changes the hash');
  t.equal(await ensureWebBuild((m) => log.push(m), dir), 'built');
  t.match(log[log.length - 1], /web sources changed/);
});
