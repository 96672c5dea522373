import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { Type } from 'typebox';
import { ApiError } from '../../../server/platform/http/errors.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { signIn } from '../../helpers/users.ts';

// A route of the shape every feature route has, so the platform's handling is tested on its own.
function probeRoutes(app: FastifyInstance) {
  app.post(
    '/api/probe',
    {
      // A POST that changes nothing: its entry is group-committed like a read's.
      config: { access: 'public', audit: 'probe.call', readOnly: true },
      schema: {
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 10 }),
            count: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
            colour: Type.Optional(Type.Enum(['red', 'green'])),
            tags: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 2 })),
            code: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
          },
          { additionalProperties: false },
        ),
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ ok: Type.Boolean() }) },
      },
    },
    async () => ({ ok: true }),
  );
  app.get('/api/probe/conflict', { config: { access: 'public', audit: 'probe.call' } }, async () => {
    throw new ApiError(409, 'bad_request', {}, 'body.name');
  });
  app.get('/api/probe/crash', { config: { access: 'public', audit: 'probe.call' } }, async () => {
    throw new Error('secret internal detail');
  });
  app.get('/api/probe/unavailable', { config: { access: 'public', audit: 'probe.call' } }, async () => {
    throw Object.assign(new Error('pool exhausted'), { statusCode: 503 });
  });
}

t.test('invalid bodies are refused with a 400 naming the field, in the caller’s language', async (t) => {
  const { app } = await buildTestApp(t, { extend: probeRoutes });
  const cases: [unknown, string, RegExp, RegExp][] = [
    [{}, 'body.name', /is required/, /es obligatorio/],
    [{ name: 'x' }, 'body.name', /at least 2 characters/, /al menos 2 caracteres/],
    [{ name: 'abcdefghijk' }, 'body.name', /at most 10/, /como máximo 10/],
    [{ name: 'ok', count: 0 }, 'body.count', /at least 1/, /como mínimo 1/],
    [{ name: 'ok', count: 6 }, 'body.count', /at most 5/, /como máximo 5/],
    [{ name: 'ok', count: 'two' }, 'body.count', /type integer/, /tipo integer/],
    [{ name: 'ok', colour: 'blue' }, 'body.colour', /one of: red, green/, /uno de: red, green/],
    [{ name: 'ok', tags: [] }, 'body.tags', /at least 1 entries/, /al menos 1 elementos/],
    [{ name: 'ok', tags: ['a', 'b', 'c'] }, 'body.tags', /at most 2 entries/, /como máximo 2 elementos/],
    [{ name: 'ok', code: 'esp' }, 'body.code', /expected format/, /formato esperado/],
    [{ name: 'ok', admin: true }, 'body.admin', /not accepted/, /no se admite/],
  ];
  for (const [payload, field, english, spanish] of cases) {
    const en = await app.inject({ method: 'POST', url: '/api/probe', payload: payload as object, headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    t.equal(en.statusCode, 400, `${JSON.stringify(payload)} → 400`);
    t.equal(en.json().error.code, 'validation_failed');
    t.equal(en.json().error.field, field);
    t.match(en.json().error.message, english);
    const es = await app.inject({ method: 'POST', url: '/api/probe', payload: payload as object });
    t.match(es.json().error.message, spanish, 'Spanish without Accept-Language');
  }
  const query = await app.inject({ method: 'POST', url: '/api/probe?page=0', payload: { name: 'ok' } });
  t.equal(query.json().error.field, 'query.page');
  const ok = await app.inject({ method: 'POST', url: '/api/probe?page=2', payload: { name: 'ok' } });
  t.equal(ok.statusCode, 200);
});

t.test('unreadable, oversized and mistyped bodies', async (t) => {
  const { app } = await buildTestApp(t, { extend: probeRoutes, config: { bodyLimit: 2048 } });
  const broken = await app.inject({ method: 'POST', url: '/api/probe', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
  t.equal(broken.statusCode, 400);
  t.equal(broken.json().error.code, 'bad_request');

  const big = await app.inject({ method: 'POST', url: '/api/probe', headers: { 'accept-language': 'en' }, payload: { name: 'x'.repeat(5000) } });
  t.equal(big.statusCode, 413);
  t.equal(big.json().error.code, 'payload_too_large');
  t.match(big.json().error.message, /2048/);

  const text = await app.inject({ method: 'POST', url: '/api/probe', headers: { 'content-type': 'text/plain' }, payload: 'name=ok' });
  t.equal(text.statusCode, 415);
  t.equal(text.json().error.code, 'unsupported_media_type');
});

t.test('errors the application raises keep their code and field', async (t) => {
  const { app } = await buildTestApp(t, { extend: probeRoutes });
  const res = await app.inject({ method: 'GET', url: '/api/probe/conflict' });
  t.equal(res.statusCode, 409);
  t.same(res.json().error.field, 'body.name');
});

t.test('5xx hide their cause and give a reference to quote', async (t) => {
  const { app } = await buildTestApp(t, { extend: probeRoutes });
  const res = await app.inject({ method: 'GET', url: '/api/probe/crash', headers: { 'accept-language': 'en' } });
  t.equal(res.statusCode, 500);
  const { error } = res.json();
  t.equal(error.code, 'internal_error');
  t.notMatch(res.body, /secret internal detail/);
  t.equal(error.requestId, res.headers['x-request-id']);
  t.match(error.message, error.requestId);
  const unavailable = await app.inject({ method: 'GET', url: '/api/probe/unavailable' });
  t.equal(unavailable.statusCode, 503);
  t.equal(unavailable.json().error.code, 'service_unavailable');
});

t.test('unknown API paths: 401 to strangers (deny by default), a JSON 404 in both languages once signed in', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const anonymous = await app.inject({ method: 'GET', url: '/api/nothing-here' });
  t.equal(anonymous.statusCode, 401);
  t.equal(anonymous.json().error.code, 'unauthenticated');
  const { cookie } = await signIn(app, database.db, clock);
  const es = await app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie } });
  t.equal(es.statusCode, 404);
  t.equal(es.json().error.code, 'not_found');
  const en = await app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie, 'accept-language': 'en' } });
  t.equal(en.statusCode, 404);
  t.not(en.json().error.message, es.json().error.message);
});

t.test('request ids: a plain one from a gateway is kept, anything else replaced', async (t) => {
  const { app } = await buildTestApp(t);
  const kept = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'gateway-1234abcd' } });
  t.equal(kept.headers['x-request-id'], 'gateway-1234abcd');
  const replaced = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\n<script>' } });
  t.match(replaced.headers['x-request-id'], /^[0-9a-f-]{36}$/);
});
