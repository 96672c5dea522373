import * as openpgp from 'openpgp';
import type { Keyring } from '../crypto/master-key.ts';
import { auditKeys } from '../crypto/signing-keys.ts';
import type { Database } from '../db/database.ts';
import { trailHead } from './trail.ts';

/**
 * Signed checkpoints of the audit trail. At intervals (and at shutdown) the head — sequence, hash,
 * time — is signed with the audit OpenPGP key. The signed bytes are the UTF-8 text
 *
 *   enlace-audit-checkpoint v1\n
 *   seq <decimal>\n
 *   hash <64 lowercase hex digits>\n
 *   at <ISO 8601 UTC with milliseconds>\n
 *
 * and the signature is an armored detached OpenPGP signature over them (binary mode), which
 * `gpg --verify sig.asc text` checks as well as `enlace audit verify` does. Whoever rewrites the
 * table — even with the chain recomputed — cannot sign a matching checkpoint without the key,
 * whose private half is locked by a passphrase derived from the master key.
 */
export interface Checkpoint {
  seq: number;
  hash: Buffer;
  at: Date;
  fingerprint: string;
  signature: string;
}

/** A checkpoint as JSON shows it (API and exports): hash in hex, time in ISO 8601. */
export function checkpointView(cp: Checkpoint) {
  return { seq: cp.seq, hash: cp.hash.toString('hex'), at: cp.at.toISOString(), fingerprint: cp.fingerprint, signature: cp.signature };
}

export function checkpointText(cp: { seq: number; hash: Uint8Array; at: Date }): string {
  return `enlace-audit-checkpoint v1\nseq ${cp.seq}\nhash ${Buffer.from(cp.hash).toString('hex')}\nat ${cp.at.toISOString()}\n`;
}

/** The current audit key, made on first use (several instances starting at once agree on one). */
export function ensureAuditKey(db: Database, keyring: Keyring, now: Date): Promise<{ fingerprint: string; publicKey: string }> {
  return auditKeys.current(db, keyring, now);
}

/** Every audit public key there has been, by fingerprint (a rotation keeps old checkpoints verifiable). */
export function auditPublicKeys(db: Database): Promise<Map<string, string>> {
  return auditKeys.publicKeys(db);
}

/**
 * Signs the head when it moved since the last checkpoint; returns the new checkpoint, or null when
 * there was nothing new to sign. Instances racing on the same head store it once.
 */
export async function makeCheckpoint(db: Database, keyring: Keyring, now: Date): Promise<Checkpoint | null> {
  const head = await trailHead(db);
  if (!head) return null;
  const last = await db.selectFrom('auditCheckpoint').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (last && Number(last.seq) >= head.seq) return null;
  const { fingerprint } = await ensureAuditKey(db, keyring, now);
  const cp = { seq: head.seq, hash: head.hash, at: now, fingerprint };
  const signature = await openpgp.sign({
    message: await openpgp.createMessage({ binary: Buffer.from(checkpointText(cp), 'utf8') }),
    signingKeys: await auditKeys.privateKey(db, keyring, fingerprint),
    detached: true,
    date: now,
    format: 'armored',
  });
  const stored = await db
    .insertInto('auditCheckpoint')
    .values({ seq: cp.seq, hash: cp.hash, at: cp.at, fingerprint, signature })
    .onConflict((oc) => oc.column('seq').doNothing())
    .returning('seq')
    .executeTakeFirst();
  return stored ? { ...cp, signature } : null;
}

export async function listCheckpoints(
  db: Database,
  options: { from?: number; to?: number; before?: number; limit?: number; newestFirst?: boolean } = {},
): Promise<Checkpoint[]> {
  let query = db.selectFrom('auditCheckpoint').selectAll();
  if (options.from !== undefined) query = query.where('seq', '>=', String(options.from));
  if (options.to !== undefined) query = query.where('seq', '<=', String(options.to));
  if (options.before !== undefined) query = query.where('seq', '<', String(options.before));
  query = query.orderBy('seq', options.newestFirst ? 'desc' : 'asc');
  if (options.limit !== undefined) query = query.limit(options.limit);
  const rows = await query.execute();
  return rows.map((r) => ({ seq: Number(r.seq), hash: Buffer.from(r.hash), at: new Date(r.at), fingerprint: r.fingerprint, signature: r.signature }));
}

/** True when the checkpoint's signature verifies with the given armored public key. */
export async function checkpointSigned(cp: { seq: number; hash: Uint8Array; at: Date; signature: string }, armoredKey: string): Promise<boolean> {
  try {
    const { signatures } = await openpgp.verify({
      message: await openpgp.createMessage({ binary: Buffer.from(checkpointText(cp), 'utf8') }),
      signature: await openpgp.readSignature({ armoredSignature: cp.signature }),
      verificationKeys: await openpgp.readKey({ armoredKey }),
      expectSigned: true,
    });
    await signatures[0]!.verified;
    return true;
  } catch {
    return false;
  }
}
