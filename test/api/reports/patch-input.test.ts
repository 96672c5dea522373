import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import type { Database } from '../../../server/platform/db/database.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { NETWORK, publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import { buildWorld } from '../../helpers/world.ts';

/** Every row a report edit could touch, as text. */
async function snapshot(db: Database): Promise<string> {
  const parts: string[] = [];
  for (const table of ['item', 'report', 'report_link', 'sealed', 'access_purpose']) {
    const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t order by 1`.execute(db);
    parts.push(`${table}: ${rows.map((r) => r.row).join('\n')}`);
  }
  return parts.join('\n');
}

t.test('a PATCH with bad input is refused with a code and a field, and changes nothing — not even the parts that were valid', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const calls = reportCalls(env, world);
  const created = await calls.create(world.officer, { ...ROUTE, links: [] });
  t.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  // A RED report of the contact point's, named to the foreign officer: the officer may not read it.
  const red = await publishedReport(env, world, { ...NETWORK, tlp: 'RED', namedRecipients: [world.foreign.user.id] }, world.contact);
  const waypoints = ROUTE.route.waypoints;
  const legs = ROUTE.route.legs;
  const before = await snapshot(database.db);
  const view = (await calls.read(world.officer, id)).json();

  const bad: [string, Record<string, unknown>, string][] = [
    ['an empty body', {}, 'validation_failed'],
    ['an unknown field', { title: 'Nuevo', colour: 'red' }, 'validation_failed'],
    ['a blank title', { title: '   ' }, 'validation_failed'],
    ['a title too long', { title: 'x'.repeat(301) }, 'validation_failed'],
    ['a label that is none', { tlp: 'PURPLE' }, 'validation_failed'],
    ['a kind that cannot change', { kind: 'network' }, 'validation_failed'],
    ["another kind's details", { title: 'Nuevo', network: NETWORK.network }, 'report_details_mismatch'],
    ['one leg too few', { title: 'Nuevo', route: { ...ROUTE.route, legs: legs.slice(1) } }, 'route_legs_mismatch'],
    ['a cost without currency', { route: { ...ROUTE.route, legs: [{ mode: 'bus', costAmount: 99 }, ...legs.slice(1)] } }, 'cost_incomplete'],
    [
      'a latitude without longitude',
      { route: { ...ROUTE.route, waypoints: [{ ...waypoints[0], longitude: undefined }, ...waypoints.slice(1)] } },
      'coordinates_incomplete',
    ],
    ['a blank place', { route: { ...ROUTE.route, waypoints: [{ ...waypoints[0], place: ' ' }, ...waypoints.slice(1)] } }, 'validation_failed'],
    ['an unknown transport', { route: { ...ROUTE.route, legs: [{ mode: 'teleport' }, ...legs.slice(1)] } }, 'validation_failed'],
    [
      'a latitude out of range',
      { route: { ...ROUTE.route, waypoints: [{ ...waypoints[0], latitude: 91 }, ...waypoints.slice(1)] } },
      'validation_failed',
    ],
    ['a period ending before it starts', { title: 'Nuevo', periodUntil: '2025-12-31' }, 'period_reversed'],
    ['a date that is none', { periodFrom: '2026-02-30x' }, 'validation_failed'],
    ['a RED label and a link it may not make', { tlp: 'RED', title: 'Nuevo', links: [red] }, 'link_not_readable'],
    ['a link to nothing', { links: [randomUUID()] }, 'link_not_readable'],
    ['a link to itself', { links: [id] }, 'link_not_readable'],
    ['a link that is not an id', { links: ['not-a-uuid'] }, 'validation_failed'],
    ['a releasability that is not a code', { releasableTo: ['x y'] }, 'validation_failed'],
    ['a releasability that is no country nor registered organisation', { releasableTo: ['XXX'] }, 'invalid_country'],
  ];
  for (const [what, body, code] of bad) {
    const res = await calls.patch(world.officer, id, body);
    t.equal(res.statusCode, 400, `${what}: ${res.body}`);
    t.equal(res.json().error?.code, code, what);
    t.ok(res.json().error?.message, `${what}: a message`);
  }
  t.equal(await snapshot(database.db), before, 'nothing written: item, report row, sealed content, links');
  const after = (await calls.read(world.officer, id)).json();
  t.same(after, view, 'the report reads exactly as before');

  // Someone else, or a report past draft: refused before the body is looked at, nothing written.
  t.equal((await calls.patch(world.foreign, id, { title: 'Ajeno' })).statusCode, 404, 'another country’s officer does not know the draft');
  t.equal((await calls.patch(world.contact, id, { title: 'Del validador' })).statusCode, 403, 'the validator reads it but does not edit it');
  t.equal((await calls.step(world.officer, id, 'submit')).statusCode, 200);
  const submitted = await snapshot(database.db);
  const late = await calls.patch(world.officer, id, { title: 'Tarde' });
  t.equal(late.statusCode, 403, 'submitted: no edit');
  t.equal(await snapshot(database.db), submitted, 'nothing written');

  // And a good edit goes through (the refusals above were for the input, not the route).
  t.equal((await calls.step(world.contact, id, 'return')).statusCode, 200);
  const good = await calls.patch(world.officer, id, { title: 'Ruta corregida', periodUntil: '2026-12-31' });
  t.equal(good.statusCode, 200, good.body);
  t.match(good.json(), { title: 'Ruta corregida', periodUntil: '2026-12-31' });
});

// Ajv's `coerceTypes` turns a null into 0 inside an anyOf whose first branch is a number; nullable
// numbers are one schema with two types (platform/http/nullable.ts), so a null stays a null.
t.test('explicit nulls in a route are nulls: no coordinate, no cost', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = reportCalls(env, world);
  const waypoints = ROUTE.route.waypoints;
  const id = (await calls.create(world.officer, ROUTE)).json().id as string;
  const half = await calls.patch(world.officer, id, {
    route: { ...ROUTE.route, waypoints: [{ ...waypoints[0], longitude: null }, ...waypoints.slice(1)] },
  });
  t.equal(half.statusCode, 400, `a latitude with a null longitude: ${half.body.slice(0, 300)}`);
  t.equal(half.json().error?.code, 'coordinates_incomplete');
  t.equal((await calls.read(world.officer, id)).json().route.waypoints[0].longitude, -78.354, 'the longitude is not changed to 0');
  const none = await calls.patch(world.officer, id, {
    route: {
      ...ROUTE.route,
      waypoints: [{ ...waypoints[0], latitude: null, longitude: null }, ...waypoints.slice(1)],
      legs: [{ mode: 'bus', costAmount: null, costCurrency: null, durationDays: null }, ...ROUTE.route.legs.slice(1)],
    },
  });
  t.equal(none.statusCode, 200, `no coordinates and no cost, said with nulls: ${none.body.slice(0, 300)}`);
  if (none.statusCode === 200) {
    t.match(none.json().route.waypoints[0], { latitude: null, longitude: null }, 'stored as none, not (0, 0)');
    t.match(none.json().route.legs[0], { costAmount: null, costCurrency: null, durationDays: null });
  }
});
