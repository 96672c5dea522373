import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Membership } from '../../../policies/ability.ts';
import { isHttps } from '../../config.ts';
import { ApiError } from '../http/errors.ts';
import { isApiRoute } from '../http/paths.ts';
import { PasswordHasher } from './password.ts';
import {
  type Alongside,
  type FoundSession,
  findSession,
  type IssuedSession,
  type Session,
  type SessionPolicy,
  type SessionUser,
  sessionPolicy,
} from './sessions.ts';
import { hashToken, sameHash } from './tokens.ts';

/**
 * Who may reach a route. Every /api route needs a fully signed-in user (password and second
 * factor) unless it says otherwise: `enrol` admits a session that has yet to set up its second
 * factor, `public` admits anyone. Deny by default: a route that forgets to say is closed.
 */
export type RouteAccess = 'public' | 'enrol' | 'full';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * A lookup the route would make first, made in the session's own statement when it can be
     * (`Alongside`; `prefetchItem` in items/base.ts): given the request's params and its session token's hash,
     * the lookup, or undefined for none.
     */
    alongside?: (params: unknown, tokenHash: Buffer) => Alongside | undefined;
  }
  interface FastifyRequest {
    auth: { user: SessionUser; session: Session; memberships?: Membership[]; alongside?: FoundSession['alongside'] } | null;
  }
  interface FastifyInstance {
    passwords: PasswordHasher;
    sessionPolicy: SessionPolicy;
    sessionCookie: { name: string; set(reply: FastifyReply, issued: IssuedSession): void; clear(reply: FastifyReply): void };
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in user, for handlers behind `full` or `enrol` access. */
export function currentUser(request: FastifyRequest): { user: SessionUser; session: Session; memberships?: Membership[] } {
  if (!request.auth) throw new ApiError(401, 'unauthenticated');
  return request.auth;
}

export default fp(
  async function auth(app: FastifyInstance) {
    const secure = isHttps(app.config);
    // `__Host-` binds the cookie to this exact origin over https (no Domain, Path=/, Secure).
    const name = secure ? '__Host-enlace_session' : 'enlace_session';
    const policy = sessionPolicy(app.config);
    await app.register(fastifyCookie);
    app.decorate('passwords', new PasswordHasher(app.config.passwordConcurrency));
    app.decorate('sessionPolicy', policy);
    app.decorate('sessionCookie', {
      name,
      set(reply: FastifyReply, issued: IssuedSession) {
        reply.setCookie(name, issued.token, {
          httpOnly: true,
          secure,
          sameSite: 'strict',
          path: '/',
          expires: new Date(issued.session.expiresAt),
        });
      },
      clear(reply: FastifyReply) {
        reply.clearCookie(name, { httpOnly: true, secure, sameSite: 'strict', path: '/' });
      },
    });
    app.decorateRequest('auth', null);

    app.addHook('onRequest', async (request) => {
      // The web application's files and the API's documentation act on no session: no lookup for them.
      if (!isApiRoute(request.url)) return;
      const token = request.cookies[name];
      if (token) {
        const tokenHash = hashToken(token);
        const alongside = request.routeOptions.config?.alongside?.(request.params, tokenHash);
        const found = await findSession(app.db, tokenHash, app.clock.now(), policy, alongside);
        // A cookie whose session has ended is not cleared here: a request sent with the old cookie
        // before a renewal (the second factor set up, a password changed, signing in again) and
        // answered after it would clear the new cookie the renewal had just set. The answer is 401
        // without the session; the cookie expires with the session's absolute end, and signing out
        // clears it.
        if (found) request.auth = found;
      }

      const access = request.routeOptions.config?.access ?? 'full';
      // Public routes (sign-in, invitation, reset) act on no session, so they need no token; a
      // cross-site form cannot reach them anyway, since they take JSON only and CORS is closed.
      if (access === 'public') return;
      // CSRF: a request that rides on the cookie must prove it comes from our own page.
      if (request.auth && UNSAFE.has(request.method)) {
        const header = request.headers['x-csrf-token'];
        if (typeof header !== 'string' || !sameHash(hashToken(header), request.auth.session.csrfHash)) {
          throw new ApiError(403, 'csrf_failed');
        }
      }
      if (!request.auth) throw new ApiError(401, 'unauthenticated');
      if (access === 'full' && request.auth.session.stage !== 'full') throw new ApiError(403, 'enrolment_required');
    });
  },
  { name: 'enlace-auth', dependencies: ['enlace-errors'] },
);
