import * as openpgp from 'openpgp';
import { hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from '../../platform/auth/recovery.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError } from '../../platform/http/errors.ts';

/**
 * A public key we can encrypt alert mail to: one armored public key (never a private one), not
 * revoked or expired, with an encryption-capable (sub)key. Returns its fingerprint.
 */
export async function validatePublicKey(armored: string, now: Date): Promise<string> {
  const refuse = (code: 'pgp_not_a_key' | 'pgp_private_key' | 'pgp_revoked' | 'pgp_cannot_encrypt'): never => {
    throw new ApiError(400, code, {}, 'body.pgpPublicKey');
  };
  let key: openpgp.Key;
  try {
    key = await openpgp.readKey({ armoredKey: armored });
  } catch {
    return refuse('pgp_not_a_key');
  }
  if (key.isPrivate()) return refuse('pgp_private_key');
  if (await key.isRevoked(undefined, undefined, now)) return refuse('pgp_revoked');
  try {
    await key.getEncryptionKey(undefined, now);
  } catch {
    return refuse('pgp_cannot_encrypt');
  }
  return key.getFingerprint().toUpperCase();
}

/** Ten fresh codes replace any earlier ones; they are shown once and stored hashed. */
export async function replaceRecoveryCodes(db: Database, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.deleteFrom('recoveryCode').where('userId', '=', userId).execute();
  await db
    .insertInto('recoveryCode')
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), usedAt: null })))
    .execute();
  return codes;
}
