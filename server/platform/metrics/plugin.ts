import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import { proxyTrust } from '../../config.ts';
import { lastVerification } from '../audit/operations.ts';
import { poolStats } from '../db/database.ts';
import { addressEntries, addressMatcher } from '../http/addresses.ts';
import { ApiError } from '../http/errors.ts';

/**
 * `GET /metrics` in Prometheus's text format, and the request metrics every route feeds.
 *
 * Who may scrape: a caller from one of the configured addresses (`ENLACE_METRICS_ALLOW`, addresses
 * or CIDR ranges; loopback by default) or one bearing the configured token (`ENLACE_METRICS_TOKEN`,
 * `Authorization: Bearer …`). A request that came through a proxy the portal does not trust (it
 * carries Forwarded or X-Forwarded-For and came from no proxy the portal trusts: ENLACE_TRUST_PROXY
 * off, or its sender not among ENLACE_TRUSTED_PROXIES) is not taken for a local
 * one: a reverse proxy on the same machine would otherwise make every visitor "loopback". Anyone
 * else gets the 404 of an unknown address. The figures carry no restricted value (metrics.ts).
 */
export default fp(
  async function metricsPlugin(app: FastifyInstance) {
    const { metrics, config } = app.services;
    const allowed = addressMatcher(addressEntries(config.metricsAllow));
    // The proxies whose X-Forwarded-For made request.ip, as Fastify was told: these, any, or none.
    const trust = proxyTrust(config);
    const listed = Array.isArray(trust) ? addressMatcher(trust) : null;
    const proxyTrusted = (request: FastifyRequest): boolean => (listed ? listed(request.socket.remoteAddress ?? '') : trust === true);
    const token = config.metricsToken ? createHash('sha256').update(config.metricsToken).digest() : null;

    const fromAllowed = (request: FastifyRequest): boolean => {
      const forwarded = request.headers.forwarded !== undefined || request.headers['x-forwarded-for'] !== undefined;
      if (forwarded && !proxyTrusted(request)) return false;
      return allowed(request.ip);
    };
    const bearsToken = (request: FastifyRequest): boolean => {
      const given = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      return token !== null && given !== undefined && timingSafeEqual(createHash('sha256').update(given).digest(), token);
    };

    app.addHook('onResponse', async (request, reply) => {
      // The route's pattern, never the path: ids and search terms stay out of the labels.
      const route = request.routeOptions.url ?? 'unmatched';
      const seconds = reply.elapsedTime / 1000;
      metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
      metrics.httpDuration.observe({ method: request.method, route }, seconds);
      if (route === '/api/session' && request.method === 'POST') {
        if (reply.statusCode === 401) metrics.signInFailures.inc();
        else if (reply.statusCode === 429) metrics.signInThrottled.inc();
      }
    });

    app.get(
      '/metrics',
      {
        config: { audit: false },
        // Not part of the API (operations only): kept out of the OpenAPI document.
        schema: { hide: true },
      },
      async (request, reply) => {
        if (!bearsToken(request) && !fromAllowed(request)) throw new ApiError(404, 'not_found');
        await readNow(app);
        return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
      },
    );
  },
  { name: 'metrics', dependencies: ['events'] },
);

/** The scrape-time gauges: pool, live streams, job queue, last audit verification. */
async function readNow(app: FastifyInstance): Promise<void> {
  const { metrics, db } = app.services;
  const pool = poolStats(db);
  if (pool) for (const [state, value] of Object.entries(pool)) metrics.dbPool.set({ state }, value);
  metrics.liveStreams.set(app.events.size);
  const jobs = await sql<{ name: string; queued: string; oldest: number }>`
    select name, count(*) as queued, extract(epoch from now() - min(created_on))::float8 as oldest
    from pgboss.job where state in ('created', 'retry') group by name`.execute(db);
  metrics.jobsQueued.reset();
  metrics.jobsOldest.reset();
  for (const row of jobs.rows) {
    metrics.jobsQueued.set({ kind: row.name }, Number(row.queued));
    metrics.jobsOldest.set({ kind: row.name }, Math.max(0, row.oldest));
  }
  const verified = await lastVerification(db);
  metrics.auditVerifyOk.set(verified ? (verified.ok ? 1 : 0) : -1);
  metrics.auditVerifyAt.set(verified ? Date.parse(verified.at) / 1000 : 0);
}
