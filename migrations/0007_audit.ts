import { type Kysely, sql } from 'kysely';

/**
 * The audit trail: one append-only, hash-chained table (SECURITY.md, "Audit trail").
 * `hash = SHA-256(prev_hash ‖ canonical entry)`, the canonical encoding documented in the README
 * and implemented once in server/platform/audit/chain.ts. Entries are numbered by a single
 * sequencer (a transaction-scoped advisory lock), so sequence order is commit order.
 * UPDATE, DELETE and TRUNCATE are refused by triggers here, and by the app role's grants
 * (deploy/postgres-init.sql).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table audit_entry (
      seq bigint primary key check (seq >= 1),
      at timestamptz not null,
      actor_id uuid,
      actor_country text,
      action text not null check (action ~ '^[a-z][a-z0-9_.]*$'),
      outcome text not null check (outcome in ('allowed', 'denied', 'error')),
      subject_type text,
      subject_id text,
      space_id uuid,
      request_id text,
      client_address text,
      user_agent text,
      purpose text,
      details jsonb not null default '{}',
      prev_hash bytea not null check (length(prev_hash) = 32),
      hash bytea not null unique check (length(hash) = 32)
    )`.execute(db);
  await sql`create index audit_entry_actor_idx on audit_entry (actor_id, at)`.execute(db);
  await sql`create index audit_entry_subject_idx on audit_entry (subject_id)`.execute(db);
  await sql`create index audit_entry_space_idx on audit_entry (space_id, at)`.execute(db);
  await sql`create index audit_entry_at_idx on audit_entry (at)`.execute(db);

  await sql`
    create function audit_entry_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_entry is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_entry_no_update before update or delete on audit_entry for each row execute function audit_entry_append_only()`.execute(
    db,
  );
  await sql`create trigger audit_entry_no_truncate before truncate on audit_entry for each statement execute function audit_entry_append_only()`.execute(
    db,
  );
  // The application role of deploy/postgres-init.sql gets its default grants on new tables; on
  // this one it keeps SELECT and INSERT only.
  await sql`
    do $$ begin
      if exists (select 1 from pg_roles where rolname = 'enlace_app') then
        revoke update, delete, truncate on audit_entry from enlace_app;
      end if;
    end $$`.execute(db);
}
