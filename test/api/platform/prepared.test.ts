import { sql } from 'kysely';
import pg from 'pg';
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

t.test('a prepared statement is described once on its connection: every later run parses its rows the same', async (t) => {
  const { url } = await createTestDatabase(t);
  const db = createDatabase({ url, poolMax: 1 });
  const plain = createDatabase({ url, poolMax: 1, prepared: false });
  t.teardown(() => Promise.all([db.destroy(), plain.destroy()]));
  // Each row description node-postgres handles, on either handle.
  const Query = pg.Query.prototype as unknown as { handleRowDescription(message: unknown): void };
  const handle = Query.handleRowDescription;
  let described = 0;
  Query.handleRowDescription = function (this: unknown, message: unknown) {
    described++;
    handle.call(this, message);
  };
  t.teardown(() => {
    Query.handleRowDescription = handle;
  });
  // Types with parsers of their own (a date, a bigint, a timestamp, JSON, bytes, an array), and nulls; and values of
  // each kind node-postgres turns into text itself (a Date, bytes, an array, an object), bound with and without the description.
  const typed = (n: number) =>
    sql<Record<string, unknown>>`select ${n}::int as n, (${n} * 10000000000)::int8 as big, ('2026-01-0' || ${n})::date as day,
      ('2026-01-0' || ${n} || 'T10:00:00Z')::timestamptz as at, jsonb_build_object('n', ${n}::int, 'snake_key', true) as doc,
      decode(lpad(to_hex(${n}::int), 2, '0'), 'hex') as bytes, array[${n}::int, 2] as list, ${n % 2 === 0 ? null : 'odd'}::text as maybe,
      ${new Date(Date.UTC(2026, 0, n, 12))}::timestamptz as given_at, ${Buffer.from([n, 0, 255])}::bytea as given_bytes,
      ${[n, 2, 3]}::int[] as given_list, ${{ n, nested: { snake_key: [n] } }}::jsonb as given_doc
      from generate_series(1, ${n}::int)`;
  for (let n = 1; n <= 5; n++) t.same((await typed(n).execute(db)).rows, (await typed(n).execute(plain)).rows, `run ${n}`);
  const [row] = (await typed(4).execute(db)).rows;
  t.same(
    [row!.givenAt, row!.givenBytes, row!.givenList, row!.givenDoc],
    [new Date(Date.UTC(2026, 0, 4, 12)), Buffer.from([4, 0, 255]), [4, 2, 3], { n: 4, nested: { snakeKey: [4] } }],
    'the bound values come back as they were given',
  );
  // Unprepared 5 times (5), prepared: first run unnamed (1), then parsed and described once (1).
  t.equal(described, 7, 'the prepared statement was described once, on its first named run');
  t.equal((await prepared(db)).length, 1);
  const none = (await typed(0).execute(db)).rows;
  t.same(none, [], 'no rows: still the same statement');
  t.same((await typed(3).execute(db)).rows, (await typed(3).execute(plain)).rows, 'rows again after an empty answer');
});

t.test('a prepared statement whose table changed shape is refused, never read with its old shape', async (t) => {
  const { url } = await createTestDatabase(t);
  const db = createDatabase({ url, poolMax: 1 });
  t.teardown(() => db.destroy());
  await sql`create table shaped (id int primary key, a text)`.execute(db);
  await sql`insert into shaped values (1, 'one'), (2, 'two')`.execute(db);
  const byId = (id: number) => sql<Record<string, unknown>>`select * from shaped where id = ${id}`.execute(db);
  for (const id of [1, 2, 1]) t.same((await byId(id)).rows, [{ id, a: id === 1 ? 'one' : 'two' }]);
  await sql`alter table shaped add column b text default 'new'`.execute(db);
  await t.rejects(byId(2), { code: '0A000', message: /cached plan must not change result type/ }, 'PostgreSQL refuses the bind');
  t.same(
    (await sql`select * from shaped where id = ${2} and true`.execute(db)).rows,
    [{ id: 2, a: 'two', b: 'new' }],
    'a new text sees the new shape',
  );
});

t.test('a value that cannot be bound fails its query alone; the statement runs again after it', async (t) => {
  const { url } = await createTestDatabase(t);
  const db = createDatabase({ url, poolMax: 1 });
  t.teardown(() => db.destroy());
  const echo = (value: unknown) => sql<{ v: string }>`select ${value}::text as v`.execute(db);
  for (const v of ['a', 'b', 'c']) t.same((await echo(v)).rows, [{ v }]);
  const unbindable = {
    toPostgres() {
      throw new Error('no text for this value');
    },
  };
  await t.rejects(echo(unbindable), /no text for this value/);
  t.same((await echo('d')).rows, [{ v: 'd' }], 'the same text again');
  t.same((await echo('e')).rows, [{ v: 'e' }]);
});
