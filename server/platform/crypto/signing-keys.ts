import * as openpgp from 'openpgp';
import type { Database } from '../db/database.ts';
import type { Keyring } from './master-key.ts';

/**
 * The portal's own OpenPGP signing keys, one table each: `audit_key` signs the audit trail's
 * checkpoints, `portal_key` signs alert mail and webhook bodies. The private half is stored locked
 * with a passphrase derived from the master key under the key's purpose; a key is made on first use
 * (several instances starting at once agree on one: a partial unique index admits one current key).
 */
export type SigningKeyTable = 'auditKey' | 'portalKey';

export class SigningKeys {
  readonly #unlocked = new Map<string, Promise<openpgp.PrivateKey>>();

  constructor(
    readonly table: SigningKeyTable,
    readonly purpose: string,
    readonly userId: string,
    /**
     * How far before `now` signatures are dated (and, by a day more, the key): what the portal signs
     * for others to check (mail, webhooks) must not look "made in the future" to a receiver whose
     * clock lags ours — OpenPGP implementations refuse such signatures.
     */
    readonly leewayMs = 0,
  ) {}

  /** The time a signature made now carries. */
  signatureDate(now: Date): Date {
    return new Date(now.getTime() - this.leewayMs);
  }

  #passphrase(keyring: Keyring): string {
    return keyring.derive(this.purpose).toString('base64url');
  }

  /** The current key, made on first use. */
  async current(db: Database, keyring: Keyring, now: Date): Promise<{ fingerprint: string; publicKey: string }> {
    const current = () => db.selectFrom(this.table).select(['fingerprint', 'publicKey']).where('retiredAt', 'is', null).executeTakeFirst();
    const found = await current();
    if (found) return found;
    const { privateKey, publicKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'ed25519Legacy',
      userIDs: [{ name: this.userId }],
      passphrase: this.#passphrase(keyring),
      date: this.leewayMs ? new Date(now.getTime() - this.leewayMs - 86_400_000) : now,
      format: 'armored',
    });
    const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint().toUpperCase();
    // The loser of a race drops its key.
    await db
      .insertInto(this.table)
      .values({ fingerprint, publicKey, privateKey, createdAt: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return (await current())!;
  }

  /** Every public key there has been, by fingerprint (a rotation keeps old signatures verifiable). */
  async publicKeys(db: Database): Promise<Map<string, string>> {
    const rows = await db.selectFrom(this.table).select(['fingerprint', 'publicKey']).execute();
    return new Map(rows.map((r) => [r.fingerprint, r.publicKey]));
  }

  /** The unlocked private key of a fingerprint (kept in memory once unlocked). */
  privateKey(db: Database, keyring: Keyring, fingerprint: string): Promise<openpgp.PrivateKey> {
    let key = this.#unlocked.get(fingerprint);
    if (!key) {
      key = (async () => {
        const row = await db.selectFrom(this.table).select('privateKey').where('fingerprint', '=', fingerprint).executeTakeFirstOrThrow();
        const locked = await openpgp.readPrivateKey({ armoredKey: row.privateKey });
        return openpgp.decryptKey({ privateKey: locked, passphrase: this.#passphrase(keyring) });
      })();
      key.catch(() => this.#unlocked.delete(fingerprint));
      this.#unlocked.set(fingerprint, key);
    }
    return key;
  }

  /**
   * An armored private key carried outside the database (a backup's signer), unlocked with this
   * purpose's passphrase: only a key this portal's master key locked opens. A key stored unlocked
   * is refused (anyone could have made it).
   */
  async unlock(armoredKey: string, keyring: Keyring): Promise<openpgp.PrivateKey> {
    const locked = await openpgp.readPrivateKey({ armoredKey });
    if (locked.isDecrypted()) throw new Error('the key is not locked');
    return openpgp.decryptKey({ privateKey: locked, passphrase: this.#passphrase(keyring) });
  }

  /** The current key, unlocked, for signing now. */
  async signing(db: Database, keyring: Keyring, now: Date): Promise<{ fingerprint: string; key: openpgp.PrivateKey }> {
    const { fingerprint } = await this.current(db, keyring, now);
    return { fingerprint, key: await this.privateKey(db, keyring, fingerprint) };
  }
}

/** The audit trail's key (checkpoints). */
export const auditKeys = new SigningKeys('auditKey', 'audit-key', 'Enlace audit trail');
/** The portal's key: alert mail and webhooks. */
export const portalKeys = new SigningKeys('portalKey', 'portal-key', 'Enlace portal', 5 * 60_000);
