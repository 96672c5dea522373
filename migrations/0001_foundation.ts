import { type Kysely, sql } from 'kysely';

/**
 * The ground every later migration stands on: case-insensitive text for e-mail addresses,
 * and one row naming this installation (its id tags audit checkpoints and exports).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists citext`.execute(db);
  await db.schema
    .createTable('instance')
    .addColumn('id', 'smallint', (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    .addColumn('instance_id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into instance default values`.execute(db);
}
