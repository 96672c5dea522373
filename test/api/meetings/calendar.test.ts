import ICAL from 'ical.js';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { buildWorld } from '../../helpers/world.ts';
import { meetingCalls, PLENARY } from './helpers.ts';

const keyOf = (url: string) => new URL(url).searchParams.get('key')!;

t.test('the iCalendar feed parses, carries the meetings its owner reads now, and the link can be revoked', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const elsewhere = await buildWorld(env);
  const calls = meetingCalls(env);
  const meeting = (await calls.create(world.secretariat, { ...PLENARY, networkId: world.networkId })).json();
  const other = (await calls.create(elsewhere.secretariat, { ...PLENARY, titleEs: 'Otra red', networkId: elsewhere.networkId })).json();
  await calls.minutes(world.secretariat, meeting.id, { es: 'Acta reservada del corredor', en: null });

  t.same((await calls.keyStatus(world.contact)).json(), { active: false, createdAt: null });
  const made = await calls.makeKey(world.contact);
  t.equal(made.statusCode, 201, made.body);
  const { key, url } = made.json();
  t.match(key, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
  t.equal(keyOf(url), key);
  t.equal((await calls.keyStatus(world.contact)).json().active, true);
  const stored = await database.db.selectFrom('calendarKey').selectAll().execute();
  t.notMatch(JSON.stringify(stored), key, 'only its hash is stored');

  const feed = await calls.feed(key);
  t.equal(feed.statusCode, 200, feed.body);
  t.match(feed.headers['content-type'], /^text\/calendar/);
  t.notMatch(feed.body, 'Acta reservada', 'no minutes in the feed');
  const calendar = new ICAL.Component(ICAL.parse(feed.body));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  t.equal(events.length, 1, 'only the meetings of the owner’s networks');
  const event = events[0]!;
  t.equal(event.uid, `${meeting.id}@enlace`);
  t.equal(event.startDate.toJSDate().toISOString(), PLENARY.startsAt);
  t.equal(event.endDate.toJSDate().toISOString(), PLENARY.endsAt);
  t.match(event.summary, PLENARY.titleEs);
  t.equal(event.location, PLENARY.place);
  t.match(String(event.component.getFirstPropertyValue('url')), new RegExp(`/meetings/${meeting.id}$`));
  t.notOk(events.some((e) => e.uid.startsWith(other.id)));

  // The feed follows the owner's access at each request: a new network's meeting appears at once.
  const wide = (
    await calls.create(world.secretariat, {
      kind: 'crm_plenary',
      titleEs: 'Reunión Viceministerial',
      titleEn: 'Vice-ministerial meeting',
      startsAt: '2026-06-01T14:00:00Z',
      endsAt: '2026-06-02T22:00:00Z',
    })
  ).json();
  const again = new ICAL.Component(ICAL.parse((await calls.feed(key)).body));
  t.same(
    again.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid),
    [`${meeting.id}@enlace`, `${wide.id}@enlace`],
  );

  // A wrong key and a revoked one get the same 404.
  const wrong = await calls.feed('x'.repeat(43));
  t.equal(wrong.statusCode, 404);
  const rotated = (await calls.makeKey(world.contact)).json();
  const old = await calls.feed(key);
  t.same([old.statusCode, old.json()], [wrong.statusCode, wrong.json()], 'a replaced key stops working');
  t.equal((await calls.feed(rotated.key)).statusCode, 200);
  t.equal((await calls.revokeKey(world.contact)).statusCode, 204);
  const revoked = await calls.feed(rotated.key);
  t.same([revoked.statusCode, revoked.json()], [wrong.statusCode, wrong.json()], 'a revoked key stops working');
  t.equal((await calls.keyStatus(world.contact)).json().active, false);

  // A deactivated user's key stops working.
  const third = (await calls.makeKey(world.officer)).json();
  t.equal((await calls.feed(third.key)).statusCode, 200);
  await database.db.updateTable('appUser').set({ status: 'disabled' }).where('id', '=', world.officer.user.id).execute();
  t.same((await calls.feed(third.key)).json(), wrong.json());

  // The audit trail names the key's owner, never the key.
  const entries = await database.db.selectFrom('auditEntry').selectAll().where('action', 'like', 'calendar.%').execute();
  t.ok(entries.some((e) => e.action === 'calendar.feed' && e.actorId === world.contact.user.id));
  t.notMatch(JSON.stringify(entries), key);
  t.notMatch(JSON.stringify(entries), rotated.key);
});
