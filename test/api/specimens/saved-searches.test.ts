import { sql } from 'kysely';
import t from 'tap';
import { matchPublished } from '../../../server/features/specimens/saved-searches.ts';
import type { Database } from '../../../server/platform/db/database.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { publishedSpecimen as publishedNow, specimenCalls } from '../../helpers/specimens.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { buildWorld, type World } from '../../helpers/world.ts';

// A word found only in the specimens these tests publish, and a saved search's name: restricted values.
const WORD = 'zarzamora';
const NAME = 'Marcador-Búsqueda-8841';
const MISSING = '00000000-0000-4000-8000-000000000000';

/** Published a second after the one before (notices are listed newest first; the test clock stands still otherwise). */
function publishedSpecimen(env: TestApp, world: World, body: Record<string, unknown> = {}) {
  env.clock.advance(1000);
  return publishedNow(env, world, body);
}

const describe = (extra = '') => `Counterfeit passport, ${WORD} pattern under UV; laminate lifted. ${extra}`;

function helpers(env: TestApp) {
  const { app } = env;
  return {
    save: (who: SignedIn, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/saved-searches', headers: who.headers, payload: body }),
    saved: (who: SignedIn) => app.inject({ method: 'GET', url: '/api/saved-searches', headers: who.headers }),
    notices: async (who: SignedIn) => {
      const res = await app.inject({ method: 'GET', url: '/api/notifications', headers: who.headers });
      if (res.statusCode !== 200) throw new Error(`notifications: ${res.statusCode} ${res.body}`);
      // The saved searches' notices (the workflow's, such as a validator's, are test/api/notifications').
      const all = res.json() as { items: { id: string; kind: string; itemId: string; itemKind: string; label: string; readAt: string | null }[] };
      const items = all.items.filter((n) => n.kind === 'saved_search');
      return { total: items.length, unread: items.filter((n) => n.readAt === null).length, items };
    },
  };
}

/** A specimen made by the officer and taken up to submission (one image), not yet published. */
async function submitted(env: TestApp, world: World, body: Record<string, unknown>) {
  const calls = specimenCalls(env, world);
  const created = await calls.create(world.officer, body);
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as string;
  await calls.images(world.officer, id, ['front']);
  return id;
}

t.test('a saved search is told of a newly published match: a notice, and a mail with nothing restricted in it', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url, publicUrl: 'https://enlace.example.org' } });
  const { app } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const h = helpers(env);

  const saved = await h.save(world.foreign, { name: NAME, search: { q: `${WORD} laminate`, type: ['passport'], sort: 'newest' }, mail: true });
  t.equal(saved.statusCode, 201, saved.body);
  t.match(saved.json(), { name: NAME, search: { q: `${WORD} laminate`, type: ['passport'] }, spaceId: null, mail: true });
  // A search of one space: the owner's own (Guatemala's officer is a member).
  const scoped = await h.save(world.contact, { name: 'Visas', search: { type: 'visa' }, spaceId: world.spaceId, mail: false });
  t.equal(scoped.statusCode, 201, scoped.body);

  // Bad input, someone else's space.
  t.equal((await h.save(world.foreign, { name: '   ', search: {}, mail: false })).statusCode, 400, 'a blank name');
  t.equal((await h.save(world.foreign, { name: 'x', search: { status: 'draft' }, mail: false })).statusCode, 400, 'no status in a saved search');
  t.equal((await h.save(world.foreign, { name: 'x', search: {}, spaceId: MISSING, mail: false })).statusCode, 404, 'a space not mine');

  const before = smtp.messages.length; // membership notices
  // Draft and submitted: nobody hears of it.
  const id = await submitted(env, world, { description: describe() });
  t.equal((await calls.step(world.officer, id, 'submit')).statusCode, 200);
  await app.jobs.drain();
  t.equal((await h.notices(world.foreign)).total, 0, 'nothing for a submitted specimen');

  // Published: the job matches it under the owner's policy.
  env.clock.advance(1000);
  t.equal((await calls.step(world.contact, id, 'publish')).statusCode, 200);
  t.ok((await app.jobs.drain()) >= 2, 'the match, then the mail');
  const mine = await h.notices(world.foreign);
  t.equal(mine.total, 1);
  t.equal(mine.unread, 1);
  t.match(mine.items[0], { itemId: id, itemKind: 'specimen', label: NAME, readAt: null });
  t.equal((await h.notices(world.contact)).total, 0, "the contact point's visa search does not match a passport");
  t.equal((await h.notices(world.officer)).total, 0, 'the originator has no search');

  const [mail] = (await smtp.received(before + 1)).slice(before);
  t.same(mail!.to, [world.foreign.user.email]);
  t.equal(mail!.subject, 'Enlace: un elemento nuevo coincide con su búsqueda guardada', 'in the owner’s language');
  t.match(mail!.text, 'https://enlace.example.org/notifications');
  for (const restricted of [WORD, NAME, id, 'passport', 'pasaporte', 'laminate'])
    t.notMatch(mail!.text.toLowerCase(), restricted.toLowerCase(), `no ${restricted}`);
  t.equal(smtp.messages.length, before + 1, 'one mail');

  // A rerun of the job adds nothing.
  t.equal(await matchPublished(app.services, id), 0);
  t.equal((await h.notices(world.foreign)).total, 1);

  // Words, facets: a published specimen without the word, or of another type, is no match.
  await publishedSpecimen(env, world, { description: 'Nothing of interest here.' });
  const visa = await publishedSpecimen(env, world, { documentType: 'visa', description: describe() });
  await app.jobs.drain();
  t.equal((await h.notices(world.foreign)).total, 1);
  t.same(
    (await h.notices(world.contact)).items.map((n) => n.itemId),
    [visa],
    "the visa is the contact point's match (its validator, not its originator)",
  );

  // Marking read: mine only; someone else's is 404 like one that does not exist.
  const notice = mine.items[0]!.id;
  for (const [who, target] of [
    [world.officer, notice],
    [world.foreign, MISSING],
  ] as const) {
    const res = await app.inject({ method: 'POST', url: `/api/notifications/${target}/read`, headers: who.headers });
    t.equal(res.statusCode, 404);
  }
  t.equal((await app.inject({ method: 'POST', url: `/api/notifications/${notice}/read`, headers: world.foreign.headers })).statusCode, 204);
  t.equal((await h.notices(world.foreign)).unread, 0);

  // The preference: no mail for this kind, though the search asks for it.
  const prefs = await app.inject({ method: 'GET', url: '/api/me/notification-preferences', headers: world.foreign.headers });
  t.match(prefs.json(), { preferences: [{ kind: 'saved_search', mail: 'immediate' }] });
  const off = await app.inject({
    method: 'PUT',
    url: '/api/me/notification-preferences',
    headers: world.foreign.headers,
    payload: { preferences: [{ kind: 'saved_search', mail: 'off' }] },
  });
  t.match(off.json(), { preferences: [{ kind: 'saved_search', mail: 'off' }] });
  const quiet = await publishedSpecimen(env, world, { description: describe('Second one.') });
  await app.jobs.drain();
  t.equal((await h.notices(world.foreign)).unread, 1, 'still notified in the portal');
  t.equal(smtp.messages.length, before + 1, 'but not mailed');
  const row = await env.database.db
    .selectFrom('notification')
    .select('mail')
    .where('itemId', '=', quiet)
    .where('kind', '=', 'saved_search')
    .executeTakeFirstOrThrow();
  t.equal(row.mail, 'none');

  // The saved searches: mine alone; someone else's answers 404 like none.
  const list = (await h.saved(world.foreign)).json();
  t.equal(list.items.length, 1);
  t.equal(list.items[0].name, NAME);
  const theirs = scoped.json().id as string;
  for (const target of [theirs, MISSING]) {
    t.equal((await app.inject({ method: 'DELETE', url: `/api/saved-searches/${target}`, headers: world.foreign.headers })).statusCode, 404);
    t.equal(
      (await app.inject({ method: 'PATCH', url: `/api/saved-searches/${target}`, headers: world.foreign.headers, payload: { mail: true } }))
        .statusCode,
      404,
    );
  }
  const renamed = await app.inject({
    method: 'PATCH',
    url: `/api/saved-searches/${saved.json().id}`,
    headers: world.foreign.headers,
    payload: { name: 'Otro nombre', mail: false },
  });
  t.match(renamed.json(), { name: 'Otro nombre', mail: false, search: { q: `${WORD} laminate` } });
  t.equal((await app.inject({ method: 'DELETE', url: `/api/saved-searches/${saved.json().id}`, headers: world.foreign.headers })).statusCode, 204);
  t.same((await h.saved(world.foreign)).json().items, []);
  t.equal((await h.notices(world.foreign)).total, 2, 'the notices stay when their search is removed');

  // Every change with its entry; the words only as MACs.
  const entries = await env.database.db
    .selectFrom('auditEntry')
    .select(['action', 'outcome', 'details'])
    .where('action', 'like', 'saved_search.%')
    .orderBy('seq')
    .execute();
  const actions = entries.map((e) => `${e.action}:${e.outcome}`);
  for (const expected of ['saved_search.create:allowed', 'saved_search.notify:allowed', 'saved_search.mail:allowed', 'saved_search.delete:allowed'])
    t.ok(actions.includes(expected), expected);
  // Reads that open sealed names are recorded like every restricted read.
  const reads = await env.database.db
    .selectFrom('auditEntry')
    .select(['action', 'actorId'])
    .where('action', 'in', ['saved_search.list', 'notification.list', 'notification.read'])
    .where('outcome', '=', 'allowed')
    .execute();
  for (const action of ['saved_search.list', 'notification.list', 'notification.read'])
    t.ok(
      reads.some((r) => r.action === action && r.actorId === world.foreign.user.id),
      `${action} recorded`,
    );
  const create = entries.find((e) => e.action === 'saved_search.create')!.details as { terms: string[]; filters: Record<string, unknown> };
  t.equal(create.terms.length, 2);
  t.same(create.filters, { type: ['passport'], sort: 'newest' });
});

t.test(
  'no notice when the owner may not read the item: another space, RED without being named, AMBER for an observer, a membership lost',
  async (t) => {
    const env = await buildTestApp(t);
    const { app } = env;
    const world = await buildWorld(env);
    const other = await buildWorld(env);
    const h = helpers(env);
    const everyone = [world.foreign, world.observer, world.contact, world.auditor, other.foreign];
    for (const who of everyone) t.equal((await h.save(who, { name: NAME, search: { q: WORD }, mail: false })).statusCode, 201);

    // Another space: Guatemala's officer of the first world is not a member of the second's.
    const elsewhere = await publishedSpecimen(env, other, { description: describe() });
    await app.jobs.drain();
    t.same(
      (await h.notices(other.foreign)).items.map((n) => n.itemId),
      [elsewhere],
      "the other space's member is told",
    );
    for (const who of [world.foreign, world.observer, world.contact, world.auditor]) t.equal((await h.notices(who)).total, 0);

    // RED, named recipients the originator and the contact point: not Guatemala's officer.
    const red = await publishedSpecimen(env, world, { tlp: 'RED', namedRecipients: [world.contact.user.id], description: describe() });
    await app.jobs.drain();
    t.equal((await h.notices(world.foreign)).total, 0, 'RED, not named: nothing');
    t.same(
      (await h.notices(world.contact)).items.map((n) => n.itemId),
      [red],
      'RED, named: told',
    );
    const named = await publishedSpecimen(env, world, { tlp: 'RED', namedRecipients: [world.foreign.user.id], description: describe() });
    await app.jobs.drain();
    t.same(
      (await h.notices(world.foreign)).items.map((n) => n.itemId),
      [named],
      'RED, named: told',
    );

    // AMBER: the observer does not read it; the auditor reads metadata only, never content.
    const amber = await publishedSpecimen(env, world, { tlp: 'AMBER', description: describe() });
    await app.jobs.drain();
    t.equal((await h.notices(world.observer)).total, 0, 'AMBER: not for an observer');
    t.equal((await h.notices(world.auditor)).total, 0, 'an auditor finds nothing to search');
    t.same(
      (await h.notices(world.foreign)).items.map((n) => n.itemId),
      [amber, named],
    );

    // A GREEN one reaches the observer too.
    const green = await publishedSpecimen(env, world, { tlp: 'GREEN', description: describe() });
    await app.jobs.drain();
    t.same(
      (await h.notices(world.observer)).items.map((n) => n.itemId),
      [green],
    );

    // The membership is lost between the save and the publication: nothing, and older notices about that space's items are no longer shown.
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/spaces/${world.spaceId}/members/${world.foreign.user.id}`,
      headers: world.secretariat.headers,
    });
    t.equal(removed.statusCode, 204, removed.body);
    const after = await publishedSpecimen(env, world, { description: describe() });
    await app.jobs.drain();
    const db: Database = env.database.db;
    t.equal(
      (await db.selectFrom('notification').select('id').where('itemId', '=', after).where('userId', '=', world.foreign.user.id).execute()).length,
      0,
    );
    // The AMBER one goes from the list; the RED one naming them stays (the policy lets a named recipient read it still).
    t.same(
      (await h.notices(world.foreign)).items.map((n) => n.itemId),
      [named],
      'what they may no longer read is not listed',
    );
  },
);

t.test('the words and the name of a saved search are nowhere in clear: every table, the job queue, the logs', async (t) => {
  const logs: string[] = [];
  const env = await buildTestApp(t, { logs });
  const { app } = env;
  const world = await buildWorld(env);
  const h = helpers(env);
  const QUERY = 'tamarindo';
  t.equal((await h.save(world.foreign, { name: NAME, search: { q: QUERY, issuingCountry: ['CRI'] }, mail: true })).statusCode, 201);
  const id = await publishedSpecimen(env, world, { description: `A ${QUERY} watermark.` });
  await app.jobs.drain();
  t.equal((await h.notices(world.foreign)).items[0]?.itemId, id);
  t.equal((await h.saved(world.foreign)).json().items[0].name, NAME);

  const db: Database = env.database.db;
  const tables = await sql<{ name: string }>`
    select quote_ident(relnamespace::regnamespace::text) || '.' || quote_ident(relname) as name from pg_class
    where relkind = 'r' and relnamespace in ('public'::regnamespace, 'pgboss'::regnamespace) order by 1`.execute(db);
  let dump = '';
  for (const { name } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.raw(name)} t`.execute(db);
    dump += `${rows.rows.map((r) => r.row).join('\n')}\n`;
  }
  t.ok(dump.includes(id), 'the dump holds the rows (the item id is there)');
  const forms = (value: string) => [value, value.toUpperCase(), Buffer.from(value).toString('hex'), Buffer.from(value.toUpperCase()).toString('hex')];
  for (const marker of [QUERY, NAME, 'Marcador']) {
    for (const form of forms(marker)) {
      t.notOk(dump.toLowerCase().includes(form.toLowerCase()), `${marker} is not in the database`);
      t.notOk(logs.join('\n').toLowerCase().includes(form.toLowerCase()), `${marker} is not in the logs`);
    }
  }
});
