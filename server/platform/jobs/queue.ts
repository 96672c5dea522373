import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CompiledQuery, sql, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';
import { CHANNEL } from '../events/bus.ts';
import type { DB } from '../db/schema.ts';

/**
 * The job queue: pg-boss in the portal's own database (schema `pgboss`, made by migration 0011).
 * A job is sent inside the caller's transaction, so it exists exactly when what caused it was
 * committed (an outbox without a second table). Workers — in `serve` unless ENLACE_JOB_WORKERS is
 * false, and in `enlace worker` — fetch, run and complete jobs; a failed job is retried with
 * exponential backoff, and a job whose worker died is taken back after `jobExpireSeconds`.
 * Handlers must be idempotent: a job may run more than once (at least once, never lost).
 */
export type JobName = 'alert-fanout' | 'alert-mail' | 'alert-webhook' | 'alert-escalation';

export interface JobContext {
  /** How many times this job failed before (0 on the first run). */
  retryCount: number;
  /** Whether this is the last try: a handler marks its work failed when this one fails too. */
  lastTry: boolean;
}

export type JobHandler = (data: Record<string, unknown>, context: JobContext) => Promise<void>;

export interface JobQueue {
  /** Queues a job in the given transaction (or on its own). */
  send(db: Transaction<DB> | Database, name: JobName, data: Record<string, unknown>, options?: { singletonKey?: string }): Promise<void>;
  /** Queues many jobs of one queue in one statement, in the given transaction. */
  sendMany(db: Transaction<DB> | Database, name: JobName, data: Record<string, unknown>[]): Promise<void>;
  /** Registers the handler of a queue (features do, when they are registered). */
  handle(name: JobName, handler: JobHandler): void;
  /**
   * Runs every job that is due now, in this process, until none is left (tests and `enlace jobs
   * run`): the same handlers, completions and retries as the workers.
   */
  drain(): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
  }
}

const executorOf = (db: Transaction<DB> | Database) => ({
  executeSql: async (text: string, values: unknown[]) => {
    const result = await db.executeQuery(CompiledQuery.raw(text, values));
    return { rows: result.rows as unknown[] };
  },
});

/** Tells every instance's workers of a queue that a job is waiting, when the transaction commits. */
async function wake(db: Transaction<DB> | Database, name: JobName): Promise<void> {
  await sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ type: 'jobs', name })})`.execute(db);
}

export default fp(
  async function jobs(app: FastifyInstance) {
    const config = app.config;
    const boss = new PgBoss({
      connectionString: config.databaseUrl as string,
      max: 4,
      application_name: 'enlace-jobs',
      migrate: false,
      supervise: config.jobWorkers,
      schedule: false,
      maintenanceIntervalSeconds: config.jobMaintenanceSeconds,
      monitorStateIntervalSeconds: Math.max(config.jobMaintenanceSeconds, 60),
    });
    boss.on('error', (err: unknown) => app.log.error({ err }, 'job queue error'));
    const handlers = new Map<JobName, JobHandler>();
    const sendOptions = {
      retryLimit: config.jobRetries,
      retryDelay: config.jobRetryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: config.jobExpireSeconds,
      retentionDays: 7,
    };

    /** One job, completed or failed on its own (a batch is never all-or-nothing). */
    async function runOne(name: JobName, job: PgBoss.JobWithMetadata<Record<string, unknown>>): Promise<void> {
      const handler = handlers.get(name);
      try {
        if (!handler) throw new Error(`no handler for job ${name}`);
        await handler(job.data, { retryCount: job.retryCount, lastTry: job.retryCount >= job.retryLimit });
        await boss.complete(name, job.id);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        app.log.warn({ job: name, retry: job.retryCount, err: message }, 'job failed');
        await boss.fail(name, job.id, { message });
      }
    }

    const queue: JobQueue = {
      async send(db, name, data, options = {}) {
        await boss.send(name, data, { ...sendOptions, ...options, db: executorOf(db) });
        await wake(db, name);
      },
      async sendMany(db, name, data) {
        if (data.length === 0) return;
        const { retentionDays: _retention, ...options } = sendOptions;
        await boss.insert(
          data.map((d) => ({ name, data: d, ...options })),
          { db: executorOf(db) },
        );
        await wake(db, name);
      },
      handle(name, handler) {
        handlers.set(name, handler);
      },
      async drain() {
        await start();
        let ran = 0;
        for (;;) {
          let found = 0;
          for (const name of handlers.keys()) {
            const batch = await boss.fetch<Record<string, unknown>>(name, { batchSize: 100, includeMetadata: true });
            for (const job of batch ?? []) {
              found += 1;
              await runOne(name, job);
            }
          }
          ran += found;
          if (found === 0) return ran;
        }
      },
    };
    app.decorate('jobs', queue);

    // Started when the app is ready; a database that cannot be reached yet is tried again (the
    // portal still starts and says so on /readyz) rather than failing the start.
    let started: Promise<void> | null = null;
    const start = () =>
      (started ??= boss.start().then(
        () => undefined,
        (err: unknown) => {
          started = null;
          throw err;
        },
      ));
    const workerIds = new Map<JobName, string[]>();
    async function startWorkers(): Promise<void> {
      for (const name of handlers.keys()) {
        const id = await boss.work<Record<string, unknown>>(
          name,
          { batchSize: 20, includeMetadata: true, pollingIntervalSeconds: config.jobPollSeconds },
          async (batch) => {
            for (const job of batch) await runOne(name, job);
          },
        );
        workerIds.set(name, [...(workerIds.get(name) ?? []), id]);
      }
    }
    let retry: NodeJS.Timeout | undefined;
    async function begin(): Promise<void> {
      try {
        await start();
      } catch (err) {
        app.log.error({ err }, 'job queue could not start; trying again in 10 s');
        retry = setTimeout(() => void begin(), 10_000);
        retry.unref();
        return;
      }
      if (config.jobWorkers) await startWorkers();
    }
    app.addHook('onReady', async () => {
      // A job sent anywhere wakes this instance's workers at once (server/platform/events/bus.ts):
      // polling is only the fallback.
      app.events.on('jobs', (notice) => {
        for (const id of workerIds.get(notice['name'] as JobName) ?? []) boss.notifyWorker(id);
      });
      await begin();
    });
    app.addHook('onClose', async () => {
      clearTimeout(retry);
      if (started) await boss.stop({ graceful: true, close: true, wait: true, timeout: 5000 });
    });
  },
  { name: 'jobs' },
);
