import { type Kysely, sql } from 'kysely';

/**
 * Return templates the Secretariat edits and archives (issue 22).
 *
 * - `return_template.archived_at`: when the template was archived, or null. An archived template
 *   opens no new return; its returns stay readable, and the follow-up dashboard still expects a
 *   return for each period that ended before it was archived (none after).
 * - `return_template.updated_at`: when it was last edited (null: never).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table return_template add column archived_at timestamptz`.execute(db);
  await sql`alter table return_template add column updated_at timestamptz`.execute(db);
}
