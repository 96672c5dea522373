import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import t from 'tap';
import { loadConfig } from '../../../server/config.ts';
import { createJobQueue, type Deadline } from '../../../server/platform/jobs/queue.ts';
import { createTestDatabase } from '../../helpers/db.ts';
import { TEST_MASTER_KEY } from '../../helpers/keys.ts';

/** What the queue logged, as `level message` lines. */
function recordingLog(lines: string[]): FastifyBaseLogger {
  const at = (level: string) => (_fields: unknown, message: string) => void lines.push(`${level} ${message}`);
  return { warn: at('warn'), error: at('error'), info: at('info'), debug: at('debug') } as unknown as FastifyBaseLogger;
}

t.test('a job past its time limit is failed and retried, its handler told, and its worker goes on to the next job', async (t) => {
  const database = await createTestDatabase(t);
  for (const name of ['test.stuck', 'test.next', 'test.quick']) {
    await sql`select pgboss.create_queue(${name}, ${JSON.stringify({ policy: 'standard' })}::json)`.execute(database.db);
  }
  const config = loadConfig(
    {},
    { databaseUrl: database.url, dataDir: t.testdir({}), masterKey: TEST_MASTER_KEY, jobWorkers: false, jobExpireSeconds: 30 },
  );
  // The test is the clock of every job's limit: a limit passes when the test says so.
  const limits: { controller: AbortController; cleared: boolean }[] = [];
  const deadline: Deadline = (ms) => {
    t.equal(ms, 30_000, 'the limit is ENLACE_JOB_EXPIRE_SECONDS');
    const limit = { controller: new AbortController(), cleared: false };
    limits.push(limit);
    return { signal: limit.controller.signal, clear: () => void (limit.cleared = true) };
  };
  const lines: string[] = [];
  const queue = createJobQueue(config, recordingLog(lines), deadline);
  t.teardown(() => queue.stop());

  let started!: () => void;
  const stuckStarted = new Promise<void>((resolve) => (started = resolve));
  let stuckSignal: AbortSignal | undefined;
  // A peer that stops answering: the handler never settles, and ignores its signal.
  queue.handle('test.stuck', async (_data, context) => {
    stuckSignal = context.signal;
    started();
    await new Promise(() => undefined);
  });
  const ran: unknown[] = [];
  queue.handle('test.next', async (data, context) => {
    ran.push(data.n);
    t.equal(context.signal.aborted, false);
  });
  // A handler that fails later, once abandoned, must not end the process with an unhandled rejection.
  let failLate!: () => void;
  let quickStarted!: () => void;
  const quickRunning = new Promise<void>((resolve) => (quickStarted = resolve));
  queue.handle('test.quick', async () => {
    await new Promise<void>((_resolve, reject) => {
      failLate = () => reject(new Error('too late'));
      quickStarted();
    });
  });
  await queue.start(false);

  await queue.send(database.db, 'test.stuck', {});
  await queue.send(database.db, 'test.next', { n: 'after the stuck one' });
  const draining = queue.drain();
  await stuckStarted;
  t.equal(stuckSignal?.aborted, false, 'the handler runs within its time');
  t.same(ran, [], 'the next job waits, as jobs of one worker run one after another');
  limits[0]!.controller.abort();
  t.equal(await draining, 2, 'the worker went on once the stuck job was past its limit');
  t.equal(stuckSignal?.aborted, true, 'the stuck handler was told its time is up');
  t.same(ran, ['after the stuck one']);
  t.ok(
    limits.every((l) => l.cleared),
    'every limit dropped when its job ended',
  );

  const jobs = await sql<{ name: string; state: string; message: string | null }>`
    select name, state, output->>'message' as message from pgboss.job where name like 'test.%' order by name`.execute(database.db);
  t.same(
    jobs.rows,
    [
      { name: 'test.next', state: 'completed', message: null },
      { name: 'test.stuck', state: 'retry', message: 'timed out after 30 s' },
    ],
    'the stuck job is failed with its reason and waits for its retry; the next one is done',
  );
  t.match(lines, [/^warn job failed$/], 'logged as a failed job');

  // The abandoned work failing afterwards changes nothing and is not unhandled (tap fails on one).
  await queue.send(database.db, 'test.quick', {});
  const second = queue.drain();
  await quickRunning;
  limits.at(-1)!.controller.abort();
  t.equal(await second, 1);
  failLate();
  await new Promise<void>((resolve) => setImmediate(resolve));
  const quick = await sql<{ state: string; message: string }>`
    select state, output->>'message' as message from pgboss.job where name = 'test.quick'`.execute(database.db);
  t.same(quick.rows, [{ state: 'retry', message: 'timed out after 30 s' }]);
});

t.test('a job that ends within its limit completes as before', async (t) => {
  const database = await createTestDatabase(t);
  await sql`select pgboss.create_queue('test.fine', ${JSON.stringify({ policy: 'standard' })}::json)`.execute(database.db);
  const config = loadConfig({}, { databaseUrl: database.url, dataDir: t.testdir({}), masterKey: TEST_MASTER_KEY, jobWorkers: false });
  const queue = createJobQueue(config, recordingLog([]));
  t.teardown(() => queue.stop());
  let signal: AbortSignal | undefined;
  queue.handle('test.fine', async (_data, context) => {
    signal = context.signal;
  });
  await queue.start(false);
  await queue.send(database.db, 'test.fine', {});
  t.equal(await queue.drain(), 1);
  t.equal(signal?.aborted, false, 'the real limit (300 s by default) did not pass');
  const jobs = await sql<{ state: string }>`select state from pgboss.job where name = 'test.fine'`.execute(database.db);
  t.same(jobs.rows, [{ state: 'completed' }]);
});
