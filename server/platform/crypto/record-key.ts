import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './master-key.ts';

/**
 * A record's own key, for content that must be destroyable one record at a time (person records'
 * retention, SECURITY.md). The value is encrypted under a random 256-bit key (AES-256-GCM, bound to
 * the record's id) before it is sealed to the space like any other record; the key is kept only
 * wrapped under the master key, in the record's row. Destroying that row's key crypto-shreds the
 * value: the sealed copy — in the database, a backup, or opened with the escrowed space key by
 * GnuPG — then holds only this envelope, which nothing opens any more.
 */
export interface Locked {
  v: 1;
  /** iv ‖ ciphertext ‖ tag, base64. */
  box: string;
}

const PURPOSE = 'record-key';

export class RecordKey {
  private constructor(
    readonly key: Buffer,
    readonly wrapped: Buffer,
  ) {}

  /** A fresh key for the record `recordId`. */
  static create(keyring: Keyring, recordId: string): RecordKey {
    const key = randomBytes(32);
    return new RecordKey(key, Buffer.from(keyring.seal(PURPOSE, key.toString('base64'), recordId), 'utf8'));
  }

  /** The key kept (wrapped) in the record's row. */
  static open(keyring: Keyring, recordId: string, wrapped: Buffer): RecordKey {
    return new RecordKey(Buffer.from(keyring.open(PURPOSE, wrapped.toString('utf8'), recordId), 'base64'), wrapped);
  }

  lock(recordId: string, value: unknown): Locked {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(recordId, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { v: 1, box: Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64') };
  }

  unlock<T>(recordId: string, locked: Locked): T {
    const raw = Buffer.from(locked.box, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(recordId, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8')) as T;
  }
}
