/**
 * The test runner behind `npm test`, `npm run test:e2e` and `npm run schema:update`.
 *
 * One PostgreSQL for the whole run (embedded in var/test-postgres, or the server in DATABASE_URL),
 * one migrated template database, then tap; every test file copies the template into a database
 * of its own. At the end: every database of this run is dropped, the embedded server stopped, and
 * a last line `N passed, N failed` printed (also written to .tap/summary-<suite>.json for CI;
 * `--summary NAME` names that file .tap/summary-NAME.json instead, for a second run of one suite
 * against another server: .ci/run's runs against Debian's PostgreSQL).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase } from '../server/platform/db/database.ts';
import { migrateToLatest } from '../server/platform/db/migrate.ts';
import { dumpSchema, SCHEMA_FILE } from '../server/platform/db/schema-dump.ts';
import { ensureWebBuild } from '../server/platform/web-build.ts';
import { API_TYPES_FILE, apiTypes, withApp } from './helpers/api-types.ts';
import { adminQuery, dropDatabases, startCluster } from './helpers/cluster.ts';
import { databaseUrl, ENV_ADMIN_URL, ENV_TEMPLATE } from './helpers/env.ts';
import { countResults } from './helpers/results.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS_DIR = path.join(ROOT, '.tap', 'test-results');

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  strict: false,
  options: {
    e2e: { type: 'boolean' },
    'update-schema': { type: 'boolean' },
    'update-api-types': { type: 'boolean' },
    summary: { type: 'string' },
  },
});
const suite = values.e2e ? 'e2e' : 'api';
const summaryName = values.summary ?? suite;
if (typeof summaryName !== 'string' || !/^[a-z0-9.-]+$/.test(summaryName)) {
  throw new Error('--summary: a name of lower-case letters, digits, dots and dashes');
}

/**
 * tap compiles its plugin set into node_modules; a fresh install has the default set, which
 * includes the TypeScript plugin we turn off in .taprc. tap notices only after it has already
 * started the files with the old set, so build it first whenever .taprc or tap changed.
 */
async function ensureTapBuild(): Promise<void> {
  const stamp = path.join(ROOT, 'node_modules', '.cache', 'enlace-tap-build');
  const tapVersion = JSON.parse(await fs.readFile(path.join(ROOT, 'node_modules', 'tap', 'package.json'), 'utf8')).version;
  const wanted = createHash('sha256')
    .update(tapVersion)
    .update(await fs.readFile(path.join(ROOT, '.taprc')))
    .digest('hex');
  if ((await fs.readFile(stamp, 'utf8').catch(() => '')) === wanted) return;
  process.stdout.write('building tap with the plugins of .taprc\n');
  const code = await new Promise<number | null>((resolve) => {
    spawn(path.join(ROOT, 'node_modules', '.bin', 'tap'), ['build'], { cwd: ROOT, stdio: 'inherit' }).on('exit', resolve);
  });
  if (code !== 0) throw new Error('`tap build` failed');
  await fs.mkdir(path.dirname(stamp), { recursive: true });
  await fs.writeFile(stamp, wanted);
}

async function main(): Promise<number> {
  const cluster = await startCluster();
  const { adminUrl } = cluster;
  const prefix = `enlace_t${process.pid}_`;
  const template = `${prefix}tpl`;
  let child: ReturnType<typeof spawn> | undefined;
  const forward = (signal: NodeJS.Signals) => child?.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);

  try {
    await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
    const db = createDatabase({ url: databaseUrl(adminUrl, template), poolMax: 1 });
    try {
      await migrateToLatest(db);
      if (values['update-schema']) {
        await fs.writeFile(SCHEMA_FILE, await dumpSchema(db));
        process.stdout.write(`wrote ${path.relative(ROOT, SCHEMA_FILE)}\n`);
        return 0;
      }
      if (values['update-api-types']) {
        await fs.writeFile(API_TYPES_FILE, await withApp(db, apiTypes));
        process.stdout.write(`wrote ${path.relative(ROOT, API_TYPES_FILE)}\n`);
        return 0;
      }
    } finally {
      await db.destroy();
    }
    if (suite === 'e2e') await ensureWebBuild((m) => process.stdout.write(`${m}\n`));

    await ensureTapBuild();
    await fs.rm(RESULTS_DIR, { recursive: true, force: true });
    const e2eFiles = async () => (await fs.readdir(path.join(ROOT, 'test', 'e2e'))).filter((f) => f.endsWith('.test.ts')).map((f) => `test/e2e/${f}`);
    const tapArgs =
      suite === 'e2e'
        ? ['--disable-coverage', '--jobs=1', ...(positionals.length ? positionals : await e2eFiles())]
        : positionals.length
          ? // A subset of files cannot meet the whole suite's coverage thresholds; report, don't fail.
            ['--allow-incomplete-coverage', ...positionals]
          : [];
    const code = await new Promise<number>((resolve) => {
      child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tap'), tapArgs, {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, [ENV_ADMIN_URL]: adminUrl, [ENV_TEMPLATE]: template },
      });
      child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
    });

    const totals = await countResults(RESULTS_DIR);
    // A file that crashed before reporting, or a coverage shortfall, fails the run without a failed assertion.
    if (code !== 0 && totals.failed === 0) {
      totals.failed = 1;
      process.stdout.write(`\ntap exited with status ${code}: a file crashed or coverage is below the thresholds in .taprc\n`);
    }
    await fs.writeFile(path.join(ROOT, '.tap', `summary-${summaryName}.json`), `${JSON.stringify(totals)}\n`);
    process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed\n`);
    return code !== 0 || totals.failed > 0 ? Math.max(code, 1) : 0;
  } finally {
    await dropDatabases(adminUrl, prefix);
    await cluster.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`test runner: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
