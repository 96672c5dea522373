/**
 * The client side of the `fan-out` bench, in a worker thread of its own (its own event loop, so
 * that 1,000 streams being parsed do not queue behind the server they measure, which runs in the
 * main thread): opens one `GET /api/events` stream per cookie, a bounded number at a time, waits
 * for every stream's `ready`, tells the main thread, and on its word publishes one alert with
 * `POST /api/alerts`; then times, for every stream, from just before the POST until its `alert`
 * event. node:http, no agent pooling (one socket per stream). Every phase is bounded in time; the
 * outcome (figures or what went wrong) is posted back, never thrown.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

export interface ClientJob {
  origin: string;
  /** One stream per cookie (`name=value`). */
  cookies: string[];
  /** Streams being opened at once (the server's accept backlog and session lookups stay small). */
  openConcurrency: number;
  openTimeoutMs: number;
  deliveryTimeoutMs: number;
  publish: { path: string; headers: Record<string, string>; body: string };
  /**
   * The app's LISTEN/NOTIFY channel, heard here too: when the fan-out's notice was committed,
   * timed on this thread (the server's, busy with the fan-out, would time it late).
   */
  notices: { databaseUrl: string; channel: string };
}

/** Main thread → worker. */
export type ClientCommand = { go: true } | { stop: true };

/** Worker → main thread. */
export type ClientMessage =
  | { phase: 'ready'; streams: number; openMs: number }
  | { phase: 'done'; outcome: ClientOutcome }
  | { phase: 'failed'; error: string; details: Record<string, unknown> };

export interface ClientOutcome {
  streams: number;
  postStatus: number;
  postMs: number;
  /** When the POST started, in milliseconds since the epoch (to compare with the database's times). */
  postStartedEpochMs: number;
  alertId: string | null;
  /** Milliseconds from just before the POST to each stream's `alert` (streams that got one). */
  latencies: number[];
  /** Milliseconds from just before the POST to the fan-out's notice on the channel (null: not heard). */
  noticeMs: number | null;
  /** Streams whose `alert` came before the POST's response did. */
  beforeResponse: number;
  missing: number;
  duplicates: number;
  /** `alert` events for another alert id than the published one. */
  foreign: number;
  errors: string[];
  closedEarly: number;
}

interface Stream {
  index: number;
  request: http.ClientRequest | null;
  ready: boolean;
  alerts: { at: number; alertId: unknown; severity: unknown }[];
  closed: boolean;
}

const job = workerData as ClientJob;
const target = new URL(job.origin);
const streams: Stream[] = job.cookies.map((_, index) => ({ index, request: null, ready: false, alerts: [], closed: false }));
/** Errors alike but for their numbers (stream indexes) counted once, with their first instance. */
const errorKinds = new Map<string, { example: string; count: number }>();
let stopping = false;
let onAlert: (() => void) | null = null;
let listener: pg.Client | null = null;
const notices: { at: number; alertId: unknown }[] = [];

function noteError(message: string): void {
  const key = message.replace(/\d+/g, '#');
  const kind = errorKinds.get(key);
  if (kind) kind.count += 1;
  else errorKinds.set(key, { example: message, count: 1 });
}

const summaryOfErrors = () => [...errorKinds.values()].map(({ example, count }) => (count > 1 ? `${example} (and ${count - 1} alike)` : example));

function post(message: ClientMessage): void {
  parentPort!.postMessage(message);
}

/** Opens one stream and resolves when its `ready` arrives (or rejects). */
function open(stream: Stream): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err?: Error) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    const request = http.request({
      host: target.hostname,
      port: target.port,
      method: 'GET',
      path: '/api/events',
      agent: false,
      headers: { cookie: job.cookies[stream.index]!, accept: 'text/event-stream' },
    });
    stream.request = request;
    request.on('error', (err) => {
      if (!stopping) noteError(`stream ${stream.index}: ${err.message}`);
      stream.closed = true;
      done(err);
    });
    request.on('response', (res) => {
      const type = String(res.headers['content-type'] ?? '');
      if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done(new Error(`stream ${stream.index}: ${res.statusCode} ${type} ${body.slice(0, 200)}`)));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk.replace(/\r\n?/g, '\n');
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || line === '') continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event = value;
            else if (field === 'data') data.push(value);
          }
          if (data.length === 0) continue; // `retry:` and comments dispatch nothing
          if (event === 'ready') {
            stream.ready = true;
            done();
          } else if (event === 'alert') {
            let parsed: { alertId?: unknown; severity?: unknown } = {};
            try {
              parsed = JSON.parse(data.join('\n')) as typeof parsed;
            } catch {
              noteError(`stream ${stream.index}: alert data is not JSON: ${data.join('\n').slice(0, 100)}`);
            }
            stream.alerts.push({ at, alertId: parsed.alertId, severity: parsed.severity });
            onAlert?.();
          }
        }
      });
      res.on('close', () => {
        stream.closed = true;
        if (!stopping) noteError(`stream ${stream.index}: closed by the server`);
        done(new Error(`stream ${stream.index}: closed before ready`));
      });
    });
    request.end();
  });
}

async function openAll(): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < streams.length && !stopping) {
      await open(streams[next++]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.openConcurrency, streams.length) }, lane));
}

function bounded<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(what())), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function closeAll(): void {
  stopping = true;
  for (const stream of streams) stream.request?.destroy();
  listener?.end().catch(() => {});
  listener = null;
}

async function listen(): Promise<void> {
  const client = new pg.Client({ connectionString: job.notices.databaseUrl, application_name: 'enlace-bench-listener' });
  client.on('notification', (message) => {
    const at = performance.now();
    if (message.channel !== job.notices.channel || !message.payload) return;
    try {
      const notice = JSON.parse(message.payload) as { type?: unknown; alertId?: unknown };
      if (notice.type === 'alert') notices.push({ at, alertId: notice.alertId });
    } catch {
      // not ours to judge
    }
  });
  client.on('error', (err) => noteError(`listener: ${err.message}`));
  await client.connect();
  await client.query(`listen ${client.escapeIdentifier(job.notices.channel)}`);
  listener = client;
}

function publish(): Promise<{ status: number; body: string; ms: number; startedAt: number }> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: job.publish.path,
        agent: false,
        headers: { ...job.publish.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(job.publish.body)) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - startedAt, startedAt }));
      },
    );
    request.on('error', reject);
    request.end(job.publish.body);
  });
}

async function main(): Promise<void> {
  const openStarted = performance.now();
  try {
    await bounded(openAll(), job.openTimeoutMs, () => `streams not all ready after ${job.openTimeoutMs} ms`);
  } catch (err) {
    closeAll();
    post({
      phase: 'failed',
      error: err instanceof Error ? err.message : String(err),
      details: {
        wanted: streams.length,
        ready: streams.filter((s) => s.ready).length,
        closed: streams.filter((s) => s.closed).length,
        errors: summaryOfErrors(),
      },
    });
    return;
  }
  const openMs = performance.now() - openStarted;
  try {
    await bounded(listen(), 10_000, () => 'the listener did not connect within 10 s');
  } catch (err) {
    closeAll();
    post({ phase: 'failed', error: `listening on ${job.notices.channel}: ${err instanceof Error ? err.message : String(err)}`, details: {} });
    return;
  }
  post({ phase: 'ready', streams: streams.length, openMs });

  const command = await new Promise<ClientCommand>((resolve) => parentPort!.once('message', resolve));
  if ('stop' in command) {
    closeAll();
    return;
  }

  const received = () => streams.filter((s) => s.alerts.length > 0).length;
  const allArrived = new Promise<void>((resolve) => {
    onAlert = () => {
      if (received() === streams.length) resolve();
    };
  });
  let response: Awaited<ReturnType<typeof publish>>;
  try {
    response = await bounded(publish(), job.deliveryTimeoutMs, () => `POST ${job.publish.path} unanswered after ${job.deliveryTimeoutMs} ms`);
  } catch (err) {
    closeAll();
    post({ phase: 'failed', error: err instanceof Error ? err.message : String(err), details: { received: received() } });
    return;
  }
  const responseAt = response.startedAt + response.ms;
  if (response.status !== 201) {
    closeAll();
    post({
      phase: 'failed',
      error: `POST ${job.publish.path}: ${response.status} ${response.body.slice(0, 500)}`,
      details: { received: received() },
    });
    return;
  }
  let alertId: string | null = null;
  try {
    alertId = (JSON.parse(response.body) as { id?: string }).id ?? null;
  } catch {
    noteError(`POST ${job.publish.path}: the answer is not JSON`);
  }
  const left = Math.max(0, job.deliveryTimeoutMs - (performance.now() - response.startedAt));
  let timedOut = false;
  await bounded(allArrived, left, () => 'delivery timeout').catch(() => {
    timedOut = true;
  });
  // A stream still open that got nothing is missing; one more tick lets a last chunk in.
  await new Promise((resolve) => setImmediate(resolve));
  const closedEarly = streams.filter((s) => s.closed).length;
  closeAll();
  const notice = notices.find((n) => alertId === null || n.alertId === alertId);

  const latencies: number[] = [];
  let duplicates = 0;
  let foreign = 0;
  let beforeResponse = 0;
  for (const stream of streams) {
    const ours = stream.alerts.filter((a) => alertId === null || a.alertId === alertId);
    foreign += stream.alerts.length - ours.length;
    if (ours.length > 1) duplicates += ours.length - 1;
    const first = ours[0];
    if (first) {
      latencies.push(first.at - response.startedAt);
      if (first.at < responseAt) beforeResponse += 1;
      if (first.severity !== 'urgent') noteError(`stream ${stream.index}: alert severity ${String(first.severity)}`);
    }
  }
  if (timedOut)
    noteError(`delivery: ${streams.length - latencies.length} of ${streams.length} streams without the alert after ${job.deliveryTimeoutMs} ms`);
  post({
    phase: 'done',
    outcome: {
      streams: streams.length,
      postStatus: response.status,
      postMs: response.ms,
      postStartedEpochMs: performance.timeOrigin + response.startedAt,
      alertId,
      noticeMs: notice ? notice.at - response.startedAt : null,
      latencies,
      beforeResponse,
      missing: streams.length - latencies.length,
      duplicates,
      foreign,
      errors: summaryOfErrors(),
      closedEarly,
    },
  });
}

main().catch((err: unknown) => {
  closeAll();
  post({ phase: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err), details: {} });
});
