import t from 'tap';
import { alertBody } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import { publishedSpecimen, SPECIMEN } from '../../helpers/specimens.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('the combined search: one box over specimens, reports and alerts the reader reads, a count per kind, audited without the words', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const search = (who: SignedIn, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/search', headers: who.headers, payload: body });

  const specimen = await publishedSpecimen(env, world, { detection: { ...SPECIMEN.detection, port: 'Paso Canoas' } });
  const report = await publishedReport(env, world, { ...ROUTE, tlp: 'AMBER' }); // a crossing at Paso Canoas
  const created = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { title: 'Pasaportes alterados en Paso Canoas', ports: ['Paso Canoas'], tlp: 'GREEN' }),
  });
  t.equal(created.statusCode, 201, created.body);
  const alert = created.json().id as string;
  await publishedSpecimen(env, world, { detection: { ...SPECIMEN.detection, port: 'La Aurora' } }); // no match
  const withdrawn = await publishedReport(env, world, { ...ROUTE, title: 'Retirada' });
  t.equal((await reportCalls(env, world).step(world.officer, withdrawn, 'withdraw')).statusCode, 200);

  const found = await search(world.foreign, { q: 'canoas' });
  t.equal(found.statusCode, 200, found.body);
  const body = found.json();
  t.equal(body.total, 3);
  t.same(body.items.map((i: { id: string }) => i.id).sort(), [specimen, report, alert].sort(), 'all three kinds, not the withdrawn one');
  t.same(
    [...body.kinds].sort((a: { value: string }, b: { value: string }) => a.value.localeCompare(b.value)),
    [
      { value: 'alert', count: 1 },
      { value: 'report', count: 1 },
      { value: 'specimen', count: 1 },
    ],
  );
  t.match(
    body.items.find((i: { id: string }) => i.id === report),
    { kind: 'report', reportKind: 'route', title: ROUTE.title, tlp: 'AMBER' },
  );
  t.match(
    body.items.find((i: { id: string }) => i.id === alert),
    { kind: 'alert', title: 'Pasaportes alterados en Paso Canoas', severity: 'urgent' },
  );
  t.match(
    body.items.find((i: { id: string }) => i.id === specimen),
    { kind: 'specimen', title: null, documentType: 'passport', issuingCountry: 'CRI' },
  );

  const reports = (await search(world.foreign, { q: 'canoas', kind: ['report'] })).json();
  t.equal(reports.total, 1, 'by kind');
  t.equal(reports.kinds.length, 3, 'the counts of every kind stay, to switch by');
  t.equal((await search(world.foreign, { q: 'canoas', pageSize: 1, page: 3 })).json().items.length, 1, 'paged');

  const observer = (await search(world.observer, { q: 'canoas' })).json();
  t.notOk(
    observer.items.some((i: { id: string }) => i.id === report),
    'an observer does not find the AMBER report',
  );
  t.equal((await search(world.auditor, { q: 'canoas' })).json().total, 0, 'an auditor reads no content');
  for (const bad of [{}, { q: '' }, { q: 'x', kind: ['person'] }, { q: 'x', pageSize: 500 }, { q: 'x', extra: 1 }]) {
    t.equal((await search(world.foreign, bad)).statusCode, 400, JSON.stringify(bad));
  }

  const entries = await database.db
    .selectFrom('auditEntry')
    .select(['details'])
    .where('action', '=', 'search')
    .where('outcome', '=', 'allowed')
    .execute();
  t.equal(entries.length, 5, 'every search that ran');
  t.notOk(JSON.stringify(entries).toLowerCase().includes('canoas'), 'the words are not in the trail');
  t.match(entries[0]!.details, { total: 3 });
});
