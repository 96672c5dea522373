import os from 'node:os';
import path from 'node:path';
import { type Static, Type } from 'typebox';
import Value from 'typebox/value';
import { addressEntries, parseAddresses } from './platform/http/addresses.ts';

const PACKAGE_WEB_DIST = path.resolve(import.meta.dirname, '../web/dist');

/**
 * One typed, validated configuration for the server, the CLI and the tests.
 * Every value comes from the environment; every value has an embedded default
 * except the ones that only make sense in production (DATABASE_URL, ENLACE_PUBLIC_URL).
 */
export const ConfigSchema = Type.Object(
  {
    host: Type.String({ minLength: 1, default: '127.0.0.1' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
    dataDir: Type.String({ minLength: 1, default: 'var' }),
    databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
    dbPoolMax: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
    /** Queries run again as prepared statements (database.ts); off behind a pooler that cannot keep them. */
    dbPrepared: Type.Boolean({ default: true }),
    /** False where the app's database role may not change the schema (`enlace migrate` runs first). */
    migrateOnStart: Type.Boolean({ default: true }),
    publicUrl: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+' })),
    /** Trust any proxy's X-Forwarded-For: the client is its left-most entry (the proxy must replace the header). */
    trustProxy: Type.Boolean({ default: false }),
    /**
     * The proxies to trust, by address or CIDR range, comma-separated: the client is the right-most
     * X-Forwarded-For entry that is not one of them, so a proxy may append to the header. Empty: none.
     */
    trustedProxies: Type.String({ maxLength: 2000, pattern: '^[0-9A-Fa-f:.,/ ]*$', default: '' }),
    logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
    bodyLimit: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: 1024 * 1024 }),
    shutdownGraceMs: Type.Integer({ minimum: 0, maximum: 600_000, default: 10_000 }),
    sessionIdleMinutes: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 30 }),
    sessionAbsoluteHours: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 12 }),
    /**
     * Password hashes computed at once (argon2id runs on libuv's pool; the rest queue, boundedly).
     * One core is left to everything else: measured by the `login-flood` bench.
     */
    passwordConcurrency: Type.Integer({ minimum: 1, maximum: 64, default: Math.max(1, os.availableParallelism() - 1) }),
    /** The master key, base64 of 32 bytes; or a file holding it. Unset: `<data>/master.key`, created at first start. */
    masterKey: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$' })),
    masterKeyFile: Type.Optional(Type.String({ minLength: 1 })),
    /** SMTP relay (smtp:// or smtps://, credentials in the URL); unset: mail is printed on the console. */
    smtpUrl: Type.Optional(Type.String({ pattern: '^smtps?://' })),
    mailFrom: Type.String({ minLength: 3, default: 'Enlace <enlace@localhost>' }),
    /** Where sealed file chunks go: the data folder (`fs`) or S3-compatible object storage (`s3`). */
    blobStore: Type.Enum(['fs', 's3'], { default: 'fs' }),
    s3Endpoint: Type.Optional(Type.String({ pattern: '^https?://' })),
    s3Region: Type.String({ minLength: 1, default: 'us-east-1' }),
    s3Bucket: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' })),
    s3AccessKeyId: Type.Optional(Type.String({ minLength: 1 })),
    s3SecretAccessKey: Type.Optional(Type.String({ minLength: 1 })),
    /** Path-style bucket URLs (MinIO and most self-hosted stores); false for AWS virtual-hosted style. */
    s3ForcePathStyle: Type.Boolean({ default: true }),
    /** Largest accepted file, in bytes (before re-encoding). */
    uploadLimit: Type.Integer({ minimum: 1024, maximum: 4 * 1024 * 1024 * 1024, default: 25 * 1024 * 1024 }),
    /** Largest accepted image, in pixels (width × height): refuses decompression bombs before decoding. */
    uploadMaxPixels: Type.Integer({ minimum: 10_000, maximum: 1_000_000_000, default: 50_000_000 }),
    /** Plaintext bytes per sealed chunk: bounds the memory one upload or download holds. */
    chunkBytes: Type.Integer({ minimum: 64 * 1024, maximum: 64 * 1024 * 1024, default: 2 * 1024 * 1024 }),
    /** Plaintext of records already opened kept in memory, in MiB (0: none; crypto/sealer.ts, OpenedRecords). */
    openCacheMb: Type.Integer({ minimum: 0, maximum: 4096, default: 32 }),
    /** Minutes between orphan sweeps of the blob store (0: never). */
    blobSweepMinutes: Type.Integer({ minimum: 0, maximum: 7 * 24 * 60, default: 60 }),
    /** Seconds between signed checkpoints of the audit trail's head (0: only at shutdown). */
    auditCheckpointSeconds: Type.Integer({ minimum: 0, maximum: 24 * 3600, default: 60 }),
    /** Minutes between full verifications of the audit trail, which alert auditors when it breaks (0: never). */
    auditVerifyMinutes: Type.Integer({ minimum: 0, maximum: 7 * 24 * 60, default: 60 }),
    /** Anomaly: a user reading more than this many distinct items in one hour. */
    auditReadsPerHour: Type.Integer({ minimum: 1, maximum: 100_000, default: 100 }),
    /** Anomaly: this many denials or more for one user (or one address) in one hour. */
    auditDenialsPerHour: Type.Integer({ minimum: 1, maximum: 100_000, default: 10 }),
    /** Anomaly: a user looking up more than this many persons in one hour (checked, in a batch too, or person records read). */
    auditPersonLookupsPerHour: Type.Integer({ minimum: 1, maximum: 100_000, default: 50 }),
    /** Anomaly: activity at an hour of day that held less than this share of the user's last 30 days. */
    auditUnusualHourShare: Type.Number({ minimum: 0, maximum: 1, default: 0.02 }),
    /** …judged only for users with at least this many entries in those 30 days. */
    auditMinHistory: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 50 }),
    /** The time zone whose hours of day the unusual-hours flag compares (IANA name). */
    auditTimezone: Type.String({ pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$', default: 'UTC' }),
    /** Minutes a stated purpose of access lasts for one item and session. */
    purposeMinutes: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 60 }),
    /** The most specimens one export may hold (a larger search is refused: narrow it). */
    exportMax: Type.Integer({ minimum: 1, maximum: 100_000, default: 5000 }),
    /** Months a person record is kept from its creation before its content is crypto-shredded (its originator may extend it). */
    personRetentionMonths: Type.Integer({ minimum: 1, maximum: 120, default: 24 }),
    /** Seconds between the sweeps that shred person records past their retention (0: only `enlace persons shred-expired`). */
    retentionSweepSeconds: Type.Integer({ minimum: 0, maximum: 86_400, default: 3600 }),
    /** Seconds between the notifications' sweeps: deadline reminders, mail left behind, weekly digests (0: only `enlace notifications remind`). */
    notificationSweepSeconds: Type.Integer({ minimum: 0, maximum: 86_400, default: 900 }),
    /** Whether this process works the job queue (alert delivery); `enlace worker` always does. */
    jobWorkers: Type.Boolean({ default: true }),
    /** Each job's time limit: past it the worker fails it as timed out and goes on; a job whose worker died is taken for lost and retried after it. */
    jobExpireSeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 300 }),
    /** Seconds between the queue's maintenance runs (expiring lost jobs, cleaning up). */
    jobMaintenanceSeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 60 }),
    /** Seconds between a worker's polls of the queue when it is idle. */
    jobPollSeconds: Type.Number({ minimum: 0.5, maximum: 60, default: 2 }),
    /** Retries of a failed delivery (mail, webhook) before it is marked failed. */
    jobRetries: Type.Integer({ minimum: 0, maximum: 50, default: 8 }),
    /** Seconds before the first retry; each next one waits twice as long. */
    jobRetryDelaySeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 10 }),
    /** Minutes after which an unacknowledged urgent alert is recalled to its recipients by mail (0: never). */
    alertReminderMinutes: Type.Integer({ minimum: 0, maximum: 7 * 24 * 60, default: 30 }),
    /** Minutes after which an unacknowledged urgent alert is escalated to the recipient country's contact point (0: never). */
    alertEscalationMinutes: Type.Integer({ minimum: 0, maximum: 7 * 24 * 60, default: 120 }),
    /** Seconds between the sweeps that send reminders and escalations. */
    alertSweepSeconds: Type.Integer({ minimum: 5, maximum: 3600, default: 60 }),
    /** Milliseconds a webhook endpoint has to answer. */
    webhookTimeoutMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
    /** Who may read `/metrics`: addresses or CIDR ranges, comma-separated (empty: only with the token). */
    metricsAllow: Type.String({ maxLength: 2000, pattern: '^[0-9A-Fa-f:.,/ ]*$', default: '127.0.0.1,::1' }),
    /** A token that also opens `/metrics` (`Authorization: Bearer …`), from anywhere; unset: none. */
    metricsToken: Type.Optional(Type.String({ minLength: 32, maxLength: 200, pattern: '^[A-Za-z0-9._~+/=-]+$' })),
    /** Built web app; by default the package's own web/dist, wherever the command runs from. */
    webDir: Type.String({ minLength: 1, default: PACKAGE_WEB_DIST }),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;

/** Environment variable → configuration key. The README's configuration table mirrors this. */
export const ENV_KEYS: Record<string, keyof Config> = {
  HOST: 'host',
  PORT: 'port',
  ENLACE_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  ENLACE_DB_POOL_MAX: 'dbPoolMax',
  ENLACE_DB_PREPARED: 'dbPrepared',
  ENLACE_MIGRATE_ON_START: 'migrateOnStart',
  ENLACE_PUBLIC_URL: 'publicUrl',
  ENLACE_TRUST_PROXY: 'trustProxy',
  ENLACE_TRUSTED_PROXIES: 'trustedProxies',
  LOG_LEVEL: 'logLevel',
  ENLACE_BODY_LIMIT: 'bodyLimit',
  ENLACE_SHUTDOWN_GRACE_MS: 'shutdownGraceMs',
  ENLACE_WEB_DIR: 'webDir',
  ENLACE_SESSION_IDLE_MINUTES: 'sessionIdleMinutes',
  ENLACE_SESSION_ABSOLUTE_HOURS: 'sessionAbsoluteHours',
  ENLACE_PASSWORD_CONCURRENCY: 'passwordConcurrency',
  ENLACE_SMTP_URL: 'smtpUrl',
  ENLACE_MASTER_KEY: 'masterKey',
  ENLACE_MASTER_KEY_FILE: 'masterKeyFile',
  ENLACE_MAIL_FROM: 'mailFrom',
  ENLACE_BLOB_STORE: 'blobStore',
  ENLACE_S3_ENDPOINT: 's3Endpoint',
  ENLACE_S3_REGION: 's3Region',
  ENLACE_S3_BUCKET: 's3Bucket',
  ENLACE_S3_ACCESS_KEY_ID: 's3AccessKeyId',
  ENLACE_S3_SECRET_ACCESS_KEY: 's3SecretAccessKey',
  ENLACE_S3_FORCE_PATH_STYLE: 's3ForcePathStyle',
  ENLACE_UPLOAD_LIMIT: 'uploadLimit',
  ENLACE_UPLOAD_MAX_PIXELS: 'uploadMaxPixels',
  ENLACE_CHUNK_BYTES: 'chunkBytes',
  ENLACE_BLOB_SWEEP_MINUTES: 'blobSweepMinutes',
  ENLACE_OPEN_CACHE_MB: 'openCacheMb',
  ENLACE_AUDIT_CHECKPOINT_SECONDS: 'auditCheckpointSeconds',
  ENLACE_AUDIT_VERIFY_MINUTES: 'auditVerifyMinutes',
  ENLACE_AUDIT_READS_PER_HOUR: 'auditReadsPerHour',
  ENLACE_AUDIT_DENIALS_PER_HOUR: 'auditDenialsPerHour',
  ENLACE_AUDIT_PERSON_LOOKUPS_PER_HOUR: 'auditPersonLookupsPerHour',
  ENLACE_AUDIT_UNUSUAL_HOUR_SHARE: 'auditUnusualHourShare',
  ENLACE_AUDIT_MIN_HISTORY: 'auditMinHistory',
  ENLACE_AUDIT_TIMEZONE: 'auditTimezone',
  ENLACE_PURPOSE_MINUTES: 'purposeMinutes',
  ENLACE_EXPORT_MAX: 'exportMax',
  ENLACE_PERSON_RETENTION_MONTHS: 'personRetentionMonths',
  ENLACE_RETENTION_SWEEP_SECONDS: 'retentionSweepSeconds',
  ENLACE_NOTIFICATION_SWEEP_SECONDS: 'notificationSweepSeconds',
  ENLACE_JOB_WORKERS: 'jobWorkers',
  ENLACE_JOB_EXPIRE_SECONDS: 'jobExpireSeconds',
  ENLACE_JOB_MAINTENANCE_SECONDS: 'jobMaintenanceSeconds',
  ENLACE_JOB_POLL_SECONDS: 'jobPollSeconds',
  ENLACE_JOB_RETRIES: 'jobRetries',
  ENLACE_JOB_RETRY_DELAY_SECONDS: 'jobRetryDelaySeconds',
  ENLACE_ALERT_REMINDER_MINUTES: 'alertReminderMinutes',
  ENLACE_ALERT_ESCALATION_MINUTES: 'alertEscalationMinutes',
  ENLACE_ALERT_SWEEP_SECONDS: 'alertSweepSeconds',
  ENLACE_WEBHOOK_TIMEOUT_MS: 'webhookTimeoutMs',
  ENLACE_METRICS_ALLOW: 'metricsAllow',
  ENLACE_METRICS_TOKEN: 'metricsToken',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const envNameOf = (key: string): string => Object.entries(ENV_KEYS).find(([, k]) => k === key)?.[0] ?? key;

/**
 * Reads the configuration from an environment (process.env by default), applies the
 * defaults, converts strings to numbers and booleans, and refuses anything invalid with
 * a message naming the environment variable. Relative paths resolve against `cwd`.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
  cwd: string = process.cwd(),
): Config {
  const raw: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  Object.assign(raw, overrides);

  const candidate = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, raw));
  if (!Value.Check(ConfigSchema, candidate)) {
    const problems = [...Value.Errors(ConfigSchema, candidate)].map((e) => {
      const key = e.instancePath.replace(/^\//, '');
      return `${envNameOf(key)}: ${e.message}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  const config = candidate as Config;
  const lists = (['metricsAllow', 'trustedProxies'] as const).flatMap((key) => {
    const parsed = parseAddresses(config[key]);
    return 'invalid' in parsed ? [`${envNameOf(key)}: not an address or CIDR range: ${parsed.invalid}`] : [];
  });
  if (lists.length) throw new ConfigError(lists);
  if (config.trustProxy && addressEntries(config.trustedProxies).length > 0) {
    throw new ConfigError(['ENLACE_TRUST_PROXY and ENLACE_TRUSTED_PROXIES: set one of them (any proxy, or these proxies), not both']);
  }
  if (config.blobStore === 's3') {
    const missing = (['s3Bucket', 's3AccessKeyId', 's3SecretAccessKey'] as const).filter((key) => !config[key]);
    if (missing.length) throw new ConfigError(missing.map((key) => `${envNameOf(key)}: required when ENLACE_BLOB_STORE=s3`));
  }
  return {
    ...config,
    dataDir: path.resolve(cwd, config.dataDir),
    ...(config.masterKeyFile ? { masterKeyFile: path.resolve(cwd, config.masterKeyFile) } : {}),
    webDir: path.resolve(cwd, config.webDir),
  };
}

/**
 * Fastify's `trustProxy`: the listed proxies (proxy-addr walks X-Forwarded-For from the right and
 * stops at the first address that is not one of them), else any proxy or none.
 */
export function proxyTrust(config: Config): boolean | string[] {
  const listed = addressEntries(config.trustedProxies);
  return listed.length > 0 ? listed : config.trustProxy;
}

/** True when the portal is served to browsers over https (cookies get `Secure`, HSTS is sent). */
export const isHttps = (config: Config): boolean => config.publicUrl?.startsWith('https://') ?? false;

/** Where links in mail point: the configured public address, else the local one. */
export function portalUrl(config: Config): string {
  return (config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`).replace(/\/$/, '');
}
