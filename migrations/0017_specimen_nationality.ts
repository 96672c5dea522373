import { type Kysely, sql } from 'kysely';

/**
 * A specimen's holder nationality, findable without being readable: an exact blind index under the
 * space's key (a route's report finds the specimens carried by the nationalities it moves). Rows
 * written before have no index yet: `indexed_version` 0 marks them, and `enlace serve` indexes them
 * again in the background (server/features/specimens/reindex.ts), opening each record with its key —
 * which a migration has not.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table specimen add column nationality_index bytea`.execute(db);
  await sql`alter table specimen add column indexed_version smallint not null default 0`.execute(db);
  await sql`create index specimen_nationality_idx on specimen (nationality_index) where nationality_index is not null`.execute(db);
  await sql`create index specimen_reindex_idx on specimen (item_id) where indexed_version < 1`.execute(db);
}
