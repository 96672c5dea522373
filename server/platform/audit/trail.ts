import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { canonicalTail, type ChainEntry, type StoredEntry } from './chain.ts';

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

/** Control and format characters out, length bounded: what a client sends is kept, not obeyed. */
function plain(value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  return value.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, max);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A value for a uuid column, or null: a malformed id (from a refused request) must not fail the write. */
export const uuidOrNull = (value: string | null | undefined): string | null => (value && UUID.test(value) ? value.toLowerCase() : null);

/**
 * The one writer of the audit trail. Each entry is appended by the database function
 * `audit_append` (migration 0008): it takes the sequencer — a transaction-scoped advisory lock, so
 * sequence order is commit order for every instance sharing the database — reads the head and
 * inserts the entry chained to it, in one statement. The server supplies the canonical encoding's
 * tail (chain.ts), so the byte-for-byte definition lives in one place. Alone, an entry is its own
 * short transaction; in a caller's transaction (`trx`), it commits or rolls back with the change it
 * records. Throughput: one insert at a time across the cluster (the `audit` bench).
 */
export class AuditTrail {
  constructor(
    readonly db: Database,
    readonly clock: Clock,
  ) {}

  async record(event: AuditEvent, trx?: Database): Promise<{ seq: number; hash: Buffer }> {
    const entry: Omit<ChainEntry, 'seq'> = {
      at: this.clock.now(),
      actorId: uuidOrNull(event.actorId),
      actorCountry: plain(event.actorCountry, 8),
      action: event.action,
      outcome: event.outcome,
      subjectType: plain(event.subjectType, 40),
      subjectId: plain(event.subjectId, 200),
      spaceId: uuidOrNull(event.spaceId),
      requestId: plain(event.requestId, 64),
      clientAddress: plain(event.clientAddress, 64),
      userAgent: plain(event.userAgent, 300),
      purpose: plain(event.purpose, 500),
      // Through JSON once, so what is hashed is what jsonb keeps (no undefined, no functions).
      details: JSON.parse(JSON.stringify(event.details ?? {})) as Record<string, unknown>,
    };
    const { rows } = await sql<{ seq: string | number; hash: Buffer }>`
      select seq, hash from audit_append(${entry.at}, ${entry.actorId}, ${entry.actorCountry}, ${entry.action},
        ${entry.outcome}, ${entry.subjectType}, ${entry.subjectId}, ${entry.spaceId}, ${entry.requestId},
        ${entry.clientAddress}, ${entry.userAgent}, ${entry.purpose}, ${JSON.stringify(entry.details)}::jsonb,
        ${canonicalTail(entry)})`.execute(trx ?? this.db);
    const row = rows[0]!;
    return { seq: Number(row.seq), hash: row.hash };
  }

  /** The newest entry's sequence, hash and time, or null for an empty trail. */
  async head(db: Database = this.db): Promise<{ seq: number; hash: Buffer; at: Date } | null> {
    const row = await db.selectFrom('auditEntry').select(['seq', 'hash', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row ? { seq: Number(row.seq), hash: Buffer.from(row.hash), at: new Date(row.at) } : null;
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
