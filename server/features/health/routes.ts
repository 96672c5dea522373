import type { FastifyInstance } from 'fastify';
import { ping } from '../../platform/db/database.ts';
import { migrationStatus } from '../../platform/db/migrate.ts';
import { Liveness, Readiness } from './schemas.ts';

/** Probes for orchestrators: /healthz says the process is up, /readyz that it can serve. */
export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is up', response: { 200: Liveness } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The database is reachable and every migration is applied',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (request, reply) => {
      try {
        await ping(app.db);
        const { applied, pending } = await migrationStatus(app.db);
        const ready = pending.length === 0;
        return reply.code(ready ? 200 : 503).send({
          status: ready ? 'ready' : 'not_ready',
          database: 'ok',
          migrations: { applied, pending: pending.length },
        });
      } catch (err) {
        request.log.warn({ err }, 'readiness check: database unreachable');
        return reply.code(503).send({ status: 'not_ready', database: 'unreachable', migrations: { applied: 0, pending: 0 } });
      }
    },
  );
}
