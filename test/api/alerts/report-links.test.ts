import t from 'tap';
import { alertBody, borderAuthority } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { NETWORK, publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test(
  'an alert links intelligence reports: checked like specimens, shown to who reads them, opened to its target authority once published',
  async (t) => {
    const env = await buildTestApp(t);
    const { app, database } = env;
    const world = await buildWorld(env);
    const calls = reportCalls(env, world);
    const border = await borderAuthority(env, world);
    const route = await publishedReport(env, world, ROUTE); // GREEN
    const network = await publishedReport(env, world, NETWORK); // AMBER
    const draft = (await calls.create(world.officer, { ...ROUTE, title: 'Borrador' })).json().id as string;
    const red = await publishedReport(env, world, { ...ROUTE, title: 'Roja', tlp: 'RED', namedRecipients: [world.foreign.user.id] });
    const hidden = (await calls.create(world.foreign, { ...NETWORK, title: 'De Guatemala' })).json().id as string; // another country's draft
    const create = (reportIds: string[], extra: Record<string, unknown> = {}) =>
      app.inject({
        method: 'POST',
        url: '/api/alerts',
        headers: world.officer.headers,
        payload: alertBody(env, world, { severity: 'warning', targetOrganisations: [border.organisationId], reportIds, ...extra }),
      });
    const links = async () => (await database.db.selectFrom('alertLink').select('itemId').execute()).length;

    for (const [what, ids] of [
      ['a draft', [draft]],
      ['a RED report', [red]],
      ['one the issuer does not read', [hidden]],
      ['an id that is nothing', ['00000000-0000-4000-8000-000000000000']],
    ] as const) {
      const refused = await create([...ids]);
      t.equal(refused.statusCode, 400, what);
      t.match(refused.json().error, { code: 'link_not_readable', field: 'body.reportIds' });
    }
    t.equal(await links(), 0, 'nothing written');

    const created = await create([route, network]);
    t.equal(created.statusCode, 201, created.body);
    const alert = created.json();
    t.same(alert.reports.map((r: { id: string }) => r.id).sort(), [route, network].sort());
    t.match(
      alert.reports.find((r: { id: string }) => r.id === route),
      { title: ROUTE.title, reportKind: 'route', tlp: 'GREEN' },
    );
    t.equal((await calls.read(border.user, route)).statusCode, 404, 'the authority does not know the report before publication');

    t.equal((await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/publish`, headers: world.contact.headers })).statusCode, 200);
    await app.jobs.drain();
    const read = await calls.read(border.user, network);
    t.equal(read.statusCode, 200, 'once published, its target authority reads what it links');
    t.equal(read.json().title, NETWORK.title);
    const seen = (await app.inject({ url: `/api/alerts/${alert.id}`, headers: border.user.headers })).json();
    t.same(seen.reports.map((r: { id: string }) => r.id).sort(), [route, network].sort());

    // The report's page shows the alert among what links to it, for a reader of the alert only.
    const fromAlert = (body: { links: { id: string; kind: string; direction: string }[] }) =>
      body.links.filter((l) => l.kind === 'alert' && l.direction === 'from').map((l) => l.id);
    t.same(fromAlert((await calls.read(world.officer, route)).json()), [alert.id], 'linked from the alert');
    t.same(fromAlert((await calls.read(world.observer, route)).json()), [], 'an observer does not read the AMBER alert: not shown');
  },
);
