import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import closeWithGrace from 'close-with-grace';
import { pino, type Logger } from 'pino';
import { buildApp, loggerOptions } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createDatabase } from './platform/db/database.ts';
import { migrateToLatest, migrationStatus } from './platform/db/migrate.ts';
import { provisionDatabase } from './platform/db/provision.ts';
import { ensureWebBuild } from './platform/web-build.ts';

const USAGE = `Usage: enlace <command> [options]

Commands:
  serve [--build-web]   start the portal (--build-web: build web/ first when missing or stale)
  migrate               apply pending database migrations and exit
  build-web             build the web app into web/dist when missing or stale
  help                  show this text

Configuration comes from the environment (DATABASE_URL, ENLACE_DATA_DIR, PORT, …); see the README.`;

function createLogger(config: Config): Logger {
  const options = loggerOptions(config) as pino.LoggerOptions;
  if (process.stdout.isTTY) {
    try {
      return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } });
    } catch {
      // pino-pretty is a development dependency; without it the logs stay JSON.
    }
  }
  return pino(options);
}

async function prepareDataDir(config: Config): Promise<void> {
  await fs.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
}

async function serve(config: Config, log: Logger, buildWeb: boolean): Promise<void> {
  if (buildWeb) await ensureWebBuild((m) => log.info(m));
  await prepareDataDir(config);
  const database = await provisionDatabase(config, (m) => log.info(m));
  const db = createDatabase({ url: database.url, poolMax: config.dbPoolMax });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  const release = async () => {
    await app?.close();
    await db.destroy();
    await database.stop();
  };

  try {
    if (config.migrateOnStart) {
      const applied = await migrateToLatest(db);
      for (const m of applied) log.info({ migration: m.migrationName }, 'migration applied');
    } else {
      const { pending } = await migrationStatus(db);
      // Code must never run against an older schema than it was written for.
      if (pending.length) throw new Error(`pending migrations (${pending.join(', ')}): run \`enlace migrate\` first`);
    }
    app = await buildApp({ ...config, databaseUrl: database.url }, { db, loggerInstance: log });
    await app.listen({ host: config.host, port: config.port });
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

  const address = app.listeningOrigin;
  const shown = config.publicUrl ?? address.replace('://0.0.0.0', '://localhost');
  log.info({ address, database: database.kind }, 'Enlace is listening');
  const where = database.kind === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL';
  process.stdout.write(`\n  Enlace is running at ${shown}\n  (database: ${where}; Ctrl+C to stop)\n\n`);
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
  const log = createLogger(config);
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { 'build-web': { type: 'boolean', default: false } } });
      await serve(config, log, values['build-web'] ?? false);
      return 0;
    }
    case 'build-web': {
      parseArgs({ args: rest, options: {} });
      const result = await ensureWebBuild((m) => log.info(m));
      log.info(result === 'fresh' ? 'web app already built' : 'web app built');
      return 0;
    }
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
    process.exitCode = 1;
  },
);
