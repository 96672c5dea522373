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

type Entry = Omit<ChainEntry, 'seq'>;
interface Pending {
  entry: Entry;
  resolve(result: { seq: number; hash: Buffer }): void;
  reject(err: unknown): void;
}

/** Entries written in one statement at most (a burst larger than this waits for the next batch). */
const BATCH_MAX = 64;

/**
 * The one writer of the audit trail. Entries are appended by the database function
 * `audit_append_batch` (migration 0009; `audit_append` of 0008 for one): it takes the sequencer — a transaction-scoped advisory lock, so
 * sequence order is commit order for every instance sharing the database — reads the head and
 * inserts the entry chained to it. The server supplies the canonical encoding's tail (chain.ts),
 * so the byte-for-byte definition lives in one place.
 *
 * In a caller's transaction (`trx`) an entry commits or rolls back with the change it records.
 * Alone, entries are group-committed: requests that arrive while a batch is being written wait for
 * the next one, which appends them all in one statement and one commit (one WAL flush, one hold of
 * the sequencer). Each caller still waits for its own entry to be durable before its reply leaves,
 * and a failed batch fails every request in it (fail closed). Throughput: the `audit` bench.
 */
export class AuditTrail {
  readonly #queue: Pending[] = [];
  #writing = false;

  constructor(
    readonly db: Database,
    readonly clock: Clock,
  ) {}

  #entry(event: AuditEvent): Entry {
    return {
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
  }

  async record(event: AuditEvent, trx?: Database): Promise<{ seq: number; hash: Buffer }> {
    const entry = this.#entry(event);
    if (trx) return (await this.#append(trx, [entry]))[0]!;
    return new Promise((resolve, reject) => {
      this.#queue.push({ entry, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    while (this.#queue.length) {
      const batch = this.#queue.splice(0, BATCH_MAX);
      try {
        const written = await this.#append(this.db, batch.map((p) => p.entry));
        batch.forEach((p, i) => p.resolve(written[i]!));
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.#writing = false;
  }

  /** Appends entries in order, in one statement (`audit_append_batch`, migration 0009). */
  async #append(db: Database, entries: Entry[]): Promise<{ seq: number; hash: Buffer }[]> {
    const rows = entries.map((e) => ({
      at: e.at.toISOString(),
      actor_id: e.actorId,
      actor_country: e.actorCountry,
      action: e.action,
      outcome: e.outcome,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      space_id: e.spaceId,
      request_id: e.requestId,
      client_address: e.clientAddress,
      user_agent: e.userAgent,
      purpose: e.purpose,
      details: e.details,
      tail: canonicalTail(e).toString('base64'),
    }));
    const { rows: written } = await sql<{ seq: string | number; hash: Buffer }>`
      select seq, hash from audit_append_batch(${JSON.stringify(rows)}::jsonb)`.execute(db);
    // Array order must be sequence order (the chain links them in the order the function ran).
    for (let i = 1; i < written.length; i++) {
      if (Number(written[i]!.seq) <= Number(written[i - 1]!.seq)) throw new Error('audit batch appended out of order');
    }
    return written.map((r) => ({ seq: Number(r.seq), hash: r.hash }));
  }
}

/** The newest entry's sequence, hash and time, or null for an empty trail. */
export async function trailHead(db: Database): Promise<{ seq: number; hash: Buffer; at: Date } | null> {
  const row = await db.selectFrom('auditEntry').select(['seq', 'hash', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: Buffer.from(row.hash), at: new Date(row.at) } : null;
}

/** Entries in sequence order (from, to inclusive), read in pages. */
export async function* trailEntries(db: Database, from = 1, to = Number.MAX_SAFE_INTEGER, page = 1000): AsyncGenerator<StoredEntry> {
  let next = from;
  for (;;) {
    const rows = await db.selectFrom('auditEntry').selectAll().where('seq', '>=', String(next)).where('seq', '<=', String(to)).orderBy('seq').limit(page).execute();
    for (const row of rows) yield { ...row, seq: Number(row.seq), details: row.details as Record<string, unknown>, outcome: row.outcome as AuditOutcome };
    if (rows.length < page) return;
    next = Number(rows[rows.length - 1]!.seq) + 1;
  }
}
