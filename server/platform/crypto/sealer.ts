import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as openpgp from 'openpgp';
import { type Clock, systemClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import type { Keyring } from './master-key.ts';
import { sealMessage } from './openpgp-message.ts';
import { newDataKey, openDataKey, spacePassphrase } from './space-keys.ts';

/**
 * The one sealing service. Restricted values are stored as standard OpenPGP messages encrypted to
 * the space's key (what GnuPG reads with the escrowed key). Each message's session key is also
 * kept wrapped under the key version's *data key* (AES-256-GCM), so that reading a record costs
 * one symmetric unwrap instead of a public-key operation, and rotating a key re-wraps session keys
 * without re-encrypting data. Files share one session key across their chunks.
 */
export class SealError extends Error {
  override name = 'SealError';
  constructor(readonly reason: 'unreadable' | 'key_destroyed' | 'no_key') {
    super(`sealed content: ${reason}`);
  }
}

export interface Sealed {
  keyVersion: number;
  message: Uint8Array;
  wrappedKey: Buffer;
}

/** A session key ready to seal or open a file's chunks. */
export interface FileKey {
  spaceId: string;
  keyVersion: number;
  sessionKey: openpgp.SessionKey;
  wrappedKey: Buffer;
  /** The session-key packet to the space key, made once and put in front of every chunk. */
  pkesk: Uint8Array;
}

/**
 * The live-event notice a key destruction sends (server/features/keys): every instance that hears it
 * forgets its cached keys, so a data key destroyed in the database is not kept alive in another
 * process's memory (server/app.ts wires it).
 */
export const KEYS_DESTROYED = 'keys-destroyed';

const ALGORITHM = 'aes256';
const PKESK = openpgp.enums.packet.publicKeyEncryptedSessionKey;

/**
 * A small LRU: insertion order is recency (a hit re-inserts). Bounded by the sum of its values'
 * weights (`weigh`; by default each counts 1, so the bound is a count); a value heavier than the
 * bound is not kept.
 */
class Lru<V> {
  readonly #map = new Map<string, V>();
  #total = 0;
  constructor(
    readonly limit: number,
    readonly weigh: (value: V) => number = () => 1,
  ) {}
  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    const weight = this.weigh(value);
    this.#remove(key);
    if (weight > this.limit) return;
    for (const oldest of this.#map.keys()) {
      if (this.#total + weight <= this.limit) break;
      this.#remove(oldest);
    }
    this.#map.set(key, value);
    this.#total += weight;
  }
  #remove(key: string): void {
    const value = this.#map.get(key);
    if (value === undefined) return;
    this.#map.delete(key);
    this.#total -= this.weigh(value);
  }
  /** Empties it, each value first handed to `dispose` when given. */
  clear(dispose?: (value: V) => void): void {
    if (dispose) for (const value of this.#map.values()) dispose(value);
    this.#map.clear();
    this.#total = 0;
  }
}

/**
 * Records already opened, by what they are sealed as: a small record's plaintext bytes under the
 * SHA-256 of its space, key version, wrapped key and message — so an entry can only ever answer for
 * those exact stored bytes, and a record read again (a popular specimen, a list's every card) costs
 * a hash instead of an unwrap and an OpenPGP decryption (the `read` bench: a fifth of a read). It
 * sits below the policy: `open` is only called for content the caller may read. Bounded in bytes
 * (`ENLACE_OPEN_CACHE_MB`; 0 keeps nothing), least recently used out first, and emptied with the
 * keys (`forget`), so a destroyed key leaves no plaintext of its records behind; an open still in
 * flight while it empties does not put its result back.
 */
class OpenedRecords {
  readonly #bytes: Lru<Buffer>;
  /** Counts the times it was emptied; an open started before the last emptying keeps its result to itself. */
  generation = 0;
  constructor(readonly limitBytes: number) {
    this.#bytes = new Lru(limitBytes, (value) => value.length);
  }
  static keyOf(spaceId: string, sealed: Sealed): string {
    return createHash('sha256').update(`${spaceId}\0${sealed.keyVersion}\0`).update(sealed.wrappedKey).update(sealed.message).digest('base64');
  }
  get(key: string): Buffer | undefined {
    return this.#bytes.get(key);
  }
  set(key: string, value: Buffer, generation: number): void {
    if (generation === this.generation) this.#bytes.set(key, value);
  }
  clear(): void {
    this.#bytes.clear((value) => value.fill(0));
    this.generation++;
  }
}

const bound = (spaceId: string, version: number) => `${spaceId}:${version}`;

export interface SealerOptions {
  /** Key versions kept unlocked in memory (data keys, public and private keys), each. */
  keyCache?: number;
  /** Plaintext bytes of opened records kept (OpenedRecords); 0 keeps none. */
  openCacheBytes?: number;
  /** Told where each opened record came from (the metrics). */
  onOpen?: (source: 'memory' | 'decrypted') => void;
}

export class Sealer {
  readonly #db: Database;
  readonly #keyring: Keyring;
  readonly #dataKeys: Lru<Buffer>;
  readonly #publicKeys: Lru<openpgp.PublicKey>;
  readonly #privateKeys: Lru<openpgp.PrivateKey>;
  readonly #opened: OpenedRecords;
  readonly #onOpen: (source: 'memory' | 'decrypted') => void;
  readonly #clock: Clock;

  /**
   * The clock is the one space keys are dated by: OpenPGP checks a key's validity at the time of
   * use, so a key dated by the portal's clock is used at the portal's time, not the host's.
   */
  constructor(db: Database, keyring: Keyring, clock: Clock = systemClock, options: SealerOptions = {}) {
    const { keyCache = 256, openCacheBytes = 0, onOpen = () => {} } = options;
    this.#db = db;
    this.#keyring = keyring;
    this.#clock = clock;
    this.#dataKeys = new Lru(keyCache);
    this.#publicKeys = new Lru(keyCache);
    this.#privateKeys = new Lru(keyCache);
    this.#opened = new OpenedRecords(openCacheBytes);
    this.#onOpen = onOpen;
  }

  /** Forgets every cached key and opened record (after a key was destroyed, here or by another process: `KEYS_DESTROYED`). */
  forget(): void {
    this.#opened.clear();
    this.#dataKeys.clear();
    this.#publicKeys.clear();
    this.#privateKeys.clear();
  }

  async #current(db: Database, spaceId: string): Promise<{ version: number; publicKey: openpgp.PublicKey }> {
    const row = await db
      .selectFrom('spaceKey')
      .select(['version', 'fingerprint', 'publicKey'])
      .where('spaceId', '=', spaceId)
      .where('retiredAt', 'is', null)
      .where('destroyedAt', 'is', null)
      .executeTakeFirst();
    if (!row) throw new SealError('no_key');
    let publicKey = this.#publicKeys.get(row.fingerprint);
    if (!publicKey) {
      publicKey = await openpgp.readKey({ armoredKey: row.publicKey });
      this.#publicKeys.set(row.fingerprint, publicKey);
    }
    return { version: row.version, publicKey };
  }

  /**
   * The version's data key. Made on first use (a migration has no master key to make one with);
   * two processes racing both try, the first write wins and both read it back.
   */
  async #dataKey(db: Database, spaceId: string, version: number): Promise<Buffer> {
    const cacheKey = bound(spaceId, version);
    const cached = this.#dataKeys.get(cacheKey);
    if (cached) return cached;
    const read = () =>
      db.selectFrom('spaceKey').select(['dataKey', 'destroyedAt']).where('spaceId', '=', spaceId).where('version', '=', version).executeTakeFirst();
    let row = await read();
    if (!row) throw new SealError('no_key');
    if (row.destroyedAt) throw new SealError('key_destroyed');
    if (!row.dataKey) {
      const fresh = newDataKey(this.#keyring, spaceId, version);
      await db
        .updateTable('spaceKey')
        .set({ dataKey: fresh })
        .where('spaceId', '=', spaceId)
        .where('version', '=', version)
        .where('dataKey', 'is', null)
        .where('destroyedAt', 'is', null)
        .execute();
      row = await read();
      if (!row?.dataKey) throw new SealError('key_destroyed');
    }
    const key = openDataKey(this.#keyring, row.dataKey, spaceId, version);
    this.#dataKeys.set(cacheKey, key);
    return key;
  }

  async #wrap(db: Database, spaceId: string, version: number, sessionKey: Uint8Array): Promise<Buffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.#dataKey(db, spaceId, version), iv);
    cipher.setAAD(Buffer.from(bound(spaceId, version)));
    return Buffer.concat([iv, cipher.update(sessionKey), cipher.final(), cipher.getAuthTag()]);
  }

  /** The session key of a sealed value or file: one AES-GCM step, no public-key operation. */
  async unwrap(spaceId: string, keyVersion: number, wrappedKey: Uint8Array, db: Database = this.#db): Promise<openpgp.SessionKey> {
    const key = await this.#dataKey(db, spaceId, keyVersion);
    const raw = Buffer.from(wrappedKey);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(bound(spaceId, keyVersion)));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      const data = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
      return { data: new Uint8Array(data), algorithm: ALGORITHM };
    } catch {
      throw new SealError('unreadable');
    }
  }

  /** A fresh session key for a file (or a record), encrypted to the space's current key. */
  async newKey(spaceId: string, db: Database = this.#db): Promise<FileKey> {
    return this.#keyTo(db, spaceId, await this.#current(db, spaceId));
  }

  async #keyTo(db: Database, spaceId: string, { version, publicKey }: { version: number; publicKey: openpgp.PublicKey }): Promise<FileKey> {
    const sessionKey: openpgp.SessionKey = { data: new Uint8Array(randomBytes(32)), algorithm: ALGORITHM };
    const pkesk = (await openpgp.encryptSessionKey({
      ...sessionKey,
      encryptionKeys: publicKey,
      format: 'binary',
      date: this.#clock.now(),
    })) as Uint8Array;
    return { spaceId, keyVersion: version, sessionKey, wrappedKey: await this.#wrap(db, spaceId, version, sessionKey.data), pkesk };
  }

  /** One standard OpenPGP message of the bytes under the given key (a record, or one chunk of a file): openpgp-message.ts. */
  encrypt(key: FileKey, data: Uint8Array): Uint8Array {
    return sealMessage(key.pkesk, key.sessionKey.data, data);
  }

  /** Opens one message with its session key; anything altered is a SealError, never garbage. */
  async decrypt(sessionKey: openpgp.SessionKey, sealed: Uint8Array): Promise<Uint8Array> {
    try {
      const message = await openpgp.readMessage({ binaryMessage: sealed });
      const { data } = await openpgp.decrypt({ message, sessionKeys: sessionKey, format: 'binary', expectSigned: false });
      return data as Uint8Array;
    } catch {
      throw new SealError('unreadable');
    }
  }

  async seal(spaceId: string, value: unknown, db: Database = this.#db): Promise<Sealed> {
    return this.#sealWith(await this.newKey(spaceId, db), value);
  }

  /** One value as JSON, one message under its own session key. */
  #sealWith(key: FileKey, value: unknown): Sealed {
    const message = this.encrypt(key, Buffer.from(JSON.stringify(value), 'utf8'));
    return { keyVersion: key.keyVersion, message, wrappedKey: key.wrappedKey };
  }

  /**
   * Several values sealed under the space's current key, looked up once: each value still gets its
   * own session key and message, exactly what `seal` stores (for writing many records at once).
   */
  async sealMany(spaceId: string, values: readonly unknown[], db: Database = this.#db): Promise<Sealed[]> {
    const current = await this.#current(db, spaceId);
    return Promise.all(values.map(async (value) => this.#sealWith(await this.#keyTo(db, spaceId, current), value)));
  }

  /** One record's value (JSON). A record opened before comes from `OpenedRecords`, as a new object each time. */
  async open<T = unknown>(spaceId: string, sealed: Sealed, db: Database = this.#db): Promise<T> {
    const cached = this.#opened.limitBytes > 0;
    const key = cached ? OpenedRecords.keyOf(spaceId, sealed) : '';
    let bytes: Uint8Array | undefined = cached ? this.#opened.get(key) : undefined;
    if (!bytes) {
      const generation = this.#opened.generation;
      const sessionKey = await this.unwrap(spaceId, sealed.keyVersion, sealed.wrappedKey, db);
      bytes = await this.decrypt(sessionKey, sealed.message);
      if (cached) this.#opened.set(key, Buffer.from(bytes), generation);
      this.#onOpen('decrypted');
    } else {
      this.#onOpen('memory');
    }
    try {
      // A view of the bytes, not a copy (the cached plaintext is read, never changed).
      return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as T;
    } catch {
      throw new SealError('unreadable');
    }
  }

  /**
   * Opens with the space's private key, the slow path a reader without the data key would take
   * (GnuPG does the same): used to prove that stored messages stand alone, and by the bench.
   */
  async openWithPrivateKey(spaceId: string, sealed: Uint8Array, db: Database = this.#db): Promise<Uint8Array> {
    const rows = await db
      .selectFrom('spaceKey')
      .select(['fingerprint', 'privateKey'])
      .where('spaceId', '=', spaceId)
      .where('privateKey', 'is not', null)
      .orderBy('version', 'desc')
      .execute();
    const keys: openpgp.PrivateKey[] = [];
    for (const row of rows) {
      let key = this.#privateKeys.get(row.fingerprint);
      if (!key) {
        key = await openpgp.decryptKey({
          privateKey: await openpgp.readPrivateKey({ armoredKey: row.privateKey as string }),
          passphrase: spacePassphrase(this.#keyring, spaceId),
        });
        this.#privateKeys.set(row.fingerprint, key);
      }
      keys.push(key);
    }
    if (keys.length === 0) throw new SealError('key_destroyed');
    try {
      const { data } = await openpgp.decrypt({
        message: await openpgp.readMessage({ binaryMessage: sealed }),
        decryptionKeys: keys,
        format: 'binary',
      });
      return data as Uint8Array;
    } catch {
      throw new SealError('unreadable');
    }
  }

  /**
   * The same message addressed to another key: its session-key packets are replaced by one to the
   * new public key; the encrypted data packet is kept byte for byte (rotation re-wraps, it does not
   * re-encrypt).
   */
  async readdress(message: Uint8Array, sessionKey: openpgp.SessionKey, publicKey: openpgp.PublicKey): Promise<Uint8Array> {
    const parsed = await openpgp.readMessage({ binaryMessage: message });
    const prefix = parsed.packets.filterByTag(PKESK).write() as Uint8Array;
    if (!Buffer.from(message.subarray(0, prefix.length)).equals(Buffer.from(prefix))) throw new SealError('unreadable');
    const fresh = (await openpgp.encryptSessionKey({
      ...sessionKey,
      encryptionKeys: publicKey,
      format: 'binary',
      date: this.#clock.now(),
    })) as Uint8Array;
    return Buffer.concat([fresh, message.subarray(prefix.length)]);
  }

  /** Wraps a session key under another version's data key (rotation). */
  async rewrap(spaceId: string, keyVersion: number, sessionKey: openpgp.SessionKey, db: Database = this.#db): Promise<Buffer> {
    return this.#wrap(db, spaceId, keyVersion, sessionKey.data);
  }

  async currentKey(spaceId: string, db: Database = this.#db): Promise<{ version: number; publicKey: openpgp.PublicKey }> {
    return this.#current(db, spaceId);
  }
}
