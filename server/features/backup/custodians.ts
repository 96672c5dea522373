import { promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import * as openpgp from 'openpgp';
import { BackupRefused } from './manifest.ts';

/**
 * Backups encrypted to custodians: every data file becomes a standard OpenPGP message to their
 * public keys (as `keys export` does for a space's keys), so that GnuPG alone opens it too.
 */
export class BackupUsageError extends Error {}

/** The custodians' armored public keys, from files. */
export async function readCustodians(files: string[]): Promise<openpgp.PublicKey[]> {
  const keys: openpgp.PublicKey[] = [];
  for (const file of files) {
    const armored = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new BackupUsageError(`--to: cannot read ${file} (${err.code})`);
    });
    const key = await openpgp.readKey({ armoredKey: armored }).catch(() => {
      throw new BackupUsageError(`--to: ${file} is not an armored OpenPGP public key`);
    });
    if (key.isPrivate()) throw new BackupUsageError(`--to: ${file} is a private key; give the custodian's public key`);
    keys.push(key);
  }
  return keys;
}

export const fingerprintOf = (key: openpgp.Key) => key.getFingerprint().toUpperCase();

/** The bytes of `input`, encrypted to the custodians as they stream (one OpenPGP message). */
export async function encryptStream(input: Readable, keys: openpgp.PublicKey[]): Promise<Readable> {
  const message = await openpgp.createMessage({ binary: Readable.toWeb(input) as unknown as ReadableStream<Uint8Array> });
  const encrypted = await openpgp.encrypt({ message, encryptionKeys: keys, format: 'binary' });
  return Readable.fromWeb(encrypted as unknown as WebReadableStream<Uint8Array>);
}

/** A custodian's private key, unlocked with the passphrase when it has one. */
export async function readCustodianKey(file: string, passphrase: string | undefined): Promise<openpgp.PrivateKey> {
  const armored = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new BackupUsageError(`--key: cannot read ${file} (${err.code})`);
  });
  const key = await openpgp.readPrivateKey({ armoredKey: armored }).catch(() => {
    throw new BackupUsageError(`--key: ${file} is not an armored OpenPGP private key`);
  });
  if (key.isDecrypted()) return key;
  if (!passphrase) throw new BackupUsageError('--key: the key is locked; give its passphrase in ENLACE_BACKUP_KEY_PASSPHRASE');
  return openpgp.decryptKey({ privateKey: key, passphrase }).catch(() => {
    throw new BackupUsageError('--key: the passphrase (ENLACE_BACKUP_KEY_PASSPHRASE) does not unlock the key');
  });
}

/**
 * A data file decrypted whole in memory (OpenPGP without AEAD releases nothing before its final
 * integrity check): one table's dump or one blob at a time.
 */
export async function decryptFile(file: string, key: openpgp.PrivateKey): Promise<Buffer> {
  try {
    const message = await openpgp.readMessage({ binaryMessage: await fs.readFile(file) });
    const { data } = await openpgp.decrypt({ message, decryptionKeys: key, format: 'binary' });
    return Buffer.from(data);
  } catch (err) {
    throw new BackupRefused(`${file}: cannot be decrypted with the custodian key (${(err as Error).message})`);
  }
}
