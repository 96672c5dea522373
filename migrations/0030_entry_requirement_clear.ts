import { type Kysely, sql } from 'kysely';

/**
 * A cell of the entry-authorisation matrix can be cleared (issue 23): the Secretariat removes what
 * it holds, and the cell reads "no information" again. The history keeps the clearing as a change
 * whose new value is null (its old value is what was removed), so a change has a value on at least
 * one side. Nothing earlier is rewritten.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table entry_requirement_change alter column new_value drop not null`.execute(db);
  await sql`alter table entry_requirement_change add constraint entry_requirement_change_value_check check (old_value is not null or new_value is not null)`.execute(
    db,
  );
}
