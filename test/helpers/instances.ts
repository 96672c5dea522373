import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { buildApp } from '../../server/app.ts';
import type { Config } from '../../server/config.ts';
import { createDatabase, type Database } from '../../server/platform/db/database.ts';
import { buildTestApp, type TestApp } from './app.ts';

export interface Instances {
  /** The first instance, as `buildTestApp` makes it (its database is the one both use). */
  a: TestApp;
  /** A second instance on the same database, with its own pool: `b.database.db` is B's pool. */
  b: TestApp;
}

/**
 * Two app instances on one database, as two hosts behind a load balancer: each its own pool, its
 * own services (key cache, job queue and its workers, audit writer), its own event listener and live
 * streams. They share what hosts share: the database, the blob store (one data folder here, a
 * bucket in production), the master key and the time (one clock, as NTP gives hosts one time).
 * Module-level memos (compiled queries, abilities, unlocked signing keys) are shared by the two,
 * since they live in one process; each is a pure function of what it is keyed by, so a second
 * process would compute the same.
 */
export async function buildInstances(t: Test, config: Partial<Config> = {}): Promise<Instances> {
  const a = await buildTestApp(t, { config });
  const pool: Database = createDatabase({ url: a.database.url, poolMax: 5 });
  let app: FastifyInstance;
  try {
    app = await buildApp(a.config, { db: pool, clock: a.clock, logger: false });
    await app.ready();
  } catch (err) {
    await pool.destroy();
    throw err;
  }
  t.teardown(async () => {
    await app.close();
    await pool.destroy();
  });
  return { a, b: { app, database: { ...a.database, db: pool }, clock: a.clock, config: a.config } };
}
