import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { type Config, loadConfig } from '../server/config.ts';
import type { Clock } from '../server/platform/clock.ts';
import { createDatabase, type Database } from '../server/platform/db/database.ts';
import { migrateToLatest } from '../server/platform/db/migrate.ts';
import { createMailSender } from '../server/platform/mail/sender.ts';
import { TestClock } from '../test/helpers/clock.ts';
import { adminQuery } from '../test/helpers/cluster.ts';
import { databaseUrl } from '../test/helpers/env.ts';
import { TEST_MASTER_KEY } from '../test/helpers/keys.ts';
import type { BenchContext } from './run.ts';

export interface BenchApp<C extends Clock = TestClock> {
  app: FastifyInstance;
  /** Shaped like a test's database, so test factories (buildWorld) work on it. */
  database: { name: string; url: string; db: Database };
  config: Config;
  clock: C;
  /** Listening on loopback, port chosen by the system. */
  origin: string;
  close(): Promise<void>;
}

/**
 * The real app for one bench entry: a migrated database of its own in the bench's cluster, a
 * temporary data folder, no logs, mail discarded (stdout stays the bench's own), the orphan sweep off.
 */
export async function startBenchApp<C extends Clock = TestClock>(
  { cluster, prefix }: Pick<BenchContext, 'cluster' | 'prefix'>,
  options: {
    env?: Record<string, string | undefined>;
    config?: Partial<Config>;
    clock?: C;
    poolMax?: number;
    /** A database to copy (a seeded corpus, bench/seed.ts), and the name to give the copy; else `<prefix>db`, empty. */
    template?: string;
    name?: string;
  } = {},
): Promise<BenchApp<C>> {
  const name = options.name ?? `${prefix}db`;
  await adminQuery(cluster.adminUrl, `CREATE DATABASE "${name}"${options.template ? ` TEMPLATE "${options.template}"` : ''}`);
  const url = databaseUrl(cluster.adminUrl, name);
  const db = createDatabase({ url, poolMax: options.poolMax ?? 10 });
  await migrateToLatest(db);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'enlace-bench-'));
  const config = loadConfig(options.env ?? {}, {
    databaseUrl: url,
    dataDir,
    logLevel: 'silent',
    port: 0,
    masterKey: TEST_MASTER_KEY,
    blobSweepMinutes: 0,
    ...options.config,
  });
  // Without a clock of its own, the entry gets the tests' clock, which the test factories expect.
  const clock = options.clock ?? (new TestClock() as Clock as C);
  const app = await buildApp(config, { db, clock, logger: false, mail: createMailSender(config, () => undefined) });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    database: { name, url, db },
    config,
    clock,
    origin,
    async close() {
      await app.close();
      await db.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
