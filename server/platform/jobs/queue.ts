import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CompiledQuery, sql, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Config } from '../../config.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { CHANNEL } from '../events/bus.ts';

/**
 * The job queue: pg-boss in the portal's own database (schema `pgboss`, made by migration 0011).
 * A job is sent inside the caller's transaction, so it exists exactly when what caused it was
 * committed (an outbox without a second table). Workers — in `serve` unless ENLACE_JOB_WORKERS is
 * false, and in `enlace worker` — fetch, run and complete jobs; a failed job is retried with
 * exponential backoff, and a job whose worker died is taken back after `jobExpireSeconds`.
 * Handlers must be idempotent: a job may run more than once (at least once, never lost).
 *
 * The queue knows no job by name: each feature registers the jobs it owns (`handle`), and a job no
 * feature handles cannot be sent. Built once by the composition root (server/services.ts); the
 * app's plugin below starts it when the app is ready and stops it when the app closes.
 */
export interface JobContext {
  /** How many times this job failed before (0 on the first run). */
  retryCount: number;
  /** Whether this is the last try: a handler marks its work failed when this one fails too. */
  lastTry: boolean;
  /**
   * Aborted when the job's time is up (ENLACE_JOB_EXPIRE_SECONDS): what the handler waits on
   * (a request, a connection) should stop then. The worker stops waiting for it at that moment anyway.
   */
  signal: AbortSignal;
}

/** A job's time limit: a signal aborted when `ms` have passed, and a way to drop it when the job ends first. */
export type Deadline = (ms: number) => { signal: AbortSignal; clear(): void };

const timerDeadline: Deadline = (ms) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
};

/**
 * The handler's work, or a failure once the deadline passes, whichever comes first: a handler
 * that never settles (a peer that stops answering mid-reply) no longer holds its queue's worker,
 * and the job is failed and retried instead of being taken for lost at its expiry while it still
 * runs here. A late failure of the abandoned work is absorbed (`then` below), never unhandled.
 */
function withinDeadline(work: Promise<void>, signal: AbortSignal, seconds: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const expire = () => reject(new Error(`timed out after ${seconds} s`));
    if (signal.aborted) expire();
    signal.addEventListener('abort', expire, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', expire));
  });
}

export type JobHandler = (data: Record<string, unknown>, context: JobContext) => Promise<void>;

export interface JobQueue {
  /** Queues a job in the given transaction (or on its own). */
  send(db: Transaction<DB> | Database, name: string, data: Record<string, unknown>, options?: { singletonKey?: string }): Promise<void>;
  /** Queues many jobs of one queue in one statement, in the given transaction. */
  sendMany(db: Transaction<DB> | Database, name: string, data: Record<string, unknown>[]): Promise<void>;
  /** Registers the handler of a job (the feature that owns it does, when it is registered). */
  handle(name: string, handler: JobHandler): void;
  /**
   * Runs every job that is due now, in this process, until none is left (tests and `enlace jobs
   * run`): the same handlers, completions and retries as the workers.
   */
  drain(): Promise<number>;
}

/** The queue with its lifecycle, as the composition root builds it. */
export interface JobService extends JobQueue {
  /** Connects (retrying while the database cannot be reached) and, with `workers`, starts working. */
  start(workers: boolean): Promise<void>;
  /** A job was sent somewhere: this instance's workers of that job fetch at once. */
  wake(name: string): void;
  stop(): Promise<void>;
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
async function wake(db: Transaction<DB> | Database, name: string): Promise<void> {
  await sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ type: 'jobs', name })})`.execute(db);
}

export function createJobQueue(config: Config, log: FastifyBaseLogger, deadline: Deadline = timerDeadline): JobService {
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
  boss.on('error', (err: unknown) => log.error({ err }, 'job queue error'));
  const handlers = new Map<string, JobHandler>();
  const sendOptions = {
    retryLimit: config.jobRetries,
    retryDelay: config.jobRetryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: config.jobExpireSeconds,
    retentionDays: 7,
  };
  const known = (name: string) => {
    if (!handlers.has(name)) throw new Error(`no feature handles the job ${name}`);
  };

  /**
   * One job, completed or failed on its own (a batch is never all-or-nothing). It never throws:
   * pg-boss 10 does not await the `fail` it calls when a worker's callback throws, so a database
   * out of reach at that moment (PostgreSQL restarting) became an unhandled rejection that ended
   * the portal (found by the drill). A job whose completion or failure could not be written stays
   * active and is tried again when it expires (ENLACE_JOB_EXPIRE_SECONDS).
   */
  async function runOne(name: string, job: PgBoss.JobWithMetadata<Record<string, unknown>>): Promise<void> {
    const handler = handlers.get(name);
    const limit = deadline(config.jobExpireSeconds * 1000);
    try {
      if (!handler) throw new Error(`no handler for job ${name}`);
      const context = { retryCount: job.retryCount, lastTry: job.retryCount >= job.retryLimit, signal: limit.signal };
      await withinDeadline(
        Promise.resolve().then(() => handler(job.data, context)),
        limit.signal,
        config.jobExpireSeconds,
      );
      await boss.complete(name, job.id);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.warn({ job: name, retry: job.retryCount, err: message }, 'job failed');
      await boss.fail(name, job.id, { message }).catch((failErr: unknown) => {
        log.error({ job: name, err: failErr }, 'job failure could not be recorded: the job is tried again when it expires');
      });
    } finally {
      limit.clear();
    }
  }

  // A database that cannot be reached yet is tried again (the portal still starts and says so on
  // /readyz) rather than failing the start.
  let started: Promise<void> | null = null;
  const connect = () =>
    (started ??= boss.start().then(
      () => undefined,
      (err: unknown) => {
        started = null;
        throw err;
      },
    ));
  // The workers are our own loops over `fetch` rather than pg-boss's `work`: pg-boss 10 does not
  // await the `complete` or `fail` it sends after a worker's callback, so a database out of reach at
  // that moment (PostgreSQL restarting) became an unhandled rejection that ended the portal (found
  // by the drill, npm run drill). Here every call to the database is awaited and a failed fetch is
  // logged and tried again at the next poll.
  const loops = new Map<string, { wake: () => void; done: Promise<void> }>();
  let working = false;
  function workLoop(name: string): { wake: () => void; done: Promise<void> } {
    let wakeUp: (() => void) | undefined;
    let woken = false;
    const pause = () =>
      new Promise<void>((resolve) => {
        if (woken) {
          woken = false;
          resolve();
          return;
        }
        const timer = setTimeout(finish, config.jobPollSeconds * 1000);
        function finish() {
          clearTimeout(timer);
          wakeUp = undefined;
          resolve();
        }
        wakeUp = finish;
      });
    const done = (async () => {
      while (working) {
        let batch: PgBoss.JobWithMetadata<Record<string, unknown>>[] = [];
        try {
          batch = (await boss.fetch<Record<string, unknown>>(name, { batchSize: 20, includeMetadata: true })) ?? [];
        } catch (err) {
          log.error({ err, job: name }, 'job queue error: fetching jobs failed; trying again at the next poll');
        }
        for (const job of batch) await runOne(name, job);
        if (batch.length === 0 && working) await pause();
      }
    })();
    return {
      wake: () => {
        if (wakeUp) wakeUp();
        else woken = true;
      },
      done,
    };
  }
  function startWorkers(): void {
    working = true;
    for (const name of handlers.keys()) loops.set(name, workLoop(name));
  }
  let retry: NodeJS.Timeout | undefined;

  return {
    async send(db, name, data, options = {}) {
      known(name);
      await boss.send(name, data, { ...sendOptions, ...options, db: executorOf(db) });
      await wake(db, name);
    },
    async sendMany(db, name, data) {
      known(name);
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
      await connect();
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
    async start(workers) {
      try {
        await connect();
      } catch (err) {
        log.error({ err }, 'job queue could not start; trying again in 10 s');
        retry = setTimeout(() => void this.start(workers), 10_000);
        retry.unref();
        return;
      }
      if (workers) startWorkers();
    },
    wake(name) {
      loops.get(name)?.wake();
    },
    async stop() {
      clearTimeout(retry);
      // The jobs in hand are finished (at most 5 s), then the connections closed.
      working = false;
      for (const loop of loops.values()) loop.wake();
      const finished = Promise.all([...loops.values()].map((l) => l.done));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
      clearTimeout(timer);
      loops.clear();
      if (started) await boss.stop({ graceful: true, close: true, wait: true, timeout: 5000 });
    },
  };
}

/** The queue in the app: started when the app is ready, woken by the events channel, stopped at close. */
export default fp(
  async function jobs(app: FastifyInstance, opts: { queue: JobService }) {
    const queue = opts.queue;
    app.decorate('jobs', queue);
    app.addHook('onReady', async () => {
      // A job sent anywhere wakes this instance's workers at once (server/platform/events/bus.ts):
      // polling is only the fallback.
      app.events.on('jobs', (notice) => queue.wake(notice['name'] as string));
      await queue.start(app.config.jobWorkers);
    });
    app.addHook('onClose', async () => queue.stop());
  },
  { name: 'jobs' },
);
