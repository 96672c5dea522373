import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Keyring } from '../crypto/master-key.ts';
import type { Database } from '../db/database.ts';
import type { StoredEntry } from './chain.ts';
import { auditPublicKeys, ensureAuditKey, listCheckpoints } from './checkpoints.ts';
import { type AuditEvent, type AuditOutcome, trailEntries } from './trail.ts';
import { checkpointLine, type ExportHeader, entryLine, type Verdict, verifyTrail } from './verify.ts';

/** The live table, checked with every audit public key there has been. */
export async function verifyLive(db: Database): Promise<Verdict> {
  return verifyTrail({ entries: trailEntries(db), checkpoints: await listCheckpoints(db), keys: await auditPublicKeys(db) });
}

/** A verification, recorded in the trail itself as `audit.verify` (error when the chain is broken). */
export function verificationEvent(verdict: Verdict, extra: Partial<AuditEvent> & { details?: Record<string, unknown> } = {}): AuditEvent {
  return {
    ...extra,
    action: 'audit.verify',
    outcome: verdict.ok ? 'allowed' : 'error',
    details: {
      ...extra.details,
      ok: verdict.ok,
      count: verdict.count,
      throughSeq: verdict.throughSeq,
      firstBad: verdict.firstBad,
      reason: verdict.reason,
      checkpoints: verdict.checkpoints,
    },
  };
}

/** The last `audit.verify` entry, as a verdict. */
export async function lastVerification(db: Database) {
  const row = await db
    .selectFrom('auditEntry')
    .select(['at', 'details'])
    .where('action', '=', 'audit.verify')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const d = row.details as { ok: boolean; throughSeq: number; firstBad: number | null; reason: string | null };
  return { at: new Date(row.at).toISOString(), ok: d.ok, throughSeq: d.throughSeq, firstBad: d.firstBad, reason: d.reason };
}

export interface EntryFilters {
  actor?: string | undefined;
  space?: string | undefined;
  subject?: string | undefined;
  action?: string | undefined;
  outcome?: AuditOutcome | undefined;
  /** Entries whose stated purpose of access contains this text (any case). */
  purpose?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Sequence range, inclusive (the command line's export). */
  fromSeq?: number | undefined;
  toSeq?: number | undefined;
}

/** The audit entries matching the filters, as a query to order and page. */
export function filteredEntries(db: Database, f: EntryFilters) {
  let q = db.selectFrom('auditEntry as e');
  if (f.actor) q = q.where('e.actorId', '=', f.actor);
  if (f.space) q = q.where('e.spaceId', '=', f.space);
  if (f.subject) q = q.where('e.subjectId', '=', f.subject);
  if (f.action) q = q.where('e.action', '=', f.action);
  if (f.outcome) q = q.where('e.outcome', '=', f.outcome);
  if (f.purpose) q = q.where('e.purpose', 'ilike', `%${f.purpose.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.from) q = q.where('e.at', '>=', new Date(f.from));
  if (f.to) q = q.where('e.at', '<', new Date(f.to));
  if (f.fromSeq !== undefined) q = q.where('e.seq', '>=', String(f.fromSeq));
  if (f.toSeq !== undefined) q = q.where('e.seq', '<=', String(f.toSeq));
  return q;
}

const isFiltered = (f: EntryFilters) => Boolean(f.actor || f.space || f.subject || f.action || f.outcome || f.purpose || f.from || f.to);

/**
 * An export as JSONL lines (format in verify.ts): the header with the audit public key, the
 * checkpoints inside the exported range, then the entries in sequence order, read in pages.
 */
export async function* exportLines(db: Database, keyring: Keyring, clock: Clock, f: EntryFilters): AsyncGenerator<string> {
  const bounds = await filteredEntries(db, f)
    .select((eb) => [eb.fn.min('e.seq').as('low'), eb.fn.max('e.seq').as('high')])
    .executeTakeFirstOrThrow();
  const low = bounds.low === null ? (f.fromSeq ?? 1) : Number(bounds.low);
  const high = bounds.high === null ? null : Number(bounds.high);
  const key = await ensureAuditKey(db, keyring, clock.now());
  const header: ExportHeader = {
    type: 'header',
    format: 'enlace-audit-export',
    version: 1,
    from: low,
    to: high,
    filtered: isFiltered(f),
    exportedAt: clock.now().toISOString(),
    fingerprint: key.fingerprint,
    publicKey: key.publicKey,
  };
  yield `${JSON.stringify(header)}\n`;
  if (high === null) return;
  for (const cp of await listCheckpoints(db, { from: low, to: high })) yield `${checkpointLine(cp)}\n`;
  let next = low;
  for (;;) {
    const rows = await filteredEntries(db, { ...f, fromSeq: next, toSeq: high })
      .selectAll('e')
      .orderBy('e.seq')
      .limit(500)
      .execute();
    for (const row of rows) {
      const entry: StoredEntry = {
        ...row,
        seq: Number(row.seq),
        at: new Date(row.at),
        outcome: row.outcome as AuditOutcome,
        details: row.details as Record<string, unknown>,
      };
      yield `${entryLine(entry)}\n`;
    }
    if (rows.length < 500) return;
    next = Number(rows[rows.length - 1]!.seq) + 1;
  }
}

/** Runs `task` only if no other instance holds the same named lock right now (schedules run once per cluster). */
export async function onceAcrossInstances<T>(db: Database, lock: number, task: () => Promise<T>): Promise<T | undefined> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_lock(${lock}) as got`.execute(conn);
    if (!rows[0]?.got) return undefined;
    try {
      return await task();
    } finally {
      await sql`select pg_advisory_unlock(${lock})`.execute(conn);
    }
  });
}
