import { type Kysely, sql } from 'kysely';

/**
 * The master key's check value: a MAC of a fixed string under a key derived from the master key.
 * It tells a wrong key from the right one at start (the server refuses the wrong one) and says
 * nothing about the key itself. The key is never stored in the database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Second-factor secrets stored before they were sealed cannot be sealed here (a migration has
  // no key): those accounts set up their second factor again at their next sign-in.
  await sql`
    with cleared as (
      update app_user set totp_secret = null, totp_pending_secret = null, totp_enabled_at = null, totp_last_step = null
      where (totp_secret is not null and totp_secret not like 'v1.%')
         or (totp_pending_secret is not null and totp_pending_secret not like 'v1.%')
      returning id
    ), codes as (delete from recovery_code where user_id in (select id from cleared))
    update user_session set revoked_at = now() where revoked_at is null and user_id in (select id from cleared)`.execute(db);

  await sql`
    create table master_key_check (
      id smallint primary key default 1 check (id = 1),
      check_value bytea not null check (length(check_value) = 32),
      created_at timestamptz not null default now()
    )`.execute(db);
}
