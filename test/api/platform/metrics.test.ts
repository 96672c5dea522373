import t from 'tap';
import { BATCH_MAX } from '../../../server/platform/audit/trail.ts';
import { alertBody } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedSpecimen } from '../../helpers/specimens.ts';
import { buildWorld } from '../../helpers/world.ts';

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The text format's samples (`name{label="value",…} number`), comments left out. */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}
const value = (all: Sample[], name: string, labels: Record<string, string> = {}) =>
  all.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

t.test('/metrics: requests by route pattern, sign-in failures, audit appends, alert deliveries, blob errors, pool, jobs, verification', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const scrape = async () => {
    const res = await app.inject({ url: '/metrics' });
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/);
    return { text: res.body, all: samples(res.body) };
  };

  // A restricted read, a refused sign-in, a missing blob, an urgent alert published and delivered.
  const item = { id: await publishedSpecimen(env, world) };
  t.equal((await app.inject({ url: `/api/specimens/${item.id}`, headers: world.foreign.headers })).statusCode, 200);
  const wrong = await app.inject({ method: 'POST', url: '/api/session', payload: { email: world.officer.user.email, password: 'not the password' } });
  t.equal(wrong.statusCode, 401);
  await t.rejects(app.blobs.get(`00/${'0'.repeat(32)}`));
  const published = await app.inject({ method: 'POST', url: '/api/alerts', headers: world.officer.headers, payload: alertBody(env, world) });
  t.equal(published.statusCode, 201);
  const before = await scrape();
  t.equal(value(before.all, 'enlace_jobs_queued', { kind: 'alert-fanout' }), 1, 'the fan-out waits');
  const queuedKinds = before.all.filter((s) => s.name === 'enlace_jobs_queued');
  t.ok(queuedKinds.length >= 1 && queuedKinds.every((s) => s.value >= 1 && s.labels.kind), 'jobs waiting, by kind');
  t.ok(before.all.filter((s) => s.name === 'enlace_jobs_oldest_seconds').every((s) => s.value >= 0));
  await app.jobs.drain();
  const { text, all } = await scrape();

  t.equal(value(all, 'enlace_http_requests_total', { method: 'POST', route: '/api/alerts', status: '201' }), 1, 'by route pattern and status');
  t.equal(value(all, 'enlace_http_request_duration_seconds_count', { method: 'POST', route: '/api/alerts' }), 1);
  t.ok((value(all, 'enlace_http_requests_total', { method: 'POST', route: '/api/session', status: '401' }) ?? 0) >= 1);
  t.equal(value(all, 'enlace_signin_failures_total'), 1, 'the wrong password');
  t.equal(value(all, 'enlace_signin_throttled_total'), 0);
  t.ok((value(all, 'enlace_audit_append_seconds_count') ?? 0) >= 1, 'reads’ audit entries timed');
  const batches = value(all, 'enlace_audit_batch_entries_count') ?? 0;
  const batched = value(all, 'enlace_audit_batch_entries_sum') ?? 0;
  t.ok(batches >= 1, 'group-commit batches counted');
  t.ok(batched >= (value(all, 'enlace_audit_append_seconds_count') ?? 0), 'every timed entry was appended by a counted batch');
  t.ok(batched <= batches * BATCH_MAX, 'no batch above its bound');
  t.equal(value(all, 'enlace_blob_store_errors_total', { operation: 'get' }), 1, 'the missing blob');
  t.equal(value(all, 'enlace_alert_delivery_seconds_count', { channel: 'inbox' }), 1, 'one recipient: Guatemala’s officer');
  t.equal(value(all, 'enlace_live_streams'), 0);
  t.ok((value(all, 'enlace_db_pool_connections', { state: 'total' }) ?? 0) >= 1, 'the pool');
  t.equal(value(all, 'enlace_audit_verify_ok'), -1, 'never verified yet');
  const rss = value(all, 'enlace_process_memory_bytes', { kind: 'rss' }) ?? 0;
  const heapUsed = value(all, 'enlace_process_memory_bytes', { kind: 'heap_used' }) ?? 0;
  t.ok(heapUsed > 0 && rss > heapUsed, 'this process’ memory: the resident set holds the heap');
  t.ok((value(all, 'enlace_process_memory_bytes', { kind: 'heap_total' }) ?? 0) >= heapUsed);
  t.equal(value(all, 'enlace_jobs_queued', { kind: 'alert-fanout' }), undefined, 'the queue drained');
  // The specimen read again: its records come from memory (ENLACE_OPEN_CACHE_MB), not decrypted again.
  const opens = (samples: Sample[]): [number, number] => [
    value(samples, 'enlace_sealed_opens_total', { source: 'decrypted' }) ?? 0,
    value(samples, 'enlace_sealed_opens_total', { source: 'memory' }) ?? 0,
  ];
  const [decrypted, remembered] = opens(all);
  t.ok(decrypted >= 1, 'records decrypted');
  t.equal((await app.inject({ url: `/api/specimens/${item.id}`, headers: world.foreign.headers })).statusCode, 200);
  const [decryptedAfter, rememberedAfter] = opens((await scrape()).all);
  t.equal(decryptedAfter, decrypted, 'none decrypted again');
  t.ok(rememberedAfter > remembered, 'the read again took them from memory');
  t.ok((value(all, 'enlace_http_requests_total', { method: 'GET', route: '/api/specimens/:id', status: '200' }) ?? 0) >= 1);

  // Labels carry patterns, never ids or words.
  t.notMatch(text, item.id, 'no item id');
  t.notMatch(text, published.json().id, 'no alert id');
  t.notMatch(text, world.officer.user.email);
  t.notMatch(text, /Tapachula/);

  // The trail verified: the gauge says so.
  t.equal((await app.inject({ method: 'POST', url: '/api/audit/verify', headers: world.auditor.headers })).json().ok, true);
  const verified = (await scrape()).all;
  t.equal(value(verified, 'enlace_audit_verify_ok'), 1);
  t.equal(value(verified, 'enlace_audit_verify_timestamp_seconds'), env.clock.now().getTime() / 1000);
});

t.test('/metrics: only from an allowed address or with the token; a forwarded request is not a local one', async (t) => {
  const token = 'k'.repeat(40);
  const { app } = await buildTestApp(t, { config: { metricsAllow: '127.0.0.1, 10.20.0.0/16', metricsToken: token } });
  const get = (remoteAddress: string, headers: Record<string, string> = {}) => app.inject({ url: '/metrics', remoteAddress, headers });
  t.equal((await get('127.0.0.1')).statusCode, 200, 'loopback');
  t.equal((await get('10.20.3.4')).statusCode, 200, 'the allowed range');
  const outside = await get('10.21.3.4');
  t.equal(outside.statusCode, 404, 'outside the range');
  t.equal(outside.json().error.code, 'not_found', 'as for an unknown address');
  t.equal((await get('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).statusCode, 404, 'through a proxy not trusted');
  t.equal((await get('127.0.0.1', { forwarded: 'for=203.0.113.9' })).statusCode, 404);
  t.equal((await get('203.0.113.9', { authorization: `Bearer ${token}` })).statusCode, 200, 'the token opens it from anywhere');
  t.equal((await get('203.0.113.9', { authorization: `Bearer ${'x'.repeat(40)}` })).statusCode, 404, 'a wrong token does not');
  t.equal((await get('203.0.113.9', { authorization: token })).statusCode, 404, 'nor a token without its scheme');
  // Not in the API's documentation, and never audited (no restricted value, scraped every few seconds).
  const docs = (await app.inject({ url: '/api/docs/json' })).json();
  t.notOk(docs.paths['/metrics']);
});

t.test('/metrics behind listed proxies: the client they forwarded decides, and only a listed proxy is believed', async (t) => {
  const { app } = await buildTestApp(t, { config: { metricsAllow: '10.20.0.0/16', trustedProxies: '127.0.0.1' } });
  const get = (remoteAddress: string, forwardedFor: string) =>
    app.inject({ url: '/metrics', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });
  t.equal((await get('127.0.0.1', '10.20.3.4')).statusCode, 200, 'a scraper in the allowed range, through the listed proxy');
  t.equal((await get('127.0.0.1', '10.20.3.4, 203.0.113.9')).statusCode, 404, 'the right-most address the proxy did not add is the client');
  t.equal((await get('192.0.2.50', '10.20.3.4')).statusCode, 404, 'a header from no listed proxy is not believed');
  t.equal((await get('10.20.3.4', '10.20.3.5')).statusCode, 404, 'not even from inside the allowed range');
});

t.test('/metrics: with no address allowed and no token, nobody reads it', async (t) => {
  const { app } = await buildTestApp(t, { config: { metricsAllow: '' } });
  t.equal((await app.inject({ url: '/metrics' })).statusCode, 404);
});
