import t from 'tap';
import { mailPending } from '../../../server/features/notifications/service.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { buildWorld } from '../../helpers/world.ts';
import { CUBA_VISA, matrixCalls } from './helpers.ts';

t.test('a change is mailed to the contact points as each chose: the kind, the cell named, a link, nothing more', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url, publicUrl: 'https://enlace.example.org' } });
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = matrixCalls(env);
  await database.db.updateTable('appUser').set({ language: 'en' }).where('id', '=', world.contact.user.id).execute();
  await mailPending(app.services);
  const before = smtp.messages.length; // membership notices

  t.equal((await calls.set(world.secretariat, 'CRI', 'CUB', CUBA_VISA)).statusCode, 200);
  t.equal(await mailPending(app.services), 1, 'one mail: the one contact point');
  const mail = smtp.messages.at(-1)!;
  t.same(mail.to, [world.contact.user.email]);
  t.equal(mail.subject, 'Enlace: The entry requirements changed');
  t.match(mail.text, 'Entry into Costa Rica for nationals of Cuba');
  t.match(mail.text, 'https://enlace.example.org/entry-requirements');
  t.notMatch(mail.text, CUBA_VISA.exceptionsEn, 'the value itself is read in the portal');

  // Not by mail when the contact point chose so; the notice is in the list all the same.
  const chose = await app.inject({
    method: 'PUT',
    url: '/api/me/notification-preferences',
    headers: world.contact.headers,
    payload: { preferences: [{ kind: 'entry_requirement_changed', mail: 'off' }] },
  });
  t.equal(chose.statusCode, 200);
  await calls.set(world.secretariat, 'CRI', 'CUB', { requirement: 'none', daysAllowed: 90 });
  t.equal(await mailPending(app.services), 0);
  t.equal(smtp.messages.length, before + 1);
  const listed = (await app.inject({ url: '/api/notifications', headers: world.contact.headers })).json().items;
  t.equal(listed.filter((n: { kind: string }) => n.kind === 'entry_requirement_changed').length, 2);
});
