import { sql } from 'kysely';
import t from 'tap';
import { sweep } from '../../../server/features/alerts/delivery.ts';
import { alertBody, giveKey, openEvents } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { signIn } from '../../helpers/users.ts';
import { addMember, buildWorld } from '../../helpers/world.ts';

const SUBJECT = 'Cierre temporal del paso Tecún Umán — MENSAJE-OPERATIVO-7731';

t.test('an urgent operational message reaches the contact points and substitutes of the chosen countries, like an urgent alert', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url, alertReminderMinutes: 10, alertEscalationMinutes: 20, sessionIdleMinutes: 240 } });
  const { app, clock, database } = env;
  const world = await buildWorld(env);
  // Guatemala's contact point (English, with an OpenPGP key) and substitute; Mexico's contact point.
  const gtmContact = await signIn(app, database.db, clock, { country: 'GTM', language: 'en' });
  const gtmSubstitute = await signIn(app, database.db, clock, { country: 'GTM' });
  const mexContact = await signIn(app, database.db, clock, { country: 'MEX' });
  await addMember(env, world, gtmContact, 'contact_point');
  await addMember(env, world, gtmSubstitute, 'substitute');
  await addMember(env, world, mexContact, 'contact_point');
  const key = await giveKey(env, gtmContact);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const live = await openEvents(app, gtmContact);
  const officerLive = await openEvents(app, world.foreign);
  t.teardown(() => {
    live.close();
    officerLive.close();
  });
  await Promise.all([live.opened, officerLive.opened]);

  const message = alertBody(env, world, { title: SUBJECT, audience: 'contact_points', targetCountries: ['GTM'], tlp: 'AMBER' });
  const send = (who: typeof world.officer, body: object) =>
    app.inject({ method: 'POST', url: '/api/alerts', headers: { ...who.headers, 'accept-language': 'en' }, payload: body });

  // Only a contact point or substitute of the space sends one; anyone else, the same 403 for any space.
  for (const [who, spaceId] of [
    [world.officer, world.spaceId],
    [world.observer, world.spaceId],
    [world.secretariat, world.spaceId],
    [world.contact, '00000000-0000-4000-8000-000000000000'],
  ] as const) {
    const refused = await send(who, { ...message, spaceId });
    t.equal(refused.statusCode, 403);
    t.equal(refused.json().error.code, 'forbidden');
  }
  const notUrgent = await send(world.contact, { ...message, severity: 'warning' });
  t.equal(notUrgent.statusCode, 400);
  t.equal(notUrgent.json().error.code, 'operational_message_urgent');
  t.match(notUrgent.json().error.message, /urgent/);
  const systems = await send(world.contact, { ...message, targetOrganisations: ['00000000-0000-4000-8000-000000000001'] });
  t.equal(systems.statusCode, 400);
  t.equal(systems.json().error.code, 'operational_message_people');
  t.equal(Number((await sql<{ n: string }>`select count(*) as n from alert`.execute(database.db)).rows[0]!.n), 0, 'nothing saved');

  // Costa Rica's contact point sends it to Guatemala.
  const mark = smtp.messages.length;
  const sent = await send(world.contact, message);
  t.equal(sent.statusCode, 201);
  const alert = sent.json();
  t.match(alert, { audience: 'contact_points', severity: 'urgent', status: 'published', reviewPending: false, targetCountries: ['GTM'] });
  t.equal((await app.jobs.drain()) >= 1, true);

  // Delivered to Guatemala's contact point and substitute only: inbox, live, mail.
  const inbox = async (who: typeof world.officer) =>
    (await app.inject({ url: '/api/alerts/inbox', headers: who.headers })).json().items.map((a: { id: string }) => a.id);
  t.same(await inbox(gtmContact), [alert.id], 'the contact point');
  t.same(await inbox(gtmSubstitute), [alert.id], 'the substitute');
  t.same(await inbox(world.foreign), [], 'not Guatemala’s officer');
  t.same(await inbox(mexContact), [], 'not a country it was not sent to');
  t.same(await inbox(world.officer), [], 'not the sender’s officers');
  const heard = await live.next('alert');
  t.equal(heard.data.id ?? heard.data.alertId, alert.id, 'heard live');
  t.notOk(
    officerLive.events.some((e) => e.event === 'alert'),
    'the officer hears nothing',
  );
  const mails = smtp.messages.slice(mark);
  t.same(mails.map((m) => m.to[0]).sort(), [gtmContact.user.email, gtmSubstitute.user.email].sort(), 'one mail each, no one else');
  const toContact = mails.find((m) => m.to.includes(gtmContact.user.email))!;
  t.match(toContact.text, /-----BEGIN PGP MESSAGE-----/, 'encrypted to the contact point’s key');
  t.notMatch(toContact.text, /MENSAJE-OPERATIVO-7731/, 'the words only inside the encrypted part');
  t.ok(key, 'the key the mail is encrypted to');

  // Sealed like an alert: its words are in no clear column of the alert or its item.
  const rows = await sql`select a.*, i.* from alert a join item i on i.id = a.item_id`.execute(database.db);
  t.notMatch(JSON.stringify(rows.rows), /MENSAJE-OPERATIVO-7731|Tecún/, 'no clear copy');

  // Acknowledged like an alert; the sender's board shows it.
  t.equal((await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/ack`, headers: gtmContact.headers })).statusCode, 200);
  const board = (await app.inject({ url: `/api/alerts/${alert.id}/deliveries`, headers: world.contact.headers })).json();
  t.match(board.summary, { recipients: 2, targeted: 2, acknowledged: 1 });

  // The substitute, who has not acknowledged: a reminder, then escalation to Guatemala's contact point and substitute.
  const before = smtp.messages.length;
  t.same(await sweep(app), { reminders: 0, escalations: 0 });
  clock.advance(11 * 60_000);
  t.same(await sweep(app), { reminders: 1, escalations: 0 }, 'the one who did not acknowledge');
  await app.jobs.drain();
  t.same(
    smtp.messages.slice(before).map((m) => m.to),
    [[gtmSubstitute.user.email]],
  );
  clock.advance(10 * 60_000);
  t.same(await sweep(app), { reminders: 0, escalations: 2 }, 'to Guatemala’s contact point and substitute');
  await app.jobs.drain();
  t.equal(smtp.messages.length, before + 3, 'escalated by mail');
});

t.test('to every country when none is chosen: the contact points and substitutes of the space, no one else', async (t) => {
  const env = await buildTestApp(t);
  const { app, clock, database } = env;
  const world = await buildWorld(env);
  const gtmContact = await signIn(app, database.db, clock, { country: 'GTM' });
  const mexSubstitute = await signIn(app, database.db, clock, { country: 'MEX' });
  await addMember(env, world, gtmContact, 'contact_point');
  await addMember(env, world, mexSubstitute, 'substitute');
  const sent = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: gtmContact.headers,
    payload: alertBody(env, world, { title: SUBJECT, audience: 'contact_points', targetCountries: [] }),
  });
  t.equal(sent.statusCode, 201);
  await app.jobs.drain();
  const recipients = await database.db.selectFrom('alertRecipient').select('userId').where('alertId', '=', sent.json().id).execute();
  t.same(
    recipients.map((r) => r.userId).sort(),
    [world.contact.user.id, mexSubstitute.user.id].sort(),
    'Costa Rica’s contact point and Mexico’s substitute',
  );
});
