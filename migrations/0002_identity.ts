import { type Kysely, sql } from 'kysely';

/**
 * Identity: accounts, their second factor and recovery codes, sessions, single-use tokens
 * (invitations and password resets) and login throttling. Secrets are stored only as hashes:
 * passwords with argon2id, session and one-time tokens and recovery codes with SHA-256 (they
 * are 128 to 256 random bits, beyond guessing, so a slow hash would buy nothing).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      email citext not null unique check (length(email) between 3 and 254 and email ~ '^[^@\\s]+@[^@\\s]+$'),
      display_name text not null check (length(display_name) between 1 and 200),
      country text not null check (country ~ '^[A-Z]{2,5}$'),
      organisation text not null check (length(organisation) between 1 and 200),
      language text not null default 'es' check (language in ('es', 'en')),
      status text not null default 'invited' check (status in ('invited', 'active', 'locked', 'disabled')),
      roles text[] not null default '{}' check (roles <@ array['secretariat', 'presidency', 'auditor']::text[]),
      password_hash text,
      password_changed_at timestamptz,
      totp_secret text,
      totp_pending_secret text,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      pgp_public_key text,
      pgp_fingerprint text check (pgp_fingerprint ~ '^[0-9A-F]{40,64}$'),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'invited') or password_hash is not null),
      check ((pgp_public_key is null) = (pgp_fingerprint is null))
    )`.execute(db);

  await sql`
    create table recovery_code (
      user_id uuid not null references app_user (id) on delete cascade,
      code_hash bytea not null,
      used_at timestamptz,
      primary key (user_id, code_hash)
    )`.execute(db);

  await sql`
    create table user_session (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user (id) on delete cascade,
      token_hash bytea not null unique,
      csrf_hash bytea not null,
      stage text not null check (stage in ('enrol', 'full')),
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      client_address text,
      user_agent text,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index user_session_user_idx on user_session (user_id) where revoked_at is null`.execute(db);

  await sql`
    create table one_time_token (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user (id) on delete cascade,
      purpose text not null check (purpose in ('invitation', 'reset')),
      token_hash bytea not null unique,
      created_by uuid references app_user (id) on delete set null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);
  await sql`create index one_time_token_user_idx on one_time_token (user_id, purpose) where used_at is null`.execute(db);

  // Keys are 'account:<sha256 of the e-mail>' and 'address:<client address>': the e-mail is
  // hashed so that failures against accounts that do not exist leave no address in clear.
  await sql`
    create table login_throttle (
      key text primary key,
      failures integer not null default 0 check (failures >= 0),
      last_failure_at timestamptz not null,
      locked_until timestamptz
    )`.execute(db);
}
