import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { enlace, NODE } from '../../helpers/cli.ts';
import { createTestDatabase } from '../../helpers/db.ts';

t.test('help, unknown commands and bad configuration', async (t) => {
  const help = await enlace(['help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /serve/);
  t.match(help.stdout, /migrate/);
  t.equal((await enlace([])).code, 1, 'no command: usage and a failure');
  const unknown = await enlace(['frobnicate']);
  t.equal(unknown.code, 64);
  t.match(unknown.stderr, /Unknown command: frobnicate/);
  const bad = await enlace(['migrate'], { PORT: 'eighty' });
  t.equal(bad.code, 78);
  t.match(bad.stderr, /PORT/);
  const flag = await enlace(['migrate', '--force']);
  t.equal(flag.code, 1);
  t.match(flag.stderr, /--force/);
});

t.test('`enlace migrate` brings an empty database to the latest schema, and again changes nothing', async (t) => {
  const { url, db } = await createTestDatabase(t, { empty: true });
  const first = await enlace(['migrate'], { DATABASE_URL: url });
  t.equal(first.code, 0, first.stderr);
  t.match(first.stderr, /"migration":"0001_foundation"/, 'logs go to stderr');
  const rows = await db.selectFrom('instance').selectAll().execute();
  t.equal(rows.length, 1);
  const second = await enlace(['migrate'], { DATABASE_URL: url });
  t.equal(second.code, 0);
  t.match(second.stderr, /database already current/);
});

t.test('`enlace serve` migrates, listens, prints its address and stops cleanly on SIGTERM', async (t) => {
  const { url } = await createTestDatabase(t, { empty: true });
  const child = spawn(process.execPath, [...NODE, 'serve'], {
    env: { ...process.env, DATABASE_URL: url, PORT: '0', ENLACE_DATA_DIR: t.testdir({}), LOG_LEVEL: 'info' },
  });
  let stdout = '';
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const found = /Enlace is running at (http:\/\/\S+)/.exec(stdout);
      if (found?.[1]) resolve(found[1]);
    });
    child.on('exit', () => reject(new Error(`serve exited early:\n${stdout}`)));
  });
  const ready = await fetch(`${address}/readyz`);
  t.equal(ready.status, 200);
  t.equal(ready.headers.get('cache-control'), null);
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  t.equal(code, 0, 'exit code 0 after a graceful stop');
  t.match(stdout, /"signal":"SIGTERM"/);
  t.match(stdout, /"msg":"stopped"/);
  t.notMatch(stdout, /postgres:\/\/[^"]*:[^"]*@/, 'the database password never reaches the log');
});

t.test('with ENLACE_MIGRATE_ON_START=false, `serve` refuses an unmigrated database and exits', async (t) => {
  const { url } = await createTestDatabase(t, { empty: true });
  const run = await enlace(['serve'], { DATABASE_URL: url, PORT: '0', ENLACE_MIGRATE_ON_START: 'false', ENLACE_DATA_DIR: t.testdir({}) });
  t.equal(run.code, 1);
  t.match(run.stderr, /pending migrations \(0001_foundation, [^)]*\): run `enlace migrate` first/);
  t.notMatch(run.stdout, /running at/);
});

t.test('the data folder is private', async (t) => {
  const { url } = await createTestDatabase(t, { empty: true });
  const dataDir = path.join(t.testdir({}), 'data');
  const run = await enlace(['migrate'], { DATABASE_URL: url, ENLACE_DATA_DIR: dataDir });
  t.equal(run.code, 0);
  const mode = (await stat(dataDir)).mode & 0o777;
  t.equal(mode & 0o077 & ~0o001, 0, `no one else may read or write it (mode ${mode.toString(8)})`);
});
