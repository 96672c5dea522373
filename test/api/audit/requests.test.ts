import { sql } from 'kysely';
import sharp from 'sharp';
import t from 'tap';
import { buildApp } from '../../../server/app.ts';
import type { Database } from '../../../server/platform/db/database.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { createUser } from '../../helpers/users.ts';
import { buildWorld, multipart } from '../../helpers/world.ts';

const png = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#224466' } })
    .png()
    .toBuffer();

/** The newest entries, oldest first, as plain rows. */
async function lastEntries(db: Database, count: number) {
  const rows = await db.selectFrom('auditEntry').selectAll().orderBy('seq', 'desc').limit(count).execute();
  return rows.reverse();
}

t.test('every request to an audited route leaves one entry before its reply: allowed, denied, error', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const item = await world.item({ tlp: 'GREEN' });
  const upload = multipart([
    { name: 'caption', data: 'Anverso' },
    { name: 'file', filename: 'a.png', contentType: 'image/png', data: await png() },
  ]);
  const created = await app.inject({
    method: 'POST',
    url: `/api/items/${item.id}/attachments`,
    headers: { ...world.officer.headers, ...upload.headers, 'user-agent': 'Probe/1.0' },
    payload: upload.payload,
  });
  t.equal(created.statusCode, 201);
  t.match((await lastEntries(database.db, 1))[0], {
    action: 'attachment.create',
    outcome: 'allowed',
    userAgent: 'Probe/1.0',
    subjectType: 'attachment',
    subjectId: item.id,
  });
  const fileId = created.json()[0].id as string;
  await world.publish(item.id);

  const download = await app.inject({
    method: 'GET',
    url: `/api/items/${item.id}/attachments/${fileId}`,
    headers: { cookie: world.foreign.cookie, 'x-request-id': 'req-download-0001' },
  });
  t.equal(download.statusCode, 200);
  const [entry] = await lastEntries(database.db, 1);
  t.match(entry, {
    action: 'attachment.download',
    outcome: 'allowed',
    actorId: world.foreign.user.id,
    actorCountry: 'GTM',
    subjectType: 'attachment',
    subjectId: fileId,
    spaceId: world.spaceId,
    requestId: 'req-download-0001',
    clientAddress: '127.0.0.1',
    details: { status: 200, itemId: item.id, itemKind: 'report', tlp: 'GREEN' },
  });

  // A draft is not the foreign officer's to know: 404, recorded as a denial.
  const draft = await world.item({ tlp: 'GREEN' });
  const hidden = await app.inject({ method: 'GET', url: `/api/items/${draft.id}/attachments`, headers: { cookie: world.foreign.cookie } });
  t.equal(hidden.statusCode, 404);
  t.match((await lastEntries(database.db, 1))[0], {
    action: 'attachment.list',
    outcome: 'denied',
    actorId: world.foreign.user.id,
    subjectId: draft.id,
    details: { status: 404, code: 'not_found' },
  });

  // No session at all: a denial with no actor.
  const anonymous = await app.inject({ method: 'GET', url: `/api/items/${item.id}/attachments` });
  t.equal(anonymous.statusCode, 401);
  t.match((await lastEntries(database.db, 1))[0], {
    action: 'attachment.list',
    outcome: 'denied',
    actorId: null,
    details: { status: 401, code: 'unauthenticated' },
  });

  // Bad input: an error, the malformed id kept as text (bounded), no space.
  const bad = await app.inject({ method: 'GET', url: '/api/items/not-a-uuid/attachments', headers: { cookie: world.foreign.cookie } });
  t.equal(bad.statusCode, 400);
  t.match((await lastEntries(database.db, 1))[0], {
    action: 'attachment.list',
    outcome: 'error',
    subjectId: 'not-a-uuid',
    spaceId: null,
    details: { status: 400, code: 'validation_failed' },
  });

  // Sign-in: a wrong password is recorded against the account it was for; a right one as allowed.
  const wrong = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: world.officer.user.email, password: 'not the password at all' },
  });
  t.equal(wrong.statusCode, 401);
  t.match((await lastEntries(database.db, 1))[0], {
    action: 'session.login',
    outcome: 'denied',
    actorId: world.officer.user.id,
    details: { code: 'invalid_credentials' },
  });
  const unknown = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'nobody@example.org', password: 'not the password at all' },
  });
  t.equal(unknown.statusCode, 401);
  t.match((await lastEntries(database.db, 1))[0], { action: 'session.login', outcome: 'denied', actorId: null });

  // Membership changes are recorded with the member as subject and the space.
  const entries = await database.db.selectFrom('auditEntry').selectAll().where('action', '=', 'member.add').execute();
  t.equal(entries.length, 4, 'the four members buildWorld added');
  t.match(entries[0], { outcome: 'allowed', actorId: world.secretariat.user.id, subjectType: 'member', spaceId: world.spaceId });

  // Nothing of the content reached the trail: no caption, no file name.
  const dump = JSON.stringify(await database.db.selectFrom('auditEntry').selectAll().execute());
  t.notMatch(dump, /Anverso|a\.png/);
});

t.test('fail closed: when the entry cannot be written, the reply is withheld and no content leaves', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const item = await world.item({ tlp: 'GREEN' });
  const image = await png();
  const upload = multipart([
    { name: 'caption', data: 'Leyenda-secreta-5521' },
    { name: 'file', filename: 'a.png', contentType: 'image/png', data: image },
  ]);
  const created = await app.inject({
    method: 'POST',
    url: `/api/items/${item.id}/attachments`,
    headers: { ...world.officer.headers, ...upload.headers },
    payload: upload.payload,
  });
  const fileId = created.json()[0].id as string;
  await world.publish(item.id);
  const before = await database.db
    .selectFrom('auditEntry')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();

  // A superuser makes every audit insert fail.
  await sql`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit store unavailable'; end $$`.execute(
    database.db,
  );
  await sql`create trigger refuse_audit before insert on audit_entry for each row execute function refuse_audit()`.execute(database.db);

  const download = await app.inject({
    method: 'GET',
    url: `/api/items/${item.id}/attachments/${fileId}`,
    headers: { cookie: world.foreign.cookie, 'accept-language': 'en' },
  });
  t.equal(download.statusCode, 503);
  t.match(download.json(), { error: { code: 'audit_unavailable', message: /could not be recorded/ } });
  t.notOk(download.headers['content-disposition'], 'no file header');
  t.notMatch(download.headers['content-type'], /image/);
  t.ok(download.rawPayload.length < 400, 'an error body, not the file');

  const list = await app.inject({ method: 'GET', url: `/api/items/${item.id}/attachments`, headers: { cookie: world.foreign.cookie } });
  t.equal(list.statusCode, 503);
  t.notMatch(list.body, /Leyenda-secreta-5521/, 'no caption');
  t.match(list.json(), { error: { code: 'audit_unavailable', message: /No se pudo registrar/ } });

  // A state change and its entry commit together: the entry is queued with the change, so the
  // change stands, recorded, while the chain cannot be appended to…
  const member = (userId: string) =>
    app.inject({
      method: 'POST',
      url: `/api/spaces/${world.spaceId}/members`,
      headers: world.secretariat.headers,
      payload: { userId, role: 'officer' },
    });
  const isMember = async (userId: string) =>
    Boolean(await database.db.selectFrom('membership').select('userId').where('userId', '=', userId).executeTakeFirst());
  const newcomer = await createUser(database.db, { country: 'CRI' });
  t.equal((await member(newcomer.id)).statusCode, 201);
  t.ok(await isMember(newcomer.id), 'the membership is kept…');
  const queued = await database.db.selectFrom('auditQueue').selectAll().execute();
  t.match(queued, [{ action: 'member.add', outcome: 'allowed', subjectId: newcomer.id }], '…with its entry, queued in the same transaction');
  // …and when the entry itself cannot be written, the change goes with it: no entry, no change.
  await sql`create trigger refuse_queue before insert on audit_queue for each row execute function refuse_audit()`.execute(database.db);
  const second = await createUser(database.db, { country: 'CRI' });
  const refused = await member(second.id);
  t.equal(refused.statusCode, 503);
  t.equal(refused.json().error.code, 'audit_unavailable');
  t.notOk(await isMember(second.id), 'the membership was rolled back with its entry');

  await sql`drop trigger refuse_queue on audit_queue`.execute(database.db);
  await sql`drop trigger refuse_audit on audit_entry`.execute(database.db);
  const after = await database.db
    .selectFrom('auditEntry')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  t.equal(Number(after.n), Number(before.n), 'nothing was appended to the chain meanwhile');
  const again = await app.inject({ method: 'GET', url: `/api/items/${item.id}/attachments/${fileId}`, headers: { cookie: world.foreign.cookie } });
  t.equal(again.statusCode, 200, 'reads work again once entries can be written');
  const chained = await database.db
    .selectFrom('auditEntry')
    .select(['action', 'subjectId'])
    .where('seq', '>', String(before.n))
    .orderBy('seq')
    .execute();
  t.match(
    chained,
    [{ action: 'member.add', subjectId: newcomer.id }, { action: 'attachment.download' }],
    'the queued entry is chained first, by the next batch',
  );
  t.equal((await database.db.selectFrom('auditQueue').selectAll().execute()).length, 0, 'the queue is empty');
});

t.test('a route that declares no audit action does not register', async (t) => {
  const env = await buildTestApp(t);
  const app = await buildApp(env.config, { db: env.database.db, clock: env.clock, logger: false });
  t.teardown(() => app.close());
  t.throws(() => app.get('/api/undeclared', async () => ({})), /route GET \/api\/undeclared must declare config\.audit/);
  t.doesNotThrow(() => app.get('/api/declared', { config: { audit: false } }, async () => ({})));
});

t.test('purpose of access: reading a RED item needs a stated purpose, kept in every entry of the reads it covers', async (t) => {
  const env = await buildTestApp(t, { config: { purposeMinutes: 10 } });
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const red = await world.item({ tlp: 'RED' });
  await database.db
    .updateTable('item')
    .set({ namedRecipients: [world.officer.user.id, world.contact.user.id] })
    .where('id', '=', red.id)
    .execute();
  await world.publish(red.id);
  const url = `/api/items/${red.id}/attachments`;

  t.equal((await app.inject({ method: 'GET', url, headers: { cookie: world.officer.cookie } })).statusCode, 200, 'the originator needs none');
  const refused = await app.inject({ method: 'GET', url, headers: { cookie: world.contact.cookie, 'accept-language': 'en' } });
  t.equal(refused.statusCode, 428);
  t.match(refused.json(), { error: { code: 'purpose_required', message: /state the purpose/i } });
  t.match((await lastEntries(database.db, 1))[0], { action: 'attachment.list', outcome: 'denied', details: { code: 'purpose_required' } });

  const short = await app.inject({
    method: 'POST',
    url: `/api/items/${red.id}/purpose`,
    headers: world.contact.headers,
    payload: { purpose: 'because' },
  });
  t.equal(short.statusCode, 400);
  const purpose = 'Caso 2026-114: verificar pasaporte presentado en Peñas Blancas';
  const stated = await app.inject({ method: 'POST', url: `/api/items/${red.id}/purpose`, headers: world.contact.headers, payload: { purpose } });
  t.equal(stated.statusCode, 200);
  t.same(stated.json(), { expiresAt: new Date(clock.now().getTime() + 10 * 60_000).toISOString() });
  t.match((await lastEntries(database.db, 1))[0], {
    action: 'item.purpose',
    outcome: 'allowed',
    purpose,
    subjectType: 'item',
    subjectId: red.id,
    spaceId: world.spaceId,
  });

  const read = await app.inject({ method: 'GET', url, headers: { cookie: world.contact.cookie } });
  t.equal(read.statusCode, 200);
  t.match((await lastEntries(database.db, 1))[0], { action: 'attachment.list', outcome: 'allowed', purpose });

  // Someone who may not read the item cannot state a purpose for it either (and learns nothing).
  const foreign = await app.inject({ method: 'POST', url: `/api/items/${red.id}/purpose`, headers: world.foreign.headers, payload: { purpose } });
  t.equal(foreign.statusCode, 404);

  clock.advance(11 * 60_000);
  t.equal((await app.inject({ method: 'GET', url, headers: { cookie: world.contact.cookie } })).statusCode, 428, 'a purpose lapses');
});
