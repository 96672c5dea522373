/**
 * `npm run drill [-- --minutes N --users N]`: the load and fault drill (issue 24), on loopback, bounded
 * in time. It starts its own embedded PostgreSQL in a temporary folder and the portal as a child
 * process, fills it with `enlace demo`, signs in the demo's officers, contact points and
 * substitutes, and lets N virtual users loop over reads, searches, uploads, alerts that fan out,
 * acknowledgements and inbox reads for N minutes. At a third of the time PostgreSQL is stopped
 * (fast) and started again; at two thirds the portal is killed with SIGKILL and started again.
 * Afterwards: every acknowledged write is read back, the inbox is checked for duplicates and every
 * alert for its fan-out, `enlace audit verify` runs, and a summary is printed. The exit code is 1
 * when a figure that must be zero is not (errors outside the restart windows, hanging requests,
 * lost writes, duplicate inbox entries, undelivered alerts, a crash of the app, a failed audit verification).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type EmbeddedCluster, freePort, startEmbedded } from '../server/platform/db/embedded.ts';
import { type AppProcess, runEnlace, startApp } from './app-process.ts';
import { type Fault, failureCounts, figuresByKind, restartWindows, table } from './figures.ts';
import { type Account, type Client, MIX, pictures, readBack, type Session, signIn, step } from './users.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    minutes: { type: 'string', default: '10' },
    users: { type: 'string', default: '200' },
    /** Mean pause of a virtual user between two requests (uniform from half to one and a half times it). */
    'think-ms': { type: 'string', default: '1000' },
    'timeout-ms': { type: 'string', default: '30000' },
    specimens: { type: 'string', default: '60' },
    keep: { type: 'boolean', default: false },
  },
});

const minutes = Number(values.minutes);
const users = Number(values.users);
const thinkMs = Number(values['think-ms']);
const timeoutMs = Number(values['timeout-ms']);
const log = (m: string) => process.stderr.write(`[drill ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (n: number) => `${n.toFixed(1)} MiB`;
const PASSWORD = 'simulacro-de-carga-2026';

/** `minute:pid` → MiB as one line per process: `pid 123: 0′ 380, 1′ 410; pid 456: …`. */
function rssCurve(byMinute: Map<string, number>): string {
  const byPid = new Map<string, string[]>();
  for (const [key, value] of byMinute) {
    const [minute, pid] = key.split(':') as [string, string];
    byPid.set(pid, [...(byPid.get(pid) ?? []), `${minute}′ ${value.toFixed(0)}`]);
  }
  return [...byPid].map(([pid, points]) => `pid ${pid}: ${points.join(', ')}`).join('; ');
}

async function main(): Promise<number> {
  if (!(minutes > 0) || !(users > 0) || !(thinkMs >= 0) || !(timeoutMs > 0)) {
    process.stderr.write('usage: npm run drill -- [--minutes N] [--users N] [--think-ms N] [--timeout-ms N] [--specimens N] [--keep]\n');
    return 64;
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'enlace-drill-'));
  const pgDir = path.join(tmp, 'postgres');
  const appLog = path.join(tmp, 'app.log');
  log(`working in ${tmp} (the app's log: ${appLog})`);
  let cluster: EmbeddedCluster | undefined;
  let app: AppProcess | undefined;
  try {
    cluster = await startEmbedded({ dir: pgDir, database: 'enlace' });
    const databaseUrl = cluster.url('enlace');
    const pgPort = cluster.port;
    const env = { DATABASE_URL: databaseUrl, ENLACE_DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'warn' };
    await runEnlace(['migrate'], env, appLog);
    log(`filling the portal (enlace demo --specimens ${values.specimens})`);
    const demo = JSON.parse(await runEnlace(['demo', '--specimens', values.specimens, '--password', PASSWORD, '--json'], env, appLog)) as {
      accounts: Account[];
      networks: { spaces: { id: string }[] }[];
    };
    const spaces = { specimens: demo.networks[0]!.spaces[0]!.id, alerts: demo.networks[1]!.spaces[0]!.id };

    const appPort = await freePort();
    app = await startApp(env, appPort, appLog);
    const client: Client = { origin: () => app!.origin, samples: [], ledger: [], timeoutMs };
    const sessions = new Map<string, Session>();
    for (const account of demo.accounts.filter((a) => ['officer', 'contact_point', 'substitute'].includes(a.role))) {
      const session = await signIn(client, account, spaces);
      if (session) sessions.set(session.email, session);
    }
    const people = [...sessions.values()];
    log(`${people.length} people signed in (${new Set(people.map((p) => p.country)).size} countries), ${users} virtual users`);

    // Memory: the kernel's resident set of the app's process, before the load, at the kill (the
    // first process' growth), when the second became ready and at the end (the second's growth).
    const rss = { firstBefore: await app.rssMiB(), firstAtKill: 0, secondReady: 0, secondAfter: 0, peak: 0 };
    const started = performance.now();
    const durationMs = minutes * 60_000;
    const deadline = started + durationMs;
    const faults: Fault[] = [];
    const picture = pictures();

    const virtualUser = async (n: number) => {
      // Arrivals spread over the first five seconds.
      await sleep((n / users) * 5_000);
      const session = people[n % people.length]!;
      // Past the deadline only while a fault is still being recovered from (its window must close).
      while (performance.now() < deadline || !faultsDone) {
        await step(client, session, picture);
        await sleep(thinkMs * (0.5 + Math.random()));
      }
    };
    /** The highest of the 5 s samples in each minute of the load, by process (`minute:pid`). */
    const rssByMinute = new Map<string, number>();
    /**
     * The V8 heap in use, lowest 5 s sample of each minute (a reading just after a collection: what
     * stays alive), and the memory outside the heap, highest sample; by process. A leak shows as a
     * floor that keeps rising; a resident set that levels while these stay flat is the allocator
     * keeping pages it has used.
     */
    const heapByMinute = new Map<string, number>();
    const externalByMinute = new Map<string, number>();
    // Every 5 s: the peak of the resident set, and a crash noticed (the portal is started again, and the drill fails).
    const crashes: string[] = [];
    let sampling = true;
    let restarting = false;
    const sampler = (async () => {
      while (sampling) {
        const now = await app!.rssMiB();
        if (Number.isFinite(now)) {
          rss.peak = Math.max(rss.peak, now);
          const minute = Math.floor((performance.now() - started) / 60_000);
          const key = `${minute}:${app!.pid}`;
          rssByMinute.set(key, Math.max(rssByMinute.get(key) ?? 0, now));
          const memory = await app!.memoryMiB();
          if (memory) {
            heapByMinute.set(key, Math.min(heapByMinute.get(key) ?? Number.POSITIVE_INFINITY, memory.heapUsed));
            externalByMinute.set(key, Math.max(externalByMinute.get(key) ?? 0, memory.external));
          }
        }
        if (app!.crashed() && !restarting) {
          crashes.push(`${((performance.now() - started) / 1000).toFixed(0)} s into the load`);
          log(`the app (pid ${app!.pid}) ended by itself: starting it again (see ${appLog})`);
          restarting = true;
          app = await startApp(env, appPort, appLog).finally(() => {
            restarting = false;
          });
        }
        await sleep(5_000);
      }
    })();
    let faultsDone = false;
    const faultSchedule = (async () => {
      await sleep(durationMs / 3);
      log('fault 1: stopping PostgreSQL (fast) and starting it again');
      const at = performance.now();
      await cluster!.stop();
      const down = performance.now();
      cluster = await startEmbedded({ dir: pgDir, database: 'enlace', port: pgPort });
      faults.push({ name: 'postgres restart', at, down });
      log(`PostgreSQL back after ${((performance.now() - at) / 1000).toFixed(1)} s`);

      await sleep(deadline - durationMs / 3 - performance.now());
      while (restarting) await sleep(200);
      rss.firstAtKill = await app!.rssMiB();
      restarting = true;
      log(`fault 2: SIGKILL to the app (pid ${app!.pid}, ${mib(rss.firstAtKill)} resident) and starting it again`);
      const killedAt = performance.now();
      await app!.kill();
      const dead = performance.now();
      faults.push({ name: 'app SIGKILL', at: killedAt, down: dead });
      app = await startApp(env, appPort, appLog);
      restarting = false;
      rss.secondReady = await app.rssMiB();
      log(`the app is back after ${((performance.now() - killedAt) / 1000).toFixed(1)} s (pid ${app.pid}, ${mib(rss.secondReady)} resident)`);
    })().finally(() => {
      faultsDone = true;
    });
    await Promise.all([...Array.from({ length: users }, (_, n) => virtualUser(n)), faultSchedule]);
    sampling = false;
    await sampler;
    rss.secondAfter = await app.rssMiB();
    const loadSeconds = (performance.now() - started) / 1000;
    log(`load done after ${loadSeconds.toFixed(0)} s: ${client.samples.length} requests, ${client.ledger.length} acknowledged writes`);

    // The fan-out is a job: wait until every acknowledged alert has reached its inbox rows — up to
    // the jobs' expiry and two maintenance rounds, after which a job cut short by the kill is taken back.
    const alertIds = client.ledger.flatMap((w) => (w.kind === 'alert' ? [w.id] : []));
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    let undelivered = alertIds.length;
    for (let waited = 0; waited <= 420_000; waited += 2_000) {
      if (waited > 0 && waited % 60_000 === 0) log(`${undelivered} alerts still without inbox rows after ${waited / 1000} s`);
      const { rows } = await db.query<{ n: string }>(
        'select count(*) as n from unnest($1::uuid[]) as a(id) where not exists (select 1 from alert_recipient r where r.alert_id = a.id)',
        [alertIds],
      );
      undelivered = Number(rows[0]!.n);
      if (undelivered === 0) break;
      await sleep(2_000);
    }
    const duplicates = Number(
      (
        await db.query<{ n: string }>(
          'select count(*) as n from (select alert_id, user_id from alert_recipient group by alert_id, user_id having count(*) > 1) d',
        )
      ).rows[0]!.n,
    );
    const inboxRows = Number((await db.query<{ n: string }>('select count(*) as n from alert_recipient')).rows[0]!.n);
    await db.end();

    const settled = await app.memoryMiB();
    log('reading back every acknowledged write');
    const back = await readBack(client, sessions, log);
    await app.stop();
    app = undefined;
    let auditVerify = 'passed';
    try {
      await runEnlace(['audit', 'verify'], env, appLog);
    } catch (err) {
      auditVerify = `FAILED (${(err as Error).message})`;
    }

    const windows = restartWindows(faults, client.samples);
    const byKind = figuresByKind(client.samples, windows);
    const all = byKind.find((k) => k.kind === 'all')!;
    const writes = (kind: string) => client.ledger.filter((w) => w.kind === kind).length;
    const out = [
      '',
      `Enlace drill: ${users} virtual users for ${minutes} min (think time ${thinkMs} ms ± 50 %, timeout ${timeoutMs} ms), ${people.length} signed-in people,`,
      `${os.availableParallelism()} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; mix ${MIX.map(([k, w]) => `${k} ${w}`).join(', ')}`,
      '',
      table([
        ['requests', 'served', 'p50 ms', 'p99 ms', 'errors outside', 'errors inside', 'hanging'],
        ...byKind.map((k) => [k.kind, k.served, k.p50Ms.toFixed(1), k.p99Ms.toFixed(1), k.errorsOutside, k.errorsInside, k.hanging]),
      ]),
      '',
      ...windows.map(
        (w) => `restart window ${w.name}: ${((w.to - w.from) / 1000).toFixed(1)} s, from ${((w.from - started) / 1000).toFixed(1)} s into the load`,
      ),
      ...Object.entries(failureCounts(client.samples, windows))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([what, n]) => `  failed ${what}: ${n}`),
      '',
      table(
        [
          ['check', 'result'],
          [
            'acknowledged writes',
            `${client.ledger.length} (specimens ${writes('specimen')}, images ${writes('image')}, alerts ${writes('alert')}, acks ${writes('ack')})`,
          ],
          ['read back', back.checked],
          ['lost writes', back.lost.length],
          ['app crashes (ended by itself)', crashes.length ? `${crashes.length}: ${crashes.join(', ')}` : 0],
          ['alerts without inbox rows', undelivered],
          ['duplicate inbox entries', `${duplicates} (of ${inboxRows} inbox rows)`],
          ['audit verify', auditVerify],
          ['RSS first process', `${mib(rss.firstBefore)} before load -> ${mib(rss.firstAtKill)} at the kill`],
          ['RSS second process', `${mib(rss.secondReady)} when ready -> ${mib(rss.secondAfter)} after load`],
          ['RSS peak (5 s samples)', mib(rss.peak)],
          ['RSS by minute (highest sample)', rssCurve(rssByMinute)],
          ['V8 heap used by minute (lowest sample)', rssCurve(heapByMinute)],
          ['outside the heap by minute (highest sample)', rssCurve(externalByMinute)],
          ['after the load (heap used, outside)', settled ? `${mib(settled.heapUsed)}, ${mib(settled.external)}` : 'no answer'],
        ],
        true,
      ),
      '',
    ];
    for (const { write, why } of back.lost.slice(0, 20)) out.push(`lost: ${why}: ${JSON.stringify(write)}`);
    process.stdout.write(`${out.join('\n')}\n`);
    const failed =
      crashes.length > 0 ||
      all.errorsOutside > 0 ||
      all.hanging > 0 ||
      back.lost.length > 0 ||
      duplicates > 0 ||
      undelivered > 0 ||
      auditVerify !== 'passed';
    process.stdout.write(failed ? 'DRILL FAILED: a figure that must be zero is not.\n' : 'drill passed.\n');
    return failed ? 1 : 0;
  } finally {
    await app?.kill().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
    if (values.keep) log(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`drill: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
