import t from 'tap';
import { mailPending, sendDigests } from '../../../server/features/notifications/service.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { personCalls, publishedPerson, TRAVELLER } from '../../helpers/persons.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { specimenCalls } from '../../helpers/specimens.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { buildWorld, type World } from '../../helpers/world.ts';

// Restricted values: found in the specimen, never in a notice or a mail.
const WORD = 'frambuesa';
const SERIES = 'Q-7731';
const PORT = 'Puerto-Zafiro';
const DAY = 86_400_000;

interface Notice {
  id: string;
  kind: string;
  itemId: string | null;
  itemKind: string | null;
  subjectId: string | null;
  label: string | null;
  readAt: string | null;
}

function helpers(env: TestApp, world: World) {
  const { app } = env;
  const calls = specimenCalls(env, world);
  return {
    calls,
    notices: async (who: SignedIn) => {
      const res = await app.inject({ method: 'GET', url: '/api/notifications', headers: who.headers });
      if (res.statusCode !== 200) throw new Error(`notifications: ${res.statusCode} ${res.body}`);
      return res.json() as { total: number; unread: number; items: Notice[] };
    },
    kinds: async (who: SignedIn) => {
      const res = await app.inject({ method: 'GET', url: '/api/notifications', headers: who.headers });
      return (res.json() as { items: Notice[] }).items.map((n) => n.kind).sort();
    },
    preferences: (who: SignedIn, preferences: { kind: string; mail: unknown }[]) =>
      app.inject({ method: 'PUT', url: '/api/me/notification-preferences', headers: who.headers, payload: { preferences } }),
    /** A specimen of the officer's, submitted (one image). */
    submitted: async () => {
      env.clock.advance(1000);
      const created = await calls.create(world.officer, { series: SERIES, description: `A ${WORD} pattern under UV.` });
      if (created.statusCode !== 201) throw new Error(created.body);
      const id = created.json().id as string;
      await calls.images(world.officer, id, ['front']);
      const res = await calls.step(world.officer, id, 'submit');
      if (res.statusCode !== 200) throw new Error(res.body);
      return id;
    },
    propose: (who: SignedIn, id: string) =>
      app.inject({
        method: 'POST',
        url: `/api/specimens/${id}/corrections`,
        headers: who.headers,
        payload: { changes: { detection: { port: PORT } }, comment: `Seen in ${PORT}` },
      }),
    sight: (who: SignedIn, id: string) =>
      app.inject({
        method: 'POST',
        url: `/api/specimens/${id}/sightings`,
        headers: who.headers,
        payload: { kind: 'sighting', seenOn: '2026-02-20', country: 'GTM', place: PORT, note: WORD },
      }),
  };
}

async function setLanguage(env: TestApp, who: SignedIn, language: 'es' | 'en') {
  await env.database.db.updateTable('appUser').set({ language }).where('id', '=', who.user.id).execute();
}

t.test('the workflow notifies whom it concerns, never the actor, and mails kind, label and link only', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url, publicUrl: 'https://enlace.example.org' } });
  const { app } = env;
  const world = await buildWorld(env);
  const h = helpers(env, world);
  await setLanguage(env, world.officer, 'en');
  await setLanguage(env, world.contact, 'es');
  await setLanguage(env, world.foreign, 'es');
  const before = smtp.messages.length; // membership notices

  // Submitted: the validators of the originator's country (Costa Rica's contact point), not the originator.
  const id = await h.submitted();
  t.same(await h.kinds(world.contact), ['validation_waiting']);
  t.match((await h.notices(world.contact)).items[0], { itemId: id, itemKind: 'specimen', label: null, readAt: null });
  for (const who of [world.officer, world.foreign, world.observer, world.auditor]) t.equal((await h.notices(who)).total, 0);

  // Returned: the originator is told; submitted again: the validator once more.
  env.clock.advance(1000);
  t.equal((await h.calls.step(world.contact, id, 'return')).statusCode, 200);
  t.same(await h.kinds(world.officer), ['returned_to_draft']);
  env.clock.advance(1000);
  t.equal((await h.calls.step(world.officer, id, 'submit')).statusCode, 200);
  t.same(await h.kinds(world.contact), ['validation_waiting', 'validation_waiting']);
  env.clock.advance(1000);
  t.equal((await h.calls.step(world.contact, id, 'publish')).statusCode, 200);

  // A correction proposed (to the originator), decided (to the proposer, not to the originator who decided).
  env.clock.advance(1000);
  const proposed = await h.propose(world.foreign, id);
  t.equal(proposed.statusCode, 201, proposed.body);
  t.same(await h.kinds(world.officer), ['correction_proposed', 'returned_to_draft']);
  t.equal((await h.notices(world.foreign)).total, 0, 'the proposer is not told of their own proposal');
  env.clock.advance(1000);
  const accepted = await app.inject({
    method: 'POST',
    url: `/api/specimens/${id}/corrections/${proposed.json().id}/accept`,
    headers: world.officer.headers,
  });
  t.equal(accepted.statusCode, 200, accepted.body);
  t.same(await h.kinds(world.foreign), ['correction_decided']);
  t.match((await h.notices(world.foreign)).items[0], { itemId: id, subjectId: proposed.json().id });
  t.same(await h.kinds(world.officer), ['correction_proposed', 'returned_to_draft']);

  // A sighting: to the originator.
  env.clock.advance(1000);
  const sighting = await h.sight(world.foreign, id);
  t.equal(sighting.statusCode, 201, sighting.body);
  t.same(await h.kinds(world.officer), ['correction_proposed', 'returned_to_draft', 'sighting']);
  t.same(await h.kinds(world.foreign), ['correction_decided']);
  t.equal((await h.notices(world.observer)).total, 0);

  // Nothing restricted in the list either.
  for (const who of [world.officer, world.contact, world.foreign]) {
    const body = JSON.stringify(await h.notices(who));
    for (const restricted of [WORD, SERIES, PORT]) t.notMatch(body, restricted, `no ${restricted} in the list`);
  }

  // The mails: one per notice, in each recipient's language, kind and item and link only.
  t.equal(await mailPending(app.services), 6);
  t.equal(await mailPending(app.services), 0, 'each mailed once');
  const mails = (await smtp.received(before + 6)).slice(before);
  const to = (who: SignedIn) => mails.filter((m) => m.to.includes(who.user.email));
  t.same(
    to(world.contact).map((m) => m.subject),
    ['Enlace: Un elemento espera su validación', 'Enlace: Un elemento espera su validación'],
  );
  t.same(
    to(world.officer)
      .map((m) => m.subject)
      .sort(),
    ['Enlace: A correction of your item was proposed', 'Enlace: A sighting was reported on your item', 'Enlace: Your item was returned to draft'],
  );
  t.same(
    to(world.foreign).map((m) => m.subject),
    ['Enlace: Se decidió una corrección'],
  );
  for (const mail of mails) {
    t.match(mail.text, `https://enlace.example.org/specimens/${id}`);
    t.match(mail.text, id, 'the label: the item’s kind and id');
    for (const restricted of [WORD, SERIES, PORT, 'passport', 'pasaporte', 'UV']) {
      t.notMatch(mail.text, restricted, `no ${restricted} in the body`);
      t.notMatch(mail.subject, restricted, `no ${restricted} in the subject`);
    }
  }
  t.match(to(world.officer)[0]!.text, `Specimen ${id}`);
  t.match(to(world.contact)[0]!.text, `Espécimen ${id}`);

  // Marking read: mine only; the unread count follows.
  const notice = (await h.notices(world.foreign)).items[0]!;
  t.equal((await app.inject({ method: 'POST', url: `/api/notifications/${notice.id}/read`, headers: world.officer.headers })).statusCode, 404);
  t.equal((await app.inject({ method: 'POST', url: `/api/notifications/${notice.id}/read`, headers: world.foreign.headers })).statusCode, 204);
  t.match(await h.notices(world.foreign), { total: 1, unread: 0 });

  // A member who leaves the space no longer sees (nor counts) what concerns its items.
  const removed = await app.inject({
    method: 'DELETE',
    url: `/api/spaces/${world.spaceId}/members/${world.foreign.user.id}`,
    headers: world.secretariat.headers,
  });
  t.equal(removed.statusCode, 204, removed.body);
  t.match(await h.notices(world.foreign), { total: 0, unread: 0, items: [] });
  t.equal((await app.inject({ method: 'POST', url: `/api/notifications/${notice.id}/read`, headers: world.foreign.headers })).statusCode, 404);
});

t.test('preferences per kind: at once, in the weekly digest, or not by mail', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url, publicUrl: 'https://enlace.example.org' } });
  const { app } = env;
  const world = await buildWorld(env);
  const h = helpers(env, world);
  await setLanguage(env, world.contact, 'en');
  const before = smtp.messages.length;

  const initial = await app.inject({ method: 'GET', url: '/api/me/notification-preferences', headers: world.contact.headers });
  t.equal(initial.statusCode, 200);
  t.equal(initial.json().preferences.length, 11, 'every kind');
  t.ok(
    initial.json().preferences.every((p: { mail: string }) => p.mail === 'immediate'),
    'mailed at once unless chosen otherwise',
  );

  t.equal((await h.preferences(world.contact, [{ kind: 'validation_waiting', mail: 'weekly' }])).statusCode, 400);
  t.equal((await h.preferences(world.contact, [{ kind: 'nothing', mail: 'off' }])).statusCode, 400);
  const chosen = await h.preferences(world.contact, [
    { kind: 'validation_waiting', mail: 'digest' },
    { kind: 'deadline_due', mail: 'off' },
  ]);
  t.equal(chosen.statusCode, 200, chosen.body);
  t.match(chosen.json().preferences, [
    { kind: 'saved_search', mail: 'immediate' },
    { kind: 'validation_waiting', mail: 'digest' },
    {},
    {},
    {},
    {},
    { kind: 'deadline_due', mail: 'off' },
    { kind: 'deadline_late', mail: 'immediate' },
    { kind: 'entry_requirement_changed', mail: 'immediate' },
    { kind: 'directory_unconfirmed', mail: 'immediate' },
    { kind: 'meeting_reminder', mail: 'immediate' },
  ]);

  // Notices for the digest are not mailed one by one.
  const first = await h.submitted();
  const second = await h.submitted();
  const third = await h.submitted();
  t.equal((await h.notices(world.contact)).unread, 3, 'in the portal at once');
  t.equal(await mailPending(app.services), 0);
  t.equal(await sendDigests(app.services), 0, 'a week has not passed');

  // One read before the digest is left out of it.
  const read = (await h.notices(world.contact)).items.find((n) => n.itemId === third)!;
  await app.inject({ method: 'POST', url: `/api/notifications/${read.id}/read`, headers: world.contact.headers });

  // The digest job with its clock a week on (the sessions stay on the test clock).
  const weeks = (n: number) => new Date(env.clock.now().getTime() + n * 7 * DAY);
  t.equal(await sendDigests(app.services, weeks(1)), 1, 'one digest');
  t.equal(await sendDigests(app.services, weeks(1)), 0, 'once');
  const [digest] = (await smtp.received(before + 1)).slice(before);
  t.same(digest!.to, [world.contact.user.email]);
  t.equal(digest!.subject, 'Enlace: Your weekly summary of notifications');
  t.match(digest!.text, '2 unread notifications since your last summary');
  t.match(digest!.text, `https://enlace.example.org/specimens/${first}`);
  t.match(digest!.text, `https://enlace.example.org/specimens/${second}`);
  t.notMatch(digest!.text, third, 'not what was read');
  for (const restricted of [WORD, SERIES]) t.notMatch(digest!.text, restricted);

  // The next week: only what came since.
  const fourth = await h.submitted();
  t.equal(await sendDigests(app.services, weeks(2)), 1);
  const [next] = (await smtp.received(before + 2)).slice(before + 1);
  t.match(next!.text, '1 unread notification since');
  t.match(next!.text, fourth);
  t.notMatch(next!.text, first);
  t.equal(await sendDigests(app.services, weeks(3)), 0, 'nothing new: no mail');

  // Off: in the portal, never mailed.
  await h.preferences(world.contact, [{ kind: 'validation_waiting', mail: 'off' }]);
  await h.submitted();
  t.equal(await mailPending(app.services), 0);
  t.equal(await sendDigests(app.services, weeks(4)), 0);
  t.equal(smtp.messages.length, before + 2);
  t.equal((await h.notices(world.contact)).unread, 4);
});

t.test('a person record’s notices and mails say its kind and id only', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url, publicUrl: 'https://enlace.example.org' } });
  const { app } = env;
  const world = await buildWorld(env);
  const h = helpers(env, world);
  const persons = personCalls(env, world);
  await setLanguage(env, world.officer, 'en');
  const before = smtp.messages.length;

  const id = await publishedPerson(env, world, { ...TRAVELLER, tlp: 'AMBER' });
  t.same(await h.kinds(world.contact), ['validation_waiting']);
  t.ok((await persons.purpose(world.foreign, id)).statusCode < 300, 'a purpose stated');
  const seen = await persons.sight(world.foreign, id, { seenOn: '2026-03-01', country: 'GTM', port: 'El Carmen' });
  t.equal(seen.statusCode, 201, seen.body);
  t.match((await h.notices(world.officer)).items, [{ kind: 'sighting', itemId: id, itemKind: 'person', label: null }]);

  t.equal(await mailPending(app.services), 2);
  const mails = (await smtp.received(before + 2)).slice(before);
  const officer = mails.find((m) => m.to.includes(world.officer.user.email))!;
  t.equal(officer.subject, 'Enlace: A sighting was reported on your item');
  t.match(officer.text, `Person record ${id}`);
  t.match(officer.text, `https://enlace.example.org/persons/${id}`);
  for (const mail of mails)
    for (const restricted of ['Johanna', 'González', 'Cúcuta', 'AV7731942', 'COL', 'El Carmen', 'traveller', 'refused'])
      t.notMatch(`${mail.subject}\n${mail.text}`, restricted, `no ${restricted}`);
});
