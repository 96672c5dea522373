import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('corrections of a report: another member proposes, the originator accepts (applied, re-indexed) or rejects; sealed; audited', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = reportCalls(env, world);
  const propose = (who: SignedIn, id: string, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/reports/${id}/corrections`, headers: who.headers, payload: body });
  const list = (who: SignedIn, id: string) => app.inject({ method: 'GET', url: `/api/reports/${id}/corrections`, headers: who.headers });
  const decide = (who: SignedIn, id: string, correctionId: string, decision: 'accept' | 'reject') =>
    app.inject({ method: 'POST', url: `/api/reports/${id}/corrections/${correctionId}/${decision}`, headers: who.headers });
  const corrections = async () => (await database.db.selectFrom('correction').select(['id', 'status']).execute()).length;

  const id = await publishedReport(env, world, ROUTE);
  const waypoints: Record<string, unknown>[] = ROUTE.route.waypoints.map((w) => ({ ...w }));
  waypoints[1] = { ...waypoints[1]!, place: 'Turbo Urabá' };
  const changes = { title: 'Ruta del Darién, por Turbo', route: { ...ROUTE.route, waypoints } };
  const comment = 'El embarque sale de Turbo, no de Necoclí, desde marzo.';

  // Who may propose: another member of the space from a member country — not the originator, not an observer.
  t.equal((await propose(world.officer, id, { changes, comment })).statusCode, 403, 'the originator edits through corrections of others only');
  t.equal((await propose(world.observer, id, { changes, comment })).statusCode, 403, 'an observer reads, does not correct');
  t.equal((await propose(world.auditor, id, { changes, comment })).statusCode, 403, 'an auditor knows the report, not its content');

  // Bad proposals: nothing written.
  const unchanged = await propose(world.foreign, id, { changes: { title: ROUTE.title }, comment });
  t.equal(unchanged.statusCode, 400);
  t.equal(unchanged.json().error.code, 'correction_unchanged');
  const reversed = await propose(world.foreign, id, { changes: { periodFrom: '2026-05-01', periodUntil: '2026-01-01' }, comment });
  t.equal(reversed.statusCode, 400);
  t.equal(reversed.json().error.code, 'period_reversed');
  const broken = await propose(world.foreign, id, { changes: { route: { ...ROUTE.route, legs: ROUTE.route.legs.slice(1) } }, comment });
  t.equal(broken.statusCode, 400, 'legs that do not join the waypoints');
  t.equal((await propose(world.foreign, id, { changes: { tlp: 'RED' }, comment })).statusCode, 400, 'handling is not corrected');
  t.equal((await propose(world.foreign, id, { changes: {}, comment })).statusCode, 400, 'a correction changes something');
  t.equal(await corrections(), 0, 'nothing written');

  // A good one: sealed, listed for both, the originator's to decide.
  const proposed = await propose(world.foreign, id, { changes, comment });
  t.equal(proposed.statusCode, 201, proposed.body);
  const correctionId = proposed.json().id as string;
  t.match(proposed.json(), { status: 'proposed', comment, proposerCountry: 'GTM', mine: true });
  const rows = await database.db.selectFrom('correction').selectAll().execute();
  t.notOk(JSON.stringify(rows).includes('Turbo'), 'the proposal is sealed');
  t.equal((await calls.search(world.foreign, { q: 'Turbo' })).json().total, 0, 'not searchable before it is accepted');
  const seen = await list(world.officer, id);
  t.equal(seen.statusCode, 200);
  t.match(seen.json(), [{ id: correctionId, status: 'proposed', mine: false, changes: { title: changes.title } }]);
  t.equal((await list(world.auditor, id)).statusCode, 403, 'nor its corrections');

  // Only the originator decides.
  t.equal((await decide(world.foreign, id, correctionId, 'accept')).statusCode, 403);
  t.equal((await decide(world.contact, id, correctionId, 'accept')).statusCode, 403, 'not the validator either');
  const accepted = await decide(world.officer, id, correctionId, 'accept');
  t.equal(accepted.statusCode, 200, accepted.body);
  t.equal(accepted.json().status, 'accepted');
  const report = (await calls.read(world.foreign, id)).json();
  t.equal(report.title, changes.title, 'applied');
  t.equal(report.route.waypoints[1].place, 'Turbo Urabá');
  t.equal(report.status, 'published', 'still published');
  t.equal((await calls.search(world.foreign, { q: 'Turbo' })).json().total, 1, 'indexed again');
  t.equal((await calls.search(world.foreign, { q: 'Necoclí' })).json().total, 0, 'the old place no longer found');
  const again = await decide(world.officer, id, correctionId, 'reject');
  t.equal(again.statusCode, 409);
  t.equal(again.json().error.code, 'correction_decided');

  // A rejected one changes nothing.
  const second = (await propose(world.foreign, id, { changes: { summary: 'Otro resumen' }, comment: 'Más breve.' })).json().id as string;
  t.equal((await decide(world.officer, id, second, 'reject')).json().status, 'rejected');
  t.equal((await calls.read(world.foreign, id)).json().summary, ROUTE.summary);
  t.equal((await decide(world.officer, id, '00000000-0000-4000-8000-000000000000', 'accept')).statusCode, 404);

  const actions = await database.db
    .selectFrom('auditEntry')
    .select(['action', 'details'])
    .where('action', 'like', 'report.correction_%')
    .where('outcome', '=', 'allowed')
    .orderBy('seq')
    .execute();
  t.same(
    actions.map((a) => a.action),
    ['report.correction_create', 'report.correction_list', 'report.correction_accept', 'report.correction_create', 'report.correction_reject'],
  );
  t.match(actions[0]!.details, { correctionId, fields: ['title', 'route'] });
  t.notOk(JSON.stringify(actions).includes('Turbo'), 'no proposed value in the trail');
});
