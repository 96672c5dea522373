import { type Kysely, sql } from 'kysely';

/**
 * The audit trail, completed.
 *
 * - `audit_append(...)`: the one way an entry is written. It takes the sequencer (a
 *   transaction-scoped advisory lock, held until the caller's transaction ends, so sequence order
 *   is commit order), reads the head, and stores the entry with
 *   `hash = sha256(prev_hash ‖ '[1,' ‖ seq ‖ ',' ‖ tail)`, where `tail` is the rest of the
 *   canonical encoding made by the server (server/platform/audit/chain.ts, README "Audit trail").
 *   One statement, one round trip: the lock is held for the time of an insert, not of a dialogue.
 * - `audit_key`: the audit OpenPGP key pair; the private half locked with a passphrase derived from
 *   the master key. It signs checkpoints; its public half verifies them, alone.
 * - `audit_checkpoint`: the head (sequence, hash, time) signed at intervals; append-only like the
 *   trail, so a cut tail or a rewritten chain is caught against a signature no one can forge.
 * - `access_purpose`: a purpose stated by a session before reading a RED item or a person record,
 *   copied into every entry of those reads.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function audit_append(
      p_at timestamptz, p_actor_id uuid, p_actor_country text, p_action text, p_outcome text,
      p_subject_type text, p_subject_id text, p_space_id uuid, p_request_id text,
      p_client_address text, p_user_agent text, p_purpose text, p_details jsonb, p_tail bytea
    ) returns table (seq bigint, hash bytea) language plpgsql volatile as $$
    declare
      v_seq bigint;
      v_prev bytea;
      v_hash bytea;
    begin
      perform pg_advisory_xact_lock(1701735521);
      -- A new snapshot after the lock (volatile function, read committed): the true head.
      select e.seq, e.hash into v_seq, v_prev from audit_entry e order by e.seq desc limit 1;
      v_seq := coalesce(v_seq, 0) + 1;
      v_prev := coalesce(v_prev, decode(repeat('00', 32), 'hex'));
      v_hash := sha256(v_prev || convert_to('[1,' || v_seq::text || ',', 'UTF8') || p_tail);
      insert into audit_entry (seq, at, actor_id, actor_country, action, outcome, subject_type, subject_id,
                               space_id, request_id, client_address, user_agent, purpose, details, prev_hash, hash)
      values (v_seq, p_at, p_actor_id, p_actor_country, p_action, p_outcome, p_subject_type, p_subject_id,
              p_space_id, p_request_id, p_client_address, p_user_agent, p_purpose, p_details, v_prev, v_hash);
      return query select v_seq, v_hash;
    end $$`.execute(db);
  await sql`create index audit_entry_action_idx on audit_entry (action, seq)`.execute(db);
  await sql`create index audit_entry_outcome_idx on audit_entry (outcome, at) where outcome <> 'allowed'`.execute(db);

  await sql`
    create table audit_key (
      fingerprint text primary key,
      public_key text not null,
      private_key text not null,
      created_at timestamptz not null,
      retired_at timestamptz
    )`.execute(db);
  await sql`create unique index audit_key_current on audit_key ((true)) where retired_at is null`.execute(db);

  await sql`
    create table audit_checkpoint (
      seq bigint primary key check (seq >= 1),
      hash bytea not null check (length(hash) = 32),
      at timestamptz not null,
      fingerprint text not null references audit_key (fingerprint),
      signature text not null
    )`.execute(db);
  await sql`create trigger audit_checkpoint_no_update before update or delete on audit_checkpoint for each row execute function audit_entry_append_only()`.execute(
    db,
  );
  await sql`create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint for each statement execute function audit_entry_append_only()`.execute(
    db,
  );

  await sql`
    create table access_purpose (
      session_id uuid not null references user_session (id) on delete cascade,
      item_id uuid not null references item (id) on delete cascade,
      purpose text not null check (length(purpose) between 1 and 500),
      stated_at timestamptz not null,
      expires_at timestamptz not null,
      primary key (session_id, item_id)
    )`.execute(db);

  await sql`
    do $$ begin
      if exists (select 1 from pg_roles where rolname = 'enlace_app') then
        revoke update, delete, truncate on audit_checkpoint from enlace_app;
        grant execute on function audit_append(timestamptz, uuid, text, text, text, text, text, uuid, text, text, text, text, jsonb, bytea) to enlace_app;
      end if;
    end $$`.execute(db);
}
