import { sql } from 'kysely';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { storedBlobs } from '../../helpers/blobs.ts';
import { specimenCalls } from '../../helpers/specimens.ts';
import { buildWorld, multipart } from '../../helpers/world.ts';

/**
 * Ordinary bad input that once reached the database or the multipart parser and came back as a
 * 500 (finding 2 of the hardening issue): each is now a 400 with a code, naming the field where
 * there is one, in the caller's language, and changes nothing.
 */
t.test('names with a NUL, a lone surrogate, or nothing visible are refused, naming the field', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const send = (method: 'POST' | 'PATCH', url: string, payload: string, who = world.secretariat) =>
    app.inject({ method, url, headers: { ...who.headers, 'content-type': 'application/json', 'accept-language': 'en' }, payload });
  const cases: [string, 'POST' | 'PATCH', string, (bad: string) => string, string, RegExp][] = [
    ['display name', 'PATCH', '/api/me', (bad) => `{"displayName":${bad}}`, 'body.displayName', /./],
    ['network name', 'POST', '/api/networks', (bad) => `{"code":"nw-hostile","nameEs":${bad},"nameEn":"Network"}`, 'body.nameEs', /./],
    [
      'organisation name',
      'POST',
      '/api/organisations',
      (bad) => `{"code":"HOSTILE","country":"CRI","kind":"observer","nameEs":"Org","nameEn":${bad}}`,
      'body.nameEn',
      /./,
    ],
    [
      'space name',
      'POST',
      '/api/spaces',
      (bad) => `{"networkId":"${world.networkId}","nameEs":${bad},"nameEn":"Space","opensOn":"2026-03-01"}`,
      'body.nameEs',
      /./,
    ],
    ['space rename', 'PATCH', `/api/spaces/${world.spaceId}`, (bad) => `{"nameEn":${bad}}`, 'body.nameEn', /./],
    [
      'invitation name',
      'POST',
      '/api/invitations',
      (bad) => `{"email":"new@example.org","displayName":${bad},"country":"CRI","organisation":"DGME"}`,
      'body.displayName',
      /./,
    ],
    [
      'invitation organisation',
      'POST',
      '/api/invitations',
      (bad) => `{"email":"new@example.org","displayName":"New","country":"CRI","organisation":${bad}}`,
      'body.organisation',
      /./,
    ],
  ];
  const values: [string, string, RegExp][] = [
    ['a NUL', '"Ana\\u0000Pérez"', /character that is not accepted/],
    ['a lone surrogate', '"Ana \\ud800 Pérez"', /character that is not accepted/],
    ['only spaces', '"    "', /must not be blank/],
    ['only format characters', '"\\u202e\\u200b"', /must not be blank/],
  ];
  const tables = async () =>
    (
      await sql<{
        n: string;
      }>`select (select count(*) from network) || '/' || (select count(*) from organisation) || '/' || (select count(*) from space) || '/' || (select count(*) from app_user) || '/' || (select string_agg(display_name, ',' order by id) from app_user) || '/' || (select string_agg(name_en, ',' order by id) from space) as n`.execute(
        database.db,
      )
    ).rows[0]!.n;
  const before = await tables();
  for (const [what, method, url, body, field] of cases) {
    for (const [label, bad, reason] of values) {
      const res = await send(method, url, body(bad));
      t.equal(res.statusCode, 400, `${what} with ${label}: 400`);
      t.equal(res.json().error.code, 'validation_failed');
      t.equal(res.json().error.field, field);
      t.match(res.json().error.message, reason);
    }
  }
  t.equal(await tables(), before, 'nothing was written');
  const es = await app.inject({
    method: 'PATCH',
    url: '/api/me',
    headers: { ...world.officer.headers, 'content-type': 'application/json' },
    payload: '{"displayName":"   "}',
  });
  t.match(es.json().error.message, /no puede estar en blanco/, 'in Spanish too');

  // What is taken is cleaned once: format characters become spaces, the ends are trimmed.
  const renamed = await send('PATCH', '/api/me', '{"displayName":"  Ana\\u202ePérez  "}', world.officer);
  t.equal(renamed.statusCode, 200);
  t.equal(renamed.json().user.displayName, 'Ana Pérez');
});

t.test('malformed multipart bodies are a 400 with a code on every route that takes files, and leave nothing behind', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const created = await specimenCalls(env, world).create(world.officer);
  const specimen = created.json().id as string;
  const item = await world.item();
  const blobs = async () =>
    `${(await sql<{ n: number }>`select count(*)::int as n from stored_file`.execute(database.db)).rows[0]!.n} rows, ${(await storedBlobs(env.config.dataDir)).length} blobs`;
  const before = await blobs();
  const routes: [string, { name: string; data: string; filename?: string }[]][] = [
    [
      `/api/specimens/${specimen}/images`,
      [
        { name: 'view', data: 'front' },
        { name: 'file', filename: 'a.png', data: 'not really a png' },
      ],
    ],
    [
      `/api/items/${item.id}/attachments`,
      [
        { name: 'caption', data: 'Informe' },
        { name: 'file', filename: 'a.pdf', data: '%PDF-1.7 not really' },
      ],
    ],
  ];
  for (const [url, parts] of routes) {
    const good = multipart(parts);
    const boundary = good.headers['content-type']!.split('boundary=')[1]!;
    const bodies: [string, string, Buffer][] = [
      ['no boundary', 'multipart/form-data', good.payload],
      ['an empty boundary', 'multipart/form-data; boundary=', good.payload],
      ['an overlong boundary', `multipart/form-data; boundary=${'b'.repeat(300)}`, good.payload],
      ['a wrong boundary', 'multipart/form-data; boundary=----not-the-one', good.payload],
      ['a body cut short', `multipart/form-data; boundary=${boundary}`, good.payload.subarray(0, good.payload.length - 40)],
      ['an empty body', `multipart/form-data; boundary=${boundary}`, Buffer.alloc(0)],
      ['garbage', `multipart/form-data; boundary=${boundary}`, Buffer.from(`\r\n--${boundary}\r\nnonsense\r\n\r\n`)],
    ];
    for (const [label, type, payload] of bodies) {
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { ...world.officer.headers, 'content-type': type, 'accept-language': 'en' },
        payload,
      });
      t.equal(res.statusCode, 400, `${url.split('/')[2]} with ${label}: 400`);
      t.match(res.json().error, { code: /^(multipart_malformed|file_required)$/, message: /./ }, `${label}: ${res.json().error.code}`);
    }
  }
  t.equal(await blobs(), before, 'no file recorded, no blob left');
});

t.test('numbers beyond what a column holds, and the database’s own refusals, are 4xx', async (t) => {
  const logs: string[] = [];
  const env = await buildTestApp(t, {
    logs,
    extend: (app) => {
      // A route whose input reaches the database unchecked: the net under the schemas.
      app.post('/api/probe/cast', { config: { access: 'public', audit: 'probe.cast' } }, async (request) => {
        await request.change((trx) => sql`select ${(request.body as { value: string }).value}::int`.execute(trx));
        return {};
      });
    },
  });
  const { app } = env;
  const world = await buildWorld(env);
  const huge = await app.inject({ method: 'GET', url: '/api/audit?before=99999999999999999999', headers: world.auditor.headers });
  t.equal(huge.statusCode, 400);
  t.equal(huge.json().error.field, 'query.before');
  const negative = await app.inject({ method: 'GET', url: '/api/audit/checkpoints?before=-1', headers: world.auditor.headers });
  t.equal(negative.statusCode, 400);

  const cast = await app.inject({ method: 'POST', url: '/api/probe/cast', payload: { value: 'not a number' }, headers: { 'accept-language': 'en' } });
  t.equal(cast.statusCode, 400, 'a data exception from the database is the caller’s input');
  t.equal(cast.json().error.code, 'invalid_input');
  t.ok(
    logs.some((l) => /database refused input that validation let through/.test(l) && /22P02/.test(l)),
    'and the log says validation let it through (the fuzz test fails on that line)',
  );
  t.notOk(
    logs.some((l) => /not a number/.test(l)),
    'the value itself is not logged',
  );
});

t.test('ids, days and times the database could not take are refused at the door, naming the field', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const get = (url: string, who = world.officer) => app.inject({ method: 'GET', url, headers: { ...who.headers, 'accept-language': 'en' } });
  const cases: [string, Promise<{ statusCode: number; json(): { error: { code: string; field?: string } } }>, string][] = [
    ['a urn:uuid: id in the path', get(`/api/spaces/urn:uuid:${world.spaceId}`), 'params.spaceId'],
    ['an upper-case id in the path', get(`/api/spaces/${world.spaceId.toUpperCase()}`), 'params.spaceId'],
    ['a urn:uuid: id in the query', get(`/api/audit?actor=urn:uuid:${world.officer.user.id}`, world.auditor), 'query.actor'],
    ['a leap second', get('/api/audit/anomalies?to=2016-12-31T23:59:60Z', world.auditor), 'query.to'],
    ['hour 24', get('/api/audit?from=2026-01-01T24:00:00Z', world.auditor), 'query.from'],
    ['year 0000 in a time', get('/api/audit?from=0000-01-01T00:00:00Z', world.auditor), 'query.from'],
    [
      'year 0000 in a day',
      app.inject({ method: 'POST', url: '/api/specimens/search', headers: world.officer.headers, payload: { detectedFrom: '0000-01-01' } }),
      'body.detectedFrom',
    ],
    [
      'the 30th of February',
      app.inject({ method: 'POST', url: '/api/specimens/search', headers: world.officer.headers, payload: { detectedTo: '2026-02-30' } }),
      'body.detectedTo',
    ],
    [
      'a urn:uuid: id in a body',
      app.inject({
        method: 'POST',
        url: `/api/spaces/${world.spaceId}/members`,
        headers: world.secretariat.headers,
        payload: { userId: `urn:uuid:${world.foreign.user.id}`, role: 'observer' },
      }),
      'body.userId',
    ],
  ];
  for (const [what, pending, field] of cases) {
    const res = await pending;
    t.equal(res.statusCode, 400, `${what}: 400`);
    t.equal(res.json().error.field, field, `${what}: names ${field}`);
  }
  const leapDay = await app.inject({
    method: 'POST',
    url: '/api/specimens/search',
    headers: world.officer.headers,
    payload: { detectedFrom: '2024-02-29' },
  });
  t.equal(leapDay.statusCode, 200, 'a day that exists is taken');
});

t.test('what the router refuses before any route still gets our answer', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const long = await app.inject({
    method: 'POST',
    url: `/api/specimens/${'a'.repeat(201)}/submit`,
    headers: { ...world.officer.headers, 'accept-language': 'en' },
  });
  t.equal(long.statusCode, 414);
  t.same(long.json(), { error: { code: 'path_too_long', message: 'A part of this address is too long.' } });
  t.match(long.headers, { 'x-request-id': /./, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  t.notMatch(long.body, /aaaa/, 'the path is not echoed');
  const bad = await app.inject({ method: 'GET', url: '/api/specimens/%E0%A4%A', headers: world.officer.headers });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error.code, 'bad_request');
  t.match(bad.json().error.message, /No se pudo leer/);
});
