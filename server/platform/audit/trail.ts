import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import { CompiledOnce } from '../db/compiled.ts';
import type { Database } from '../db/database.ts';
import { type ChainEntry, canonicalTail, type StoredEntry } from './chain.ts';

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

/**
 * What goes into an entry, made storable before it is hashed or batched — so one request's odd
 * input can never fail another's entry, nor make the stored row differ from what was hashed
 * (README, "Canonical encoding"):
 * - text fields: control and format characters removed (what a client sends is kept, not obeyed),
 *   cut to the field's bound, then made well-formed (a lone UTF-16 surrogate, which UTF-8 cannot
 *   carry, becomes U+FFFD — cutting may leave one);
 * - details: through JSON once (no undefined, no functions; non-finite numbers become null; a
 *   bigint its decimal text), then every string, key included, the same way (NUL and other
 *   control characters out, at most 1,000 characters, well-formed), nesting below 8 levels cut.
 */
function plain(value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  return value
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .slice(0, max)
    .toWellFormed();
}

const DETAIL_TEXT_MAX = 1000;
const DETAIL_KEY_MAX = 100;
const DETAIL_DEPTH = 8;

function storableDetail(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return plain(value, DETAIL_TEXT_MAX);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= DETAIL_DEPTH) return '[cut]';
  if (Array.isArray(value)) return value.map((v) => storableDetail(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[plain(key, DETAIL_KEY_MAX)!] = storableDetail(v, depth + 1);
  return out;
}

/** An entry's details as the trail keeps them (see `plain`). */
export function storableDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  const json = JSON.stringify(details ?? {}, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return storableDetail(JSON.parse(json), 0) as Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A value for a uuid column, or null: a malformed id (from a refused request) must not fail the write. */
export const uuidOrNull = (value: string | null | undefined): string | null => (value && UUID.test(value) ? value.toLowerCase() : null);

type Entry = Omit<ChainEntry, 'seq'>;

export interface TrailObserver {
  /** Seconds a `record` waited for its entry to be durable. */
  durable?(seconds: number): void;
  /** `record` entries a group-commit batch appended (0 for one that only chained changes' queued entries, which `within` counts nowhere). */
  batch?(entries: number): void;
}
interface Pending {
  /** Null for a caller that only waits for the queue to be chained (`settle`). */
  entry: Entry | null;
  resolve(result: { seq: number; hash: Buffer } | null): void;
  reject(err: unknown): void;
}

/**
 * The queue's columns: every field of an entry, and its canonical tail — a field added to an entry
 * and not here (or here and not in an entry) fails to compile, as the spread into Kysely's builder
 * this replaced took every field.
 */
const QUEUE_COLUMNS: { readonly [K in keyof Entry | 'tail']: true } = {
  at: true,
  actorId: true,
  actorCountry: true,
  action: true,
  outcome: true,
  subjectType: true,
  subjectId: true,
  spaceId: true,
  requestId: true,
  clientAddress: true,
  userAgent: true,
  purpose: true,
  details: true,
  tail: true,
};

/** A change's entry into the queue, built and compiled once (every change in the portal writes one). */
const queueInsert = new CompiledOnce(Object.keys(QUEUE_COLUMNS) as (keyof typeof QUEUE_COLUMNS)[], (db, p) => db.insertInto('auditQueue').values(p));

/** Entries written in one statement at most (a burst larger than this waits for the next batch). */
export const BATCH_MAX = 64;

/**
 * The one writer of the audit trail. Entries are chained by the database function
 * `audit_append_batch` (migrations 0009 and 0012): it takes the sequencer — a transaction-scoped
 * advisory lock, so sequence order is commit order for every instance sharing the database — reads
 * the head, chains the queued entries of committed changes, then the batch it was given. The server
 * supplies the canonical encoding's tail (chain.ts), so the byte-for-byte definition lives in one
 * place.
 *
 * Two ways in:
 * - `record` (reads, refusals, system events): group-committed. Requests that arrive while a batch
 *   is being written wait for the next one, which appends them all in one statement and one commit
 *   (one WAL flush, one hold of the sequencer). Each caller waits for its own entry to be durable
 *   before its reply leaves (fail closed). A failed batch is tried again entry by entry, so only
 *   the entry that cannot be stored fails.
 * - `within` (changes): the entry is queued in the caller's transaction and commits or rolls back
 *   with the change it records; `settle` after the commit waits for the batch that chains it.
 * Throughput of both: the `audit` bench.
 */
export class AuditTrail {
  readonly #queue: Pending[] = [];
  #writing = false;

  constructor(
    readonly db: Database,
    readonly clock: Clock,
    /** Told how long each `record` took to be durable, in seconds, and how many entries each batch appended (the metrics). */
    readonly observe: TrailObserver = {},
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
      details: storableDetails(event.details),
    };
  }

  /** Appends an entry through the group commit; resolves once it is durable in the chain. */
  async record(event: AuditEvent): Promise<{ seq: number; hash: Buffer }> {
    const entry = this.#entry(event);
    const started = performance.now();
    const written = await new Promise<{ seq: number; hash: Buffer }>((resolve, reject) => {
      this.#queue.push({ entry, resolve: resolve as Pending['resolve'], reject });
      if (!this.#writing) void this.#drain();
    });
    this.observe.durable?.((performance.now() - started) / 1000);
    return written;
  }

  /** Queues an entry in the caller's transaction: it commits (or not) with the change; `settle` chains it. */
  async within(trx: Database, event: AuditEvent): Promise<void> {
    const entry = this.#entry(event);
    await queueInsert.execute(trx, { ...entry, details: JSON.stringify(entry.details), tail: canonicalTail(entry) });
  }

  /**
   * Runs work in one transaction whose entries (`record`) commit with it, and resolves once they
   * are in the chain: what system work (delivery jobs, sweeps) uses for a change and its record.
   */
  async transaction<T>(work: (trx: Database, record: (event: AuditEvent) => Promise<void>) => Promise<T>): Promise<T> {
    const result = await this.db.transaction().execute((trx) => work(trx, (event) => this.within(trx, event)));
    await this.settle();
    return result;
  }

  /** Resolves once every entry queued by a transaction committed before this call is in the chain. */
  async settle(): Promise<void> {
    await new Promise<unknown>((resolve, reject) => {
      this.#queue.push({ entry: null, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    while (this.#queue.length) {
      const batch = this.#queue.splice(0, BATCH_MAX);
      const entries = batch.filter((p): p is Pending & { entry: Entry } => p.entry !== null);
      try {
        const written = await this.#append(
          this.db,
          entries.map((p) => p.entry),
        );
        this.observe.batch?.(entries.length);
        for (const [i, p] of entries.entries()) p.resolve(written[i]!);
        for (const p of batch) if (!p.entry) p.resolve(null);
      } catch (err) {
        if (entries.length <= 1) {
          for (const p of batch) p.reject(err);
          continue;
        }
        // One entry the database refuses must not fail the others: each alone, in order.
        for (const p of batch) {
          try {
            const written = await this.#append(this.db, p.entry ? [p.entry] : []);
            this.observe.batch?.(written.length);
            p.resolve(written[0] ?? null);
          } catch (single) {
            p.reject(single);
          }
        }
      }
    }
    this.#writing = false;
  }

  /** Chains the queue, then appends entries in order, in one statement (`audit_append_batch`, migration 0012). */
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
    const rows = await db
      .selectFrom('auditEntry')
      .selectAll()
      .where('seq', '>=', String(next))
      .where('seq', '<=', String(to))
      .orderBy('seq')
      .limit(page)
      .execute();
    for (const row of rows)
      yield { ...row, seq: Number(row.seq), details: row.details as Record<string, unknown>, outcome: row.outcome as AuditOutcome };
    if (rows.length < page) return;
    next = Number(rows[rows.length - 1]!.seq) + 1;
  }
}
