import { sql } from 'kysely';
import t from 'tap';
import { canonical, entryHash, type StoredEntry } from '../../../server/platform/audit/chain.ts';
import { auditPublicKeys, listCheckpoints, makeCheckpoint } from '../../../server/platform/audit/checkpoints.ts';
import { AuditTrail, trailEntries } from '../../../server/platform/audit/trail.ts';
import { verifyTrail } from '../../../server/platform/audit/verify.ts';
import { createDatabase, type Database } from '../../../server/platform/db/database.ts';
import { migrateToLatest } from '../../../server/platform/db/migrate.ts';
import { TestClock } from '../../helpers/clock.ts';
import { createTestDatabase } from '../../helpers/db.ts';
import { TEST_KEYRING } from '../../helpers/keys.ts';

async function filled(t: Parameters<typeof createTestDatabase>[0], count = 10) {
  const database = await createTestDatabase(t);
  const clock = new TestClock();
  const trail = new AuditTrail(database.db, clock);
  for (let i = 1; i <= count; i++) {
    await trail.record({
      action: 'item.read',
      outcome: i % 4 === 0 ? 'denied' : 'allowed',
      actorCountry: 'CRI',
      subjectType: 'item',
      subjectId: `item-${i}`,
      details: { z: i, a: { y: 'b', x: 'a' } },
    });
    clock.advance(1000);
  }
  const verify = async () =>
    verifyTrail({ entries: trailEntries(database.db), checkpoints: await listCheckpoints(database.db), keys: await auditPublicKeys(database.db) });
  const checkpoint = () => makeCheckpoint(database.db, TEST_KEYRING, clock.now());
  // A superuser drill: the triggers are switched off to tamper as an attacker with the server's keys would.
  const tamper = async (statement: ReturnType<typeof sql>) => {
    await sql`alter table audit_entry disable trigger user`.execute(database.db);
    await statement.execute(database.db);
    await sql`alter table audit_entry enable trigger user`.execute(database.db);
  };
  return { database, trail, verify, tamper, clock, checkpoint };
}

t.test('the canonical encoding is fixed: field order, ISO time with milliseconds, sorted details, no whitespace', async (t) => {
  const text = canonical({
    seq: 7,
    at: new Date('2026-11-23T10:00:00Z'),
    actorId: null,
    actorCountry: 'GTM',
    action: 'item.read',
    outcome: 'allowed',
    subjectType: 'item',
    subjectId: 'x',
    spaceId: null,
    requestId: 'r1',
    clientAddress: '127.0.0.1',
    userAgent: null,
    purpose: null,
    details: { b: [2, { d: 1, c: 0 }], a: 1 },
  }).toString('utf8');
  t.equal(
    text,
    '[1,7,"2026-11-23T10:00:00.000Z",null,"GTM","item.read","allowed","item","x",null,"r1","127.0.0.1",null,null,{"a":1,"b":[2,{"c":0,"d":1}]}]',
  );
});

t.test('an untouched chain verifies; each tamper drill names the first bad sequence', async (t) => {
  const clean = await filled(t);
  t.match(await clean.verify(), { ok: true, count: 10, throughSeq: 10, firstBad: null });

  const changed = await filled(t);
  await changed.tamper(sql`update audit_entry set outcome = 'allowed' where seq = 4`);
  t.match(await changed.verify(), { ok: false, firstBad: 4, reason: /content/ }, 'one field changed');

  const deleted = await filled(t);
  await deleted.tamper(sql`delete from audit_entry where seq = 6`);
  t.match(await deleted.verify(), { ok: false, firstBad: 6 }, 'a row deleted');

  const inserted = await filled(t);
  await inserted.tamper(sql`update audit_entry set seq = seq + 1000001 where seq >= 5`);
  await inserted.tamper(sql`update audit_entry set seq = seq - 1000000 where seq > 1000000`);
  await inserted.tamper(
    sql`insert into audit_entry (seq, at, action, outcome, prev_hash, hash) values (5, now(), 'item.read', 'allowed', decode(repeat('00', 32), 'hex'), decode(repeat('ab', 32), 'hex'))`,
  );
  t.match(await inserted.verify(), { ok: false, firstBad: 5 }, 'a row inserted');

  const swapped = await filled(t);
  await swapped.tamper(sql`update audit_entry set seq = seq + 1000000 where seq in (3, 8)`);
  await swapped.tamper(sql`update audit_entry set seq = case seq when 1000003 then 8 else 3 end where seq > 1000000`);
  t.match(await swapped.verify(), { ok: false, firstBad: 3 }, 'two rows swapped');

  const cut = await filled(t);
  await cut.checkpoint();
  await cut.tamper(sql`delete from audit_entry where seq > 7`);
  t.match(
    await cut.verify(),
    { ok: false, firstBad: 8, throughSeq: 7, reason: /8 to 10 are missing: checkpoint 10/ },
    'a cut tail after a checkpoint',
  );

  const quiet = await filled(t);
  await quiet.tamper(sql`delete from audit_entry where seq > 7`);
  t.match(await quiet.verify(), { ok: true, count: 7 }, 'a cut tail with no checkpoint after it still chains: hence checkpoints every minute');
});

t.test('UPDATE, DELETE and TRUNCATE are refused by the database', async (t) => {
  const { database } = await filled(t, 2);
  await t.rejects(sql`update audit_entry set action = 'x' where seq = 1`.execute(database.db), /append-only: UPDATE/);
  await t.rejects(sql`delete from audit_entry`.execute(database.db), /append-only: DELETE/);
  await t.rejects(sql`truncate audit_entry`.execute(database.db), /append-only: TRUNCATE/);
  t.equal((await database.db.selectFrom('auditEntry').select('seq').execute()).length, 2);
});

t.test('eight concurrent writers, each with its own connections: the chain verifies, no sequence repeats or is skipped', async (t) => {
  const database = await createTestDatabase(t);
  const writers: Database[] = [];
  for (let i = 0; i < 8; i++) writers.push(createDatabase({ url: database.url, poolMax: 2 }));
  t.teardown(() => Promise.all(writers.map((w) => w.destroy())));
  const clock = new TestClock();
  await Promise.all(
    writers.map(async (db, w) => {
      const trail = new AuditTrail(db, clock);
      for (let i = 0; i < 25; i++) await trail.record({ action: 'item.search', outcome: 'allowed', details: { writer: w, i } });
    }),
  );
  const result = await verifyTrail({ entries: trailEntries(database.db, 1, Number.MAX_SAFE_INTEGER, 37), checkpoints: [], keys: new Map() });
  t.match(result, { ok: true, count: 200, throughSeq: 200 });
});

t.test('checkpoints: a chain recomputed after tampering, or a checkpoint altered, is caught against the signatures', async (t) => {
  const rewritten = await filled(t, 5);
  await rewritten.checkpoint();
  for (let i = 6; i <= 10; i++) await rewritten.trail.record({ action: 'item.read', outcome: 'allowed', subjectId: `item-${i}` });
  t.ok(await rewritten.checkpoint(), 'the head moved: a second checkpoint');
  t.equal(await rewritten.checkpoint(), null, 'nothing new: no third');
  t.match(await rewritten.verify(), { ok: true, count: 10, checkpoints: 2, lastCheckpoint: { seq: 10 } });
  // An attacker with the database but not the master key rewrites entry 7 and recomputes every hash after it.
  const entries: StoredEntry[] = [];
  for await (const e of trailEntries(rewritten.database.db)) entries.push(e);
  entries[6]!.outcome = 'denied';
  for (let i = 6; i < entries.length; i++) {
    const e = entries[i]!;
    e.prevHash = entries[i - 1]!.hash;
    e.hash = entryHash(e.prevHash, e);
    await rewritten.tamper(
      sql`update audit_entry set outcome = ${e.outcome}, prev_hash = ${Buffer.from(e.prevHash)}, hash = ${Buffer.from(e.hash)} where seq = ${e.seq}`,
    );
  }
  t.match(await rewritten.verify(), { ok: false, firstBad: 6, reason: /rewritten: entry 10 differs from checkpoint 10; entries after 5/ });

  const forged = await filled(t, 3);
  await forged.checkpoint();
  await sql`alter table audit_checkpoint disable trigger user`.execute(forged.database.db);
  await sql`update audit_checkpoint set hash = decode(repeat('ab', 32), 'hex')`.execute(forged.database.db);
  t.match(await forged.verify(), { ok: false, firstBad: 3, reason: /checkpoint 3: its signature does not verify/ });
});

t.test('the application role (deploy/postgres-init.sql) can read and append, never rewrite', async (t) => {
  const database = await createTestDatabase(t, { empty: true });
  const { db } = database;
  await sql`do $$ begin if not exists (select 1 from pg_roles where rolname = 'enlace_app') then create role enlace_app; end if; end $$`.execute(db);
  await sql`grant usage on schema public to enlace_app`.execute(db);
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to enlace_app`.execute(db);
  await migrateToLatest(db);
  const asApp = (statement: ReturnType<typeof sql>) =>
    db.transaction().execute(async (trx) => {
      await sql`set local role enlace_app`.execute(trx);
      return statement.execute(trx);
    });
  await asApp(
    sql`select * from audit_append(now(), null, null, 'probe.call', 'allowed', null, null, null, null, null, null, null, '{}', convert_to('x', 'UTF8'))`,
  );
  t.equal((await db.selectFrom('auditEntry').select('seq').execute()).length, 1, 'appends');
  await t.rejects(asApp(sql`update audit_entry set action = 'x'`), /permission denied for table audit_entry/);
  await t.rejects(asApp(sql`delete from audit_entry`), /permission denied for table audit_entry/);
  await t.rejects(asApp(sql`truncate audit_entry`), /permission denied for table audit_entry/);
  await t.rejects(asApp(sql`delete from audit_checkpoint`), /permission denied for table audit_checkpoint/);
});
