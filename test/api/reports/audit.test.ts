import { randomUUID } from 'node:crypto';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { NETWORK, OPERATION, publishedReport, ROUTE } from '../../helpers/reports.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

/**
 * The trail: every request to a report route leaves exactly one entry, with its report.* action,
 * the outcome its status says (2xx allowed; 401/403/404/428 denied; the rest error), the actor, and
 * the report as subject; search words and names only as audit-key MACs.
 */
t.test('one entry per request to a report route, action report.*, outcome by status, the report as subject', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const route = await publishedReport(env, world, ROUTE);
  const operation = await publishedReport(env, world, OPERATION);
  const red = await publishedReport(env, world, { ...NETWORK, tlp: 'RED', namedRecipients: [world.foreign.user.id] });
  let serial = 0;
  const sent: { requestId: string; action: string; status: number; actor: SignedIn; subject: string | null; expectStatus: number }[] = [];
  const send = async (
    expectStatus: number,
    action: string,
    who: SignedIn,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    subject: string | null = null,
  ) => {
    const requestId = `req-report-${String(++serial).padStart(4, '0')}`;
    const res = await app.inject({ method, url, headers: { ...who.headers, 'x-request-id': requestId }, ...(payload ? { payload } : {}) });
    t.equal(
      res.statusCode,
      expectStatus,
      `${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')} as ${action}: ${res.statusCode} ${res.body.slice(0, 200)}`,
    );
    sent.push({ requestId, action, status: res.statusCode, actor: who, subject, expectStatus });
    return res;
  };

  const created = await send(201, 'report.create', world.officer, 'POST', `/api/spaces/${world.spaceId}/reports`, { ...NETWORK, title: 'Auditado' });
  const draft = created.json().id as string;
  sent.at(-1)!.subject = draft;
  await send(400, 'report.create', world.officer, 'POST', `/api/spaces/${world.spaceId}/reports`, { ...NETWORK, network: undefined });
  await send(404, 'report.create', world.observer, 'POST', `/api/spaces/${world.spaceId}/reports`, NETWORK);
  await send(200, 'report.read', world.officer, 'GET', `/api/reports/${draft}`, undefined, draft);
  await send(404, 'report.read', world.foreign, 'GET', `/api/reports/${draft}`, undefined, draft);
  await send(404, 'report.read', world.foreign, 'GET', `/api/reports/${randomUUID()}`);
  await send(428, 'report.read', world.foreign, 'GET', `/api/reports/${red}`, undefined, red);
  await send(200, 'report.update', world.officer, 'PATCH', `/api/reports/${draft}`, { title: 'Auditado (editado)' }, draft);
  await send(400, 'report.update', world.officer, 'PATCH', `/api/reports/${draft}`, { periodFrom: '2026-05-01', periodUntil: '2026-04-01' }, draft);
  await send(404, 'report.update', world.foreign, 'PATCH', `/api/reports/${draft}`, { title: 'x' });
  await send(200, 'report.submit', world.officer, 'POST', `/api/reports/${draft}/submit`, undefined, draft);
  await send(403, 'report.publish', world.officer, 'POST', `/api/reports/${draft}/publish`, undefined, draft);
  await send(200, 'report.return', world.contact, 'POST', `/api/reports/${draft}/return`, undefined, draft);
  await send(200, 'report.submit', world.officer, 'POST', `/api/reports/${draft}/submit`, undefined, draft);
  await send(200, 'report.publish', world.contact, 'POST', `/api/reports/${draft}/publish`, undefined, draft);
  const found = await send(200, 'report.search', world.foreign, 'POST', '/api/reports/search', { q: 'Zopilotes coast', name: 'Zopi Tours' });
  t.ok(found.json().total > 0, 'the search finds something');
  await send(200, 'report.related', world.officer, 'GET', `/api/reports/${route}/related`, undefined, route);
  await send(403, 'report.related', world.auditor, 'GET', `/api/reports/${route}/related`, undefined, route);
  await send(
    201,
    'report.sighting_create',
    world.foreign,
    'POST',
    `/api/reports/${route}/sightings`,
    { kind: 'sighting', seenOn: '2026-02-01', country: 'GTM' },
    route,
  );
  await send(
    400,
    'report.sighting_create',
    world.foreign,
    'POST',
    `/api/reports/${route}/sightings`,
    { kind: 'sighting', seenOn: '2027-02-01', country: 'GTM' },
    route,
  );
  await send(
    403,
    'report.sighting_create',
    world.observer,
    'POST',
    `/api/reports/${route}/sightings`,
    { kind: 'sighting', seenOn: '2026-02-01', country: 'GTM' },
    route,
  );
  await send(200, 'report.sighting_list', world.officer, 'GET', `/api/reports/${route}/sightings`, undefined, route);
  await send(
    201,
    'report.outcome_create',
    world.officer,
    'POST',
    `/api/reports/${operation}/outcomes`,
    { stage: 'charges', decidedOn: '2026-03-01', note: 'Seis imputados' },
    operation,
  );
  await send(
    403,
    'report.outcome_create',
    world.foreign,
    'POST',
    `/api/reports/${operation}/outcomes`,
    { stage: 'charges', decidedOn: '2026-03-01', note: 'x' },
    operation,
  );
  await send(
    409,
    'report.outcome_create',
    world.officer,
    'POST',
    `/api/reports/${route}/outcomes`,
    { stage: 'charges', decidedOn: '2026-03-01', note: 'x' },
    route,
  );
  await send(200, 'report.withdraw', world.officer, 'POST', `/api/reports/${draft}/withdraw`, undefined, draft);
  await send(403, 'report.withdraw', world.officer, 'POST', `/api/reports/${draft}/withdraw`, undefined, draft);

  const entries = await database.db
    .selectFrom('auditEntry')
    .selectAll()
    .where(
      'requestId',
      'in',
      sent.map((s) => s.requestId),
    )
    .orderBy('seq')
    .execute();
  t.equal(entries.length, sent.length, 'one entry per request, no more');
  for (const s of sent) {
    const mine = entries.filter((e) => e.requestId === s.requestId);
    t.equal(mine.length, 1, `${s.requestId}: exactly one entry`);
    const entry = mine[0];
    if (!entry) continue;
    t.ok(entry.action.startsWith('report.'), `${s.requestId}: a report action (${entry.action})`);
    t.equal(entry.action, s.action, `${s.requestId}: ${s.action}`);
    const outcome = s.status < 400 ? 'allowed' : [401, 403, 404, 428].includes(s.status) ? 'denied' : 'error';
    t.equal(entry.outcome, outcome, `${s.requestId}: ${s.status} is ${outcome}`);
    t.equal(entry.actorId, s.actor.user.id, `${s.requestId}: the actor`);
    if (s.subject) t.equal(entry.subjectId, s.subject, `${s.requestId}: the report as subject`);
  }
  t.equal(entries.map((e) => e.seq).length, new Set(entries.map((e) => e.seq)).size);
  const search = entries.find((e) => e.action === 'report.search')!;
  const text = JSON.stringify(search.details);
  t.notOk(text.includes('Zopilotes') || text.includes('Zopi') || text.toLowerCase().includes('coast'), 'search words and names only as MACs');
  t.match(search.details, { terms: [String, String], name: String });
  t.equal((search.details as { total: number }).total, found.json().total, 'the total found is in the entry');
  // Exactly one route hit per entry: nothing else wrote report.* entries in between.
  const all = await database.db.selectFrom('auditEntry').select(['requestId', 'action']).where('action', 'like', 'report.%').execute();
  const fromSetup = all.filter((e) => !sent.some((s) => s.requestId === e.requestId));
  t.ok(
    fromSetup.every((e) => ['report.create', 'report.submit', 'report.publish'].includes(e.action)),
    'the other report entries are the setup’s',
  );
});
