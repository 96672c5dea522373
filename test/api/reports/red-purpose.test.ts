import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import { buildWorld } from '../../helpers/world.ts';

const PURPOSE = 'Caso 2026-207: ruta detectada en Paso Canoas';

t.test('a RED report: its readers state a purpose first (428 purpose_required), then read; the purpose is in the entry', async (t) => {
  // A purpose lasts less than a session stays idle, so the test sees it expire on a live session.
  const env = await buildTestApp(t, { config: { purposeMinutes: 5 } });
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = reportCalls(env, world);
  const statePurpose = (who: typeof world.officer, id: string) =>
    app.inject({ method: 'POST', url: `/api/items/${id}/purpose`, headers: who.headers, payload: { purpose: PURPOSE } });

  // A validator reads a RED draft it is asked to validate, after stating a purpose.
  const created = await calls.create(world.officer, { ...ROUTE, tlp: 'RED', namedRecipients: [world.foreign.user.id] });
  t.equal(created.statusCode, 201, created.body);
  const pending = created.json().id as string;
  t.equal(created.json().title, ROUTE.title, 'the originator reads its own RED report without a purpose');
  t.equal((await calls.read(world.officer, pending)).statusCode, 200);
  t.equal((await calls.step(world.officer, pending, 'submit')).statusCode, 200);
  const validatorFirst = await calls.read(world.contact, pending);
  t.equal(validatorFirst.statusCode, 428);
  t.equal(validatorFirst.json().error.code, 'purpose_required');
  t.notOk(validatorFirst.body.includes('Necoclí'));
  t.equal((await statePurpose(world.contact, pending)).statusCode, 200);
  t.equal((await calls.read(world.contact, pending)).json().title, ROUTE.title, 'then reads');

  const id = await publishedReport(env, world, { ...ROUTE, tlp: 'RED', namedRecipients: [world.foreign.user.id] });
  for (const [what, res] of [
    ['the report', await calls.read(world.foreign, id)],
    ['its related reports', await calls.related(world.foreign, id)],
    ['its sightings', await calls.sightings(world.foreign, id)],
    ['a sighting', await calls.sight(world.foreign, id, { kind: 'sighting', seenOn: '2026-02-01', country: 'GTM', note: 'Vista' })],
  ] as const) {
    t.equal(res.statusCode, 428, `a named recipient without a purpose: ${what}`);
    t.equal(res.json().error.code, 'purpose_required');
    t.notOk(res.body.includes('Necoclí') || res.body.includes(ROUTE.title), 'nothing of the content');
  }
  t.equal((await database.db.selectFrom('sighting').select('id').where('itemId', '=', id).execute()).length, 0, 'the refused sighting wrote nothing');
  const search = await calls.search(world.foreign, {});
  t.equal(search.statusCode, 200);

  const stated = await statePurpose(world.foreign, id);
  t.equal(stated.statusCode, 200, stated.body);
  const read = await calls.read(world.foreign, id);
  t.equal(read.statusCode, 200, read.body);
  t.equal(read.json().route.waypoints[1].place, 'Necoclí');
  t.equal((await calls.related(world.foreign, id)).statusCode, 200);
  t.equal((await calls.sightings(world.foreign, id)).statusCode, 200);
  const entry = await database.db
    .selectFrom('auditEntry')
    .select(['purpose', 'subjectId'])
    .where('action', '=', 'report.read')
    .where('outcome', '=', 'allowed')
    .where('actorId', '=', world.foreign.user.id)
    .executeTakeFirstOrThrow();
  t.same(entry, { purpose: PURPOSE, subjectId: id }, 'the purpose is copied into the entry of the read it covers');
  const denied = await database.db
    .selectFrom('auditEntry')
    .select(['outcome', 'details'])
    .where('action', '=', 'report.read')
    .where('actorId', '=', world.foreign.user.id)
    .orderBy('seq')
    .executeTakeFirstOrThrow();
  t.match(denied, { outcome: 'denied', details: { code: 'purpose_required' } }, 'and the refusal before it is in the trail');

  // The purpose is the reader's, for this report: others still need their own, and the validators
  // lose the published RED report altogether.
  t.equal((await calls.read(world.contact, id)).statusCode, 404, 'published RED: not the validators’');
  t.equal((await statePurpose(world.contact, id)).statusCode, 404, 'nor may they state a purpose for it');
  const another = await publishedReport(env, world, { ...ROUTE, title: 'Otra ruta', tlp: 'RED', namedRecipients: [world.foreign.user.id] });
  t.equal((await calls.read(world.foreign, another)).statusCode, 428, 'a purpose covers one report');

  // Once the purpose expires, it is asked for again.
  env.clock.advance(env.config.purposeMinutes * 60_000 + 1000);
  t.equal((await calls.read(world.foreign, id)).statusCode, 428, 'an expired purpose covers nothing');
});
