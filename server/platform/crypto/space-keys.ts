import * as openpgp from 'openpgp';
import type { Database } from '../db/database.ts';
import type { Keyring } from './master-key.ts';

/**
 * The space keyring: one OpenPGP key pair per space, the private half protected by a passphrase
 * derived from the master key (HKDF, the space id as info). What it seals is a standard OpenPGP
 * message (no AEAD packets, v4 keys), which GnuPG 2.2 decrypts with the escrowed key and that
 * passphrase: the archive outlives the software.
 */
export function spacePassphrase(keyring: Keyring, spaceId: string): string {
  return keyring.derive(`space-key:${spaceId}`).toString('base64url');
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
  await db.insertInto('spaceKey').values({ spaceId, version, fingerprint, publicKey, privateKey, createdAt: now }).execute();
  return { version, fingerprint };
}

/**
 * Seals and opens for spaces. Decrypted private keys are kept in a small in-process cache (the
 * passphrase step costs an S2K each time); nothing here is shared between instances.
 */
export class SpaceKeys {
  readonly #db: Database;
  readonly #keyring: Keyring;
  readonly #private = new Map<string, openpgp.PrivateKey>();
  readonly #limit: number;

  constructor(db: Database, keyring: Keyring, cacheSize = 256) {
    this.#db = db;
    this.#keyring = keyring;
    this.#limit = cacheSize;
  }

  async #current(spaceId: string) {
    const row = await this.#db
      .selectFrom('spaceKey')
      .select(['publicKey', 'fingerprint'])
      .where('spaceId', '=', spaceId)
      .where('retiredAt', 'is', null)
      .executeTakeFirst();
    if (!row) throw new Error(`space ${spaceId} has no key`);
    return row;
  }

  async #privateKeys(spaceId: string): Promise<openpgp.PrivateKey[]> {
    const rows = await this.#db.selectFrom('spaceKey').select(['fingerprint', 'privateKey']).where('spaceId', '=', spaceId).orderBy('version', 'desc').execute();
    const keys: openpgp.PrivateKey[] = [];
    for (const row of rows) {
      let key = this.#private.get(row.fingerprint);
      if (!key) {
        key = await openpgp.decryptKey({
          privateKey: await openpgp.readPrivateKey({ armoredKey: row.privateKey }),
          passphrase: spacePassphrase(this.#keyring, spaceId),
        });
        if (this.#private.size >= this.#limit) this.#private.delete(this.#private.keys().next().value as string);
        this.#private.set(row.fingerprint, key);
      }
      keys.push(key);
    }
    return keys;
  }

  /** A binary OpenPGP message encrypted to the space's current key. */
  async seal(spaceId: string, data: Uint8Array | string): Promise<Uint8Array> {
    const { publicKey } = await this.#current(spaceId);
    const message = typeof data === 'string' ? await openpgp.createMessage({ text: data }) : await openpgp.createMessage({ binary: data });
    return openpgp.encrypt({ message, encryptionKeys: await openpgp.readKey({ armoredKey: publicKey }), format: 'binary' });
  }

  async open(spaceId: string, sealed: Uint8Array): Promise<Uint8Array> {
    const message = await openpgp.readMessage({ binaryMessage: sealed });
    const { data } = await openpgp.decrypt({ message, decryptionKeys: await this.#privateKeys(spaceId), format: 'binary' });
    return data;
  }

  async openText(spaceId: string, sealed: Uint8Array): Promise<string> {
    return new TextDecoder().decode(await this.open(spaceId, sealed));
  }
}
