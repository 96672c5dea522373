import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { ACQUISITION, MODUS_OPERANDI, NETWORK, OPERATION, publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import { withoutRandomRuns } from '../../helpers/sealing.ts';
import { publishedSpecimen } from '../../helpers/specimens.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('a route from draft to published: sealed, facets in clear, validated by the contact point, withdrawn', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const calls = reportCalls(env, world);

  const created = await calls.create(world.officer, ROUTE);
  t.equal(created.statusCode, 201, created.body);
  const draft = created.json();
  t.match(draft, { kind: 'report', reportKind: 'route', status: 'draft', title: ROUTE.title, modes: ['boat', 'bus', 'foot'] });
  t.same(draft.countries, ['COL', 'CRI', 'ECU', 'NIC', 'PAN'], "a route's countries are its waypoints'");
  t.equal(draft.route.waypoints.length, 5);
  t.equal(draft.route.legs[2].costAmount, 4217);
  t.equal(draft.route.waypoints[4].latitude, null, 'coordinates are optional');
  t.match(draft.permissions, { update: true, submit: true, publish: false });

  // Nothing restricted in clear: places, costs, nationalities and words are sealed or MACs.
  const row = await database.db.selectFrom('report').selectAll().where('itemId', '=', draft.id).executeTakeFirstOrThrow();
  const stored =
    withoutRandomRuns(JSON.stringify(row)) +
    (await database.db.selectFrom('sealed').select('message').where('itemId', '=', draft.id).execute())
      .map((r) => r.message.toString('latin1'))
      .join('');
  for (const secret of ['Necoclí', 'Necocli', 'Canaán', 'Chiquito', '4217', 'VEN', 'HTI', 'Darién', '-78.354', 'guides'])
    t.notOk(stored.includes(secret), `"${secret}" is not stored in clear`);
  t.ok(row.tokens.length > 5, 'the text is token-indexed');
  t.ok(row.facets.length >= 3 + 2 + 4, 'nationalities, crossings and legs are blind facets');

  t.equal((await calls.read(world.foreign, draft.id)).statusCode, 404, "another country's officer does not know a draft");
  const edited = await calls.patch(world.officer, draft.id, { title: 'Ruta del Darién (corregida)', periodUntil: '2026-06-30' });
  t.equal(edited.statusCode, 200, edited.body);
  t.match(edited.json(), { title: 'Ruta del Darién (corregida)', periodUntil: '2026-06-30' });
  t.equal(edited.json().route.legs.length, 4, 'the details stay when not given');

  t.equal((await calls.step(world.officer, draft.id, 'submit')).statusCode, 200);
  t.equal((await calls.step(world.officer, draft.id, 'publish')).statusCode, 403, 'an officer does not validate');
  const published = await calls.step(world.contact, draft.id, 'publish');
  t.equal(published.statusCode, 200, published.body);
  t.ok(published.json().publishedAt);
  const read = await calls.read(world.foreign, draft.id);
  t.equal(read.statusCode, 200, 'a GREEN report published is read by the members of the space');
  t.equal(read.json().route.waypoints[1].place, 'Necoclí');
  const observed = await calls.read(world.observer, draft.id);
  t.equal(observed.statusCode, 200);
  const audited = await calls.read(world.auditor, draft.id);
  t.equal(audited.statusCode, 200);
  t.notOk('title' in audited.json(), 'an auditor reads metadata only');
  t.equal((await calls.patch(world.officer, draft.id, { title: 'x' })).statusCode, 403, 'published: no edit');
  t.equal((await calls.step(world.officer, draft.id, 'withdraw')).statusCode, 200);
  t.equal((await calls.read(world.foreign, draft.id)).statusCode, 404, 'withdrawn: the originating country only');
});

t.test('every kind: its own details, checked; the wrong details refused, nothing written', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const calls = reportCalls(env, world);
  for (const body of [MODUS_OPERANDI, NETWORK, OPERATION, ACQUISITION]) {
    const res = await calls.create(world.officer, body);
    t.equal(res.statusCode, 201, `${body.kind}: ${res.body}`);
    t.equal(res.json().reportKind, body.kind);
  }
  const before = await database.db
    .selectFrom('report')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const bad = [
    { ...ROUTE, network: NETWORK.network },
    { kind: 'network', title: 'x', tlp: 'GREEN' },
    { ...ROUTE, route: { ...ROUTE.route, legs: ROUTE.route.legs.slice(1) } },
    { ...ROUTE, route: { ...ROUTE.route, legs: [{ mode: 'bus', costAmount: 5 }, ...ROUTE.route.legs.slice(1)] } },
    { ...ROUTE, periodFrom: '2026-05-01', periodUntil: '2026-04-01' },
    { ...ROUTE, route: { ...ROUTE.route, legs: [{ mode: 'spaceship' }, ...ROUTE.route.legs.slice(1)] } },
    { ...NETWORK, network: { ...NETWORK.network, names: ['  '] } },
  ];
  const codes = [];
  for (const body of bad) {
    const res = await calls.create(world.officer, body);
    t.equal(res.statusCode, 400, res.body);
    codes.push(res.json().error.code);
  }
  t.same(codes, [
    'report_details_mismatch',
    'report_details_required',
    'route_legs_mismatch',
    'cost_incomplete',
    'period_reversed',
    'validation_failed',
    'validation_failed',
  ]);
  const after = await database.db
    .selectFrom('report')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  t.equal(Number(after.n), Number(before.n), 'no report written');
});

t.test('search, facets, links, related reports, sightings and outcomes, all under the reader’s rights', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = reportCalls(env, world);
  const specimen = await publishedSpecimen(env, world);
  const route = await publishedReport(env, world, { ...ROUTE, links: [specimen] });
  const network = await publishedReport(env, world, { ...NETWORK, links: [route] });
  const twin = await publishedReport(env, world, {
    ...ROUTE,
    title: 'Variante por Paso Canoas',
    route: { ...ROUTE.route, waypoints: ROUTE.route.waypoints.slice(2), legs: ROUTE.route.legs.slice(2), nationalities: ['HTI'] },
  });
  const operation = await publishedReport(env, world, OPERATION);
  await calls.create(world.officer, MODUS_OPERANDI); // a draft: found by its author only

  const all = await calls.search(world.observer, {});
  t.equal(all.statusCode, 200, all.body);
  t.equal(all.json().total, 3, 'an observer reads no AMBER report');
  t.equal((await calls.search(world.foreign, {})).json().total, 4, "another country's officer reads AMBER");
  const mine = await calls.search(world.officer, { kind: ['route'] });
  t.equal(mine.json().total, 2);
  t.same(
    mine
      .json()
      .facets.kind.map((f: { value: string }) => f.value)
      .sort(),
    ['modus_operandi', 'network', 'operation', 'route'],
    "a facet's counts leave its own filter out",
  );
  t.equal((await calls.search(world.officer, { nationality: 'VEN' })).json().total, 1, 'nationality through the blind facet');
  t.equal((await calls.search(world.officer, { nationality: 'HTI' })).json().total, 2);
  t.equal((await calls.search(world.officer, { name: 'zopi  tours' })).json().total, 1, 'an alias, normalised, exact');
  t.equal((await calls.search(world.officer, { q: 'guides border' })).json().total, 2, 'words through the token index');
  t.equal((await calls.search(world.officer, { mode: ['boat'] })).json().total, 1);
  t.equal((await calls.search(world.auditor, {})).json().total, 0, 'auditors search no content');

  const read = (await calls.read(world.officer, network)).json();
  t.same(
    read.links.map((l: { id: string; direction: string }) => [l.id, l.direction]),
    [[route, 'to']],
  );
  const routeView = (await calls.read(world.officer, route)).json();
  t.same(routeView.links.map((l: { id: string }) => l.id).sort(), [network, specimen].sort(), 'links both ways');
  const hidden = (await calls.read(world.observer, route)).json();
  t.same(
    hidden.links.map((l: { id: string }) => l.id),
    [specimen],
    'the AMBER network that links to it is not shown to an observer, who may not read it',
  );

  const related = await calls.related(world.officer, route);
  t.equal(related.statusCode, 200, related.body);
  const ids = related.json().reports.map((r: { id: string }) => r.id);
  t.ok(ids.includes(twin), 'a route sharing crossing points and legs');
  t.ok(ids.includes(network), 'a network linked to it');
  t.notOk(ids.includes(operation));
  const twinScore = related.json().reports.find((r: { id: string }) => r.id === twin);
  t.ok(twinScore.shared.crossings >= 2 && twinScore.shared.legs >= 2, JSON.stringify(twinScore.shared));

  const seen = await calls.sight(world.foreign, route, {
    kind: 'sighting',
    seenOn: '2026-02-01',
    country: 'GTM',
    volume: '40 a day',
    note: 'Same guides',
  });
  t.equal(seen.statusCode, 201, seen.body);
  t.equal((await calls.sightings(world.officer, route)).json()[0].volume, '40 a day');
  t.equal((await calls.read(world.officer, route)).json().sightings.sightings, 1);

  const outcome = await calls.outcome(world.officer, operation, { stage: 'charges', decidedOn: '2026-03-01', note: 'Six charged with smuggling' });
  t.equal(outcome.statusCode, 201, outcome.body);
  t.equal((await calls.outcome(world.foreign, operation, { stage: 'charges', decidedOn: '2026-03-01', note: 'x' })).statusCode, 403);
  t.equal((await calls.outcome(world.officer, route, { stage: 'charges', decidedOn: '2026-03-01', note: 'x' })).statusCode, 409);
  t.same(
    (await calls.read(world.foreign, operation)).json().outcomes.map((o: { stage: string; note: string }) => [o.stage, o.note]),
    [['charges', 'Six charged with smuggling']],
  );
});
