import { hashRecoveryCode, looksLikeRecoveryCode } from '../../platform/auth/recovery.ts';
import { type IssuedSession, issueSession, revokeSession, sessionPolicy, type User } from '../../platform/auth/sessions.ts';
import { openTotpSecret, verifyTotp } from '../../platform/auth/totp.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import type { Database } from '../../platform/db/database.ts';
import type { SessionStage } from '../../platform/db/schema.ts';
import type { Services } from '../../services.ts';

/** Where a session is opened from: what it records of the client. */
export interface Client {
  address: string;
  userAgent: string | undefined;
}

/**
 * A code from the app (each time step accepted once, ±1 step of skew) or an unused recovery
 * code (spent by this call). Both updates are conditional, so two requests racing with the same
 * code cannot both win.
 */
export async function checkSecondFactor(db: Database, keyring: Keyring, user: User, otp: string, now: Date): Promise<boolean> {
  if (!user.totpSecret) return false;
  if (looksLikeRecoveryCode(otp)) {
    const spent = await db
      .updateTable('recoveryCode')
      .set({ usedAt: now })
      .where('userId', '=', user.id)
      .where('codeHash', '=', hashRecoveryCode(otp))
      .where('usedAt', 'is', null)
      .executeTakeFirst();
    return spent.numUpdatedRows === 1n;
  }
  const step = verifyTotp(openTotpSecret(keyring, user.id, user.totpSecret), otp, now, user.totpLastStep);
  if (step === null) return false;
  const taken = await db
    .updateTable('appUser')
    .set({ totpLastStep: step })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return taken.numUpdatedRows === 1n;
}

/** A new session for the user on this client, stored in `db` (the change's transaction). */
export function newSession(
  services: Pick<Services, 'config' | 'clock'>,
  db: Database,
  client: Client,
  user: Pick<User, 'id'>,
  stage: SessionStage,
): Promise<IssuedSession> {
  return issueSession(
    db,
    { userId: user.id, stage, clientAddress: client.address, userAgent: client.userAgent },
    services.clock.now(),
    sessionPolicy(services.config),
  );
}

/** A new session that replaces `current` (after enrolment, a password change): the old one ends. */
export async function rotateSession(
  services: Pick<Services, 'config' | 'clock'>,
  db: Database,
  client: Client,
  current: string | undefined,
  user: Pick<User, 'id'>,
  stage: SessionStage,
): Promise<IssuedSession> {
  if (current) await revokeSession(db, current, services.clock.now());
  return newSession(services, db, client, user, stage);
}
