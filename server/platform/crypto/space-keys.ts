import { randomBytes } from 'node:crypto';
import * as openpgp from 'openpgp';
import type { Database } from '../db/database.ts';
import type { Keyring } from './master-key.ts';

/**
 * The space keyring: one OpenPGP key pair per space, the private half protected by a passphrase
 * derived from the master key (HKDF, the space id as info), and a random data key per version
 * (sealed under the master key) that wraps session keys for fast reads (see sealer.ts). What is
 * sealed is a standard OpenPGP message (no AEAD packets, v4 keys), which GnuPG 2.2 decrypts with
 * the escrowed key and that passphrase: the archive outlives the software.
 */
export function spacePassphrase(keyring: Keyring, spaceId: string): string {
  return keyring.derive(`space-key:${spaceId}`).toString('base64url');
}

const DATA_KEY_PURPOSE = 'space-data-key';
const dataKeyBinding = (spaceId: string, version: number) => `${spaceId}:${version}`;

/** A key version's data key: 32 random bytes, sealed under the master key, bound to the space and version. */
export function newDataKey(keyring: Keyring, spaceId: string, version: number): string {
  return keyring.seal(DATA_KEY_PURPOSE, randomBytes(32).toString('base64'), dataKeyBinding(spaceId, version));
}

export function openDataKey(keyring: Keyring, sealed: string, spaceId: string, version: number): Buffer {
  return Buffer.from(keyring.open(DATA_KEY_PURPOSE, sealed, dataKeyBinding(spaceId, version)), 'base64');
}

/** A new key for a space (first, or a rotation): the next version becomes the one that encrypts. */
export async function createSpaceKey(db: Database, keyring: Keyring, spaceId: string, now: Date): Promise<{ version: number; fingerprint: string }> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: `Enlace space ${spaceId}` }],
    passphrase: spacePassphrase(keyring, spaceId),
    date: now,
    format: 'armored',
  });
  const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint().toUpperCase();
  const { next } = await db
    .selectFrom('spaceKey')
    .select((eb) => eb.fn.coalesce(eb.fn.max('version'), eb.lit(0)).as('next'))
    .where('spaceId', '=', spaceId)
    .executeTakeFirstOrThrow();
  const version = Number(next) + 1;
  await db.updateTable('spaceKey').set({ retiredAt: now }).where('spaceId', '=', spaceId).where('retiredAt', 'is', null).execute();
  const dataKey = newDataKey(keyring, spaceId, version);
  await db.insertInto('spaceKey').values({ spaceId, version, fingerprint, publicKey, privateKey, dataKey, createdAt: now }).execute();
  return { version, fingerprint };
}
