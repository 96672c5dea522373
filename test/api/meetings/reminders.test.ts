import t from 'tap';
import { runNotifications } from '../../../server/features/notifications/service.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';
import { meetingCalls, PLENARY } from './helpers.ts';

t.test('meeting reminders: a week and a day before, once each, to the meeting’s readers only', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const elsewhere = await buildWorld(env);
  const calls = meetingCalls(env);
  // The test clock starts on 2 March 2026, 09:00 UTC; the meeting is on 20 March, 15:00.
  const meeting = (
    await calls.create(world.secretariat, {
      ...PLENARY,
      networkId: world.networkId,
      startsAt: '2026-03-20T15:00:00Z',
      endsAt: '2026-03-20T17:00:00Z',
    })
  ).json();
  const sweep = async (at: string) => (await runNotifications(app.services, new Date(at)))!;
  const reminders = (userId: string) =>
    database.db
      .selectFrom('notification')
      .select(['kind', 'subjectId', 'dueOn', 'itemId'])
      .where('userId', '=', userId)
      .where('kind', '=', 'meeting_reminder')
      .execute();

  t.match(await sweep('2026-03-13T14:00:00Z'), { meetingReminders: 0 }, 'more than a week before: nothing');
  t.match(await sweep('2026-03-13T15:00:00Z'), { meetingReminders: 1 }, 'a week before');
  t.match(await sweep('2026-03-14T09:00:00Z'), { meetingReminders: 0 }, 'a sweep repeated reminds nothing');
  const officerNotices = await reminders(world.officer.user.id);
  t.match(officerNotices, [{ kind: 'meeting_reminder', subjectId: meeting.id, itemId: null }]);
  t.equal(String(officerNotices[0]!.dueOn).slice(0, 10), '2026-03-20');
  for (const who of [world.contact, world.foreign, world.observer]) t.equal((await reminders(who.user.id)).length, 1, 'every member of the network');
  for (const who of [elsewhere.officer, world.auditor]) t.equal((await reminders(who.user.id)).length, 0, 'nobody who may not read it');

  t.match(await sweep('2026-03-19T15:00:00Z'), { meetingReminders: 1 }, 'a day before');
  t.match(await sweep('2026-03-19T20:00:00Z'), { meetingReminders: 0 }, 'once');
  t.equal((await reminders(world.officer.user.id)).length, 2);
  t.match(await sweep('2026-03-21T09:00:00Z'), { meetingReminders: 0 }, 'nothing after it started');

  // The notice in the bell: the title in the reader's language, leading to the meeting.
  const officer = await signIn(app, database.db, clock, { user: world.officer.user });
  const list = await app.inject({ url: '/api/notifications', headers: officer.headers });
  t.match(list.json().items[0], { kind: 'meeting_reminder', subjectId: meeting.id, label: PLENARY.titleEs });

  // A conference-wide meeting reminds everyone with a role or a membership.
  await calls.create(world.secretariat, {
    kind: 'crm_plenary',
    titleEs: 'Reunión Viceministerial',
    titleEn: 'Vice-ministerial meeting',
    startsAt: '2026-04-10T14:00:00Z',
    endsAt: '2026-04-10T22:00:00Z',
  });
  const nobody = await signIn(app, database.db, clock, { country: 'MEX' });
  t.match(await sweep('2026-04-05T09:00:00Z'), { meetingReminders: 1 });
  t.equal((await reminders(world.auditor.user.id)).length, 1, 'an auditor (a role)');
  t.equal((await reminders(elsewhere.officer.user.id)).length, 1, 'a member of any network');
  t.equal((await reminders(nobody.user.id)).length, 0, 'not a user without role or membership');
});
