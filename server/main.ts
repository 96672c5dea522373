import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import closeWithGrace from 'close-with-grace';
import { type Logger, pino } from 'pino';
import { buildApp, loggerOptions } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DemoRefused, DemoUsageError, demoOptions, fillDemo, formatDemo } from './demo/service.ts';
import { AuditUsageError, commandEvent, exportRange, verifyFile } from './features/audit/commands.ts';
import {
  BackupRefused,
  BackupUsageError,
  backupCommand,
  backupOptions,
  backupSummary,
  restoreCommand,
  restoreOptions,
} from './features/backup/commands.ts';
import { createUserCommand, ensureFirstAccount, resetSecondFactor, UsageError } from './features/identity/admin.ts';
import { exportSpaceKey, type KeyServices, KeyUsageError, rotateSpaceKey, shredItem, shredSpace } from './features/keys/service.ts';
import { runNotifications } from './features/notifications/service.ts';
import { shredExpired } from './features/persons/retention.ts';
import { reindexSpecimens } from './features/specimens/reindex.ts';
import { verifyLive } from './platform/audit/operations.ts';
import type { Verdict } from './platform/audit/verify.ts';
import { systemClock } from './platform/clock.ts';
import { loadMasterKey, MasterKeyError, verifyMasterKey } from './platform/crypto/master-key.ts';
import { createDatabase, type Database } from './platform/db/database.ts';
import { migrateToLatest, migrationStatus } from './platform/db/migrate.ts';
import { provisionDatabase } from './platform/db/provision.ts';
import { ensureWebBuild } from './platform/web-build.ts';
import { createServices, type Services } from './services.ts';

const USAGE = `Usage: enlace <command> [options]

Commands:
  serve [--build-web]   start the portal (--build-web: build web/ first when missing or stale)
  worker                work the job queue (alert delivery) without serving HTTP; run as many as needed
  migrate               apply pending database migrations and exit
  admin create-user --email E --password P --country C [--role R]... [--name N] [--organisation O] [--language es|en]
                        create an active account; prints JSON with its totpSecret
  admin reset-2fa --email E
                        clear an account's second factor (lost phone); it enrols again at next sign-in
  keys rotate --space ID
                        a new key pair for the space; re-wraps every session key; destroys the retired keys
  keys export --space ID --to custodian.asc [--out FILE]
                        the space's private keys encrypted to the custodian's public key (escrow)
  keys shred (--item ID | --space ID) --yes
                        crypto-shredding: destroy an item's sealed content, or a space's keys and content
  persons shred-expired
                        crypto-shred the person records whose retention period has ended (the server
                        also does it on a schedule); prints how many
  notifications remind  the notifications' sweep once, now: deadline reminders (14 and 3 days before, late),
                        mail left to send, weekly digests (the server also does it on a schedule)
  audit verify [--file EXPORT.jsonl [--key PUBLIC.asc]]
                        check the audit trail (live, or an export offline) with the public key alone;
                        exits 1 naming the first bad sequence
  audit export [--from N] [--to M] [--out FILE]
                        the trail's entries N..M as JSONL with the public key and the signed checkpoints
  demo [--specimens N] [--seed S] [--password P] [--json]
                        fill an EMPTY portal with fictional demo data (organisations, networks and spaces,
                        an account for every role and an alert desk per migration authority, N specimens
                        with pictures, default 300, and a few early alerts delivered); prints every
                        account with the shared password and its totpSecret (--json: as JSON); exits 65
                        when the portal already holds networks or items
  backup --out DIR [--to custodian.asc]... [--since PREVIOUS_DIR]
                        a consistent backup of the database (one snapshot), the blobs and a manifest
                        signed by the portal; --to: every data file encrypted to the custodians'
                        public keys; --since: only the blobs PREVIOUS_DIR's chain does not hold.
                        Never the master key: its custodians keep it apart
  restore --from DIR [--from EARLIER_DIR]... [--key custodian-private.asc]
                        into an EMPTY database and data folder (or bucket): checks the manifest's
                        signature, the chain and every checksum first and refuses any mismatch,
                        changing nothing; then restores in one transaction. Needs the master key;
                        --key's passphrase in ENLACE_BACKUP_KEY_PASSPHRASE; exits 65 when refused
  sweep-blobs           remove blobs no row references (the server also does it on a schedule)
  build-web             build the web app into web/dist when missing or stale
  help                  show this text

Configuration comes from the environment (DATABASE_URL, ENLACE_DATA_DIR, PORT, …); see the README.`;

/** `serve` logs to stdout; the other commands to stderr, so that their stdout is their result (JSON). */
function createLogger(config: Config, fd: 1 | 2): Logger {
  const options = loggerOptions(config) as pino.LoggerOptions;
  if ((fd === 1 ? process.stdout : process.stderr).isTTY) {
    try {
      // A terminal gets one line per event: the request's fields are in its message already.
      const pretty = { translateTime: 'SYS:HH:MM:ss', destination: fd, singleLine: true, ignore: 'pid,hostname,req,res,responseTime' };
      return pino({ ...options, transport: { target: 'pino-pretty', options: pretty } });
    } catch {
      // pino-pretty is a development dependency; without it the logs stay JSON.
    }
  }
  return pino(options, pino.destination(fd));
}

/**
 * The data folder holds the master key and the database: private to us. When we run as root the
 * embedded PostgreSQL runs as `postgres`, which must pass through the folder (not list it).
 */
async function prepareDataDir(config: Config): Promise<void> {
  await fs.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  await fs.chmod(config.dataDir, process.getuid?.() === 0 ? 0o701 : 0o700);
}

/**
 * `serve` (`worker` false): the portal — migrations applied at start, the first account made, HTTP
 * listening, job workers unless ENLACE_JOB_WORKERS=false.
 * `enlace worker` (`worker` true): the job queue's workers (fan-out, mail, webhooks, reminders)
 * without HTTP, against the same database; any number may run next to the portals. It never
 * migrates: it refuses to start on an older schema.
 * Both stop on SIGTERM/SIGINT after the work in hand.
 */
async function serve(config: Config, log: Logger, options: { buildWeb: boolean; worker: boolean }): Promise<void> {
  if (options.buildWeb) await ensureWebBuild((m) => log.info(m));
  await prepareDataDir(config);
  const database = await provisionDatabase(config, (m) => log.info(m));
  const db = createDatabase({ url: database.url, poolMax: config.dbPoolMax, prepared: config.dbPrepared });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let first: Awaited<ReturnType<typeof ensureFirstAccount>> | undefined;
  let keyNotice: string | undefined;
  const release = async () => {
    await app?.close();
    await db.destroy();
    await database.stop();
  };

  try {
    if (config.migrateOnStart && !options.worker) {
      const applied = await migrateToLatest(db);
      if (applied.length) log.info({ migrations: applied.map((m) => m.migrationName) }, `database schema: ${applied.length} migration(s) applied`);
    } else {
      const { pending } = await migrationStatus(db);
      // Code must never run against an older schema than it was written for.
      if (pending.length) throw new Error(`pending migrations (${pending.join(', ')}): run \`enlace migrate\` first`);
    }
    let newKeyNotice: string | undefined;
    const keyring = await loadMasterKey(config, (m) => {
      log.warn(m);
      newKeyNotice = m;
    });
    await verifyMasterKey(db, keyring);
    if (options.worker) {
      app = await buildApp({ ...config, databaseUrl: database.url, jobWorkers: true }, { db, keyring, loggerInstance: log });
      await app.ready();
    } else {
      first = await ensureFirstAccount(db, new Date());
      app = await buildApp({ ...config, databaseUrl: database.url }, { db, keyring, loggerInstance: log });
      await app.listen({ host: config.host, port: config.port });
      keyNotice = newKeyNotice;
      // Specimens stored before an index was added are indexed again, in the background.
      const started = app;
      reindexSpecimens({ db, sealer: started.sealer, keyring: started.keyring }).then(
        (count) => count > 0 && log.info({ count }, 'specimens indexed again'),
        (err: unknown) => log.error({ err }, 'indexing specimens again failed'),
      );
    }
  } catch (err) {
    // A failed start leaves nothing running: no pool, no PostgreSQL started for nothing.
    await release();
    throw err;
  }

  // SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the pool, stop PostgreSQL.
  closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'shutting down after an error');
    else log.info({ signal }, 'shutting down');
    await release();
    log.info('stopped');
  });

  if (options.worker) {
    log.info('Enlace worker started');
    return;
  }
  const address = app.listeningOrigin;
  const shown = config.publicUrl ?? address.replace('://0.0.0.0', '://localhost');
  // (Fastify has logged the address; the log may go through a worker thread, pino-pretty: let it
  // write what it holds before the box.)
  await new Promise<void>((resolve) => log.flush(() => resolve()));
  const where = database.kind === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL';
  // Printed last, so that what a newcomer needs does not scroll away behind the start's log.
  const lines = [`Enlace is running at ${shown}`, `database: ${where}; Ctrl+C to stop`];
  if (first) {
    lines.push(
      '',
      'First start: a Secretariat account was created.',
      `  e-mail:   ${first.email}`,
      `  password: ${first.password}`,
      'Sign in, set up its second factor and change this password:',
      'it is shown once, here.',
    );
  }
  if (keyNotice) lines.push('', ...wrap(keyNotice, 72));
  if (!config.smtpUrl) lines.push('', `No ENLACE_SMTP_URL: mail is summarised here and kept in ${config.dataDir}/mail/.`);
  process.stdout.write(`\n${box(lines)}\n\n`);
}

/** Words wrapped at a width. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Lines in a frame, to stand out of the log around them. */
function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = '─'.repeat(width + 2);
  return [`  ┌${bar}┐`, ...lines.map((l) => `  │ ${l.padEnd(width)} │`), `  └${bar}┘`].join('\n');
}

/** A command that needs the database: provision, migrate, run, release. */
async function withDatabase<T>(config: Config, log: Logger, work: (db: Database, url: string) => Promise<T>): Promise<T> {
  await prepareDataDir(config);
  const database = await provisionDatabase(config, (m) => log.info(m));
  const db = createDatabase({ url: database.url, poolMax: 2 });
  try {
    if (config.migrateOnStart) await migrateToLatest(db);
    return await work(db, database.url);
  } finally {
    await db.destroy();
    await database.stop();
  }
}

/** A command that needs the portal's services (the master key checked against the database): the composition root. */
async function withServices<T>(config: Config, log: Logger, work: (services: Services) => Promise<T>): Promise<T> {
  return withDatabase(config, log, async (db, url) => {
    const services = await createServices({ ...config, databaseUrl: url }, { db, log });
    try {
      return await work(services);
    } finally {
      await services.close();
    }
  });
}

async function admin(config: Config, log: Logger, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'create-user') {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          password: { type: 'string' },
          country: { type: 'string' },
          role: { type: 'string', multiple: true },
          name: { type: 'string' },
          organisation: { type: 'string' },
          language: { type: 'string' },
        },
      });
      const created = await withServices(config, log, ({ db, keyring }) => createUserCommand(db, keyring, values, new Date()));
      process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      return 0;
    }
    if (sub === 'reset-2fa') {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' } } });
      const result = await withDatabase(config, log, (db) => resetSecondFactor(db, values.email, new Date()));
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    throw new UsageError(`admin: unknown subcommand ${sub ?? '(none)'}; use create-user or reset-2fa`);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`enlace admin: ${err.message}\n`);
      return 64;
    }
    throw err;
  }
}

async function keys(config: Config, log: Logger, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        space: { type: 'string' },
        item: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        yes: { type: 'boolean', default: false },
      },
    });
    let result: unknown;
    // Every key operation leaves an entry in the trail, in the same database, whether it worked or not.
    const recorded = <T>(action: string, subject: { type: 'space' | 'item'; id: string | undefined }, work: (services: KeyServices) => Promise<T>) =>
      withServices(config, log, async (services) => {
        const trail = services.audit;
        const fields = { subjectType: subject.type, subjectId: subject.id ?? null, spaceId: subject.type === 'space' ? (subject.id ?? null) : null };
        let outcome: T;
        try {
          outcome = await work(services);
        } catch (err) {
          await trail.record(commandEvent(action, 'error', { ...fields, details: { error: (err as Error).name } }));
          throw err;
        }
        await trail.record(commandEvent(action, 'allowed', { ...fields, details: summary(outcome) }));
        return outcome;
      });
    if (sub === 'rotate') {
      result = await recorded('key.rotate', { type: 'space', id: values.space }, (services) => rotateSpaceKey(services, values.space, new Date()));
    } else if (sub === 'export') {
      if (!values.to) throw new KeyUsageError('--to: the custodian’s public key file (armored) is required');
      const custodian = await fs.readFile(values.to, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new KeyUsageError(`--to: cannot read ${values.to} (${err.code})`);
      });
      const exported = await recorded('key.export', { type: 'space', id: values.space }, (services) =>
        exportSpaceKey(services, values.space, custodian),
      );
      if (values.out) {
        await fs.writeFile(values.out, exported.armored, { mode: 0o600, flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
          throw new KeyUsageError(`--out: cannot write ${values.out} (${err.code}; an existing file is never overwritten)`);
        });
        result = { spaceId: values.space, out: values.out, versions: exported.versions, custodians: exported.custodians };
      } else {
        process.stdout.write(exported.armored);
        return 0;
      }
    } else if (sub === 'shred') {
      if (Boolean(values.item) === Boolean(values.space)) throw new KeyUsageError('shred: give exactly one of --item ID or --space ID');
      if (!values.yes) throw new KeyUsageError('shred destroys content for good: add --yes to confirm');
      result = values.item
        ? await recorded('key.shred_item', { type: 'item', id: values.item }, (services) => shredItem(services, values.item, new Date()))
        : await recorded('key.shred_space', { type: 'space', id: values.space }, (services) => shredSpace(services, values.space, new Date()));
    } else {
      throw new KeyUsageError(`keys: unknown subcommand ${sub ?? '(none)'}; use rotate, export or shred`);
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof KeyUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`enlace keys: ${(err as Error).message}\n`);
      return 64;
    }
    throw err;
  }
}

class NotificationsUsageError extends Error {}

/**
 * `enlace notifications remind`: the notifications' sweep once, now (features/notifications/service.ts).
 * Each reminder, mail and digest has its own entry in the trail; the run has one too, with the counts.
 */
async function notifications(config: Config, log: Logger, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub !== 'remind') throw new NotificationsUsageError(`notifications: unknown subcommand ${sub ?? '(none)'}; use remind`);
    parseArgs({ args: rest, options: {} });
    const result = await withServices(config, log, async (services) => {
      const done = await runNotifications(services);
      if (done) await services.audit.record(commandEvent('notification.remind_run', 'allowed', { details: { ...done } }));
      return done;
    });
    if (result === undefined) {
      process.stderr.write('enlace notifications: another sweep is running; nothing done\n');
      return 75; // EX_TEMPFAIL
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof NotificationsUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`enlace notifications: ${(err as Error).message}\n`);
      return 64;
    }
    throw err;
  }
}

class PersonsUsageError extends Error {}

/**
 * `enlace persons shred-expired`: the retention sweep once, now (features/persons/retention.ts).
 * Each record shredded has its own `person.shred` entry; the run has one too, with the count.
 */
async function persons(config: Config, log: Logger, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub !== 'shred-expired') throw new PersonsUsageError(`persons: unknown subcommand ${sub ?? '(none)'}; use shred-expired`);
    parseArgs({ args: rest, options: {} });
    const shredded = await withServices(config, log, async (services) => {
      let count: number | undefined;
      try {
        count = await shredExpired(services);
      } catch (err) {
        await services.audit.record(commandEvent('person.shred_expired', 'error', { details: { error: (err as Error).name } }));
        throw err;
      }
      if (count !== undefined) await services.audit.record(commandEvent('person.shred_expired', 'allowed', { details: { shredded: count } }));
      return count;
    });
    if (shredded === undefined) {
      process.stderr.write('enlace persons: another retention sweep is running; nothing done\n');
      return 75; // EX_TEMPFAIL
    }
    process.stdout.write(`${JSON.stringify({ shredded })}\n`);
    return 0;
  } catch (err) {
    if (err instanceof PersonsUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`enlace persons: ${(err as Error).message}\n`);
      return 64;
    }
    throw err;
  }
}

/** What a key operation's entry keeps of its result: numbers, ids and fingerprints, never key material. */
function summary(result: unknown): Record<string, unknown> {
  if (!result || typeof result !== 'object') return {};
  return Object.fromEntries(Object.entries(result).filter(([k, v]) => k !== 'armored' && (typeof v !== 'object' || Array.isArray(v))));
}

async function audit(config: Config, log: Logger, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'verify') {
      const { values } = parseArgs({ args: rest, options: { file: { type: 'string' }, key: { type: 'string' } } });
      if (values.key && !values.file) throw new AuditUsageError('--key goes with --file (the live check uses the keys stored with the trail)');
      let verdict: Verdict;
      if (values.file) {
        const checked = await verifyFile(values.file, values.key);
        verdict = checked.verdict;
        if (checked.keySource === 'export') {
          process.stderr.write(
            `checked with the key carried in the export, fingerprint ${checked.fingerprint}: compare it with the portal's (GET /api/audit/public-key), or pass --key\n`,
          );
        }
      } else {
        // The live table, with the public keys stored beside it: nothing secret is needed.
        verdict = await withDatabase(config, log, (db) => verifyLive(db));
      }
      process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
      if (!verdict.ok) {
        process.stderr.write(`audit trail broken at sequence ${verdict.firstBad}: ${verdict.reason}\n`);
        return 1;
      }
      return 0;
    }
    if (sub === 'export') {
      const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } });
      const from = values.from === undefined ? 1 : Number(values.from);
      const to = values.to === undefined ? undefined : Number(values.to);
      const result = await withServices(config, log, ({ db, keyring }) => exportRange(db, keyring, systemClock, from, to, values.out));
      if (values.out) process.stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    }
    throw new AuditUsageError(`audit: unknown subcommand ${sub ?? '(none)'}; use verify or export`);
  } catch (err) {
    if (err instanceof AuditUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') || err instanceof SyntaxError) {
      process.stderr.write(`enlace audit: ${(err as Error).message}\n`);
      return 64;
    }
    if ((err as Error).name === 'ExportFormatError' || (err as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`enlace audit: ${(err as Error).message}\n`);
      return 65; // EX_DATAERR
    }
    throw err;
  }
}

async function demo(config: Config, log: Logger, args: string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args,
      options: { specimens: { type: 'string' }, seed: { type: 'string' }, password: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    const options = demoOptions(values, new Date());
    const result = await withServices(config, log, async (services) => {
      const filled = await fillDemo(services, { ...options, log: (m) => log.info(m) });
      // What was made, in the trail (counts only; the accounts' secrets never go there).
      await services.audit.record(commandEvent('demo.fill', 'allowed', { details: { ...filled.counts, seed: options.seed } }));
      return filled;
    });
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatDemo(result));
    return 0;
  } catch (err) {
    if (err instanceof DemoUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`enlace demo: ${(err as Error).message}\n`);
      return 64;
    }
    if (err instanceof DemoRefused) {
      process.stderr.write(`enlace demo: ${err.message}\n`);
      return 65; // EX_DATAERR
    }
    throw err;
  }
}

/** `enlace backup` and `enlace restore` (features/backup). Usage errors exit 64, refused backups 65. */
async function backupOrRestore(config: Config, log: Logger, command: 'backup' | 'restore', args: string[]): Promise<number> {
  try {
    let result: unknown;
    if (command === 'backup') {
      const options = backupOptions(args);
      // In the trail after it is made: the backup's own snapshot ends on the head before this entry.
      result = await withServices(config, log, async (services) => {
        try {
          const made = await backupCommand(services, options);
          await services.audit.record(commandEvent('backup.create', 'allowed', { details: backupSummary(made) }));
          return made;
        } catch (err) {
          await services.audit.record(commandEvent('backup.create', 'error', { details: { error: (err as Error).name } }));
          throw err;
        }
      });
    } else {
      const options = restoreOptions(args);
      result = await restoreCommand(
        config,
        options,
        async () => {
          await prepareDataDir(config);
          return provisionDatabase(config, (m) => log.info(m));
        },
        (details) => commandEvent('backup.restore', 'allowed', { details }),
      );
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof BackupUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`enlace ${command}: ${(err as Error).message}\n`);
      return 64;
    }
    if (err instanceof BackupRefused || err instanceof MasterKeyError) {
      process.stderr.write(`enlace ${command}: refused: ${err.message}\n`);
      return 65; // EX_DATAERR
    }
    throw err;
  }
}

async function migrate(config: Config, log: Logger): Promise<void> {
  await prepareDataDir(config);
  const database = await provisionDatabase(config, (m) => log.info(m));
  const db = createDatabase({ url: database.url, poolMax: 1 });
  try {
    const applied = await migrateToLatest(db);
    for (const m of applied) log.info({ migration: m.migrationName }, 'migration applied');
    log.info({ applied: applied.length }, applied.length ? 'database migrated' : 'database already current');
  } finally {
    await db.destroy();
    await database.stop();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 1;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 78; // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config, command === 'serve' ? 1 : 2);
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { 'build-web': { type: 'boolean', default: false } } });
      await serve(config, log, { buildWeb: values['build-web'] ?? false, worker: false });
      return 0;
    }
    case 'build-web': {
      parseArgs({ args: rest, options: {} });
      const result = await ensureWebBuild((m) => log.info(m));
      log.info(result === 'fresh' ? 'web app already built' : 'web app built');
      return 0;
    }
    case 'admin':
      return admin(config, log, rest);
    case 'keys':
      return keys(config, log, rest);
    case 'persons':
      return persons(config, log, rest);
    case 'notifications':
      return notifications(config, log, rest);
    case 'audit':
      return audit(config, log, rest);
    case 'demo':
      return demo(config, log, rest);
    case 'backup':
    case 'restore':
      return backupOrRestore(config, log, command, rest);
    case 'sweep-blobs': {
      parseArgs({ args: rest, options: {} });
      const removed = await withServices(config, log, ({ files }) => files.sweep(new Date()));
      process.stdout.write(`${JSON.stringify({ removed })}\n`);
      return 0;
    }
    case 'worker':
      parseArgs({ args: rest, options: {} });
      await serve(config, log, { buildWeb: false, worker: true });
      return 0;
    case 'migrate':
      parseArgs({ args: rest, options: {} });
      await migrate(config, log);
      return 0;
    default:
      process.stderr.write(`Unknown command: ${command}\n\n${USAGE}\n`);
      return 64; // EX_USAGE
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`enlace: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof MasterKeyError ? 78 : 1;
  },
);
