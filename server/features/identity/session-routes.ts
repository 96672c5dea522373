import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { currentUser } from '../../platform/auth/plugin.ts';
import { revokeOwnSession, revokeSession, revokeUserSessions, userSessions } from '../../platform/auth/sessions.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { SecondFactorNext, SignedIn } from './schemas.ts';
import { LoginBody, SessionParams, SessionView } from './session-schemas.ts';
import { login } from './sign-in.ts';

export default async function sessionRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/session',
    {
      config: { audit: 'session.login', access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Sign in with e-mail, password and a code (or a recovery code); sets the session cookie',
        description:
          '200 and the session when every credential is right. 202 `{ next: "second_factor" }` when the password is right and the code is missing (send the same body again with `otp`). 401 `invalid_credentials` for any wrong credential, the same whether or not the account exists; 429 `login_throttled` with Retry-After.',
        body: LoginBody,
        response: { 200: SignedIn, 202: SecondFactorNext },
      },
    },
    async (request, reply) => login(app, request, reply, request.body),
  );

  app.delete(
    '/api/session',
    { config: { audit: 'session.logout', access: 'enrol' }, schema: { tags: ['session'], summary: 'Sign out', response: { 204: Type.Null() } } },
    async (request, reply) => {
      await request.change((trx) => revokeSession(trx, currentUser(request).session.id, app.clock.now()));
      app.sessionCookie.clear(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/sessions',
    {
      config: { audit: false, access: 'enrol' },
      schema: { tags: ['session'], summary: 'My open sessions', response: { 200: Type.Array(SessionView) } },
    },
    async (request) => {
      const { user, session: current } = currentUser(request);
      const rows = await userSessions(app.db, user.id, app.clock.now(), app.sessionPolicy);
      return rows.map((s) => ({
        id: s.id,
        current: s.id === current.id,
        stage: s.stage,
        createdAt: new Date(s.createdAt).toISOString(),
        lastSeenAt: new Date(s.lastSeenAt).toISOString(),
        expiresAt: new Date(s.expiresAt).toISOString(),
        clientAddress: s.clientAddress,
        userAgent: s.userAgent,
      }));
    },
  );

  app.delete(
    '/api/sessions/:id',
    {
      config: { audit: 'session.revoke', access: 'enrol' },
      schema: { tags: ['session'], summary: 'End one of my sessions', params: SessionParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const { user, session } = currentUser(request);
      await request.change(async (trx) => {
        if (!(await revokeOwnSession(trx, user.id, request.params.id, app.clock.now()))) throw new ApiError(404, 'session_not_found');
      });
      if (request.params.id === session.id) app.sessionCookie.clear(reply);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/sessions',
    {
      config: { audit: 'session.revoke_all', access: 'enrol' },
      schema: { tags: ['session'], summary: 'Sign out everywhere, this browser included', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await request.change((trx) => revokeUserSessions(trx, currentUser(request).user.id, app.clock.now()));
      app.sessionCookie.clear(reply);
      return reply.code(204).send(null);
    },
  );
}
