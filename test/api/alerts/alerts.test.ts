import * as openpgp from 'openpgp';
import t from 'tap';
import { sweep } from '../../../server/features/alerts/delivery.ts';
import { STREAMS_PER_USER } from '../../../server/platform/events/bus.ts';
import { alertBody, borderAuthority, giveKey, openEvents } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { publishedSpecimen, SPECIMEN } from '../../helpers/specimens.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

const ARMORED = /-----BEGIN PGP MESSAGE-----[\s\S]+?-----END PGP MESSAGE-----/;

t.test('an urgent alert is published at once, reaches the targets: a country, an authority, encrypted mail for who has a key', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url, publicUrl: 'https://enlace.example.org' } });
  const { app } = env;
  const world = await buildWorld(env);
  const border = await borderAuthority(env, world, 'MEX', 'en');
  // A key registered this very minute: the portal's signatures are dated a little early, its encryption not before the key.
  const borderKey = await giveKey(env, border.user, env.clock.now());
  const before = smtp.messages.length; // membership notices

  const created = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { targetOrganisations: [border.organisationId] }),
  });
  t.equal(created.statusCode, 201, created.body);
  const alert = created.json();
  t.equal(alert.status, 'published');
  t.equal(alert.reviewPending, true, 'urgent: flagged for review afterwards');
  t.equal(alert.title, 'Pasaportes falsificados en ruta Tapachula');
  t.same(
    alert.targetOrganisations.map((o: { id: string }) => o.id),
    [border.organisationId],
  );
  t.same(alert.recipient, null, 'the issuer is not a recipient');

  // Nothing is delivered until the queue runs: the inbox is the fan-out's work.
  t.same((await app.inject({ url: '/api/alerts/inbox', headers: border.user.headers })).json().items, []);
  t.ok((await app.jobs.drain()) >= 1);

  // Recipients: the AMBER readers of the space in a target country (the Guatemalan officer; not the observer) and the
  // authority's user. The issuer's own contact point (Costa Rica is not a target) reads it without being notified.
  for (const who of [world.foreign, border.user]) {
    const inbox = (await app.inject({ url: '/api/alerts/inbox', headers: who.headers })).json();
    t.equal(inbox.unread, 1);
    t.equal(inbox.items[0].id, alert.id);
    t.same(inbox.items[0].recipient, { readAt: null, acknowledgedAt: null });
  }
  t.same((await app.inject({ url: '/api/alerts/inbox', headers: world.observer.headers })).json().items, [], 'an observer does not read AMBER');
  t.same((await app.inject({ url: '/api/alerts/inbox', headers: world.contact.headers })).json().items, [], 'not a target: no inbox entry');
  t.equal((await app.inject({ url: `/api/alerts/${alert.id}`, headers: world.observer.headers })).statusCode, 404);

  // Mail: one per recipient; the subject carries no content.
  const mails = (await smtp.received(before + 2)).slice(before);
  t.equal(mails.length, 2);
  for (const mail of mails) t.notMatch(mail.subject, /Tapachula|pasaporte/i);
  const encrypted = mails.find((m) => m.to.includes(border.user.user.email))!;
  t.equal(encrypted.subject, 'Enlace: new early alert', 'in the recipient language');
  const armored = ARMORED.exec(encrypted.text)?.[0];
  t.ok(armored, 'an OpenPGP message');
  t.notMatch(encrypted.text.replace(armored!, ''), /Tapachula/, 'nothing readable outside it');
  const portalKey = await app.inject({ url: '/api/alerts/signing-key' });
  t.equal(portalKey.statusCode, 200, 'the portal key is public');
  const { data, signatures } = await openpgp.decrypt({
    message: await openpgp.readMessage({ armoredMessage: armored! }),
    decryptionKeys: borderKey,
    verificationKeys: await openpgp.readKey({ armoredKey: portalKey.body }),
    expectSigned: true,
  });
  await signatures[0]!.verified;
  t.match(data, /Pasaportes falsificados en ruta Tapachula/);
  t.match(data, /Ciudad Hidalgo/);
  t.match(data, /^Countries: Mexico, Guatemala$/m, 'the target countries by name, in the recipient language');
  t.match(data, /^Organisations: Institute$/m, 'and the target organisations');
  t.match(data, `https://enlace.example.org/alerts/${alert.id}`);
  const plain = mails.find((m) => m.to.includes(world.foreign.user.email))!;
  t.equal(plain.subject, 'Enlace: nueva alerta temprana');
  t.notMatch(plain.text, /Tapachula|fotografía|BEGIN PGP/, 'no key: a notice without content');
  t.match(plain.text, `https://enlace.example.org/alerts/${alert.id}`);

  // Running the queue again delivers nothing twice.
  await app.jobs.drain();
  t.equal(smtp.messages.length, before + 2);
  const rows = await env.database.db.selectFrom('alertRecipient').select(['userId', 'mail']).where('alertId', '=', alert.id).execute();
  t.equal(rows.length, 2);
  t.same(rows.map((r) => r.mail).sort(), ['encrypted', 'plain']);

  // Reading marks read; acknowledging is the recipient's, and the issuer's board shows both.
  const read = await app.inject({ url: `/api/alerts/${alert.id}`, headers: border.user.headers });
  t.equal(read.statusCode, 200);
  t.equal(read.json().permissions.acknowledge, true);
  t.equal((await app.inject({ url: '/api/alerts/inbox', headers: border.user.headers })).json().unread, 0);
  const ack = await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/ack`, headers: border.user.headers });
  t.equal(ack.statusCode, 200);
  t.ok(ack.json().recipient.acknowledgedAt);
  t.equal(ack.json().permissions.acknowledge, false);
  const again = await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/ack`, headers: border.user.headers });
  t.equal(again.json().recipient.acknowledgedAt, ack.json().recipient.acknowledgedAt, 'acknowledged once');
  const notRecipient = await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/ack`, headers: world.officer.headers });
  t.equal(notRecipient.statusCode, 403);
  t.equal(notRecipient.json().error.code, 'not_recipient');

  const board = await app.inject({ url: `/api/alerts/${alert.id}/deliveries`, headers: world.officer.headers });
  t.equal(board.statusCode, 200);
  t.same(board.json().summary, { recipients: 2, targeted: 2, read: 1, acknowledged: 1, mailed: 2 });
  const borderRow = board.json().recipients.find((r: { userId: string }) => r.userId === border.user.user.id);
  t.equal(borderRow.via, 'organisation');
  t.equal(borderRow.mail, 'encrypted');
  t.equal(
    (await app.inject({ url: `/api/alerts/${alert.id}/deliveries`, headers: world.contact.headers })).statusCode,
    200,
    'the country validator follows it too',
  );
  t.equal((await app.inject({ url: `/api/alerts/${alert.id}/deliveries`, headers: world.foreign.headers })).statusCode, 403, 'a recipient does not');

  // The contact point reviews the urgent alert once; it is theirs to review, not another country's.
  t.equal((await app.inject({ url: '/api/alerts?reviewPending=true', headers: world.contact.headers })).json().total, 1);
  t.equal(
    (await app.inject({ url: '/api/alerts?reviewPending=true', headers: world.foreign.headers })).json().total,
    0,
    'a recipient elsewhere has nothing to review',
  );
  const reviewed = await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/review`, headers: world.contact.headers });
  t.equal(reviewed.statusCode, 200);
  t.equal(reviewed.json().reviewPending, false);
  t.equal((await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/review`, headers: world.contact.headers })).statusCode, 409);
  t.equal((await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/review`, headers: world.foreign.headers })).statusCode, 403);

  // Every step left its audit entry; no content in any.
  const entries = await env.database.db.selectFrom('auditEntry').select(['action', 'details']).where('subjectId', '=', alert.id).execute();
  const actions = new Set(entries.map((e) => e.action));
  for (const action of ['alert.create', 'alert.deliver', 'alert.mail', 'alert.read', 'alert.acknowledge', 'alert.deliveries', 'alert.review'])
    t.ok(actions.has(action), action);
  t.notMatch(JSON.stringify(entries), /Tapachula|Hidalgo/);
});

t.test('a non-urgent alert waits for the contact point; the authority reads what it links to, and loses it on withdrawal', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const border = await borderAuthority(env, world);
  const linked = await publishedSpecimen(env, world, { ...SPECIMEN, tlp: 'AMBER' });
  const other = await publishedSpecimen(env, world, { ...SPECIMEN, tlp: 'AMBER' });

  const created = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { severity: 'warning', targetOrganisations: [border.organisationId], specimenIds: [linked] }),
  });
  t.equal(created.statusCode, 201, created.body);
  const alert = created.json();
  t.equal(alert.status, 'submitted');
  await app.jobs.drain();
  t.same((await app.inject({ url: '/api/alerts/inbox', headers: world.foreign.headers })).json().items, [], 'not delivered before validation');
  t.equal((await app.inject({ url: `/api/specimens/${linked}`, headers: border.user.headers })).statusCode, 404, 'nor its links');

  const pending = await app.inject({ url: '/api/alerts?status=submitted', headers: world.contact.headers });
  t.same(
    pending.json().items.map((a: { id: string }) => a.id),
    [alert.id],
    'the validator finds it',
  );
  t.equal(
    (await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/publish`, headers: world.foreign.headers })).statusCode,
    404,
    'another country does not know of it',
  );
  const published = await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/publish`, headers: world.contact.headers });
  t.equal(published.statusCode, 200);
  t.equal(published.json().reviewPending, false);
  await app.jobs.drain();
  t.equal((await app.inject({ url: '/api/alerts/inbox', headers: border.user.headers })).json().items.length, 1);

  const view = (await app.inject({ url: `/api/alerts/${alert.id}`, headers: border.user.headers })).json();
  t.same(
    view.specimens.map((s: { id: string; tlp: string }) => [s.id, s.tlp]),
    [[linked, 'AMBER']],
  );
  t.equal(
    (await app.inject({ url: `/api/specimens/${linked}`, headers: border.user.headers })).statusCode,
    200,
    'the authority reads what the alert links to',
  );
  t.equal((await app.inject({ url: `/api/specimens/${other}`, headers: border.user.headers })).statusCode, 404, 'and nothing else');
  const search = (await app.inject({ method: 'POST', url: '/api/specimens/search', headers: border.user.headers, payload: {} })).json();
  t.same(
    search.items.map((s: { id: string }) => s.id),
    [linked],
    'lists carry the same policy',
  );

  const withdrawn = await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/withdraw`, headers: world.officer.headers });
  t.equal(withdrawn.statusCode, 200);
  t.equal(
    (await app.inject({ url: `/api/specimens/${linked}`, headers: border.user.headers })).statusCode,
    404,
    'withdrawn: the link no longer opens it',
  );
  t.same((await app.inject({ url: '/api/alerts/inbox', headers: border.user.headers })).json().items, [], 'and it left the inbox');
});

t.test('bad alerts are refused with a reason and leave nothing behind', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const border = await borderAuthority(env, world);
  const member = await app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: world.secretariat.headers,
    payload: { code: 'CRI-DGME-X', country: 'CRI', kind: 'member_authority', nameEs: 'DGME', nameEn: 'DGME' },
  });
  const now = env.clock.now().getTime();
  const cases: [string, Record<string, unknown>, number, string][] = [
    ['validity reversed', { validUntil: new Date(now - 1000).toISOString() }, 400, 'validity_reversed'],
    [
      'validity over',
      { validFrom: new Date(now - 3 * 86_400_000).toISOString(), validUntil: new Date(now - 86_400_000).toISOString() },
      400,
      'validity_past',
    ],
    ['no target', { targetCountries: [], targetOrganisations: [] }, 400, 'targets_required'],
    ['a member authority as target', { targetOrganisations: [member.json().id] }, 400, 'target_not_authority'],
    ['AMBER+STRICT to an outside authority', { targetOrganisations: [border.organisationId], tlp: 'AMBER+STRICT' }, 400, 'tlp_excludes_targets'],
    ['a link to nothing', { specimenIds: ['00000000-0000-4000-8000-000000000000'] }, 400, 'link_not_readable'],
    ['an unknown severity', { severity: 'critical' }, 400, 'validation_failed'],
    ['an unknown field', { colour: 'red' }, 400, 'validation_failed'],
    ['a space not theirs', { spaceId: '00000000-0000-4000-8000-000000000000' }, 404, 'not_found'],
  ];
  for (const [name, change, status, code] of cases) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/alerts',
      headers: { ...world.officer.headers, 'accept-language': 'en' },
      payload: alertBody(env, world, change),
    });
    t.equal(res.statusCode, status, name);
    t.equal(res.json().error.code, code, name);
  }
  const observer = await app.inject({ method: 'POST', url: '/api/alerts', headers: world.observer.headers, payload: alertBody(env, world) });
  t.equal(observer.statusCode, 404, 'an observer issues nothing');
  const { n } = await env.database.db
    .selectFrom('alert')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  t.equal(Number(n), 0, 'no alert row');
  const items = await env.database.db.selectFrom('item').select('id').where('kind', '=', 'alert').execute();
  t.same(items, [], 'no item either');
});

t.test('an alert leaves the inbox when its validity ends and stays searchable', async (t) => {
  const env = await buildTestApp(t, { config: { sessionIdleMinutes: 24 * 60, sessionAbsoluteHours: 24 * 30 } });
  const { app, clock } = env;
  const world = await buildWorld(env);
  const validUntil = new Date(clock.now().getTime() + 2 * 3_600_000).toISOString();
  const alert = (
    await app.inject({
      method: 'POST',
      url: '/api/alerts',
      headers: world.officer.headers,
      payload: alertBody(env, world, { validUntil, title: 'Visados alterados' }),
    })
  ).json();
  await app.jobs.drain();
  t.equal((await app.inject({ url: '/api/alerts/inbox', headers: world.foreign.headers })).json().items.length, 1);
  clock.advance(3 * 3_600_000);
  const inbox = (await app.inject({ url: '/api/alerts/inbox', headers: world.foreign.headers })).json();
  t.same(inbox, { unread: 0, unacknowledged: 0, urgentUnread: 0, items: [] });
  const found = (await app.inject({ url: '/api/alerts?q=visados', headers: world.foreign.headers })).json();
  t.equal(found.total, 1);
  t.equal(found.items[0].id, alert.id);
  t.equal(found.items[0].expired, true);
  t.equal((await app.inject({ url: '/api/alerts?expired=false', headers: world.foreign.headers })).json().total, 0);
  t.equal((await app.inject({ url: '/api/alerts?q=kinegrama', headers: world.foreign.headers })).json().total, 0, 'a word it does not hold');
  t.equal((await app.inject({ url: '/api/alerts?q=visados', headers: world.observer.headers })).json().total, 0, 'search carries the policy');
  const posted = await app.inject({
    method: 'POST',
    url: '/api/alerts/search',
    headers: world.foreign.headers,
    payload: { q: 'visados', expired: 'true' },
  });
  t.same(
    posted.json().items.map((a: { id: string }) => a.id),
    [alert.id],
    'the same search with its words in a body',
  );
  const terms = await env.database.db.selectFrom('auditEntry').select('details').where('action', '=', 'alert.search').execute();
  t.notMatch(JSON.stringify(terms), /visados/i, 'the trail keeps the words as MACs only');
});

t.test('urgent alerts not acknowledged: a reminder, then escalation to the country contact point', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url, alertReminderMinutes: 10, alertEscalationMinutes: 20, sessionIdleMinutes: 240 } });
  const { app, clock } = env;
  const world = await buildWorld(env);
  // Guatemala's contact point in the network (in the space and of a target country, so also a recipient).
  const gtmContact = await signIn(app, env.database.db, clock, { country: 'GTM', language: 'en' });
  await app.inject({
    method: 'POST',
    url: `/api/spaces/${world.spaceId}/members`,
    headers: world.secretariat.headers,
    payload: { userId: gtmContact.user.id, role: 'contact_point' },
  });
  const before = smtp.messages.length;
  const alert = (await app.inject({ method: 'POST', url: '/api/alerts', headers: world.officer.headers, payload: alertBody(env, world) })).json();
  await app.jobs.drain();
  const first = smtp.messages.length;
  t.equal(first - before, 2, 'GTM officer, GTM contact point (Costa Rica is not a target)');
  await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/ack`, headers: gtmContact.headers });

  t.same(await sweep(app), { reminders: 0, escalations: 0 }, 'nothing due yet');
  clock.advance(11 * 60_000);
  t.same(await sweep(app), { reminders: 1, escalations: 0 }, 'the one who did not acknowledge');
  await app.jobs.drain();
  const reminder = smtp.messages.slice(first);
  t.equal(reminder.length, 1);
  t.same(reminder[0]!.to, [world.foreign.user.email]);
  t.equal(reminder[0]!.subject, 'Enlace: alerta pendiente de su acuse de recibo');
  t.notMatch(reminder[0]!.text, /Tapachula/);
  t.same(await sweep(app), { reminders: 0, escalations: 0 }, 'reminded once');

  clock.advance(10 * 60_000);
  t.same(await sweep(app), { reminders: 0, escalations: 1 });
  await app.jobs.drain();
  const escalation = smtp.messages.slice(first + 1);
  t.equal(escalation.length, 1);
  t.same(escalation[0]!.to, [gtmContact.user.email], "to the recipient's country contact point");
  t.equal(escalation[0]!.subject, 'Enlace: urgent alert unacknowledged in your country');
  t.match(escalation[0]!.text, /1 recipient\(s\) in Guatemala/);
  t.notMatch(escalation[0]!.text, /Tapachula/);
  const board = (await app.inject({ url: `/api/alerts/${alert.id}/deliveries`, headers: world.officer.headers })).json();
  const row = board.recipients.find((r: { userId: string }) => r.userId === world.foreign.user.id);
  t.ok(row.remindedAt);
  t.ok(row.escalatedAt);
  t.same(await sweep(app), { reminders: 0, escalations: 0 }, 'escalated once');
});

t.test('live: a recipient stream hears the alert, the issuer hears the acknowledgement', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const recipient = await openEvents(app, world.foreign);
  const issuer = await openEvents(app, world.officer);
  const bystander = await openEvents(app, world.observer);
  t.teardown(() => {
    recipient.close();
    issuer.close();
    bystander.close();
  });
  await Promise.all([recipient.opened, issuer.opened, bystander.opened]);
  t.equal(recipient.status, 200);
  t.match(recipient.contentType, /^text\/event-stream/);

  const alert = (await app.inject({ method: 'POST', url: '/api/alerts', headers: world.officer.headers, payload: alertBody(env, world) })).json();
  await app.jobs.drain();
  const heard = await recipient.next('alert');
  t.same(heard.data, { alertId: alert.id, severity: 'urgent' }, 'ids only, no content');
  t.same((await issuer.next('delivery')).data, { alertId: alert.id, recipients: 1 }, "the issuer's board can load its recipients");
  await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/ack`, headers: world.foreign.headers });
  const ack = await issuer.next('ack');
  t.equal(ack.data['alertId'], alert.id);
  t.equal(ack.data['userId'], world.foreign.user.id);
  t.notOk(
    bystander.events.some((e) => e.event === 'alert'),
    'an observer (no AMBER) heard nothing',
  );
  t.equal(app.events.size, 3);

  const anonymous = await app.inject({ url: '/api/events' });
  t.equal(anonymous.statusCode, 401);

  // One user's tabs are bounded: one stream more than allowed closes the oldest.
  const tabs: Awaited<ReturnType<typeof openEvents>>[] = [];
  for (let i = 0; i <= STREAMS_PER_USER; i++) {
    const tab = await openEvents(app, world.contact);
    await tab.opened;
    tabs.push(tab);
  }
  t.teardown(() => {
    for (const tab of tabs) tab.close();
  });
  await tabs[0]!.end;
  t.pass('the oldest tab was closed');
  t.equal(app.events.size, 3 + STREAMS_PER_USER);
});

t.test('webhooks: signed JSON to the targeted authority system; failures are recorded', async (t) => {
  const http = await import('node:http');
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  let answer = 200;
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  t.teardown(() => receiver.close());
  const port = (receiver.address() as { port: number }).port;

  const env = await buildTestApp(t, { config: { jobRetries: 0 } });
  const { app } = env;
  const world = await buildWorld(env);
  const border = await borderAuthority(env, world);
  const malformed = await app.inject({
    method: 'POST',
    url: `/api/organisations/${border.organisationId}/webhooks`,
    headers: world.secretariat.headers,
    payload: { url: 'https://exa%mple.org/hook' },
  });
  t.equal(malformed.statusCode, 400);
  t.equal(malformed.json().error.code, 'invalid_url');
  const insecure = await app.inject({
    method: 'POST',
    url: `/api/organisations/${border.organisationId}/webhooks`,
    headers: world.secretariat.headers,
    payload: { url: 'http://systems.example.mx/hook' },
  });
  t.equal(insecure.statusCode, 400);
  t.equal(insecure.json().error.code, 'webhook_insecure');
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: `/api/organisations/${border.organisationId}/webhooks`,
        headers: world.officer.headers,
        payload: { url: `http://127.0.0.1:${port}/hook` },
      })
    ).statusCode,
    403,
  );
  const hook = await app.inject({
    method: 'POST',
    url: `/api/organisations/${border.organisationId}/webhooks`,
    headers: world.secretariat.headers,
    payload: { url: `http://127.0.0.1:${port}/hook` },
  });
  t.equal(hook.statusCode, 201);

  const alert = (
    await app.inject({
      method: 'POST',
      url: '/api/alerts',
      headers: world.officer.headers,
      payload: alertBody(env, world, { targetOrganisations: [border.organisationId] }),
    })
  ).json();
  await app.jobs.drain();
  t.equal(received.length, 1);
  const { headers, body } = received[0]!;
  const key = await openpgp.readKey({ armoredKey: (await app.inject({ url: '/api/alerts/signing-key' })).body });
  const verified = await openpgp.verify({
    message: await openpgp.createMessage({ binary: Buffer.from(body, 'utf8') }),
    signature: await openpgp.readSignature({ binarySignature: Buffer.from(String(headers['enlace-signature']), 'base64') }),
    verificationKeys: key,
    expectSigned: true,
  });
  t.ok(verified.data, 'the signature verifies with the public portal key');
  t.equal(headers['enlace-key'], key.getFingerprint().toUpperCase());
  const payload = JSON.parse(body);
  t.equal(payload.type, 'alert.published');
  t.equal(payload.alert.id, alert.id);
  t.equal(payload.alert.title, 'Pasaportes falsificados en ruta Tapachula');
  const tampered = await openpgp
    .verify({
      message: await openpgp.createMessage({ binary: Buffer.from(body.replace('Tapachula', 'Tecún Umán'), 'utf8') }),
      signature: await openpgp.readSignature({ binarySignature: Buffer.from(String(headers['enlace-signature']), 'base64') }),
      verificationKeys: key,
      expectSigned: true,
    })
    .then(
      () => 'verified',
      () => 'refused',
    );
  t.equal(tampered, 'refused', 'a changed body does not verify');
  let board = (await app.inject({ url: `/api/alerts/${alert.id}/deliveries`, headers: world.officer.headers })).json();
  t.same(
    board.webhooks.map((w: { status: string; attempts: number }) => [w.status, w.attempts]),
    [['delivered', 1]],
  );

  answer = 500;
  const second = (
    await app.inject({
      method: 'POST',
      url: '/api/alerts',
      headers: world.officer.headers,
      payload: alertBody(env, world, { targetOrganisations: [border.organisationId] }),
    })
  ).json();
  await app.jobs.drain();
  board = (await app.inject({ url: `/api/alerts/${second.id}/deliveries`, headers: world.officer.headers })).json();
  t.same(
    board.webhooks.map((w: { status: string; attempts: number }) => [w.status, w.attempts]),
    [['failed', 1]],
    'no retries left: failed',
  );

  const removed = await app.inject({ method: 'DELETE', url: `/api/webhooks/${hook.json().id}`, headers: world.secretariat.headers });
  t.ok(removed.json().disabledAt);
  await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { targetOrganisations: [border.organisationId] }),
  });
  await app.jobs.drain();
  t.equal(received.length, 2, 'a disabled webhook gets nothing');
});
