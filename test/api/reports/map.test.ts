import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('the space map: the routes the reader reads as GeoJSON, filtered by facets, crossings sized by routes and sightings', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = reportCalls(env, world);
  const map = (who: { headers: Record<string, string> }, query = '', spaceId = world.spaceId) =>
    app.inject({ method: 'GET', url: `/api/spaces/${spaceId}/map${query}`, headers: who.headers });

  const darien = await publishedReport(env, world, ROUTE);
  const variant = await publishedReport(env, world, {
    ...ROUTE,
    title: 'Variante por Paso Canoas',
    tlp: 'AMBER',
    route: { ...ROUTE.route, waypoints: ROUTE.route.waypoints.slice(2), legs: ROUTE.route.legs.slice(2), nationalities: ['CUB'] },
  });
  await calls.create(world.officer, { ...ROUTE, title: 'Borrador' }); // a draft: on no map
  const red = await publishedReport(env, world, { ...ROUTE, title: 'Ruta restringida', tlp: 'RED', namedRecipients: [world.foreign.user.id] });
  t.equal((await calls.sight(world.foreign, darien, { kind: 'sighting', seenOn: '2026-02-01', country: 'GTM' })).statusCode, 201);

  const res = await map(world.foreign);
  t.equal(res.statusCode, 200, res.body);
  t.match(res.headers['content-type'], /^application\/geo\+json/);
  t.equal(res.headers['x-enlace-tlp'], 'AMBER', 'the most restrictive label drawn');
  const body = res.json();
  t.equal(body.type, 'FeatureCollection');
  const legs = body.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'leg');
  // The Darién route has 4 legs, the last one to a place without coordinates (not drawn); the variant 2, one drawn.
  t.equal(legs.filter((f: { properties: { reportId: string } }) => f.properties.reportId === darien).length, 3);
  t.equal(legs.filter((f: { properties: { reportId: string } }) => f.properties.reportId === variant).length, 1);
  const first = legs.find((f: { properties: { reportId: string; leg: number } }) => f.properties.reportId === darien && f.properties.leg === 0);
  t.same(first.geometry.coordinates[0], [-78.354, -0.125], 'GeoJSON order: longitude, latitude');
  t.match(first.properties, { mode: 'bus', from: 'Quito Mariscal Sucre', to: 'Necoclí' });
  const canoas = body.features.find(
    (f: { properties: { kind: string; name: string } }) => f.properties.kind === 'crossing' && f.properties.name === 'Paso Canoas',
  );
  t.match(canoas.properties, { routes: 2, sightings: 1, country: 'CRI', crossingKind: 'land_border' });

  const observer = (await map(world.observer)).json();
  t.notOk(
    observer.features.some((f: { properties: { reportId?: string } }) => f.properties.reportId === variant),
    'an observer does not see the AMBER route',
  );
  t.equal(
    (await map(world.foreign, '?nationality=CUB')).json().features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'leg')
      .length,
    1,
    'by nationality moved (blind facet)',
  );
  t.equal(
    (await map(world.foreign, '?mode=boat')).json().features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'leg').length,
    3,
  );
  t.equal((await map(world.foreign, '?until=2025-12-31')).json().features.length, 0, 'the period overlaps the one asked');
  const drawn = (body: { features: { properties: { reportId?: string } }[] }) => new Set(body.features.map((f) => f.properties.reportId));
  t.notOk(drawn(body).has(red), 'a RED route is not drawn for a named recipient: its page asks for a purpose');
  t.ok(drawn((await map(world.officer)).json()).has(red), 'its originator sees it on the map');
  t.equal((await map(world.auditor)).statusCode, 404, 'not a member of the space');
  t.equal((await map(world.foreign, '', '00000000-0000-4000-8000-000000000000')).statusCode, 404);
  t.equal((await map(world.foreign, '?mode=rocket')).statusCode, 400);

  const entry = await database.db
    .selectFrom('auditEntry')
    .select(['details', 'outcome'])
    .where('action', '=', 'report.map')
    .where('outcome', '=', 'allowed')
    .orderBy('seq')
    .executeTakeFirstOrThrow();
  t.same([...(entry.details as { itemIds: string[] }).itemIds].sort(), [darien, variant].sort(), 'the routes drawn are in the trail');
});
