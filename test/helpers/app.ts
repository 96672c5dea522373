import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { buildApp, loggerOptions } from '../../server/app.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import { TestClock } from './clock.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { TEST_MASTER_KEY } from './keys.ts';

export const FIXTURE_WEB_DIR = path.resolve(import.meta.dirname, '../fixtures/web');

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: TestClock;
  config: Config;
}

/**
 * The real application on a fresh database of its own. Requests go through `app.inject`,
 * which runs the whole Fastify pipeline (validation, hooks, serialisation) without a socket.
 */
export interface TestAppOptions {
  config?: Partial<Config>;
  /** Extra routes a platform test needs (registered before the app is ready). */
  extend?: (app: FastifyInstance) => void | Promise<void>;
  /** Collects the app's log lines (the production logger options, at info level) into this array. */
  logs?: string[];
}

export async function buildTestApp(t: Test, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(t);
  const overrides = options.config ?? {};
  const clock = new TestClock();
  const config = loadConfig(
    {},
    // Jobs are run by the test (`app.jobs.drain()`), not by background workers: no waiting on a poll.
    {
      dataDir: t.testdir({}),
      webDir: FIXTURE_WEB_DIR,
      logLevel: 'silent',
      databaseUrl: database.url,
      masterKey: TEST_MASTER_KEY,
      jobWorkers: false,
      ...overrides,
    },
  );
  const logs = options.logs;
  const logger = logs
    ? { ...(loggerOptions({ ...config, logLevel: 'info' }) as object), stream: { write: (line: string) => logs.push(line) } }
    : false;
  const app = await buildApp(config, { db: database.db, clock, logger });
  t.teardown(() => app.close());
  await options.extend?.(app);
  await app.ready();
  return { app, database, clock, config };
}
