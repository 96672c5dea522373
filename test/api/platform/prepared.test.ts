import { sql } from 'kysely';
import t from 'tap';
import { CompiledOnce } from '../../../server/platform/db/compiled.ts';
import { createDatabase, PREPARED_PER_CONNECTION } from '../../../server/platform/db/database.ts';
import { createTestDatabase } from '../../helpers/db.ts';

/** The named statements the one connection of `db` holds (the view shows the session's own). */
const prepared = async (db: ReturnType<typeof createDatabase>) =>
  (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);

t.test('a query run again on a connection becomes a prepared statement; one run once, or without values, does not', async (t) => {
  const { url } = await createTestDatabase(t);
  const db = createDatabase({ url, poolMax: 1 });
  t.teardown(() => db.destroy());
  const byEmail = (email: string) => db.selectFrom('appUser').select('id').where('email', '=', email).execute();
  await byEmail('a@example.org');
  t.same(await prepared(db), [], 'once: parsed and planned as usual');
  await byEmail('b@example.org');
  await byEmail('c@example.org');
  const names = await prepared(db);
  t.equal(names.length, 1, 'the second time: prepared, and reused after');
  t.match(names[0], /from "app_user" where "email" = \$1/);
  await sql`select 1; select 2`.execute(db);
  await sql`select 1; select 2`.execute(db);
  t.equal((await prepared(db)).length, 1, 'a text without values (a migration, several statements) is never prepared');
  t.ok(PREPARED_PER_CONNECTION >= 100);
});

t.test('ENLACE_DB_PREPARED=false: nothing is prepared, the same answers', async (t) => {
  const { url } = await createTestDatabase(t);
  const db = createDatabase({ url, poolMax: 1, prepared: false });
  t.teardown(() => db.destroy());
  for (let i = 0; i < 3; i++) t.same(await db.selectFrom('appUser').select('id').where('email', '=', 'x@example.org').execute(), []);
  t.same(await prepared(db), []);
});

t.test('a query compiled once runs with new values; a placeholder not bound exactly once is refused', async (t) => {
  const { db } = await createTestDatabase(t);
  const byEmail = new CompiledOnce(['email'] as const, (db, p) => db.selectFrom('appUser').select('email').where('email', '=', p.email));
  t.same(await byEmail.execute(db, { email: 'nobody@example.org' }), []);
  t.equal(await byEmail.first(db, { email: "x' or 1=1 --" }), undefined, 'a value is bound, never spliced into the text');
  const unused = new CompiledOnce(['email', 'id'] as const, (db, p) => db.selectFrom('appUser').select('id').where('email', '=', p.email));
  await t.rejects(unused.execute(db, { email: 'a', id: 'b' }), /id must be bound once, found 0/);
  const twice = new CompiledOnce(['email'] as const, (db, p) =>
    db.selectFrom('appUser').select('id').where('email', '=', p.email).where('displayName', '=', p.email),
  );
  await t.rejects(twice.execute(db, { email: 'a' }), /email must be bound once, found 2/);
});
