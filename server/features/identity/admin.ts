import { randomBytes, randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { ARGON2_OPTIONS, PASSWORD_MAX, PASSWORD_MIN } from '../../platform/auth/password.ts';
import { revokeUserSessions } from '../../platform/auth/sessions.ts';
import { newTotpSecret, sealTotpSecret } from '../../platform/auth/totp.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import type { Database } from '../../platform/db/database.ts';
import type { GlobalRole } from '../../platform/db/schema.ts';
import { SECRETARIAT_CODE } from '../../platform/reference/countries.ts';
import { insertUser, placeOf } from './accounts.ts';

/** A command-line mistake: the message is for the operator, the exit code is EX_USAGE. */
export class UsageError extends Error {}

const ROLES: readonly GlobalRole[] = ['secretariat', 'presidency', 'auditor'];

export interface CreateUserArgs {
  email?: string | undefined;
  password?: string | undefined;
  country?: string | undefined;
  role?: string[] | undefined;
  name?: string | undefined;
  organisation?: string | undefined;
  language?: string | undefined;
}

/**
 * `enlace admin create-user`: an active account with its second factor already provisioned,
 * for scripts and first installs. The TOTP secret is printed once, for the person's app.
 */
export async function createUserCommand(db: Database, keyring: Keyring, args: CreateUserArgs, now: Date) {
  const { email, password, country } = args;
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new UsageError('--email: a valid e-mail address is required');
  if (!password || password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new UsageError(`--password: ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`);
  }
  if (!country || !/^[A-Z]{2,5}$/.test(country))
    throw new UsageError('--country: a member country (alpha-3) or an organisation code (SV, or a registered one)');
  const place = await placeOf(db, country);
  if (place !== 'ok')
    throw new UsageError(
      `--country: ${country} is ${place === 'inactive' ? 'a deactivated organisation' : 'neither a member country, SV nor a registered organisation'}`,
    );
  const roles = (args.role ?? []) as GlobalRole[];
  const unknown = roles.filter((r) => !ROLES.includes(r));
  if (unknown.length) throw new UsageError(`--role: one of ${ROLES.join(', ')} (got ${unknown.join(', ')})`);
  const language = args.language ?? 'es';
  if (language !== 'es' && language !== 'en') throw new UsageError('--language: es or en');
  const exists = await db.selectFrom('appUser').select('id').where('email', '=', email).executeTakeFirst();
  if (exists) throw new UsageError(`an account with the e-mail ${email} already exists`);
  const totpSecret = newTotpSecret();
  const id = randomUUID();
  const user = await insertUser(
    db,
    {
      id,
      email,
      displayName: args.name ?? email.split('@')[0]!,
      country,
      organisation: args.organisation ?? country,
      language,
      roles: [...new Set(roles)],
      status: 'active',
      passwordHash: await argon2.hash(password, ARGON2_OPTIONS),
      totpSecret: sealTotpSecret(keyring, id, totpSecret),
    },
    now,
  );
  return { id: user.id, email: user.email, displayName: user.displayName, country: user.country, roles: user.roles, totpSecret };
}

/** `enlace admin reset-2fa`: for a lost phone. The person enrols again at the next sign-in. */
export async function resetSecondFactor(db: Database, email: string | undefined, now: Date) {
  if (!email) throw new UsageError('--email is required');
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('appUser')
      .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: now })
      .where('email', '=', email)
      .returning(['id', 'email'])
      .executeTakeFirst();
    if (!user) throw new UsageError(`no account with the e-mail ${email}`);
    await trx.deleteFrom('recoveryCode').where('userId', '=', user.id).execute();
    const sessionsEnded = await revokeUserSessions(trx, user.id, now);
    return { id: user.id, email: user.email, sessionsEnded };
  });
}

export const FIRST_ACCOUNT_EMAIL = 'secretariat@enlace.local';

/**
 * On first start with no account at all, one Secretariat account so that someone can sign in
 * and invite the others. Its password is returned once (the caller prints it); it has no
 * second factor yet, so its first sign-in leads straight to the set-up.
 */
export async function ensureFirstAccount(db: Database, now: Date): Promise<{ email: string; password: string } | undefined> {
  const any = await db.selectFrom('appUser').select('id').limit(1).executeTakeFirst();
  if (any) return undefined;
  const password = randomBytes(15).toString('base64url');
  const inserted = await db
    .insertInto('appUser')
    .values({
      email: FIRST_ACCOUNT_EMAIL,
      displayName: 'Secretaría Virtual',
      country: SECRETARIAT_CODE,
      organisation: 'Secretaría Virtual',
      language: 'es',
      roles: ['secretariat'],
      status: 'active',
      passwordHash: await argon2.hash(password, ARGON2_OPTIONS),
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  // Another instance starting at the same moment may have won: then it prints, not us.
  return inserted ? { email: FIRST_ACCOUNT_EMAIL, password } : undefined;
}
