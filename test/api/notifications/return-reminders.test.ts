import t from 'tap';
import { returnDeadlines } from '../../../server/platform/followup/returns.ts';
import { sendReminders } from '../../../server/platform/notifications/reminders.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { flowHeaders, flowRow, returnCalls, xlsx } from '../../helpers/returns.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

/**
 * Periodic returns as a deadline source: a concerned country's contact point is reminded of a return
 * not submitted at 14 days, 3 days and late — once each — and never once it is submitted, nor while
 * its template is archived.
 */
t.test('a periodic return not submitted is reminded at 14 and 3 days and late, once each; a submitted one is not', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = returnCalls(env);
  // The semester's flow matrix: 2026-S1 is due on 30 July (30 days after the semester).
  const template = (await calls.template(world.secretariat, world.networkId, 'extra_regional_flows', { countries: ['CRI', 'GTM'] })).json();
  const run = (day: string) => sendReminders(app.services, [returnDeadlines], new Date(`${day}T06:00:00Z`));
  const notices = async (who: SignedIn) =>
    (
      await database.db
        .selectFrom('notification')
        .select(['kind', 'obligation', 'subjectId', 'dueOn'])
        .where('userId', '=', who.user.id)
        .where('obligation', '=', 'return')
        .orderBy('createdAt')
        .execute()
    ).map((n) => [n.kind, n.subjectId, String(n.dueOn).slice(0, 10)]);

  t.match(await run('2026-07-15'), { reminders: 0 }, '15 days before: nothing');
  t.match(await run('2026-07-16'), { reminders: 2 }, '14 days before: both countries (Guatemala has no contact point to tell)');
  t.match(await run('2026-07-16'), { reminders: 0 }, 'a run repeated sends nothing');
  t.same(await notices(world.contact), [['deadline_due', template.id, '2026-07-30']]);
  t.same(await notices(world.officer), [], 'an officer is not reminded');

  // A draft is not a return: still reminded at 3 days.
  const opened = (await calls.open(world.contact, template.id, '2026-S1')).json();
  t.match(await run('2026-07-27'), { reminders: 2 }, '3 days before, Costa Rica with a draft');
  t.equal(
    (await calls.upload(world.contact, opened.id, await xlsx([flowHeaders(template), flowRow(template, 'CHN', 'Peñas Blancas')]))).statusCode,
    200,
  );
  t.equal((await calls.submit(world.contact, opened.id)).statusCode, 200);
  t.match(await run('2026-07-31'), { reminders: 1 }, 'late: Guatemala only; Costa Rica submitted');
  t.same((await notices(world.contact)).length, 2);
});

t.test('an archived template reminds no one; unarchived, it does again', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const calls = returnCalls(env);
  const template = (await calls.template(world.secretariat, world.networkId, 'extra_regional_flows', { countries: ['CRI', 'GTM'] })).json();
  const run = (day: string) => sendReminders(app.services, [returnDeadlines], new Date(`${day}T06:00:00Z`));
  t.equal((await calls.edit(world.secretariat, template.id, { archived: true })).statusCode, 200);
  t.match(await run('2026-07-16'), { reminders: 0 }, '14 days before, archived: nothing');
  t.equal((await calls.edit(world.secretariat, template.id, { archived: false })).statusCode, 200);
  t.match(await run('2026-07-16'), { reminders: 2 }, 'unarchived: both countries');
});
