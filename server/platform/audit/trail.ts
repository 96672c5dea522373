import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { type ChainEntry, entryHash, GENESIS, type StoredEntry } from './chain.ts';

export type AuditOutcome = ChainEntry['outcome'];

export interface AuditEvent {
  action: string;
  outcome: AuditOutcome;
  actorId?: string | null;
  actorCountry?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  spaceId?: string | null;
  requestId?: string | null;
  clientAddress?: string | null;
  userAgent?: string | null;
  purpose?: string | null;
  /** Metadata only: facets, counts, blind-index forms of search terms — never restricted content. */
  details?: Record<string, unknown>;
}

/** The sequencer: one transaction-scoped advisory lock, so sequence order is commit order. */
const SEQUENCER = 0x656e6c61; // "enla"

/**
 * The one writer of the audit trail. Each entry is appended under the sequencer lock in a short
 * transaction of its own (or the caller's, so a state change and its entry commit together), its
 * hash chained to the head's. Throughput is that of one short transaction at a time, for every
 * instance sharing the database (measured by the `audit` bench).
 */
export class AuditTrail {
  constructor(
    readonly db: Database,
    readonly clock: Clock,
  ) {}

  async record(event: AuditEvent, trx?: Database): Promise<{ seq: number; hash: Buffer }> {
    const append = async (t: Database) => {
      await sql`select pg_advisory_xact_lock(${SEQUENCER})`.execute(t);
      const head = await t.selectFrom('auditEntry').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const entry: ChainEntry = {
        seq: head ? Number(head.seq) + 1 : 1,
        at: this.clock.now(),
        actorId: event.actorId ?? null,
        actorCountry: event.actorCountry ?? null,
        action: event.action,
        outcome: event.outcome,
        subjectType: event.subjectType ?? null,
        subjectId: event.subjectId ?? null,
        spaceId: event.spaceId ?? null,
        requestId: event.requestId ?? null,
        clientAddress: event.clientAddress ?? null,
        userAgent: event.userAgent?.slice(0, 300) ?? null,
        purpose: event.purpose ?? null,
        details: event.details ?? {},
      };
      const prevHash = head ? head.hash : GENESIS;
      const hash = entryHash(prevHash, entry);
      await t
        .insertInto('auditEntry')
        .values({ ...entry, details: JSON.stringify(entry.details), prevHash, hash })
        .execute();
      return { seq: entry.seq, hash };
    };
    return trx ? append(trx) : this.db.transaction().execute(append);
  }

  /** Entries in sequence order (from, to inclusive), read in pages. */
  async *entries(from = 1, to = Number.MAX_SAFE_INTEGER, page = 1000): AsyncGenerator<StoredEntry> {
    let next = from;
    for (;;) {
      const rows = await this.db.selectFrom('auditEntry').selectAll().where('seq', '>=', String(next)).where('seq', '<=', String(to)).orderBy('seq').limit(page).execute();
      for (const row of rows) yield { ...row, seq: Number(row.seq), details: row.details as Record<string, unknown>, outcome: row.outcome as AuditOutcome };
      if (rows.length < page) return;
      next = Number(rows[rows.length - 1]!.seq) + 1;
    }
  }
}
