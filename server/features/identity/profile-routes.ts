import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../policies/ability.ts';
import { currentUser } from '../../platform/auth/plugin.ts';
import { revokeUserSessions, type Session, type SessionUser, withSecrets } from '../../platform/auth/sessions.ts';
import { newTotpSecret, openTotpSecret, sealTotpSecret, totpQrSvg, totpUri, verifyTotp } from '../../platform/auth/totp.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { userView } from './accounts.ts';
import { enableSecondFactor, mySpaces, replaceRecoveryCodes, setPassword, setPendingSecret, updateProfile, validatePublicKey } from './profile.ts';
import { ChangePasswordBody, CsrfOnly, Enrolled, Me, OtpBody, RecoveryCodes, TotpStart, UpdateMeBody } from './profile-schemas.ts';
import { checkSecondFactor, rotateSession } from './session.ts';
import { clientOf } from './sign-in.ts';

export default async function meRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const me = async (request: FastifyRequest, user: SessionUser, session: Session) => {
    const { actor, ability } = await request.access();
    // Where the policy lets me write an item (specimen, alert): the web offers only these spaces.
    const mayCreate = (spaceId: string) => can(ability, 'create', 'Item', { spaceId, originatorId: actor.id, originatorCountry: actor.country });
    return {
      user: await userView(app.db, user),
      spaces: (await mySpaces(app.db, user.id)).map((space) => ({ ...space, createItems: mayCreate(space.id) })),
      session: { id: session.id, stage: session.stage, expiresAt: new Date(session.expiresAt).toISOString() },
    };
  };

  app.get(
    '/api/me',
    { config: { audit: false, access: 'enrol' }, schema: { tags: ['me'], summary: 'The signed-in user and session', response: { 200: Me } } },
    async (request) => {
      const { user, session } = currentUser(request);
      return me(request, user, session);
    },
  );

  app.patch(
    '/api/me',
    {
      config: { audit: 'account.update', access: 'enrol' },
      schema: { tags: ['me'], summary: 'Change my name, language or OpenPGP public key', body: UpdateMeBody, response: { 200: Me } },
    },
    async (request) => {
      const { user, session } = currentUser(request);
      const now = app.clock.now();
      const { displayName, language, pgpPublicKey } = request.body;
      let pgp: { pgpPublicKey: string | null; pgpFingerprint: string | null } | undefined;
      if (pgpPublicKey === null) pgp = { pgpPublicKey: null, pgpFingerprint: null };
      else if (pgpPublicKey !== undefined) {
        pgp = { pgpPublicKey: pgpPublicKey.trim(), pgpFingerprint: await validatePublicKey(pgpPublicKey, now) };
      }
      request.audit.detail({ fields: Object.keys(request.body) });
      const updated = await request.change((trx) => updateProfile(trx, user.id, { displayName, language, pgp }, now));
      return me(request, updated, session);
    },
  );

  app.post(
    '/api/me/password',
    {
      config: { audit: 'account.password_change' },
      schema: {
        tags: ['me'],
        summary: 'Change my password; ends my other sessions and renews this one',
        body: ChangePasswordBody,
        response: { 200: CsrfOnly },
      },
    },
    async (request, reply) => {
      const { session } = currentUser(request);
      const user = await withSecrets(app.db, currentUser(request).user.id);
      const { ok } = await app.passwords.verify(user.passwordHash ?? '', request.body.currentPassword);
      if (!ok) throw new ApiError(400, 'wrong_password', {}, 'body.currentPassword');
      const passwordHash = await app.passwords.hash(request.body.newPassword);
      const now = app.clock.now();
      const issued = await request.change(async (trx) => {
        await setPassword(trx, user.id, passwordHash, now);
        await revokeUserSessions(trx, user.id, now, session.id);
        return rotateSession(app, trx, clientOf(request), session.id, user, session.stage);
      });
      app.sessionCookie.set(reply, issued);
      return { csrfToken: issued.csrfToken };
    },
  );

  app.post(
    '/api/me/totp',
    {
      config: { audit: 'account.totp_start', access: 'enrol' },
      schema: {
        tags: ['me'],
        summary: 'Start setting up the second factor: a new secret to scan',
        response: { 200: TotpStart },
      },
    },
    async (request) => {
      const user = await withSecrets(app.db, currentUser(request).user.id);
      if (user.totpEnabledAt) throw new ApiError(409, 'already_enrolled');
      // The same pending secret until it is confirmed: a reload of the set-up page must not
      // silently invalidate what the person has just scanned.
      const secret = user.totpPendingSecret ? openTotpSecret(app.keyring, user.id, user.totpPendingSecret) : newTotpSecret();
      await request.change(async (trx) => {
        if (user.totpPendingSecret) return;
        await setPendingSecret(trx, user.id, sealTotpSecret(app.keyring, user.id, secret));
      });
      const uri = totpUri(secret, user.email);
      return { secret, uri, qrCode: await totpQrSvg(uri) };
    },
  );

  app.post(
    '/api/me/totp/confirm',
    {
      config: { audit: 'account.totp_confirm', access: 'enrol' },
      schema: {
        tags: ['me'],
        summary: 'Finish the set-up with a code from the app; returns ten recovery codes, shown once',
        body: OtpBody,
        response: { 200: Enrolled },
      },
    },
    async (request, reply) => {
      const user = await withSecrets(app.db, currentUser(request).user.id);
      if (user.totpEnabledAt) throw new ApiError(409, 'already_enrolled');
      if (!user.totpPendingSecret) throw new ApiError(409, 'enrolment_not_started');
      const now = app.clock.now();
      const step = verifyTotp(openTotpSecret(app.keyring, user.id, user.totpPendingSecret), request.body.otp, now, null);
      if (step === null) throw new ApiError(400, 'invalid_otp', {}, 'body.otp');
      const { updated, recoveryCodes, issued } = await request.change(async (trx) => {
        const row = await enableSecondFactor(trx, user, step, now);
        if (!row) throw new ApiError(409, 'already_enrolled');
        // A privilege change: the enrolment session ends, a full one begins.
        return {
          updated: row,
          recoveryCodes: await replaceRecoveryCodes(trx, user.id),
          issued: await rotateSession(app, trx, clientOf(request), request.auth?.session.id, row, 'full'),
        };
      });
      app.sessionCookie.set(reply, issued);
      return { user: await userView(app.db, updated), csrfToken: issued.csrfToken, recoveryCodes };
    },
  );

  app.post(
    '/api/me/recovery-codes',
    {
      config: { audit: 'account.recovery_codes' },
      schema: {
        tags: ['me'],
        summary: 'Replace my recovery codes (needs a current code from the app)',
        body: OtpBody,
        response: { 200: RecoveryCodes },
      },
    },
    async (request) => {
      const recoveryCodes = await request.change(async (trx) => {
        const user = await withSecrets(trx, currentUser(request).user.id);
        if (!(await checkSecondFactor(trx, app.keyring, user, request.body.otp, app.clock.now())))
          throw new ApiError(400, 'invalid_otp', {}, 'body.otp');
        return replaceRecoveryCodes(trx, user.id);
      });
      return { recoveryCodes };
    },
  );
}
