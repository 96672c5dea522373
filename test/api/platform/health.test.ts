import t from 'tap';
import { buildApp } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config.ts';
import { createDatabase } from '../../../server/platform/db/database.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { TEST_KEYRING, TEST_MASTER_KEY } from '../../helpers/keys.ts';

t.test('/healthz answers while the process is up', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { status: 'ok' });
});

t.test('/readyz is 200 when the database answers and every migration is applied', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.status, 'ready');
  t.equal(body.database, 'ok');
  t.equal(body.migrations.pending, 0);
  t.ok(body.migrations.applied >= 1);
});

t.test('/readyz is 503 while a migration is pending', async (t) => {
  const { app, database } = await buildTestApp(t);
  await database.db
    .deleteFrom('kysely_migration' as never)
    .where('name' as never, '=', '0001_foundation' as never)
    .execute();
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(res.statusCode, 503);
  t.match(res.json(), { status: 'not_ready', database: 'ok', migrations: { pending: 1 } });
});

t.test('/readyz is 503 when the database cannot be reached', async (t) => {
  const db = createDatabase({ url: 'postgres://nobody:nothing@127.0.0.1:1/none', poolMax: 1 });
  const config = loadConfig({}, { logLevel: 'silent', databaseUrl: 'postgres://nobody:nothing@127.0.0.1:1/none' });
  const app = await buildApp(config, { db, keyring: TEST_KEYRING, logger: false });
  t.teardown(async () => {
    await app.close();
    await db.destroy();
  });
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(res.statusCode, 503);
  t.match(res.json(), { status: 'not_ready', database: 'unreachable' });
});

t.test('an app built from configuration alone opens and closes its own pool', async (t) => {
  const { database } = await buildTestApp(t);
  const app = await buildApp(loadConfig({}, { logLevel: 'silent', databaseUrl: database.url, masterKey: TEST_MASTER_KEY }), { logger: false });
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(res.statusCode, 200);
  await app.close();
  t.rejects(buildApp(loadConfig({}, { logLevel: 'silent' }), { logger: false }), /databaseUrl/);
});
