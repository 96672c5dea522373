import { createWriteStream, promises as fs } from 'node:fs';
import os from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as openpgp from 'openpgp';
import { makeCheckpoint } from '../../platform/audit/checkpoints.ts';
import { exportLines } from '../../platform/audit/operations.ts';
import { type AuditEvent, AuditTrail } from '../../platform/audit/trail.ts';
import { readExport, type Verdict, verifyTrail } from '../../platform/audit/verify.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import type { Database } from '../../platform/db/database.ts';

export class AuditUsageError extends Error {}

/** Who ran a command, as the trail records it: the operating-system account and host. */
export const operator = () => ({ operator: os.userInfo().username, host: os.hostname() });

/** A command-line operation's entry (key operations, exports): no session, so the operator instead. */
export function commandEvent(action: string, outcome: AuditEvent['outcome'], fields: Partial<AuditEvent> = {}): AuditEvent {
  return { ...fields, action, outcome, details: { ...operator(), ...fields.details } };
}

/**
 * `enlace audit verify --file F [--key K]`: offline, with the public key alone. Without --key the
 * key carried in the export is used, and its fingerprint printed, to be compared with the one the
 * portal publishes (GET /api/audit/public-key): a forger could carry their own.
 */
export async function verifyFile(
  file: string,
  keyFile: string | undefined,
): Promise<{ verdict: Verdict; fingerprint: string; keySource: 'file' | 'export' }> {
  const exported = await readExport(file);
  const keys = new Map<string, string>();
  let keySource: 'file' | 'export' = 'export';
  if (keyFile) {
    const armored = await fs.readFile(keyFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new AuditUsageError(`--key: cannot read ${keyFile} (${err.code})`);
    });
    const key = await openpgp.readKey({ armoredKey: armored }).catch(() => {
      throw new AuditUsageError(`--key: ${keyFile} is not an armored OpenPGP public key`);
    });
    keys.set(key.getFingerprint().toUpperCase(), armored);
    keySource = 'file';
  } else {
    keys.set(exported.header.fingerprint, exported.header.publicKey);
  }
  const verdict = await verifyTrail({
    entries: exported.entries,
    checkpoints: exported.checkpoints,
    keys,
    from: exported.header.from,
    contiguous: !exported.header.filtered,
  });
  return { verdict, fingerprint: [...keys.keys()][0]!, keySource };
}

/**
 * `enlace audit export --from N --to M [--out F]`: the head is signed first (so the export ends on
 * a checkpoint), then the range is written as JSONL; the export itself is recorded in the trail.
 */
export async function exportRange(
  db: Database,
  keyring: Keyring,
  clock: Clock,
  from: number,
  to: number | undefined,
  out: string | undefined,
): Promise<{ from: number; to: number | undefined; out: string | null }> {
  if (!Number.isSafeInteger(from) || from < 1 || (to !== undefined && (!Number.isSafeInteger(to) || to < from))) {
    throw new AuditUsageError('--from and --to: whole sequence numbers, 1 ≤ from ≤ to');
  }
  await makeCheckpoint(db, keyring, clock.now());
  const lines = Readable.from(exportLines(db, keyring, clock, { fromSeq: from, toSeq: to }));
  if (out) {
    await pipeline(lines, createWriteStream(out, { mode: 0o600, flags: 'wx' })).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') throw new AuditUsageError(`--out: ${out} exists; an existing file is never overwritten`);
      throw err;
    });
  } else {
    await pipeline(lines, process.stdout, { end: false });
  }
  await new AuditTrail(db, clock).record(
    commandEvent('audit.export', 'allowed', { details: { from, to: to ?? null, file: out ? 'yes' : 'stdout' } }),
  );
  return { from, to, out: out ?? null };
}
