import { type Kysely, sql } from 'kysely';

/**
 * Organisations configured rather than fixed in code (issue 23).
 *
 * - A new kind, `partner`: partner organisations (the CSM, consulates, academic and women's
 *   organisations…) whose people join spaces as observers, like IOM, UNHCR and RROCM.
 * - Deactivation instead of deletion (users, items, alerts and webhooks reference the row): who
 *   deactivated it and when. A deactivated organisation receives no new users and no new space
 *   memberships; its people's existing sessions and memberships stay as they are until the
 *   Secretariat changes them.
 * - No rows are seeded: the demo and each installation register theirs (IOM, UNHCR, RROCM, SV).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table organisation drop constraint organisation_kind_check`.execute(db);
  await sql`
    alter table organisation add constraint organisation_kind_check
      check (kind in ('member_authority', 'observer', 'partner', 'migration_authority', 'secretariat'))`.execute(db);
  await sql`alter table organisation add column deactivated_at timestamptz`.execute(db);
  await sql`alter table organisation add column deactivated_by uuid references app_user (id)`.execute(db);
  await sql`alter table organisation add column updated_at timestamptz`.execute(db);
  await sql`alter table organisation add constraint organisation_deactivated_check check ((deactivated_at is null) = (deactivated_by is null))`.execute(
    db,
  );
}
