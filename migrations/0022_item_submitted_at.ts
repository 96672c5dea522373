import { type Kysely, sql } from 'kysely';

/**
 * When an item was last put forward (issue 22): submitted for validation, or published at once (an
 * urgent alert). A country's loading obligation is met on the day its first item was put forward,
 * not the day a draft was begun. Items already submitted or published take their creation time,
 * the best that was kept before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table item add column submitted_at timestamptz`.execute(db);
  await sql`update item set submitted_at = created_at where status in ('submitted', 'published', 'withdrawn', 'expired')`.execute(db);
}
