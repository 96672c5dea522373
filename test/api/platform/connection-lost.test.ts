import { sql } from 'kysely';
import t from 'tap';
import { createDatabase } from '../../../server/platform/db/database.ts';
import { adminQuery } from '../../helpers/cluster.ts';
import { createTestDatabase } from '../../helpers/db.ts';
import { testEnvironment } from '../../helpers/env.ts';

// Found by the drill (npm run drill): PostgreSQL restarted while a transaction held its connection
// between two queries, and the 'error' node-postgres emitted on that client ended the portal.
t.test('a connection cut in the middle of a transaction fails that transaction only; the pool goes on with a new one', async (t) => {
  const { url } = await createTestDatabase(t);
  let told: (err: Error) => void = () => undefined;
  const lost = new Promise<Error>((resolve) => {
    told = resolve;
  });
  const db = createDatabase({ url, poolMax: 1, onConnectionLost: (err) => told(err) });
  t.teardown(() => db.destroy());

  const transaction = db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
    // Cut from outside while this transaction is between two queries.
    await adminQuery(testEnvironment().adminUrl, `select pg_terminate_backend(${Number(rows[0]!.pid)})`);
    t.match((await lost).message, /terminating connection/, 'the cut is told, not thrown at the process');
    await sql`select 1`.execute(trx);
  });
  await t.rejects(transaction, 'the transaction fails on its next query');

  const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
  t.same(rows, [{ one: 1 }], 'the only connection of the pool was replaced');
});

t.test('an idle connection cut is told once and replaced', async (t) => {
  const { url } = await createTestDatabase(t);
  const cuts: Error[] = [];
  let told: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => {
    told = resolve;
  });
  const db = createDatabase({
    url,
    poolMax: 1,
    onConnectionLost: (err) => {
      cuts.push(err);
      told();
    },
  });
  t.teardown(() => db.destroy());
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  await adminQuery(testEnvironment().adminUrl, `select pg_terminate_backend(${Number(rows[0]!.pid)})`);
  await lost;
  const again = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  t.not(again.rows[0]!.pid, rows[0]!.pid, 'a new connection');
  t.equal(cuts.length, 1);
});
