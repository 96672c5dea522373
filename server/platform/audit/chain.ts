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

/**
 * Everything of the canonical encoding after `[1,<seq>,`: what the server hands to the database's
 * `audit_append`, which knows the sequence only once it holds the sequencer.
 */
export function canonicalTail(entry: Omit<ChainEntry, 'seq'>): Buffer {
  const rest = JSON.stringify([
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
  ]);
  return Buffer.from(rest.slice(1), 'utf8');
}

export function canonical(entry: ChainEntry): Buffer {
  return Buffer.concat([Buffer.from(`[1,${entry.seq},`, 'utf8'), canonicalTail(entry)]);
}

export function entryHash(prevHash: Uint8Array, entry: ChainEntry): Buffer {
  return createHash('sha256').update(prevHash).update(canonical(entry)).digest();
}

export interface StoredEntry extends ChainEntry {
  prevHash: Uint8Array;
  hash: Uint8Array;
}
