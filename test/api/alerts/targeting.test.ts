import http from 'node:http';
import t from 'tap';
import { sweep } from '../../../server/features/alerts/delivery.ts';
import { alertBody, borderAuthority, openEvents } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

// An alert reaches its targets — the space's members of its target countries and the users of its
// target organisations — with an inbox entry, mail, a live notice, reminders and escalation; every
// other member who may read it under its label finds and opens it, unnotified. The case: an
// alert for Panama's Tocumen airport had reached all 33 members of the space.

t.test('a targeted alert: the target country and authority are notified; the rest of the space reads it unnotified', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, {
    config: { smtpUrl: smtp.url, alertReminderMinutes: 10, alertEscalationMinutes: 20, sessionIdleMinutes: 240, jobRetries: 0 },
  });
  const { app, clock } = env;
  const db = env.database.db;
  const world = await buildWorld(env);
  const member = async (country: string, role: 'officer' | 'contact_point' = 'officer'): Promise<SignedIn> => {
    const person = await signIn(app, db, clock, { country, language: 'en' });
    const res = await app.inject({
      method: 'POST',
      url: `/api/spaces/${world.spaceId}/members`,
      headers: world.secretariat.headers,
      payload: { userId: person.user.id, role },
    });
    if (res.statusCode !== 201) throw new Error(`member: ${res.statusCode} ${res.body}`);
    return person;
  };
  const panOfficer = await member('PAN');
  const panContact = await member('PAN', 'contact_point');
  const mexOfficer = await member('MEX');
  const mexContact = await member('MEX', 'contact_point');
  // Tocumen airport's migration authority (targeted) and another Panamanian authority (not).
  const tocumen = await borderAuthority(env, world, 'PAN');
  const other = await borderAuthority(env, world, 'PAN');

  // Each authority's national system, on one receiver here.
  const hooks: string[] = [];
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hooks.push(String(req.headers['enlace-delivery']));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  t.teardown(() => receiver.close());
  const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  const hookOf = async (organisationId: string) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/organisations/${organisationId}/webhooks`,
      headers: world.secretariat.headers,
      payload: { url: hookUrl },
    });
    t.equal(res.statusCode, 201);
    return res.json().id as string;
  };
  const tocumenHook = await hookOf(tocumen.organisationId);
  await hookOf(other.organisationId);

  await app.listen({ port: 0, host: '127.0.0.1' });
  const targetStream = await openEvents(app, panOfficer);
  const bystanderStream = await openEvents(app, world.foreign);
  t.teardown(() => {
    targetStream.close();
    bystanderStream.close();
  });
  await Promise.all([targetStream.opened, bystanderStream.opened]);

  const before = smtp.messages.length; // membership notices
  const created = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, {
      title: 'Pasaportes alterados en Tocumen',
      targetCountries: ['PAN'],
      targetOrganisations: [tocumen.organisationId],
    }),
  });
  t.equal(created.statusCode, 201, created.body);
  const alert = created.json();
  await app.jobs.drain();

  // Notified: Panama's members of the space and the targeted authority's desk.
  const notified = [panOfficer, panContact, tocumen.user];
  for (const who of notified) {
    const inbox = (await app.inject({ url: '/api/alerts/inbox', headers: who.headers })).json();
    t.same(
      inbox.items.map((a: { id: string }) => a.id),
      [alert.id],
      'a target: in the inbox',
    );
    t.equal(inbox.urgentUnread, 1, 'an urgent alert not opened yet');
  }
  t.same((await targetStream.next('alert')).data, { alertId: alert.id, severity: 'urgent' }, 'a target hears it live');
  const mails = smtp.messages.slice(before);
  t.same(mails.map((m) => m.to[0]).sort(), notified.map((w) => w.user.email).sort(), 'mail to the targets only, one each');
  t.same(hooks, [`${alert.id}:${tocumenHook}`], "only the targeted authority's system is called");

  // Not notified, but reading it under its label: the other countries' members of the space.
  for (const who of [world.contact, world.foreign, mexOfficer, mexContact]) {
    const inbox = (await app.inject({ url: '/api/alerts/inbox', headers: who.headers })).json();
    t.same(inbox, { unread: 0, unacknowledged: 0, urgentUnread: 0, items: [] }, 'not a target: no inbox entry');
    const read = await app.inject({ url: `/api/alerts/${alert.id}`, headers: who.headers });
    t.equal(read.statusCode, 200, 'but it opens');
    t.equal(read.json().recipient, null);
    t.equal(read.json().permissions.acknowledge, false, 'nothing to acknowledge');
    const found = (await app.inject({ method: 'POST', url: '/api/alerts/search', headers: who.headers, payload: { q: 'tocumen' } })).json();
    t.same(
      found.items.map((a: { id: string }) => a.id),
      [alert.id],
      'and search finds it',
    );
  }
  const ack = await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/ack`, headers: world.foreign.headers });
  t.equal(ack.statusCode, 403);
  t.equal(ack.json().error.code, 'not_recipient');
  t.equal(
    (await app.inject({ url: `/api/alerts/${alert.id}`, headers: other.user.headers })).statusCode,
    404,
    'an authority not targeted does not know it',
  );
  t.equal((await app.inject({ url: `/api/alerts/${alert.id}`, headers: world.observer.headers })).statusCode, 404, 'nor does an observer (AMBER)');
  t.notOk(
    bystanderStream.events.some((e) => e.event === 'alert'),
    'a member not targeted heard nothing',
  );
  const rows = await db.selectFrom('alertRecipient').select('userId').where('alertId', '=', alert.id).execute();
  t.equal(rows.length, 3, 'three inbox rows in all');

  // An inbox row from before targeting (a Mexican member reached by the old rule): on the board, not targeted.
  await db.insertInto('alertRecipient').values({ alertId: alert.id, userId: mexOfficer.user.id, via: 'member', deliveredAt: clock.now() }).execute();

  const board = async (query = '') => {
    const res = await app.inject({ url: `/api/alerts/${alert.id}/deliveries${query}`, headers: world.officer.headers });
    t.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const names = (b: { recipients: { userId: string }[] }) => b.recipients.map((r) => r.userId);
  let all = await board();
  t.same(all.summary, { recipients: 4, targeted: 3, read: 0, acknowledged: 0, mailed: 3 });
  t.same(
    all.recipients.map((r: { target: string }) => r.target),
    ['organisation', 'country', 'country', 'none'],
    'targeted first: the authority, then the target country, then the rest',
  );
  t.equal(all.recipients[0].userId, tocumen.user.user.id);
  t.same(names(await board('?target=other')), [mexOfficer.user.id], 'filter: not targeted');
  const targetedOnly = await board('?target=targeted');
  t.equal(targetedOnly.total, 3);
  t.same(targetedOnly.summary, all.summary, 'the summary counts every recipient whatever the filter');
  t.same(names(await board('?mailed=false')), [mexOfficer.user.id], 'filter: not mailed');
  t.equal((await board('?mailed=true')).total, 3);

  await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/ack`, headers: tocumen.user.headers });
  await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/ack`, headers: panContact.headers });
  t.same(names(await board('?acknowledged=true')), [tocumen.user.user.id, panContact.user.id], 'filter: acknowledged');
  t.same(names(await board('?acknowledged=false&target=targeted')), [panOfficer.user.id], 'filters combine');
  all = await board();
  t.equal(all.summary.acknowledged, 2);
  const bad = await app.inject({ url: `/api/alerts/${alert.id}/deliveries?target=everyone`, headers: world.officer.headers });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error.code, 'validation_failed');
  t.equal(
    (await app.inject({ url: `/api/alerts/${alert.id}/deliveries?target=other`, headers: world.foreign.headers })).statusCode,
    403,
    'the board is the issuer’s and their validators’, filters or not',
  );
  const entries = await db.selectFrom('auditEntry').select('details').where('action', '=', 'alert.deliveries').execute();
  t.ok(
    entries.some((e) => JSON.stringify(e.details).includes('"target":"other"')),
    'the trail keeps the filters',
  );

  // Reminders and escalation follow the same set: the Panamanian officer who has not acknowledged,
  // not the Mexican row from before targeting.
  const sent = smtp.messages.length;
  clock.advance(11 * 60_000);
  t.same(await sweep(app), { reminders: 1, escalations: 0 }, 'one reminder');
  await app.jobs.drain();
  t.same(
    smtp.messages.slice(sent).map((m) => m.to[0]),
    [panOfficer.user.email],
  );
  clock.advance(10 * 60_000);
  t.same(await sweep(app), { reminders: 0, escalations: 1 }, "escalated to Panama's contact point only");
  await app.jobs.drain();
  t.same(
    smtp.messages.slice(sent + 1).map((m) => m.to[0]),
    [panContact.user.email],
  );
});

t.test('an alert for an authority only reaches its users; no space member is notified', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const tocumen = await borderAuthority(env, world, 'PAN');
  const created = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { targetCountries: [], targetOrganisations: [tocumen.organisationId], tlp: 'GREEN' }),
  });
  t.equal(created.statusCode, 201, created.body);
  await app.jobs.drain();
  const rows = await env.database.db.selectFrom('alertRecipient').select(['userId', 'via']).where('alertId', '=', created.json().id).execute();
  t.same(rows, [{ userId: tocumen.user.user.id, via: 'organisation' }]);
  for (const who of [world.contact, world.foreign, world.observer]) {
    t.equal((await app.inject({ url: `/api/alerts/${created.json().id}`, headers: who.headers })).statusCode, 200, 'GREEN: the space reads it');
  }
});
