import { sql } from 'kysely';
import t from 'tap';
import { runNotifications } from '../../../server/features/notifications/service.ts';
import { loadingDeadlines, loadingObligations } from '../../../server/platform/followup/obligations.ts';
import { sendReminders } from '../../../server/platform/notifications/reminders.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { enlace } from '../../helpers/cli.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { specimenCalls } from '../../helpers/specimens.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

// The space's loading deadline: its opening (2026-03-01) and four months.
const DUE = '2026-07-01';

t.test('loading deadlines: each member country not loaded is reminded once at 14 days, once at 3, once late', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url, publicUrl: 'https://enlace.example.org' } });
  const { app, database, clock } = env;
  const db = database.db;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const member = async (country: string, role: 'contact_point' | 'substitute', language: 'es' | 'en') => {
    const person = await signIn(app, db, clock, { country, language });
    const res = await app.inject({
      method: 'POST',
      url: `/api/spaces/${world.spaceId}/members`,
      headers: world.secretariat.headers,
      payload: { userId: person.user.id, role },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return person;
  };
  // Costa Rica: its contact point (es) and a substitute (en); Guatemala: a contact point too. IOM observes.
  const substitute = await member('CRI', 'substitute', 'en');
  const guatemala = await member('GTM', 'contact_point', 'es');
  await db.updateTable('appUser').set({ language: 'es' }).where('id', '=', world.contact.user.id).execute();
  const space = (await app.inject({ method: 'GET', url: `/api/spaces/${world.spaceId}`, headers: world.secretariat.headers })).json();
  t.equal(space.loadingDeadline, DUE);

  // Guatemala has loaded (one specimen submitted, pending validation); Costa Rica has a draft only.
  const gtm = await calls.create(world.foreign);
  await calls.images(world.foreign, gtm.json().id, ['front']);
  t.equal((await calls.step(world.foreign, gtm.json().id, 'submit')).statusCode, 200);
  t.equal((await calls.create(world.officer)).statusCode, 201);

  const before = smtp.messages.length;
  const deadlineNotices = async (who: SignedIn) => {
    const rows = await db
      .selectFrom('notification')
      .select(['kind', 'dueOn'])
      .where('userId', '=', who.user.id)
      .where('itemId', 'is', null)
      .execute();
    // In no particular order: the mail sweep updates rows, which moves them in the heap.
    return rows.map((r) => r.kind).sort();
  };
  const runAt = async (day: string) => {
    const result = await runNotifications(app.services, new Date(`${day}T06:00:00Z`));
    return result!;
  };

  t.match(await runAt('2026-06-16'), { reminders: 0, notices: 0 }, '15 days before: nothing');
  t.match(await runAt('2026-06-17'), { reminders: 1, notices: 2, mailed: 2 }, '14 days before: Costa Rica’s contact point and substitute');
  t.match(await runAt('2026-06-17'), { reminders: 0, notices: 0, mailed: 0 }, 'a run repeated sends nothing');
  t.match(await runAt('2026-06-20'), { reminders: 0 });
  t.match(await runAt('2026-06-28'), { reminders: 1, notices: 2 }, '3 days before');
  t.match(await runAt('2026-07-01'), { reminders: 0 }, 'the day itself: already reminded');
  t.match(await runAt('2026-07-02'), { reminders: 1, notices: 2 }, 'late, the day after');
  t.match(await runAt('2026-07-10'), { reminders: 0 }, 'late once');
  t.equal((await sendReminders(app.services, [loadingDeadlines, loadingDeadlines], new Date('2026-07-02T07:00:00Z'))).reminders, 0);

  t.same(await deadlineNotices(world.contact), ['deadline_due', 'deadline_due', 'deadline_late']);
  t.same(await deadlineNotices(substitute), ['deadline_due', 'deadline_due', 'deadline_late']);
  for (const who of [guatemala, world.foreign, world.officer, world.observer, world.auditor])
    t.same(await deadlineNotices(who), [], 'nothing to a country that has loaded, to officers, to observers');
  const sent = await db.selectFrom('deadlineReminder').select(['country', 'threshold']).orderBy('sentAt').execute();
  t.same(sent, [
    { country: 'CRI', threshold: 'due_14' },
    { country: 'CRI', threshold: 'due_3' },
    { country: 'CRI', threshold: 'late' },
  ]);

  // The list: deadline notices are their user's own, with the space to go to.
  const list = (await app.inject({ method: 'GET', url: '/api/notifications', headers: substitute.headers })).json();
  t.match(list, { total: 3, unread: 3 });
  t.match(list.items[0], {
    kind: 'deadline_late',
    itemId: null,
    itemKind: null,
    obligation: 'loading',
    spaceId: world.spaceId,
    subjectId: world.spaceId,
    dueOn: DUE,
    label: 'Space',
  });
  t.match((await app.inject({ method: 'GET', url: '/api/notifications', headers: world.contact.headers })).json().items[0], { label: 'Espacio' });
  t.equal((await app.inject({ method: 'POST', url: `/api/notifications/${list.items[0].id}/read`, headers: substitute.headers })).statusCode, 204);
  t.equal((await app.inject({ method: 'POST', url: `/api/notifications/${list.items[1].id}/read`, headers: world.contact.headers })).statusCode, 404);

  // The mails: the kind, the space's name and due date, a link to the space; in each one's language.
  const mails = (await smtp.received(before + 6)).slice(before);
  t.equal(mails.length, 6);
  const of = (who: SignedIn) => mails.filter((m) => m.to.includes(who.user.email));
  t.same(
    of(substitute).map((m) => m.subject),
    ['Enlace: A deadline of your country is near', 'Enlace: A deadline of your country is near', 'Enlace: A deadline of your country has passed'],
  );
  t.same(
    of(world.contact).map((m) => m.subject),
    ['Enlace: Se acerca un plazo de su país', 'Enlace: Se acerca un plazo de su país', 'Enlace: Venció un plazo de su país'],
  );
  t.match(of(substitute)[0]!.text, `Loading of the space “Space”, due on ${DUE}`);
  t.match(of(world.contact)[0]!.text, `Carga del espacio «Espacio», vence el ${DUE}`);
  for (const mail of mails) t.match(mail.text, `https://enlace.example.org/spaces/${world.spaceId}`);
});

t.test('the loading state per space and member country: counts by kind, published and pending, and the state', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const db = env.database.db;
  const state = async (today: string) =>
    (await loadingObligations(db, { today, spaceIds: [world.spaceId] })).map((o) => ({
      country: o.country,
      state: o.state,
      published: o.published.specimen,
      pending: o.pending.specimen,
    }));

  t.same(
    await state('2026-03-02'),
    [
      { country: 'CRI', state: 'open', published: 0, pending: 0 },
      { country: 'GTM', state: 'open', published: 0, pending: 0 },
    ],
    'the observer’s country has no obligation',
  );
  t.same(
    (await state('2026-06-17')).map((o) => o.state),
    ['due_soon', 'due_soon'],
  );
  t.same(
    (await state('2026-07-02')).map((o) => o.state),
    ['late', 'late'],
  );

  // A draft does not count; submitted is pending; published is published.
  const draft = await calls.create(world.officer);
  t.equal((await state('2026-07-02'))[0]!.state, 'late', 'a draft is not a load');
  await calls.images(world.officer, draft.json().id, ['front']);
  // Begun on 2 March, put forward the day after the deadline: loaded late, not on time.
  env.clock.set('2026-07-02T08:00:00Z');
  const again = async (who: SignedIn) => signIn(env.app, db, env.clock, { user: who.user });
  const [officer, contact] = [await again(world.officer), await again(world.contact)];
  await calls.step(officer, draft.json().id, 'submit');
  t.same((await state('2026-07-02'))[0], { country: 'CRI', state: 'loaded_late', published: 0, pending: 1 }, 'late turns loaded late');
  await calls.step(contact, draft.json().id, 'publish');
  t.same((await state('2026-07-02'))[0], { country: 'CRI', state: 'loaded_late', published: 1, pending: 0 });
  t.equal((await loadingObligations(db, { today: '2026-07-02', spaceIds: [world.spaceId], country: 'CRI' }))[0]!.firstLoadedOn, '2026-07-02');
  const [cri] = await loadingObligations(db, { today: '2026-07-02', spaceIds: [world.spaceId], country: 'CRI' });
  t.same(cri!.published, { specimen: 1, report: 0, alert: 0, person: 0 });
  t.match(cri, { spaceId: world.spaceId, networkId: world.networkId, opensOn: '2026-03-01', dueOn: DUE });
  t.same(
    (await loadingObligations(db, { today: '2026-07-02', spaceIds: [world.spaceId], states: ['late'] })).map((o) => o.country),
    ['GTM'],
  );
});

t.test('enlace notifications remind: the sweep once from the command line, recorded in the trail', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url } });
  const world = await buildWorld(env);
  const db = env.database.db;
  const before = smtp.messages.length;
  const cli = (args: string[]) => enlace(args, { DATABASE_URL: env.database.url, ENLACE_DATA_DIR: env.config.dataDir, ENLACE_SMTP_URL: smtp.url });
  // The command runs on the system clock: the space is due in ten days from now.
  await sql`update space set loading_deadline = current_date + 10 where id = ${world.spaceId}`.execute(db);
  // The world was made on the test clock, months before the system's today: its directory entries
  // are made new as of now, so that only the deadline is reminded (the directory's own reminders:
  // test/api/directory/confirmation.test.ts).
  await sql`update directory_entry set created_at = now()`.execute(db);

  const run = await cli(['notifications', 'remind']);
  t.equal(run.code, 0, run.stderr);
  t.same(
    JSON.parse(run.stdout),
    { reminders: 2, notices: 1, directoryReminders: 0, meetingReminders: 0, mailed: 1, digests: 0 },
    'Costa Rica (its contact point) and Guatemala (no one to tell)',
  );
  t.same((await smtp.received(before + 1)).slice(before)[0]!.to, [world.contact.user.email]);
  const again = await cli(['notifications', 'remind']);
  t.same(JSON.parse(again.stdout), { reminders: 0, notices: 0, directoryReminders: 0, meetingReminders: 0, mailed: 0, digests: 0 }, 'once');
  const entries = await db
    .selectFrom('auditEntry')
    .select(['action', 'details'])
    .where('action', 'like', 'notification.remind%')
    .orderBy('seq')
    .execute();
  t.match(
    entries.map((e) => [e.action, e.details]),
    [
      ['notification.remind', { obligation: 'loading', threshold: 'due_14' }],
      ['notification.remind', { obligation: 'loading', threshold: 'due_14' }],
      ['notification.remind_run', { reminders: 2 }],
      ['notification.remind_run', { reminders: 0 }],
    ],
  );
  for (const args of [['notifications'], ['notifications', 'remind', '--now']]) {
    const refused = await cli(args);
    t.equal(refused.code, 64, args.join(' '));
    t.match(refused.stderr, /enlace notifications:/);
  }
  t.match((await cli(['help'])).stdout, /notifications remind/, 'in the usage');
});
