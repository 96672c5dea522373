import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RefuseAfterCommit } from '../../platform/audit/plugin.ts';
import { PasswordQueueFull } from '../../platform/auth/password.ts';
import { looksLikeRecoveryCode } from '../../platform/auth/recovery.ts';
import type { IssuedSession, User } from '../../platform/auth/sessions.ts';
import { accountKey, addressKey, clearThrottle, recordFailure, throttleWait } from '../../platform/auth/throttle.ts';
import type { Database } from '../../platform/db/database.ts';
import type { SessionStage } from '../../platform/db/schema.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { userView } from './accounts.ts';
import { type Client, checkSecondFactor, newSession } from './session.ts';

/**
 * Signing in over HTTP: the part of identity that is about the request and the reply — the
 * client a session is opened from, the cookie, Retry-After, the audit note of an attempt — around
 * the services of ./session.ts and ./accounts.ts, which know nothing of HTTP.
 */
export const clientOf = (request: FastifyRequest): Client => ({ address: request.ip, userAgent: request.headers['user-agent'] });

/** Once the session is committed: its cookie set, and the user with the CSRF token as the answer. */
export async function signedIn(app: FastifyInstance, reply: FastifyReply, user: User, issued: IssuedSession, stage: SessionStage) {
  app.sessionCookie.set(reply, issued);
  return reply.send({ user: await userView(app.db, user), csrfToken: issued.csrfToken, stage });
}

export interface LoginInput {
  email: string;
  password: string;
  otp?: string | undefined;
}

/**
 * Password, then second factor. Every wrong answer gives the same 401 and counts against both
 * the account and the client address — the count and the refusal's audit entry commit together;
 * a missing account costs the same argon2 work as a real one. Only a right password without a
 * code is told that a code is needed: 202 `{ next: 'second_factor' }`, recorded as an allowed step. A code is spent, the throttle cleared and the session
 * issued in one change with the entry that records the sign-in.
 */
export async function login(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, input: LoginInput) {
  const now = app.clock.now();
  const keys = [accountKey(input.email), addressKey(request.ip)];
  const wait = await throttleWait(app.db, keys, now);
  if (wait > 0) {
    reply.header('retry-after', String(wait));
    throw new ApiError(429, 'login_throttled', { seconds: wait });
  }
  const refused = async (trx: Database): Promise<never> => {
    await recordFailure(trx, keys, now);
    throw new RefuseAfterCommit(new ApiError(401, 'invalid_credentials'));
  };

  const user = await app.db.selectFrom('appUser').selectAll().where('email', '=', input.email.trim()).executeTakeFirst();
  // The attempt is recorded against the account it was for (an unknown address: against no one).
  if (user) request.audit.actor = { id: user.id, country: user.country };
  let verdict: { ok: boolean; needsRehash: boolean };
  try {
    verdict = user?.passwordHash
      ? await app.passwords.verify(user.passwordHash, input.password)
      : { ok: await app.passwords.verifyNothing(input.password), needsRehash: false };
  } catch (err) {
    if (err instanceof PasswordQueueFull) {
      reply.header('retry-after', '5');
      throw new ApiError(503, 'service_unavailable');
    }
    throw err;
  }
  if (!user || !verdict.ok || user.status !== 'active') return request.change(refused);
  if (user.totpEnabledAt && !input.otp) {
    // Not a refusal: the first of two steps went right, and the entry says so (an auditor would
    // otherwise see a denial before every sign-in). Nothing changes; the throttle is left as it is.
    request.audit.detail({ step: 'password', next: 'second_factor' });
    await request.change(async () => undefined, { status: 202 });
    return reply.code(202).send({ next: 'second_factor' as const });
  }
  const rehashed = verdict.needsRehash ? await app.passwords.hash(input.password) : null;

  const stage: SessionStage = user.totpEnabledAt ? 'full' : 'enrol';
  const issued = await request.change(async (trx) => {
    if (user.totpEnabledAt) {
      request.audit.detail({ factor: looksLikeRecoveryCode(input.otp!) ? 'recovery_code' : 'totp' });
      if (!(await checkSecondFactor(trx, app.keyring, user, input.otp!, now))) return refused(trx);
    }
    if (rehashed) await trx.updateTable('appUser').set({ passwordHash: rehashed }).where('id', '=', user.id).execute();
    await clearThrottle(trx, keys[0]!);
    request.audit.detail({ stage });
    return newSession(app, trx, clientOf(request), user, stage);
  });
  return signedIn(app, reply, user, issued, stage);
}
