import { parse } from 'csv-parse/sync';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { MODUS_OPERANDI, NETWORK, publishedReport, ROUTE } from '../../helpers/reports.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test(
  'a report export: CSV in the reader’s language, JSON with the content, GeoJSON of the routes; TLP in the name and a header; under the policy; audited',
  async (t) => {
    const env = await buildTestApp(t, { config: { exportMax: 4 } });
    const { app, database } = env;
    const world = await buildWorld(env);
    const exportAs = (who: SignedIn, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/reports/export', headers: who.headers, payload: body });

    const route = await publishedReport(env, world, { ...ROUTE, summary: '=HYPERLINK("http://example.test")' });
    const mo = await publishedReport(env, world, MODUS_OPERANDI);
    const network = await publishedReport(env, world, NETWORK); // AMBER
    const red = await publishedReport(env, world, { ...ROUTE, title: 'Ruta roja', tlp: 'RED', namedRecipients: [world.foreign.user.id] });

    // CSV, in Spanish: names for codes, the formula made inert, the most restrictive label in the name and header.
    const csv = await exportAs(world.foreign, { format: 'csv', language: 'es' });
    t.equal(csv.statusCode, 200, csv.body);
    t.match(csv.headers['content-type'], /^text\/csv/);
    t.equal(csv.headers['x-enlace-tlp'], 'AMBER', 'a RED report is not exported for a named recipient');
    t.match(csv.headers['content-disposition'], /attachment; filename="enlace-reports-\d{4}-\d{2}-\d{2}-TLP-AMBER\.csv"/);
    const table = parse(csv.rawPayload.toString('utf8'), { bom: true }) as string[][];
    const [header, ...rows] = table;
    t.same(header!.slice(0, 5), ['id', 'TLP', 'estado', 'tipo', 'título']);
    t.same(rows.map((r) => r[0]).sort(), [route, mo, network].sort());
    t.notOk(
      rows.some((r) => r[0] === red),
      'not the RED one',
    );
    const routeRow = rows.find((r) => r[0] === route)!;
    t.equal(routeRow[3], 'Ruta');
    t.equal(routeRow[5], `'=HYPERLINK("http://example.test")`, 'a formula is made inert');
    t.match(routeRow[12], /Quito Mariscal Sucre \(Ecuador\).*—Autobús→ Necoclí \(Colombia\)/);
    t.match(routeRow[13], /Venezuela/);

    // JSON: codes and content; filters as the search's.
    const json = await exportAs(world.foreign, { format: 'json', kind: ['route', 'network'], language: 'en' });
    t.equal(json.statusCode, 200, json.body);
    const file = json.json();
    t.equal(file.tlp, 'AMBER');
    t.same(file.reports.map((r: { id: string }) => r.id).sort(), [route, network].sort());
    t.same(file.reports.find((r: { id: string }) => r.id === network).network.names, NETWORK.network.names);
    t.notOk(json.body.includes('"content"'), 'no sealed record in the file');

    // GeoJSON: the routes alone, drawn like the map.
    const geo = await exportAs(world.foreign, { format: 'geojson' });
    t.equal(geo.statusCode, 200, geo.body);
    t.match(geo.headers['content-type'], /^application\/geo\+json/);
    t.match(geo.headers['content-disposition'], /TLP-GREEN\.geojson"/, 'only the GREEN route is drawn');
    const collection = geo.json();
    t.equal(collection.type, 'FeatureCollection');
    t.ok(collection.features.length > 0);
    t.ok(collection.features.every((f: { properties: { reportId?: string } }) => !f.properties.reportId || f.properties.reportId === route));

    // The originator exports its RED report; an observer does not get the AMBER one.
    t.equal((await exportAs(world.officer, { format: 'csv' })).headers['x-enlace-tlp'], 'RED');
    const observer = parse((await exportAs(world.observer, { format: 'csv' })).rawPayload.toString('utf8'), { bom: true }) as string[][];
    t.same(
      observer
        .slice(1)
        .map((r) => r[0])
        .sort(),
      [route, mo].sort(),
      'an observer: the GREEN ones',
    );

    // Limits and bad input change nothing and say why.
    const many = await exportAs(world.officer, { format: 'json' });
    t.equal(many.statusCode, 200, 'four reports: at the limit');
    await publishedReport(env, world, { ...MODUS_OPERANDI, title: 'Quinto' });
    const tooMany = await exportAs(world.officer, { format: 'json' });
    t.equal(tooMany.statusCode, 422);
    t.equal(tooMany.json().error.code, 'export_too_large');
    t.equal((await exportAs(world.foreign, { format: 'xlsx' })).statusCode, 400);
    t.equal((await exportAs(world.foreign, { format: 'csv', spaceId: '00000000-0000-4000-8000-000000000000' })).statusCode, 404);
    t.equal((await exportAs(world.auditor, { format: 'csv' })).body.split('\n').filter(Boolean).length, 1, 'an auditor: the header alone');

    const entry = await database.db
      .selectFrom('auditEntry')
      .select(['details'])
      .where('action', '=', 'report.export')
      .where('actorId', '=', world.foreign.user.id)
      .where('outcome', '=', 'allowed')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    t.match(entry.details, { format: 'csv', total: 3 });
    t.same([...(entry.details as { itemIds: string[] }).itemIds].sort(), [route, mo, network].sort(), 'what left is in the trail');
  },
);
