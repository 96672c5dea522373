import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The portal's operational metrics (Prometheus text format at `/metrics`, ./plugin.ts), one registry
 * per app — never prom-client's global one, so two apps in one process (the tests, the bench) keep
 * their own counts. What a metric may carry as labels: route patterns (`/api/specimens/:id`, never
 * a path with its ids), methods, status codes, job kinds, channels and operations — no identifier,
 * name, search term or other restricted value. The README lists every metric.
 *
 * Counters and histograms are this instance's (Prometheus adds the instances up); the gauges read
 * at scrape time from the database (job queue, last audit verification) are the portal's as a whole.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  readonly signInFailures: Counter<never>;
  readonly signInThrottled: Counter<never>;
  readonly auditAppend: Histogram<never>;
  readonly auditBatch: Histogram<never>;
  readonly alertDelivery: Histogram<'channel'>;
  readonly blobErrors: Counter<'operation'>;
  readonly sealedOpens: Counter<'source'>;
  /** Scrape-time readings, set by whoever owns the thing measured (the plugin wires them). */
  readonly dbPool: Gauge<'state'>;
  readonly liveStreams: Gauge<never>;
  readonly jobsQueued: Gauge<'kind'>;
  readonly jobsOldest: Gauge<'kind'>;
  readonly auditVerifyOk: Gauge<never>;
  readonly auditVerifyAt: Gauge<never>;
  /** This process' memory (`process.memoryUsage()`), read at each scrape. */
  readonly memory: Gauge<'kind'>;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'enlace_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'enlace_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: SECONDS,
      registers,
    }),
    signInFailures: new Counter({
      name: 'enlace_signin_failures_total',
      help: 'Sign-in attempts refused for a wrong credential (password, code or unknown account).',
      registers,
    }),
    signInThrottled: new Counter({
      name: 'enlace_signin_throttled_total',
      help: 'Sign-in attempts refused because the account or address was throttled.',
      registers,
    }),
    auditAppend: new Histogram({
      name: 'enlace_audit_append_seconds',
      help: 'Time for a read’s audit entry to be durable in the chain (group commit), as its request waits for it.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    auditBatch: new Histogram({
      name: 'enlace_audit_batch_entries',
      help: 'Entries of reads, refusals and system events written by one group-commit batch of the audit trail (0 for a batch that only chained changes’ queued entries); a batch costs one statement and one commit whatever its size.',
      buckets: [1, 2, 4, 8, 16, 32, 64],
      registers,
    }),
    alertDelivery: new Histogram({
      name: 'enlace_alert_delivery_seconds',
      help: 'Time from an alert’s publication to its delivery, by channel (inbox, mail, webhook).',
      labelNames: ['channel'],
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    }),
    blobErrors: new Counter({
      name: 'enlace_blob_store_errors_total',
      help: 'Blob store operations that failed (a missing blob included), by operation.',
      labelNames: ['operation'],
      registers,
    }),
    dbPool: new Gauge({
      name: 'enlace_db_pool_connections',
      help: 'Database connections of this instance’s pool: total, idle, and requests waiting for one.',
      labelNames: ['state'],
      registers,
    }),
    liveStreams: new Gauge({ name: 'enlace_live_streams', help: 'Live event streams open on this instance.', registers }),
    jobsQueued: new Gauge({
      name: 'enlace_jobs_queued',
      help: 'Jobs waiting to run (created or to retry), by kind.',
      labelNames: ['kind'],
      registers,
    }),
    jobsOldest: new Gauge({
      name: 'enlace_jobs_oldest_seconds',
      help: 'Age of the oldest job waiting to run, by kind.',
      labelNames: ['kind'],
      registers,
    }),
    auditVerifyOk: new Gauge({
      name: 'enlace_audit_verify_ok',
      help: 'The last verification of the audit trail: 1 it held, 0 it found a break, -1 none yet.',
      registers,
    }),
    auditVerifyAt: new Gauge({
      name: 'enlace_audit_verify_timestamp_seconds',
      help: 'When the audit trail was last verified (Unix time; 0: never).',
      registers,
    }),
    sealedOpens: new Counter({
      name: 'enlace_sealed_opens_total',
      help: 'Sealed records opened, by where the plaintext came from: decrypted, or memory (records opened before).',
      labelNames: ['source'],
      registers,
    }),
    memory: new Gauge({
      name: 'enlace_process_memory_bytes',
      help: 'This process’ memory: resident set, V8 heap used and reserved, memory outside the heap (buffers) and array buffers.',
      labelNames: ['kind'],
      registers,
      collect() {
        const m = process.memoryUsage();
        this.set({ kind: 'rss' }, m.rss);
        this.set({ kind: 'heap_used' }, m.heapUsed);
        this.set({ kind: 'heap_total' }, m.heapTotal);
        this.set({ kind: 'external' }, m.external);
        this.set({ kind: 'array_buffers' }, m.arrayBuffers);
      },
    }),
  };
}
