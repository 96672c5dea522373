import { createHash } from 'node:crypto';

/**
 * The audit chain's canonical encoding (version 1), the one definition the server, `enlace audit
 * verify` and the README share. For each entry:
 *
 *   canonical = UTF-8 of JSON.stringify([1, seq, at, actorId, actorCountry, action, outcome,
 *               subjectType, subjectId, spaceId, requestId, clientAddress, userAgent, purpose,
 *               details])
 *   hash      = SHA-256(prevHash ‖ canonical)          (prevHash of entry 1: 32 zero bytes)
 *
 * where seq is a JSON number, at is an ISO 8601 UTC time with milliseconds
 * (`2026-11-23T10:00:00.000Z`), absent values are `null`, and details is a JSON object whose keys
 * are sorted (recursively, by UTF-16 code units, as JavaScript's default sort) with no whitespace.
 */
export interface ChainEntry {
  seq: number;
  at: Date;
  actorId: string | null;
  actorCountry: string | null;
  action: string;
  outcome: 'allowed' | 'denied' | 'error';
  subjectType: string | null;
  subjectId: string | null;
  spaceId: string | null;
  requestId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  purpose: string | null;
  details: Record<string, unknown>;
}

export const GENESIS = Buffer.alloc(32);

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function canonical(entry: ChainEntry): Buffer {
  return Buffer.from(
    JSON.stringify([
      1,
      entry.seq,
      entry.at.toISOString(),
      entry.actorId,
      entry.actorCountry,
      entry.action,
      entry.outcome,
      entry.subjectType,
      entry.subjectId,
      entry.spaceId,
      entry.requestId,
      entry.clientAddress,
      entry.userAgent,
      entry.purpose,
      sorted(entry.details),
    ]),
    'utf8',
  );
}

export function entryHash(prevHash: Uint8Array, entry: ChainEntry): Buffer {
  return createHash('sha256').update(prevHash).update(canonical(entry)).digest();
}

export interface StoredEntry extends ChainEntry {
  prevHash: Uint8Array;
  hash: Uint8Array;
}

export type VerifyResult = { ok: true; count: number; head: { seq: number; hash: string } | null } | { ok: false; firstBad: number; reason: string; count: number };

/**
 * Walks entries in sequence order from `from` (1 for the whole table; an export's first entry
 * otherwise, with the previous hash it declares) and names the first sequence that breaks the
 * chain: a gap (a deleted entry), a wrong previous hash (an inserted, removed or reordered entry),
 * or a hash that does not match the entry (a changed field).
 */
export async function verifyChain(entries: AsyncIterable<StoredEntry> | Iterable<StoredEntry>, start?: { seq: number; prevHash: Uint8Array }): Promise<VerifyResult> {
  let expectedSeq = start?.seq ?? 1;
  let prev: Uint8Array | null = start?.prevHash ?? (start ? null : GENESIS);
  let count = 0;
  let head: { seq: number; hash: string } | null = null;
  for await (const entry of entries) {
    if (entry.seq !== expectedSeq) return { ok: false, firstBad: Math.min(entry.seq, expectedSeq), reason: `expected entry ${expectedSeq}, found ${entry.seq}`, count };
    if (prev && !Buffer.from(entry.prevHash).equals(Buffer.from(prev))) return { ok: false, firstBad: entry.seq, reason: 'its previous hash does not match the entry before it', count };
    if (!entryHash(entry.prevHash, entry).equals(Buffer.from(entry.hash))) return { ok: false, firstBad: entry.seq, reason: 'its content does not match its hash', count };
    prev = entry.hash;
    expectedSeq += 1;
    count += 1;
    head = { seq: entry.seq, hash: Buffer.from(entry.hash).toString('hex') };
  }
  return { ok: true, count, head };
}
