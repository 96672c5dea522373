import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import argon2 from 'argon2';
import { sql } from 'kysely';
import { ARGON2_OPTIONS } from '../../server/platform/auth/password.ts';
import { issueSession } from '../../server/platform/auth/sessions.ts';
import { newTotpSecret, sealTotpSecret } from '../../server/platform/auth/totp.ts';
import { CHANNEL } from '../../server/platform/events/bus.ts';
import { TestClock } from '../../test/helpers/clock.ts';
import { TEST_KEYRING } from '../../test/helpers/keys.ts';
import { buildWorld } from '../../test/helpers/world.ts';
import { startBenchApp } from '../app.ts';
import type { ClientCommand, ClientJob, ClientMessage, ClientOutcome } from '../fan-out-clients.ts';
import { percentile, round } from '../load.ts';
import type { BenchEntry } from '../run.ts';

const CLIENTS = 1_000;
/** Streams being opened at once: well under the listen backlog, and a few session lookups per pool connection. */
const OPEN_CONCURRENCY = 50;
const OPEN_TIMEOUT_MS = 120_000;
/** How long the streams wait for the alert: far past the goal, so that a slow delivery is measured, not hung on. */
const DELIVERY_TIMEOUT_MS = 30_000;
const WARMUP_TIMEOUT_MS = 30_000;
const GOAL_P99_MS = 1_000;

/**
 * The tests' clock (buildWorld signs in with it, moving it on by 30 s per sign-in for fresh TOTP
 * codes), but running with real time: the job queue and PostgreSQL run on real time too, and an app
 * clock frozen away from it would skew what the workers see. It starts behind real time by more
 * than the sign-ins move it, and never goes back (keys made a moment ago must not date from later).
 */
class LiveClock extends TestClock {
  constructor(public offset: number) {
    super();
  }
  override now(): Date {
    return new Date(Date.now() + this.offset);
  }
  override advance(ms: number): void {
    this.offset += ms;
  }
  override set(date: Date | string): void {
    this.offset = new Date(date).getTime() - Date.now();
  }
}

const ms = (value: number) => round(value, 1);

/**
 * `fan-out` (PERFORMANCE.md, issue 8): one urgent alert reaching 1,000 open live connections.
 * 1,000 users of a migration authority, written straight into the database with a live session
 * each (1,000 argon2 sign-ins would take minutes), each hold one `GET /api/events` stream, opened
 * from a worker thread; once every stream has said `ready`, an officer of the space publishes one
 * urgent alert addressed to that authority through `POST /api/alerts`, and each stream's delay is
 * timed from just before the POST until its `alert` event. The whole real path: the route, the job
 * queue's workers in this process (pg-boss, default polling) writing the inbox and notifying, the
 * listener, the router, the streams. One urgent alert to the space's members alone (no streams)
 * goes first, so that the first run of each path is not what is measured. A sanity budget, not a
 * ratio: p99 under 1 s on this 2-core machine. Fails, with what it saw, when a stream does not
 * open or the alert does not reach every stream within 30 s.
 */
export const fanOut: BenchEntry = {
  name: 'fan-out',
  async run({ cluster, prefix, log }) {
    const clock = new LiveClock(-5 * 60_000);
    const bench = await startBenchApp(
      { cluster, prefix },
      {
        clock,
        // The queue's timing as deployed, unless the environment says otherwise.
        env: { ENLACE_JOB_POLL_SECONDS: process.env.ENLACE_JOB_POLL_SECONDS },
        config: { jobWorkers: true },
      },
    );
    const { app } = bench;
    const db = bench.database.db;
    try {
      const world = await buildWorld(bench);

      const authority = await app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: world.secretariat.headers,
        payload: {
          code: 'BENCH-INM',
          country: 'MEX',
          kind: 'migration_authority',
          nameEs: 'Autoridad migratoria de prueba',
          nameEn: 'Test migration authority',
        },
      });
      if (authority.statusCode !== 201) throw new Error(`organisation: ${authority.statusCode} ${authority.body}`);
      const organisationId = (authority.json() as { id: string }).id;

      // The recipients: one password hash for all (nobody signs in), a sealed TOTP secret each.
      const seedStarted = performance.now();
      const passwordHash = await argon2.hash('not used by the bench', ARGON2_OPTIONS);
      const users = Array.from({ length: CLIENTS }, (_, i) => {
        const id = randomUUID();
        return {
          id,
          email: `fanout-${String(i).padStart(4, '0')}@example.org`,
          displayName: `Agente ${i}`,
          country: 'MEX',
          organisation: 'Autoridad migratoria de prueba',
          organisationId,
          language: 'es' as const,
          roles: [],
          status: 'active' as const,
          passwordHash,
          totpSecret: sealTotpSecret(TEST_KEYRING, id, newTotpSecret()),
          totpEnabledAt: clock.now(),
        };
      });
      await db.insertInto('appUser').values(users).execute();
      const cookies: string[] = new Array(CLIENTS);
      for (let start = 0; start < CLIENTS; start += 20) {
        await Promise.all(
          users.slice(start, start + 20).map(async (user, k) => {
            const issued = await issueSession(
              db,
              { userId: user.id, stage: 'full', clientAddress: '127.0.0.1', userAgent: 'enlace-bench' },
              clock.now(),
              app.sessionPolicy,
            );
            cookies[start + k] = `${app.sessionCookie.name}=${issued.token}`;
          }),
        );
      }
      log(`${CLIENTS} recipients with a session each in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

      const alertBody = (title: string, targetCountries: string[], targetOrganisations: string[]) => {
        const now = clock.now().getTime();
        return JSON.stringify({
          spaceId: world.spaceId,
          title,
          body: 'Documentos de viaje falsificados detectados en el puesto fronterizo; verificar el sello UV de la página de datos.',
          severity: 'urgent',
          targetCountries,
          targetOrganisations,
          ports: ['Puesto fronterizo de prueba'],
          validFrom: new Date(now - 60_000).toISOString(),
          validUntil: new Date(now + 24 * 3_600_000).toISOString(),
          tlp: 'GREEN',
        });
      };

      // Warm-up: the same path once, to the space's members only (targeted by their countries; none of them has a stream).
      const warmStarted = performance.now();
      const warm = await fetch(`${bench.origin}/api/alerts`, {
        method: 'POST',
        headers: { ...world.officer.headers, 'content-type': 'application/json' },
        body: alertBody('Alerta de calentamiento', ['CRI', 'GTM'], []),
        signal: AbortSignal.timeout(WARMUP_TIMEOUT_MS),
      });
      const warmText = await warm.text();
      if (warm.status !== 201) throw new Error(`warm-up POST /api/alerts: ${warm.status} ${warmText.slice(0, 500)}`);
      const warmId = (JSON.parse(warmText) as { id: string }).id;
      await waitFor(
        async () =>
          Number(
            (
              await db
                .selectFrom('alertRecipient')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('alertId', '=', warmId)
                .executeTakeFirstOrThrow()
            ).n,
          ) > 0,
        WARMUP_TIMEOUT_MS,
        () => `warm-up alert ${warmId}: no inbox row after ${WARMUP_TIMEOUT_MS} ms (are the job workers running?)`,
      );
      const warmMs = performance.now() - warmStarted;
      // Let the jobs the warm-up queued (mail to its recipients) run out before measuring.
      const idle = await waitFor(
        async () =>
          Number(
            (await sql<{ n: string }>`select count(*) as n from pgboss.job where state in ('created', 'active') and start_after <= now()`.execute(db))
              .rows[0]!.n,
          ) === 0,
        WARMUP_TIMEOUT_MS,
        () => '',
      ).then(
        () => true,
        () => false,
      );
      log(`warm-up alert delivered to the inbox in ${warmMs.toFixed(0)} ms${idle ? '' : '; its follow-up jobs were still running after 30 s'}`);

      const job: ClientJob = {
        origin: bench.origin,
        cookies,
        openConcurrency: OPEN_CONCURRENCY,
        openTimeoutMs: OPEN_TIMEOUT_MS,
        deliveryTimeoutMs: DELIVERY_TIMEOUT_MS,
        publish: {
          path: '/api/alerts',
          headers: world.officer.headers,
          body: alertBody('Alerta urgente de prueba de difusión', ['MEX'], [organisationId]),
        },
        notices: { databaseUrl: bench.database.url, channel: CHANNEL },
      };
      const { outcome, openMs, serverStreams } = await runClients(job, () => app.events.size);
      log(
        `${outcome.streams} streams open and ready in ${(openMs / 1000).toFixed(1)} s (${serverStreams} on the server); POST answered ${outcome.postStatus} in ${outcome.postMs.toFixed(0)} ms`,
      );

      const recipients = outcome.alertId
        ? await db
            .selectFrom('alertRecipient')
            .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('deliveredAt').as('first'), eb.fn.max('deliveredAt').as('last')])
            .where('alertId', '=', outcome.alertId)
            .where('via', '=', 'organisation')
            .executeTakeFirstOrThrow()
        : undefined;
      // delivered_at is the app clock's time: back to real time, to compare with the POST's start.
      const sincePost = (at: Date | string | null | undefined) =>
        at ? new Date(at).getTime() - clock.offset - outcome.postStartedEpochMs : Number.NaN;
      const inboxFirstMs = sincePost(recipients?.first);
      const inboxLastMs = sincePost(recipients?.last);
      const inboxTimes = inboxFirstMs === inboxLastMs ? `${inboxFirstMs.toFixed(0)} ms` : `${inboxFirstMs.toFixed(0)}…${inboxLastMs.toFixed(0)} ms`;
      const got = outcome.latencies;
      const figures = got.length
        ? `p50 ${percentile(got, 50).toFixed(0)} ms, p99 ${percentile(got, 99).toFixed(0)} ms, max ${Math.max(...got).toFixed(0)} ms`
        : 'none arrived';
      log(
        `alert on ${got.length} of ${outcome.streams} streams: ${figures}; ${recipients?.n ?? '?'} inbox rows, delivered_at ${inboxTimes} and the notice heard ${outcome.noticeMs === null ? 'never' : `${outcome.noticeMs.toFixed(0)} ms`} after the POST started; ${outcome.beforeResponse} streams before the POST's answer` +
          (outcome.duplicates ? `; ${outcome.duplicates} duplicate events` : '') +
          (outcome.foreign ? `; ${outcome.foreign} events for another alert` : '') +
          (outcome.errors.length ? `; errors: ${outcome.errors.join(' | ')}` : ''),
      );
      if (outcome.missing > 0) {
        throw new Error(
          `fan-out: ${outcome.missing} of ${outcome.streams} streams got no alert within ${DELIVERY_TIMEOUT_MS} ms (received: ${figures}; inbox rows ${recipients?.n ?? '?'}; ${outcome.closedEarly} streams closed early; errors: ${outcome.errors.join(' | ') || 'none'})`,
        );
      }
      return {
        p99Ms: ms(percentile(got, 99)),
        clients: outcome.streams,
        goal: GOAL_P99_MS,
        direction: 'max',
        p50Ms: ms(percentile(got, 50)),
        p90Ms: ms(percentile(got, 90)),
        minMs: ms(Math.min(...got)),
        maxMs: ms(Math.max(...got)),
        postMs: ms(outcome.postMs),
        // The inbox rows' delivered_at after the POST started (the fan-out's own clock reading).
        deliveredAtMs: ms(inboxLastMs),
        // The fan-out's NOTIFY heard on the channel (its transaction committed), after the POST started.
        noticeMs: outcome.noticeMs === null ? null : ms(outcome.noticeMs),
        recipients: Number(recipients?.n ?? 0),
        duplicates: outcome.duplicates,
        openSeconds: round(openMs / 1000, 1),
        jobPollSeconds: bench.config.jobPollSeconds,
      };
    } finally {
      await bench.close();
    }
  },
};

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, message: () => string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(message());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs bench/fan-out-clients.ts in a worker thread: streams opened, checked against the server's
 * own count, then the alert published and timed. Bounded as a whole, past the worker's own bounds.
 */
function runClients(job: ClientJob, serverStreams: () => number): Promise<{ outcome: ClientOutcome; openMs: number; serverStreams: number }> {
  return new Promise((resolve, reject) => {
    const code = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(new URL('../fan-out-clients.ts', import.meta.url).href)}); })`;
    const thread = new Worker(code, { eval: true, workerData: job });
    let openMs = 0;
    let onServer = 0;
    let settled = false;
    const finish = (err: Error | null, value?: { outcome: ClientOutcome; openMs: number; serverStreams: number }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void thread.terminate();
      if (err) reject(err);
      else resolve(value!);
    };
    const timer = setTimeout(
      () => finish(new Error(`fan-out: the clients did not finish within ${(job.openTimeoutMs + job.deliveryTimeoutMs + 30_000) / 1000} s`)),
      job.openTimeoutMs + job.deliveryTimeoutMs + 30_000,
    );
    thread.on('message', (message: ClientMessage) => {
      if (message.phase === 'ready') {
        openMs = message.openMs;
        onServer = serverStreams();
        if (onServer < message.streams) {
          thread.postMessage({ stop: true } satisfies ClientCommand);
          finish(new Error(`fan-out: ${message.streams} streams ready on the client, ${onServer} open on the server`));
          return;
        }
        thread.postMessage({ go: true } satisfies ClientCommand);
      } else if (message.phase === 'done') {
        finish(null, { outcome: message.outcome, openMs, serverStreams: onServer });
      } else {
        finish(new Error(`fan-out: ${message.error} ${JSON.stringify(message.details)}`));
      }
    });
    thread.on('error', (err: unknown) => finish(err instanceof Error ? err : new Error(String(err))));
    thread.on('exit', (code) => finish(new Error(`fan-out: the client thread exited (${code}) before its result`)));
  });
}
