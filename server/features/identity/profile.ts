import * as openpgp from 'openpgp';
import { hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from '../../platform/auth/recovery.ts';
import type { User } from '../../platform/auth/sessions.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanLine } from '../../platform/http/text.ts';
import type { Language } from '../../platform/i18n/language.ts';

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

/** The spaces one belongs to, newest first, with one's role in each. */
export const mySpaces = (db: Database, userId: string) =>
  db
    .selectFrom('membership')
    .innerJoin('space', 'space.id', 'membership.spaceId')
    .select(['space.id', 'space.networkId', 'space.nameEs', 'space.nameEn', 'membership.role'])
    .where('membership.userId', '=', userId)
    .orderBy('space.opensOn', 'desc')
    .execute();

export interface ProfileChange {
  displayName?: string | undefined;
  language?: Language | undefined;
  /** A checked public key and its fingerprint, or both null to remove it. */
  pgp?: { pgpPublicKey: string | null; pgpFingerprint: string | null } | undefined;
}

/** One's own name, language and OpenPGP key. */
export const updateProfile = (trx: Database, userId: string, change: ProfileChange, now: Date): Promise<User> =>
  trx
    .updateTable('appUser')
    .set({
      ...(change.displayName !== undefined ? { displayName: cleanLine(change.displayName) } : {}),
      ...(change.language !== undefined ? { language: change.language } : {}),
      ...(change.pgp ?? {}),
      updatedAt: now,
    })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();

export async function setPassword(trx: Database, userId: string, passwordHash: string, now: Date): Promise<void> {
  await trx.updateTable('appUser').set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where('id', '=', userId).execute();
}

/** The second factor being set up: its secret, sealed, until a code from the app confirms it. */
export async function setPendingSecret(trx: Database, userId: string, sealedSecret: string): Promise<void> {
  await trx.updateTable('appUser').set({ totpPendingSecret: sealedSecret }).where('id', '=', userId).execute();
}

/** The pending secret becomes the second factor (once: undefined when it already was). */
export const enableSecondFactor = (trx: Database, user: User, step: number, now: Date) =>
  trx
    .updateTable('appUser')
    .set({ totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step, updatedAt: now })
    .where('id', '=', user.id)
    .where('totpEnabledAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
