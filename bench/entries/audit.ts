import { sql } from 'kysely';
import { type AuditEvent, AuditTrail } from '../../server/platform/audit/trail.ts';
import { createDatabase, type Database } from '../../server/platform/db/database.ts';
import { startBenchApp } from '../app.ts';
import type { BenchEntry } from '../run.ts';

const WRITERS = 8;
const PER_WRITER = 250;
const ROUNDS = 3;

/** A typical read's entry (metadata only), different per writer and index. */
const event = (w: number, i: number): AuditEvent => ({
  action: 'specimen.read',
  outcome: 'allowed',
  actorId: '3f0b8a52-9d3c-4c57-9a51-6d0f1c2b7e11',
  actorCountry: 'CRI',
  subjectType: 'item',
  subjectId: `5a1c2e7f-0b6d-4f7e-8a3c-${String(w * PER_WRITER + i).padStart(12, '0')}`,
  spaceId: '8d2f1a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
  requestId: `bench-${w}-${i}`,
  clientAddress: '127.0.0.1',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36',
  details: { status: 200, tlp: 'AMBER', itemKind: 'specimen' },
});

/**
 * `audit` (PERFORMANCE.md), both ways an entry is written, each against its floor, best of three
 * rounds each, alternated:
 * - reads: 8 concurrent writers — requests of one app instance — appending entries through the
 *   app's trail (group commit, sequencer lock, head, SHA-256 chain) against the same rows inserted
 *   by 8 concurrent writers into an unchained table (a sequence for the number, no lock, no hash)
 *   through the same pool;
 * - changes: 8 concurrent writers each committing a small change with its entry in the same
 *   transaction (queued, then chained by the group commit the request waits for, as
 *   `request.change` does) against the same change with an unchained entry in its transaction.
 * The ratio is the lower of the two. Also reported: 8 writers as 8 separate instances (a trail and
 * a connection each), where batches cannot form and every entry holds the sequencer through its
 * own commit — what appending in the change's transaction would cost every change; where a
 * queued change's time goes (its transaction, then the wait for the batch that chains its entry:
 * `changeMs`); and the same changes queued but not waiting for the chain (`unwaitedChangeRatio`),
 * which the portal never does — the ceiling of any faster chaining on the changes' side.
 */
export const audit: BenchEntry = {
  name: 'audit',
  async run({ cluster, prefix, log }) {
    const bench = await startBenchApp({ cluster, prefix }, { poolMax: WRITERS });
    const writers: Database[] = [];
    try {
      const { db } = bench.database;
      await sql`
        create table audit_unchained (
          seq bigserial primary key, at timestamptz not null, actor_id uuid, actor_country text, action text not null,
          outcome text not null, subject_type text, subject_id text, space_id uuid, request_id text,
          client_address text, user_agent text, purpose text, details jsonb not null default '{}')`.execute(db);
      // What a change writes besides its entry: one small row.
      await sql`create table bench_change (id bigserial primary key, at timestamptz not null, note text not null)`.execute(db);
      for (let w = 0; w < WRITERS; w++) writers.push(createDatabase({ url: bench.database.url, poolMax: 1 }));
      const rate = async (write: (writer: Database, e: AuditEvent) => Promise<unknown>) => {
        const started = performance.now();
        await Promise.all(
          writers.map(async (writer, w) => {
            for (let i = 0; i < PER_WRITER; i++) await write(writer, event(w, i));
          }),
        );
        return (WRITERS * PER_WRITER) / ((performance.now() - started) / 1000);
      };
      const trails = new Map(writers.map((w) => [w, new AuditTrail(w, bench.clock)]));
      const instances = (writer: Database, e: AuditEvent) => trails.get(writer)!.record(e);
      const chained = (_writer: Database, e: AuditEvent) => bench.app.audit.record(e);
      const pooled = (_writer: Database, e: AuditEvent) => plain(db, e);
      const plain = (writer: Database, e: AuditEvent) =>
        sql`insert into audit_unchained (at, actor_id, actor_country, action, outcome, subject_type, subject_id, space_id,
              request_id, client_address, user_agent, purpose, details)
            values (${bench.clock.now()}, ${e.actorId}, ${e.actorCountry}, ${e.action}, ${e.outcome}, ${e.subjectType}, ${e.subjectId},
              ${e.spaceId}, ${e.requestId}, ${e.clientAddress}, ${e.userAgent}, ${null}, ${JSON.stringify(e.details)}::jsonb)`.execute(writer);
      const change = (trx: Database, e: AuditEvent) =>
        sql`insert into bench_change (at, note) values (${bench.clock.now()}, ${e.requestId})`.execute(trx);
      // Where a queued change's time goes: its transaction, then the wait for the batch that chains its entry.
      const nothingSpent = () => ({ transactionMs: 0, chainWaitMs: 0, changes: 0 });
      let spent = nothingSpent();
      const queued = (writer: Database, e: AuditEvent) =>
        writer.transaction().execute(async (trx) => {
          await change(trx, e);
          await bench.app.audit.within(trx, e);
        });
      const queuedChange = async (writer: Database, e: AuditEvent) => {
        const started = performance.now();
        await queued(writer, e);
        const committed = performance.now();
        await bench.app.audit.settle();
        spent.transactionMs += committed - started;
        spent.chainWaitMs += performance.now() - committed;
        spent.changes++;
      };
      const plainChange = (writer: Database, e: AuditEvent) =>
        writer.transaction().execute(async (trx) => {
          await change(trx, e);
          await plain(trx, e);
        });
      // Not a way the portal writes: the change's entry queued and committed with it, its reply not
      // waiting for the chain — the most that a faster chaining could give the changes' side. The
      // queue is chained after each round, outside its time.
      const unwaited = async () => {
        const perSecond = await rate(queued);
        await bench.app.audit.settle();
        return perSecond;
      };
      await rate(chained); // warm-up: connections, plans
      await rate(pooled);
      await rate(queuedChange);
      spent = nothingSpent(); // the warm-up's left out
      const best = { chained: 0, plain: 0, separate: 0, changes: 0, plainChanges: 0, unwaited: 0 };
      for (let r = 0; r < ROUNDS; r++) {
        best.chained = Math.max(best.chained, await rate(chained));
        best.plain = Math.max(best.plain, await rate(pooled));
        best.changes = Math.max(best.changes, await rate(queuedChange));
        best.plainChanges = Math.max(best.plainChanges, await rate(plainChange));
        best.unwaited = Math.max(best.unwaited, await unwaited());
        best.separate = Math.max(best.separate, await rate(instances));
      }
      const readRatio = best.chained / best.plain;
      const changeRatio = best.changes / best.plainChanges;
      const perChange = (ms: number) => Number((ms / Math.max(1, spent.changes)).toFixed(2));
      const changeMs = { transaction: perChange(spent.transactionMs), chainWait: perChange(spent.chainWaitMs) };
      log(
        `reads: chained ${best.chained.toFixed(0)} entries/s, unchained ${best.plain.toFixed(0)} entries/s (${WRITERS} writers, one instance); ` +
          `changes with their entry: ${best.changes.toFixed(0)}/s queued and chained, ${best.plainChanges.toFixed(0)}/s unchained; ` +
          `${best.separate.toFixed(0)} entries/s as ${WRITERS} separate instances`,
      );
      log(
        `a queued change, mean ms: ${JSON.stringify(changeMs)} (its transaction; the wait for the batch that chains its entry); ` +
          `queued and not waited for: ${best.unwaited.toFixed(0)}/s, ${(best.unwaited / best.plainChanges).toFixed(3)} of the unchained changes (the most a faster chaining could give)`,
      );
      return {
        ratio: Math.min(readRatio, changeRatio),
        goal: 0.5,
        direction: 'min',
        readRatio: Number(readRatio.toFixed(3)),
        changeRatio: Number(changeRatio.toFixed(3)),
        chainedPerSecond: Math.round(best.chained),
        unchainedPerSecond: Math.round(best.plain),
        changesPerSecond: Math.round(best.changes),
        unchainedChangesPerSecond: Math.round(best.plainChanges),
        separateInstancesPerSecond: Math.round(best.separate),
        separateInstancesRatio: Number((best.separate / best.plain).toFixed(3)),
        changeMs,
        unwaitedChangesPerSecond: Math.round(best.unwaited),
        unwaitedChangeRatio: Number((best.unwaited / best.plainChanges).toFixed(3)),
        writers: WRITERS,
      };
    } finally {
      await Promise.all(writers.map((w) => w.destroy()));
      await bench.close();
    }
  },
};
