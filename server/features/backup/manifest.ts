import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import * as openpgp from 'openpgp';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import { portalKeys } from '../../platform/crypto/signing-keys.ts';

/**
 * A backup folder:
 *
 *   manifest.json       what the backup holds (below), in clear: names, counts, checksums, no content
 *   manifest.json.sig   an armored detached OpenPGP signature over manifest.json, by the portal key
 *   signer.asc          that portal key's private half, as the database stores it: locked with a
 *                       passphrase derived from the master key. A restore unlocks it with the master
 *                       key: only a key this portal made can sign a backup it accepts.
 *   db/<schema>.<table>.copy.gz[.pgp]   one table each, COPY text format, gzip (then OpenPGP to custodians)
 *   blobs/<2 hex>/<32 hex>[.pgp]        the blob store's files, as stored (then OpenPGP to custodians)
 *
 * Checksums are of the files as they lie on disk, so a restore checks them all before decrypting
 * or changing anything.
 */
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.json.sig';
export const SIGNER = 'signer.asc';

export interface TableEntry {
  schema: string;
  name: string;
  /** The columns dumped, in order (generated columns are left out: PostgreSQL computes them again). */
  columns: string[];
  rows: number;
  file: string;
  sha256: string;
  bytes: number;
}

export interface SequenceEntry {
  schema: string;
  name: string;
  /** null when the sequence was never used. */
  lastValue: number | null;
}

export interface BlobEntry {
  key: string;
  sha256: string;
  bytes: number;
  /** The backup (its id) whose folder holds the file: this one, or an earlier one of its chain. */
  in: string;
}

export interface Manifest {
  format: 'enlace-backup';
  version: 1;
  /** Unique; what an incremental backup names its bases by. */
  id: string;
  createdAt: string;
  /** The backup this one was made against (`--since`), or null for a full one. */
  since: string | null;
  /** Every earlier backup whose folder a restore needs (for the blobs they hold). */
  needs: string[];
  /** The applied migrations: a restore builds the same schema before loading the rows. */
  schema: { migrations: string[] };
  database: { tables: TableEntry[]; sequences: SequenceEntry[] };
  /** The trail's head in the snapshot, and its latest signed checkpoint (checkpoints.ts). */
  audit: {
    head: { seq: number; hash: string } | null;
    checkpoint: { seq: number; hash: string; at: string; fingerprint: string; signature: string } | null;
  };
  blobs: { store: 'fs' | 's3'; files: BlobEntry[] };
  /** Primary-key fingerprints of the custodians every data file is encrypted to (empty: not encrypted). */
  encryptedTo: string[];
  signer: { fingerprint: string };
}

/** A backup a restore cannot accept; nothing was changed. */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

export const blobFile = (key: string, encrypted: boolean) => `blobs/${key}${encrypted ? '.pgp' : ''}`;

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Signs the manifest's exact bytes with the portal key, and writes manifest, signature and signer. */
export async function writeSigned(
  dir: string,
  manifest: Manifest,
  signer: { key: openpgp.PrivateKey; lockedArmored: string },
  date: Date,
): Promise<void> {
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = await openpgp.sign({
    message: await openpgp.createMessage({ binary: bytes }),
    signingKeys: signer.key,
    detached: true,
    date,
    format: 'armored',
  });
  await fs.writeFile(path.join(dir, MANIFEST), bytes, { mode: 0o600, flag: 'wx' });
  await fs.writeFile(path.join(dir, SIGNATURE), signature, { mode: 0o600, flag: 'wx' });
  await fs.writeFile(path.join(dir, SIGNER), signer.lockedArmored, { mode: 0o600, flag: 'wx' });
}

/**
 * Reads a backup's manifest and checks its signature: the signer must be a portal key this master
 * key locked, and the signature over the manifest's bytes must verify with it. Refuses otherwise.
 */
export async function readSigned(dir: string, keyring: Keyring): Promise<Manifest> {
  const read = (name: string) =>
    fs.readFile(path.join(dir, name)).catch((err: NodeJS.ErrnoException) => {
      throw new BackupRefused(`${dir}: no ${name} (${err.code}): not a backup folder, or an unfinished one`);
    });
  const [bytes, signature, signer] = await Promise.all([read(MANIFEST), read(SIGNATURE), read(SIGNER)]);
  let key: openpgp.PrivateKey;
  try {
    key = await portalKeys.unlock(signer.toString('utf8'), keyring);
  } catch {
    throw new BackupRefused(`${dir}: its signer key does not open with this master key: not a backup of this portal (or the wrong master key)`);
  }
  try {
    const { signatures } = await openpgp.verify({
      message: await openpgp.createMessage({ binary: bytes }),
      signature: await openpgp.readSignature({ armoredSignature: signature.toString('utf8') }),
      verificationKeys: key.toPublic(),
      expectSigned: true,
    });
    await signatures[0]!.verified;
  } catch {
    throw new BackupRefused(`${dir}: the manifest's signature does not verify: it was changed after the backup was made`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch {
    throw new BackupRefused(`${dir}: the manifest is not JSON`);
  }
  if (manifest.format !== 'enlace-backup' || manifest.version !== 1) throw new BackupRefused(`${dir}: not a backup this version reads`);
  if (manifest.signer.fingerprint !== key.getFingerprint().toUpperCase()) {
    throw new BackupRefused(`${dir}: the manifest names another signer than the key that signed it`);
  }
  return manifest;
}
