import { sql } from 'kysely';
import t from 'tap';
import { verifyLive } from '../../../server/platform/audit/operations.ts';
import { AuditTrail } from '../../../server/platform/audit/trail.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { TestClock } from '../../helpers/clock.ts';
import { createTestDatabase } from '../../helpers/db.ts';
import { publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import { buildWorld } from '../../helpers/world.ts';

/**
 * Finding 1 of the hardening issue: one user's unstorable input (a lone UTF-16 surrogate in a
 * stated purpose, a NUL in the audit console's filter) failed the whole group-committed batch, so
 * other users' reads answered 503 and their changes stood without an entry. Every request here
 * must have exactly its own entry, and no one else's request may fail.
 */
t.test('a poisoning loop beside another user’s creations and reads: every request has its entry, none of theirs fails', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const readable = await publishedSpecimen(env, world, { tlp: 'CLEAR' });

  const ROUNDS = 40;
  const poison = () =>
    app.inject({
      method: 'POST',
      url: `/api/items/${readable}/purpose`,
      headers: { ...world.foreign.headers, 'content-type': 'application/json' },
      // The exact body of the finding: a lone high surrogate, escaped as JSON allows.
      payload: '{"purpose":"valid purpose \\ud800 text"}',
    });
  const filter = () => app.inject({ method: 'GET', url: '/api/audit?subject=%00', headers: world.auditor.headers });
  const results = await Promise.all(
    Array.from({ length: ROUNDS }, async (_, i) => {
      const [poisoned, filtered, created, read] = await Promise.all([
        poison(),
        filter(),
        calls.create(world.officer, { description: `Creation ${i} beside the loop` }),
        calls.read(world.contact, readable),
      ]);
      return { poisoned, filtered, created, read };
    }),
  );

  t.same([...new Set(results.map((r) => r.poisoned.statusCode))], [400], 'the lone surrogate is refused at the door, never a 5xx');
  t.equal(results[0]!.poisoned.json().error.field, 'body.purpose');
  t.same([...new Set(results.map((r) => r.filtered.statusCode))], [400], 'so is the NUL in the console filter');
  t.same([...new Set(results.map((r) => r.created.statusCode))], [201], 'every creation of the other user succeeds');
  t.same([...new Set(results.map((r) => r.read.statusCode))], [200], 'every read of a third user succeeds');

  const created = results.map((r) => r.created.json().id as string);
  const entries = await database.db
    .selectFrom('auditEntry')
    .select(['subjectId'])
    .where('action', '=', 'specimen.create')
    .where('subjectId', 'in', created)
    .execute();
  t.same(entries.map((e) => e.subjectId).sort(), [...created].sort(), 'each created specimen has its one entry');
  for (const action of ['item.purpose', 'audit.search', 'specimen.read']) {
    const counts = await database.db
      .selectFrom('auditEntry')
      .select(['requestId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('action', '=', action)
      .groupBy('requestId')
      .execute();
    t.ok(counts.length >= ROUNDS && counts.every((c) => Number(c.n) === 1), `${action}: one entry per request`);
  }
  t.match(await verifyLive(database.db), { ok: true }, 'the chain verifies');
});

t.test('the trail stores what it is given, made storable, and one entry the database refuses fails no other', async (t) => {
  const database = await createTestDatabase(t);
  const clock = new TestClock();
  const trail = new AuditTrail(database.db, clock);
  const hostile = '\u0000bad\ud800 \u202Etext\udc00';
  const odd = await trail.record({
    action: 'item.purpose',
    outcome: 'allowed',
    subjectId: `x${'y'.repeat(500)}`,
    purpose: hostile,
    userAgent: hostile,
    details: {
      [hostile]: hostile,
      nested: { list: [hostile, 1e21, Number.NaN, 2n] },
      deep: { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } },
    },
  });
  const [row] = await database.db.selectFrom('auditEntry').selectAll().where('seq', '=', String(odd.seq)).execute();
  t.equal(row!.purpose, 'bad\ufffd text\ufffd', 'controls and format characters out, lone surrogates replaced');
  t.equal(row!.subjectId!.length, 200, 'cut to the column’s bound');
  t.match(row!.details, { 'bad\ufffd text\ufffd': 'bad\ufffd text\ufffd', nested: { list: ['bad\ufffd text\ufffd', 1e21, null, '2'] } });
  t.match(JSON.stringify(row!.details), /\[cut\]/, 'nesting is bounded');

  // A batch with one entry the database refuses (an action its check does not allow): only that one fails.
  const normal = (i: number) => trail.record({ action: 'item.read', outcome: 'allowed', subjectId: `item-${i}` });
  const settled = await Promise.allSettled([
    normal(1),
    trail.record({ action: 'Not An Action', outcome: 'allowed' }),
    normal(2),
    normal(3),
    normal(4),
  ]);
  t.same(
    settled.map((s) => s.status),
    ['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled'],
    'the refused entry fails alone, the others of its batch are written',
  );
  const stored = await database.db.selectFrom('auditEntry').select('subjectId').where('action', '=', 'item.read').orderBy('seq').execute();
  t.same(
    stored.map((s) => s.subjectId),
    ['item-1', 'item-2', 'item-3', 'item-4'],
    'in order',
  );
  t.match(await verifyLive(database.db), { ok: true, count: 5 }, 'the chain verifies');

  // Entries queued with a change are chained, in order, by the next batch; verify still holds.
  await database.db.transaction().execute((trx) => trail.within(trx, { action: 'member.add', outcome: 'allowed', purpose: hostile }));
  t.equal((await sql<{ n: number }>`select count(*)::int as n from audit_queue`.execute(database.db)).rows[0]!.n, 1, 'queued with its change');
  await trail.settle();
  t.equal((await sql<{ n: number }>`select count(*)::int as n from audit_queue`.execute(database.db)).rows[0]!.n, 0, 'settled: chained');
  t.match(await verifyLive(database.db), { ok: true, count: 6 });
});
