import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Test } from 'tap';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { DemoResult } from '../../server/demo/service.ts';
import { totpCode } from '../../server/platform/auth/totp.ts';
import { createDatabase, type Database } from '../../server/platform/db/database.ts';
import { FIXTURE_WEB_DIR } from './app.ts';
import { TestClock } from './clock.ts';
import { adminQuery } from './cluster.ts';
import { databaseUrl, testEnvironment } from './env.ts';
import { TEST_MASTER_KEY } from './keys.ts';
import { sessionCookie } from './users.ts';

/** A folder of its own (t.testdir is one per test, emptied at each call), removed when the test ends. */
export async function scratch(t: Test): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'enlace-backup-test-'));
  t.teardown(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A new database no migration has touched (a restore's target), dropped when the test ends. */
export async function emptyDatabase(t: Test): Promise<{ name: string; url: string }> {
  const { prefix, adminUrl } = testEnvironment();
  const name = `${prefix}${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE template0`);
  t.teardown(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  return { name, url: databaseUrl(adminUrl, name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(testEnvironment().adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** The app started on a database and data folder (a restored portal), as `serve` would. */
export async function startOn(t: Test, url: string, dataDir: string): Promise<{ app: FastifyInstance; db: Database; clock: TestClock }> {
  const db = createDatabase({ url, poolMax: 5 });
  const clock = new TestClock();
  clock.set(new Date());
  const config = loadConfig(
    {},
    { dataDir, webDir: FIXTURE_WEB_DIR, logLevel: 'silent', databaseUrl: url, masterKey: TEST_MASTER_KEY, jobWorkers: false },
  );
  const app = await buildApp(config, { db, clock, logger: false });
  t.teardown(async () => {
    await app.close();
    await db.destroy();
  });
  await app.ready();
  return { app, db, clock };
}

/** Signs a demo account in (password and second factor). */
export async function signInDemo(app: FastifyInstance, clock: TestClock, demo: DemoResult, email: string): Promise<string> {
  const account = demo.accounts.find((a) => a.email === email)!;
  const res = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password: demo.password, otp: totpCode(account.totpSecret, clock.now()) },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  clock.advance(30_000);
  return sessionCookie(res);
}

/**
 * Every table's rows, as one digest per table (the audit trail and its checkpoints up to a
 * sequence: what came after the backup's snapshot is the backup's own entry, the checkpoint its
 * command signs as it stops, and the restore's entry; pg-boss's version row without its run stamps).
 */
export async function tableDigests(db: Database, auditThrough: number): Promise<Record<string, string>> {
  const { rows: tables } = await sql<{ schema: string; name: string }>`
    select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and not c.relispartition and n.nspname in ('public', 'pgboss')
        and c.relname not like 'kysely_migration%'
      order by 1, 2`.execute(db);
  const digests: Record<string, string> = {};
  for (const { schema, name } of tables) {
    const from = sql.raw(`"${schema}"."${name}"`);
    const trail = schema === 'public' && (name === 'audit_entry' || name === 'audit_checkpoint');
    const where = trail ? sql`where t.seq <= ${auditThrough}` : sql``;
    // pg-boss stamps when its own maintenance, cron and monitor last ran (the database's clock, not the
    // portal's) as a starting instance runs them: its schema's version is what a restore must keep.
    const row = schema === 'pgboss' && name === 'version' ? sql`row(t.version)` : sql`t`;
    const { rows } = await sql<{ digest: string | null; n: number }>`
      select md5(string_agg(${row}::text, E'\n' order by ${row}::text)) as digest, count(*) as n from ${from} t ${where}`.execute(db);
    digests[`${schema}.${name}`] = `${rows[0]!.n}:${rows[0]!.digest ?? ''}`;
  }
  return digests;
}

/** Whether any file under the folder contains any of the byte strings. */
export async function holds(dir: string, needles: Buffer[]): Promise<boolean> {
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const bytes = await fs.readFile(path.join(entry.parentPath, entry.name));
    if (needles.some((n) => bytes.includes(n))) return true;
  }
  return false;
}
