import { randomUUID } from 'node:crypto';
import t from 'tap';
import { runNotifications } from '../../../server/features/notifications/service.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { createUser, type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';
import { directoryCalls, entryOf, member } from './helpers.ts';

t.test('confirmation: the date, the six-month flag and one reminder per cycle to the contact point and substitute', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = directoryCalls(env, world);
  const substitute = await member(env, world, 'CRI', 'substitute');
  const cri = entryOf((await calls.read(world.secretariat)).json(), 'CRI').id;

  // Today is 2 March 2026 (the test clock): the contact point confirms.
  clock.set('2026-03-02T09:00:00Z');
  const confirmed = await calls.confirm(world.contact, cri);
  t.equal(confirmed.statusCode, 200, confirmed.body);
  const { displayName } = await database.db
    .selectFrom('appUser')
    .select('displayName')
    .where('id', '=', world.contact.user.id)
    .executeTakeFirstOrThrow();
  t.match(confirmed.json(), { confirmedAt: '2026-03-02T09:00:00.000Z', confirmedBy: displayName, unconfirmed: false });
  t.equal(entryOf((await calls.read(world.officer)).json(), 'GTM').unconfirmed, true, 'an entry never confirmed is flagged');

  // Sessions do not last months: each jump of the clock signs in again.
  const again = (who: SignedIn) => signIn(app, database.db, clock, { user: who.user });
  clock.set('2026-09-02T08:58:00Z');
  t.equal(entryOf((await calls.read(await again(world.officer))).json(), 'CRI').unconfirmed, false, 'a minute short of six months: not flagged');
  clock.set('2026-09-02T09:00:00Z');
  t.equal(entryOf((await calls.read(await again(world.officer))).json(), 'CRI').unconfirmed, true, 'six months: flagged');

  const sweep = async (at: string) => (await runNotifications(app.services, new Date(at)))!;
  const notices = async (userId: string) =>
    (
      await database.db
        .selectFrom('notification')
        .select(['kind', 'subjectId'])
        .where('userId', '=', userId)
        .where('kind', '=', 'directory_unconfirmed')
        .execute()
    ).length;

  t.match(await sweep('2026-09-01T09:00:00Z'), { directoryReminders: 0, notices: 0 }, 'before six months: nothing');
  // Costa Rica's cycle and Guatemala's (never confirmed: from its entry's making) pass six months together.
  t.match(
    await sweep('2026-09-02T10:00:00Z'),
    { directoryReminders: 2, notices: 2 },
    'Costa Rica’s contact point and substitute; Guatemala has nobody to remind',
  );
  t.match(await sweep('2026-09-02T10:00:00Z'), { directoryReminders: 0, notices: 0 }, 'a sweep repeated reminds nothing');
  t.match(await sweep('2026-12-01T10:00:00Z'), { directoryReminders: 0 }, 'once per cycle');
  t.equal(await notices(world.contact.user.id), 1);
  t.equal(await notices(substitute.user.id), 1);
  for (const who of [world.officer, world.foreign, world.observer]) t.equal(await notices(who.user.id), 0, 'nobody else');

  // The notice: its kind, the network's name (its label) and a link — nothing of the entry.
  const list = await app.inject({ url: '/api/notifications', headers: (await again(world.contact)).headers });
  t.equal(list.statusCode, 200, list.body);
  t.match(list.json().items[0], { kind: 'directory_unconfirmed', itemId: null, subjectId: cri, label: 'Red' });

  // A new confirmation opens a new cycle.
  clock.set('2026-12-01T10:00:00Z');
  t.equal((await calls.confirm(await again(substitute), cri)).statusCode, 200, 'the substitute confirms');
  t.match(await sweep('2027-05-31T10:00:00Z'), { directoryReminders: 0 });
  t.match(await sweep('2027-06-01T11:00:00Z'), { directoryReminders: 1, notices: 2 }, 'reminded again, six months after');
  t.equal(await notices(world.contact.user.id), 2);
  const reminders = await database.db.selectFrom('directoryReminder').select(['entryId', 'cycleStart']).orderBy('sentAt').execute();
  t.equal(reminders.length, 3);
  const audit = await database.db.selectFrom('auditEntry').select(['action', 'subjectId']).where('subjectType', '=', 'directory_entry').execute();
  t.equal(audit.filter((a) => a.action === 'notification.remind').length, 3, 'each reminder in the trail');
  t.equal(
    (await database.db.selectFrom('auditEntry').select('action').where('action', '=', 'directory.confirm').where('outcome', '=', 'allowed').execute())
      .length,
    2,
  );
});

t.test('the contact point appoints its country’s substitute among its members of the network', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = directoryCalls(env, world);
  const first = await member(env, world, 'CRI', 'substitute');
  const second = await member(env, world, 'CRI', 'officer');
  const gtmContact = await member(env, world, 'GTM', 'contact_point');
  const directory = (await calls.read(world.secretariat)).json();
  const cri = entryOf(directory, 'CRI').id;
  const gtm = entryOf(directory, 'GTM').id;

  const mine = (await calls.read(world.contact)).json();
  t.same(
    (entryOf(mine, 'CRI').candidates as { userId: string }[]).map((c) => c.userId).sort(),
    [first.user.id, second.user.id, world.officer.user.id].sort(),
    'the country’s members of the network, not its contact point',
  );

  const appointed = await calls.appoint(world.contact, cri, second.user.id);
  t.equal(appointed.statusCode, 200, appointed.body);
  t.equal(appointed.json().substitute.userId, second.user.id);
  const roles = await database.db.selectFrom('membership').select(['userId', 'role']).where('spaceId', '=', world.spaceId).execute();
  t.equal(roles.find((r) => r.userId === second.user.id)?.role, 'substitute');
  t.equal(roles.find((r) => r.userId === first.user.id)?.role, 'officer', 'the substitute before is an officer now');
  const changes = await database.db
    .selectFrom('membershipChange')
    .select(['userId', 'change', 'role', 'previousRole'])
    .where('changedBy', '=', world.contact.user.id)
    .execute();
  t.same(
    changes.map((c) => [c.userId, c.change, c.role, c.previousRole]),
    [
      [first.user.id, 'role_changed', 'officer', 'substitute'],
      [second.user.id, 'role_changed', 'substitute', 'officer'],
    ],
    'through the memberships’ one path',
  );

  // Only the contact point (the substitute does not appoint), only its country, only members of the network.
  const refused = await calls.appoint(second, cri, first.user.id);
  t.equal(refused.statusCode, 403);
  const another = await calls.appoint(world.contact, gtm, first.user.id);
  const none = await calls.appoint(world.contact, randomUUID(), first.user.id);
  t.equal(another.statusCode, 404);
  t.same(another.json(), none.json(), 'another country’s entry: as no entry');
  const outsider = await createUser(database.db, { country: 'CRI' });
  const notMember = await calls.appoint(world.contact, cri, outsider.id);
  t.equal(notMember.statusCode, 400);
  t.equal(notMember.json().error.code, 'directory_substitute_not_member');
  t.same((await calls.appoint(world.contact, cri, world.foreign.user.id)).json(), notMember.json(), 'another country’s member: the same');
  t.same((await calls.appoint(world.contact, cri, randomUUID())).json(), notMember.json(), 'no account: the same');
  t.same((await calls.appoint(world.contact, cri, world.contact.user.id)).json(), notMember.json(), 'the contact point is not its own substitute');

  // The Secretariat appoints in any entry.
  const gtmOfficer = await signIn(app, database.db, clock, { country: 'GTM' });
  await app.inject({
    method: 'POST',
    url: `/api/spaces/${world.spaceId}/members`,
    headers: gtmContact.headers,
    payload: { userId: gtmOfficer.user.id, role: 'officer' },
  });
  const bySecretariat = await calls.appoint(world.secretariat, gtm, gtmOfficer.user.id);
  t.equal(bySecretariat.statusCode, 200, bySecretariat.body);
  t.equal(bySecretariat.json().substitute.userId, gtmOfficer.user.id);

  const audit = await database.db
    .selectFrom('auditEntry')
    .select(['outcome', 'details'])
    .where('action', '=', 'directory.appoint')
    .orderBy('seq')
    .execute();
  t.match(audit[0], { outcome: 'allowed', details: { userId: second.user.id, previous: [first.user.id] } });
});
