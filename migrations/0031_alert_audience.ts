import { type Kysely, sql } from 'kysely';

/**
 * Urgent operational messages (issue 23): an alert whose audience is the contact points and
 * substitutes of the member countries in its space — all of them, or those of the countries it
 * names — instead of every member and organisation it targets. Everything else is an alert's:
 * sealed content, inbox, live notice, mail, acknowledgement, reminder and escalation.
 * `alert.audience`: 'targets' (an alert as before) or 'contact_points'.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table alert add column audience text not null default 'targets' check (audience in ('targets', 'contact_points'))`.execute(db);
}
