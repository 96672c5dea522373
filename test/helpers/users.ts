import { randomBytes, randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import type { FastifyInstance } from 'fastify';
import { ARGON2_OPTIONS } from '../../server/platform/auth/password.ts';
import { newTotpSecret, sealTotpSecret, totpCode } from '../../server/platform/auth/totp.ts';
import type { Database } from '../../server/platform/db/database.ts';
import type { GlobalRole, UserStatus } from '../../server/platform/db/schema.ts';
import type { TestClock } from './clock.ts';
import { TEST_KEYRING } from './keys.ts';

export interface UserFixture {
  id: string;
  email: string;
  password: string;
  totpSecret: string | null;
}

export interface UserOptions {
  email?: string;
  password?: string;
  roles?: GlobalRole[];
  country?: string;
  organisation?: string;
  language?: 'es' | 'en';
  status?: UserStatus;
  /** false: an account that has not set up its second factor yet. */
  enrolled?: boolean;
}

/** An account written straight into the database (the factory; the API paths have their own tests). */
export async function createUser(db: Database, options: UserOptions = {}): Promise<UserFixture> {
  const email = options.email ?? `officer-${randomBytes(4).toString('hex')}@example.org`;
  const password = options.password ?? 'correct horse battery staple';
  const totpSecret = options.enrolled === false ? null : newTotpSecret();
  const id = randomUUID();
  const row = await db
    .insertInto('appUser')
    .values({
      id,
      email,
      displayName: 'Test Officer',
      country: options.country ?? 'CRI',
      organisation: options.organisation ?? 'Dirección General de Migración y Extranjería',
      language: options.language ?? 'es',
      roles: options.roles ?? [],
      status: options.status ?? 'active',
      passwordHash: options.status === 'invited' ? null : await argon2.hash(password, ARGON2_OPTIONS),
      totpSecret: totpSecret ? sealTotpSecret(TEST_KEYRING, id, totpSecret) : null,
      totpEnabledAt: totpSecret ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, password, totpSecret };
}

export interface SignedIn {
  user: UserFixture;
  cookie: string;
  csrfToken: string;
  /** Headers for a state-changing request: the cookie and the CSRF token. */
  headers: Record<string, string>;
}

export function sessionCookie(res: { cookies: { name: string; value: string }[] }): string {
  const cookie = res.cookies.find((c) => c.name.endsWith('enlace_session'));
  if (!cookie) throw new Error('no session cookie in the response');
  return `${cookie.name}=${cookie.value}`;
}

/** Creates an account (unless given) and signs it in through POST /api/session. */
export async function signIn(
  app: FastifyInstance,
  db: Database,
  clock: TestClock,
  options: UserOptions & { user?: UserFixture } = {},
): Promise<SignedIn> {
  const user = options.user ?? (await createUser(db, options));
  const payload: Record<string, string> = { email: user.email, password: user.password };
  if (user.totpSecret) payload.otp = totpCode(user.totpSecret, clock.now());
  const res = await app.inject({ method: 'POST', url: '/api/session', payload });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  // The next code must come from a later time step: one code, one use.
  clock.advance(30_000);
  const cookie = sessionCookie(res);
  const csrfToken = res.json().csrfToken as string;
  return { user, cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
