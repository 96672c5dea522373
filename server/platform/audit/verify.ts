import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { entryHash, GENESIS, type StoredEntry } from './chain.ts';
import { type Checkpoint, checkpointSigned, checkpointView } from './checkpoints.ts';

/**
 * Verification of the audit trail, the same for the live table, the server's schedule and an
 * export file: every checkpoint's signature with the audit public key alone, then every entry in
 * sequence order — no gap, each previous hash the hash before it, each hash its own content, each
 * checkpointed hash the entry's — and finally no signed checkpoint beyond the last entry (a cut
 * tail). The verdict names the first bad sequence.
 */
export interface Verdict {
  ok: boolean;
  /** Entries checked. */
  count: number;
  /** The last sequence checked and found good (0 when none). */
  throughSeq: number;
  firstBad: number | null;
  reason: string | null;
  /** Checkpoints whose signature verified. */
  checkpoints: number;
  lastCheckpoint: { seq: number; at: Date; fingerprint: string } | null;
}

export interface VerifyInput {
  entries: AsyncIterable<StoredEntry> | Iterable<StoredEntry>;
  checkpoints: Checkpoint[];
  /** Armored public keys by fingerprint. */
  keys: Map<string, string>;
  /** Where the entries start (an export of a range): the first sequence; its previous hash is taken as declared. */
  from?: number;
  /** False for a filtered export: gaps are expected, the chain is checked where entries are consecutive. */
  contiguous?: boolean;
}

export async function verifyTrail(input: VerifyInput): Promise<Verdict> {
  const contiguous = input.contiguous ?? true;
  const failures: { seq: number; reason: string }[] = [];
  const fail = (seq: number, reason: string) => failures.push({ seq, reason });

  const checkpoints = [...input.checkpoints].sort((a, b) => a.seq - b.seq);
  const signed = new Map<number, Checkpoint>();
  for (const cp of checkpoints) {
    const key = input.keys.get(cp.fingerprint);
    if (!key || !(await checkpointSigned(cp, key)))
      fail(cp.seq, `checkpoint ${cp.seq}: its signature does not verify with the audit key ${cp.fingerprint}`);
    else signed.set(cp.seq, cp);
  }

  let expected = input.from ?? 1;
  let prev: { seq: number; hash: Uint8Array } | null = expected === 1 ? { seq: 0, hash: GENESIS } : null;
  let count = 0;
  let throughSeq = 0;
  let lastMatched = (input.from ?? 1) - 1;
  for await (const entry of input.entries) {
    if (contiguous && entry.seq !== expected) {
      fail(
        Math.min(entry.seq, expected),
        entry.seq > expected ? `entry ${expected} is missing (found ${entry.seq} next)` : `entry ${entry.seq} is out of order`,
      );
      break;
    }
    if (prev && prev.seq === entry.seq - 1 && !Buffer.from(entry.prevHash).equals(Buffer.from(prev.hash))) {
      fail(entry.seq, 'its previous hash is not the hash of the entry before it');
      break;
    }
    if (!entryHash(entry.prevHash, entry).equals(Buffer.from(entry.hash))) {
      fail(entry.seq, 'its content does not match its hash');
      break;
    }
    const cp = signed.get(entry.seq);
    if (cp && !cp.hash.equals(Buffer.from(entry.hash))) {
      // The chain holds but the signed head does not: it was recomputed after the last checkpoint that
      // still matches, and the earliest entry that may be rewritten is the one after it.
      fail(
        lastMatched + 1,
        `the chain was rewritten: entry ${cp.seq} differs from checkpoint ${cp.seq}; entries after ${lastMatched} cannot be trusted`,
      );
      break;
    }
    if (cp) lastMatched = entry.seq;
    prev = { seq: entry.seq, hash: entry.hash };
    expected = entry.seq + 1;
    throughSeq = entry.seq;
    count += 1;
  }
  const last = checkpoints.at(-1);
  if (contiguous && last && last.seq > throughSeq && !failures.some((f) => f.seq <= throughSeq + 1)) {
    fail(throughSeq + 1, `entries ${throughSeq + 1} to ${last.seq} are missing: checkpoint ${last.seq} was signed`);
  }

  const first = failures.sort((a, b) => a.seq - b.seq)[0];
  const lastSigned = [...signed.values()].at(-1);
  return {
    ok: !first,
    count,
    throughSeq: first ? Math.min(throughSeq, first.seq - 1) : throughSeq,
    firstBad: first?.seq ?? null,
    reason: first?.reason ?? null,
    checkpoints: signed.size,
    lastCheckpoint: lastSigned ? { seq: lastSigned.seq, at: lastSigned.at, fingerprint: lastSigned.fingerprint } : null,
  };
}

/**
 * The export format (JSONL, one JSON object per line, in this order):
 *   {"type":"header","format":"enlace-audit-export","version":1,"from":N,"to":M,"filtered":false,
 *    "exportedAt":ISO,"fingerprint":F,"publicKey":armored}
 *   {"type":"checkpoint","seq":…,"hash":hex,"at":ISO,"fingerprint":F,"signature":armored}   (0..n)
 *   {"type":"entry","seq":…,"at":ISO,"actorId":…,…,"details":{…},"prevHash":hex,"hash":hex}  (0..n)
 * Checkpoints come first so a verifier can stream the entries.
 */
export interface ExportHeader {
  type: 'header';
  format: 'enlace-audit-export';
  version: 1;
  from: number;
  to: number | null;
  filtered: boolean;
  exportedAt: string;
  fingerprint: string;
  publicKey: string;
}

export function checkpointLine(cp: Checkpoint): string {
  return JSON.stringify({ type: 'checkpoint', ...checkpointView(cp) });
}

export function entryLine(e: StoredEntry): string {
  return JSON.stringify({
    type: 'entry',
    seq: e.seq,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorCountry: e.actorCountry,
    action: e.action,
    outcome: e.outcome,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    spaceId: e.spaceId,
    requestId: e.requestId,
    clientAddress: e.clientAddress,
    userAgent: e.userAgent,
    purpose: e.purpose,
    details: e.details,
    prevHash: Buffer.from(e.prevHash).toString('hex'),
    hash: Buffer.from(e.hash).toString('hex'),
  });
}

export class ExportFormatError extends Error {
  override name = 'ExportFormatError';
}

/** Reads an export: its header and checkpoints first, then its entries as a stream. */
export async function readExport(file: string): Promise<{ header: ExportHeader; checkpoints: Checkpoint[]; entries: AsyncIterable<StoredEntry> }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  let lineNo = 0;
  const next = async (): Promise<Record<string, unknown> | null> => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) return null;
      lineNo += 1;
      if (!value.trim()) continue;
      try {
        return JSON.parse(value) as Record<string, unknown>;
      } catch {
        throw new ExportFormatError(`line ${lineNo} is not JSON`);
      }
    }
  };
  const header = await next();
  if (header?.['type'] !== 'header' || header['format'] !== 'enlace-audit-export' || header['version'] !== 1) {
    throw new ExportFormatError('not an Enlace audit export (version 1): the first line must be its header');
  }
  const checkpoints: Checkpoint[] = [];
  let pending = await next();
  while (pending && pending['type'] === 'checkpoint') {
    checkpoints.push({
      seq: Number(pending['seq']),
      hash: Buffer.from(String(pending['hash']), 'hex'),
      at: new Date(String(pending['at'])),
      fingerprint: String(pending['fingerprint']),
      signature: String(pending['signature']),
    });
    pending = await next();
  }
  async function* entries(): AsyncGenerator<StoredEntry> {
    for (let row = pending; row; row = await next()) {
      if (row['type'] !== 'entry') throw new ExportFormatError(`line ${lineNo}: expected an entry`);
      yield {
        seq: Number(row['seq']),
        at: new Date(String(row['at'])),
        actorId: (row['actorId'] as string | null) ?? null,
        actorCountry: (row['actorCountry'] as string | null) ?? null,
        action: String(row['action']),
        outcome: row['outcome'] as StoredEntry['outcome'],
        subjectType: (row['subjectType'] as string | null) ?? null,
        subjectId: (row['subjectId'] as string | null) ?? null,
        spaceId: (row['spaceId'] as string | null) ?? null,
        requestId: (row['requestId'] as string | null) ?? null,
        clientAddress: (row['clientAddress'] as string | null) ?? null,
        userAgent: (row['userAgent'] as string | null) ?? null,
        purpose: (row['purpose'] as string | null) ?? null,
        details: (row['details'] as Record<string, unknown>) ?? {},
        prevHash: Buffer.from(String(row['prevHash']), 'hex'),
        hash: Buffer.from(String(row['hash']), 'hex'),
      };
    }
  }
  return { header: header as unknown as ExportHeader, checkpoints, entries: entries() };
}
