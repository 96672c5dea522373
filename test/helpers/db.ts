import { randomBytes } from 'node:crypto';
import type { Test } from 'tap';
import { createDatabase, type Database } from '../../server/platform/db/database.ts';
import { adminQuery } from './cluster.ts';
import { databaseUrl, testEnvironment } from './env.ts';

export interface TestDatabase {
  name: string;
  url: string;
  db: Database;
}

/** A fresh database copied from the migrated template, dropped when the test ends. */
export async function createTestDatabase(t: Test, options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const { template, prefix, adminUrl } = testEnvironment();
  const name = `${prefix}${randomBytes(5).toString('hex')}`;
  // `empty`: a database no migration has touched, for the tests of migrating itself.
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${options.empty ? 'template0' : template}"`);
  const url = databaseUrl(adminUrl, name);
  const db = createDatabase({ url, poolMax: 5 });
  t.teardown(async () => {
    await db.destroy();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  return { name, url, db };
}
