import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('answers that hold no secret are compressed when asked; the rest never are', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const get = (url: string, encoding: string) => app.inject({ url, headers: { ...world.officer.headers, 'accept-encoding': encoding } });

  // The vocabularies: Brotli first, gzip for a browser without it, plain for a client asking nothing.
  const plain = await app.inject({ url: '/api/reference/specimens', headers: world.officer.headers });
  t.equal(plain.statusCode, 200);
  t.notOk(plain.headers['content-encoding'], 'nothing asked, nothing compressed');
  const br = await get('/api/reference/specimens', 'gzip, deflate, br');
  t.equal(br.headers['content-encoding'], 'br');
  t.match(br.headers.vary, /accept-encoding/i);
  t.same(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8')), plain.json(), 'the same answer');
  t.ok(br.rawPayload.length < plain.rawPayload.length / 2, 'much smaller');
  const gz = await get('/api/reference/specimens', 'gzip');
  t.equal(gz.headers['content-encoding'], 'gzip');
  t.same(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8')), plain.json());
  for (const url of ['/api/reference/reports', '/api/reference/persons', '/api/entry-requirements']) {
    const res = await get(url, 'br');
    t.equal(res.statusCode, 200, url);
    // Small answers stay plain (below the threshold); the vocabularies are well above it.
    if (res.rawPayload.length > 1024 || res.headers['content-encoding']) t.equal(res.headers['content-encoding'], 'br', url);
  }

  // An answer that holds restricted content or the session and text the caller chose: never.
  for (const url of ['/api/me', `/api/specimens?q=${'pasaporte '.repeat(200)}`, '/api/spaces', '/api/docs/json']) {
    const res = await get(url, 'br, gzip');
    t.ok(res.statusCode < 500, url);
    t.notOk(res.headers['content-encoding'], `${url}: not compressed`);
  }

  // A compressed request body is not decompressed: refused like any body that is not JSON.
  const body = brotliCompressSync(Buffer.from(JSON.stringify({ email: 'a@b.example', password: 'x' })));
  const compressed = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
    payload: body,
  });
  t.ok(compressed.statusCode >= 400 && compressed.statusCode < 500, 'a 4xx');
});

t.test('the web application is served from its build’s precompressed copies', async (t) => {
  const index = '<!doctype html><html><head><script type="module" src="/assets/app-1.js"></script></head><body></body></html>';
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  // Not t.testdir: buildTestApp takes the test's directory for its data folder.
  const webDir = mkdtempSync(path.join(tmpdir(), 'enlace-web-'));
  t.teardown(() => rmSync(webDir, { recursive: true, force: true }));
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'index.html'), index);
  writeFileSync(path.join(webDir, 'assets', 'app-1.js'), script);
  writeFileSync(path.join(webDir, 'assets', 'app-1.js.br'), brotliCompressSync(Buffer.from(script)));
  const { app } = await buildTestApp(t, { config: { webDir } });
  const br = await app.inject({ url: '/assets/app-1.js', headers: { 'accept-encoding': 'br' } });
  t.equal(br.statusCode, 200);
  t.equal(br.headers['content-encoding'], 'br');
  t.match(br.headers['content-type'], /javascript/);
  t.match(br.headers['cache-control'], /immutable/);
  t.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), script);
  const identity = await app.inject({ url: '/assets/app-1.js' });
  t.notOk(identity.headers['content-encoding']);
  t.equal(identity.body, script);
});
