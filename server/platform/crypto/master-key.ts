import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import type { Database } from '../db/database.ts';

/**
 * The master key (32 random bytes) and what is derived from it. It comes from ENLACE_MASTER_KEY
 * (base64), from ENLACE_MASTER_KEY_FILE, or — the embedded default — from `<data>/master.key`,
 * created at first start with mode 0600. It is never written to the database; a check value is,
 * so that a server started with the wrong key refuses to run instead of writing garbage.
 *
 * Small secrets that must be read back in clear to be used (TOTP secrets) are sealed with
 * AES-256-GCM under a purpose-specific key derived by HKDF, bound to their row by the associated
 * data. Restricted content uses OpenPGP (the Sealing issue); this is for the portal's own secrets.
 */
export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

export interface Keyring {
  /** Where the key came from, for the start-up message. */
  readonly source: 'environment' | 'file' | 'created' | 'test';
  derive(purpose: string): Buffer;
  seal(purpose: string, plaintext: string, boundTo: string): string;
  open(purpose: string, sealed: string, boundTo: string): string;
}

const VERSION = 'v1';

export function keyringFrom(master: Buffer, source: Keyring['source']): Keyring {
  if (master.length !== 32) throw new MasterKeyError(`the master key must be 32 bytes (got ${master.length})`);
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `enlace:${purpose}`, 32));
  return {
    source,
    derive,
    seal(purpose, plaintext, boundTo) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', derive(purpose), iv);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    open(purpose, sealed, boundTo) {
      const [version, data] = sealed.split('.');
      if (version !== VERSION || !data) throw new MasterKeyError('not a sealed value');
      const raw = Buffer.from(data, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', derive(purpose), raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new MasterKeyError(`${where}: expected 32 bytes in base64 (44 characters), got ${key.length} bytes`);
  return key;
}

/** Finds the master key as configured, creating the embedded default when there is none. */
export async function loadMasterKey(config: Config, warn: (message: string) => void): Promise<Keyring> {
  if (config.masterKey) return keyringFrom(decode(config.masterKey, 'ENLACE_MASTER_KEY'), 'environment');
  if (config.masterKeyFile) {
    const text = await fs.readFile(config.masterKeyFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new MasterKeyError(`ENLACE_MASTER_KEY_FILE: cannot read ${config.masterKeyFile} (${err.code})`);
    });
    return keyringFrom(decode(text, 'ENLACE_MASTER_KEY_FILE'), 'file');
  }
  const file = path.join(config.dataDir, 'master.key');
  try {
    return keyringFrom(decode(await fs.readFile(file, 'utf8'), file), 'file');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await fs.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  await fs.writeFile(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  warn(
    `A new master key was created in ${file} (mode 0600). Everything sealed by this portal depends on it: ` +
      'back it up somewhere safe and separate from the database. In production, give it through ENLACE_MASTER_KEY ' +
      'or ENLACE_MASTER_KEY_FILE instead.',
  );
  return keyringFrom(decode(await fs.readFile(file, 'utf8'), file), 'created');
}

function checkValue(keyring: Keyring): Buffer {
  return createHmac('sha256', keyring.derive('key-check')).update('enlace master key check').digest();
}

/** Records the check value on first use; afterwards refuses a key that does not match it. */
export async function verifyMasterKey(db: Database, keyring: Keyring): Promise<void> {
  const mine = checkValue(keyring);
  await db
    .insertInto('masterKeyCheck')
    .values({ checkValue: mine })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const { checkValue: stored } = await db.selectFrom('masterKeyCheck').select('checkValue').executeTakeFirstOrThrow();
  if (!timingSafeEqual(stored, mine)) {
    throw new MasterKeyError(
      'the master key does not match this database (its check value differs). Start with the key this database was ' +
        'created with (ENLACE_MASTER_KEY, ENLACE_MASTER_KEY_FILE or <data>/master.key); nothing was changed.',
    );
  }
}
