import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';

t.test('every response carries a strict Content-Security-Policy and the same full set of hardening headers', async (t) => {
  const { app } = await buildTestApp(t);
  const expected = {
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };
  const policies = new Set<string>();
  // A page, a health check, an API refusal, and an error (malformed JSON).
  for (const request of [
    { method: 'GET' as const, url: '/' },
    { method: 'GET' as const, url: '/healthz' },
    { method: 'GET' as const, url: '/api/nothing' },
    { method: 'POST' as const, url: '/api/auth/login', payload: '{"broken', headers: { 'content-type': 'application/json' } },
  ]) {
    const res = await app.inject(request);
    const url = `${request.url} (${res.statusCode})`;
    const csp = String(res.headers['content-security-policy']);
    t.match(csp, /default-src 'none'/, `${url}: deny by default`);
    t.match(csp, /script-src 'self'(;|$)/, `${url}: scripts from the portal only, none inline`);
    t.match(csp, /style-src 'self'(;|$)/, `${url}: styles from the portal only, none inline`);
    t.match(csp, /frame-ancestors 'none'/);
    t.notMatch(csp, /unsafe-inline|unsafe-eval/);
    policies.add(csp);
    t.same(Object.fromEntries(Object.keys(expected).map((k) => [k, res.headers[k]])), expected, `${url}: the hardening headers`);
    t.match(String(res.headers['permissions-policy']), /camera=\(\)/);
    t.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over plain http');
  }
  t.equal(policies.size, 1, 'one Content-Security-Policy for every reply');
});

t.test('API answers are never cached; HSTS once served over https', async (t) => {
  const { app } = await buildTestApp(t, { config: { publicUrl: 'https://enlace.example.org' } });
  const api = await app.inject({ method: 'GET', url: '/api/nothing' });
  t.equal(api.headers['cache-control'], 'no-store');
  t.match(String(api.headers['strict-transport-security']), /max-age=\d+; includeSubDomains/);
  t.match(String(api.headers['content-security-policy']), /upgrade-insecure-requests/);
});

t.test('the OpenAPI document is generated from the route schemas', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
  t.equal(res.statusCode, 200);
  const doc = res.json();
  t.match(doc.openapi, /^3\.1/);
  t.ok(doc.paths['/readyz'].get.responses['503'], 'readiness documents its 503');
  t.notOk(doc.paths['/*'], 'the web app catch-all is not part of the API');
  // Every API operation documents the error it may answer, the audit trail's 503 among them.
  const operations = Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ at: `${method} ${path}`, operation })));
  t.ok(operations.length > 100, 'the API has its operations in the document');
  const undocumented = operations.filter(({ operation }) => !operation.responses.default).map(({ at }) => at);
  t.same(undocumented, [], 'every API operation has a default (error) response');
  const read = doc.paths['/api/specimens/{id}'].get.responses;
  t.ok(read['200'], 'the declared answer is kept');
  t.same(read.default, { $ref: '#/components/responses/Error' });
  const error = doc.components.responses.Error;
  t.match(error.description, /503 `audit_unavailable`/);
  t.same(error.content['application/json'].schema, { $ref: '#/components/schemas/ErrorReply' });
  // The error body is one shared schema that every declared error status refers to, not a copy per route.
  t.same(Object.keys(doc.components.schemas.ErrorReply.properties), ['error']);
  t.same(doc.paths['/api/specimens/{id}'].patch.responses['400'], {
    description: 'Default Response',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorReply' } } },
  });
  const errorBody = JSON.stringify(doc.components.schemas.ErrorReply.properties);
  const copies = operations.flatMap(({ at, operation }) =>
    Object.entries(operation.responses as Record<string, { content?: Record<string, { schema: { properties?: unknown } }> }>)
      .filter(([, answer]) => JSON.stringify(answer.content?.['application/json']?.schema.properties) === errorBody)
      .map(([status]) => `${at} ${status}`),
  );
  t.same(copies, [], 'no operation writes the error body out in full');
  t.notOk(doc.paths['/readyz'].get.responses.default, 'operations outside the API keep their own answers');
  const yaml = await app.inject({ method: 'GET', url: '/api/docs/yaml' });
  t.equal(yaml.statusCode, 200);
  t.match(yaml.body, /audit_unavailable/);
  const ui = await app.inject({ method: 'GET', url: '/api/docs/' });
  t.equal(ui.statusCode, 200);
  t.match(ui.headers['content-type'], /text\/html/);
  t.notMatch(ui.body, /<script>[^<]/, 'the documentation page has no inline script');
});

t.test('the web app: index revalidated, hashed assets cached, client routes fall back to the index', async (t) => {
  const { app } = await buildTestApp(t);
  const index = await app.inject({ method: 'GET', url: '/' });
  t.equal(index.statusCode, 200);
  t.match(index.headers['content-type'], /text\/html/);
  t.equal(index.headers['cache-control'], 'no-cache');
  const route = await app.inject({ method: 'GET', url: '/specimens/42?view=uv' });
  t.equal(route.statusCode, 200);
  t.equal(route.body, index.body);
  const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
  t.equal(asset.statusCode, 200);
  t.match(asset.headers['cache-control'], /immutable/);
  const api = await app.inject({ method: 'GET', url: '/api/specimens/42' });
  t.equal(api.statusCode, 401, 'an API path is never answered with the web app');
  t.equal(api.json().error.code, 'unauthenticated');
});

t.test('without a web build the API is still served', async (t) => {
  const { app } = await buildTestApp(t, { config: { webDir: t.testdir({}) } });
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  const home = await app.inject({ method: 'GET', url: '/' });
  t.equal(home.statusCode, 404);
  t.equal(home.json().error.code, 'not_found');
});
