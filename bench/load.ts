import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * HTTP load on loopback from a worker thread (its own event loop, so that the client does not
 * queue behind the server it measures, which runs in the main thread): `connections` keep-alive
 * connections each sending requests one after another, until `durationMs` has passed or
 * `maxRequests` were sent. node:http, no dependency.
 */
export interface LoadOptions {
  origin: string;
  method: 'GET' | 'POST';
  /** Requests cycle through these paths. */
  paths: string[];
  headers?: Record<string, string>;
  body?: string;
  /** Bodies to cycle through (with the paths), one per request, instead of one `body`. */
  bodies?: string[];
  connections: number;
  durationMs: number;
  maxRequests?: number;
}

/** What to send, without how much. */
export type LoadTarget = Omit<LoadOptions, 'connections' | 'durationMs' | 'maxRequests'>;

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  /** Milliseconds, in completion order. */
  latencies: number[];
  statuses: Record<string, number>;
  /**
   * CPU time per request in milliseconds, while the load ran: this process's (every thread: the
   * server's and the load client's) and PostgreSQL's (`postgresCpu`); null where /proc is missing.
   * What tells a side that waits from a side that works. `nodeKernel`: the part of `node` spent in
   * the kernel (socket reads and writes: loopback TCP to the client and to PostgreSQL).
   */
  cpuMsPerRequest: { node: number; nodeKernel: number; postgres: number | null };
}

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second on every Linux build node runs on. */
const TICK_MS = 10;

/**
 * CPU time of every PostgreSQL process so far (user and system, in ms), by pid; null without
 * /proc. Every process named postgres on the machine: on a bench machine, the bench's own cluster
 * (another one idle adds nothing). A backend that ended in between takes its time with it, so
 * `postgresSince` counts only what the processes alive at the end spent (connections are pooled
 * and kept through a round).
 */
function postgresCpu(): Map<string, number> | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const times = new Map<string, number>();
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended since the listing
    }
    if (!stat.includes(' (postgres) ')) continue;
    // Fields after the command's closing parenthesis: state is the 3rd field, utime the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    times.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
  }
  return times;
}

function postgresSince(before: Map<string, number> | null): number | null {
  const after = postgresCpu();
  if (!before || !after) return null;
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}

const CLIENT = `
const { parentPort, workerData: o } = require('node:worker_threads');
const http = require('node:http');
const target = new URL(o.origin);
const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
const latencies = [];
const statuses = {};
let sent = 0;
let errors = 0;
const started = performance.now();
const deadline = started + o.durationMs;
const once = (i) => new Promise((resolve) => {
  const path = o.paths[i % o.paths.length];
  const body = o.bodies ? o.bodies[i % o.bodies.length] : o.body;
  const headers = o.bodies ? { ...o.headers, 'content-length': String(Buffer.byteLength(body)) } : o.headers;
  const t = performance.now();
  const req = http.request({ host: target.hostname, port: target.port, method: o.method, path, agent, headers }, (res) => {
    res.resume();
    res.on('end', () => {
      latencies.push(performance.now() - t);
      statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
      if (res.statusCode !== 200) errors++;
      resolve();
    });
  });
  req.on('error', () => { errors++; resolve(); });
  req.end(body);
});
const loop = async (k) => {
  for (let i = k; performance.now() < deadline && (o.maxRequests == null || sent < o.maxRequests); i += o.connections) {
    sent++;
    await once(i);
  }
};
Promise.all(Array.from({ length: o.connections }, (_, k) => loop(k))).then(() => {
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  parentPort.postMessage({ requests: latencies.length, errors, seconds, latencies, statuses });
});
`;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const headers = {
    ...options.headers,
    ...(options.body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(options.body)) } : {}),
    ...(options.bodies !== undefined ? { 'content-type': 'application/json' } : {}),
  };
  const postgres = postgresCpu();
  const node = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: { ...options, headers } });
    worker.once('message', (result: Omit<LoadResult, 'perSecond' | 'cpuMsPerRequest'>) => {
      const used = process.cpuUsage(node);
      const pgMs = postgresSince(postgres);
      const per = Math.max(result.requests, 1);
      void worker.terminate();
      resolve({
        ...result,
        perSecond: result.requests / result.seconds,
        cpuMsPerRequest: {
          node: round((used.user + used.system) / 1000 / per),
          nodeKernel: round(used.system / 1000 / per),
          postgres: pgMs === null ? null : round(pgMs / per),
        },
      });
    });
    worker.once('error', reject);
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/**
 * Several sides of one measure (the real path and its floors), in alternating rounds after a warm-up
 * of each, failing on any error; the best round of each side is what counts (machines here are
 * shared and noisy).
 */
export async function bestOfRounds<K extends string>(
  targets: Record<K, LoadTarget>,
  options: { connections: number; rounds: number; roundMs: number },
): Promise<Record<K, LoadResult>> {
  const names = Object.keys(targets) as K[];
  for (const name of names) await runLoad({ ...targets[name], connections: options.connections, durationMs: 2_000 });
  const runs = Object.fromEntries(names.map((n) => [n, [] as LoadResult[]])) as Record<K, LoadResult[]>;
  for (let r = 0; r < options.rounds; r++) {
    for (const name of names) runs[name].push(await runLoad({ ...targets[name], connections: options.connections, durationMs: options.roundMs }));
  }
  const errors = names.reduce((n, name) => n + runs[name].reduce((m, r) => m + r.errors, 0), 0);
  if (errors) throw new Error(`${errors} failed requests: ${JSON.stringify(names.map((n) => runs[n].map((r) => r.statuses)))}`);
  const best = (list: LoadResult[]) => list.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  return Object.fromEntries(names.map((n) => [n, best(runs[n])])) as Record<K, LoadResult>;
}

/** The real path against its floor (bestOfRounds of the two), as a ratio of throughputs. */
export async function compareLoad(real: LoadTarget, floor: LoadTarget, options: { connections: number; rounds: number; roundMs: number }) {
  const { real: bestReal, floor: bestFloor } = await bestOfRounds({ real, floor }, options);
  return {
    bestReal,
    bestFloor,
    summary: {
      ratio: bestReal.perSecond / bestFloor.perSecond,
      realPerSecond: round(bestReal.perSecond, 1),
      floorPerSecond: round(bestFloor.perSecond, 1),
      realP50Ms: round(percentile(bestReal.latencies, 50), 2),
      floorP50Ms: round(percentile(bestFloor.latencies, 50), 2),
      connections: options.connections,
    },
  };
}
