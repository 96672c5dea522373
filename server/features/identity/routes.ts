import type { FastifyInstance } from 'fastify';
import accountRoutes from './account-routes.ts';
import profileRoutes from './profile-routes.ts';
import sessionRoutes from './session-routes.ts';

/**
 * Identity: signing in and out and one's sessions (session-routes.ts); one's own account, its
 * second factor and recovery codes (profile-routes.ts); the Secretariat's accounts, invitations and
 * password resets (account-routes.ts).
 */
export default async function identityRoutes(app: FastifyInstance): Promise<void> {
  await app.register(sessionRoutes);
  await app.register(profileRoutes);
  await app.register(accountRoutes);
}
