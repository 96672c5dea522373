import { type Kysely, sql } from 'kysely';

/**
 * Entries that commit with the change they record.
 *
 * A state-changing request writes its audit entry inside the transaction of its change, so the two
 * commit together or not at all. Appending to the chain there would hold the sequencer (0008's
 * advisory lock) through that transaction's commit, and every change in the portal would queue
 * behind every other's WAL flush. Instead the entry goes into `audit_queue`, fully formed (its
 * canonical tail made by the server, like a chained entry's), and is chained after the commit, in
 * arrival order, by the next `audit_append_batch` — the group commit that appends request entries,
 * which now takes the queue first. The change's reply waits for that batch, so an entry is in the
 * chain before the reply leaves, as before; a crash in between leaves the entry queued, and the next
 * batch from any instance chains it. This is how transparency logs sequence: queued, then integrated.
 *
 * The queue is append-only for the application: UPDATE and TRUNCATE are refused by a trigger for
 * every role, and the application role may not DELETE; the sequencer, which moves rows into the
 * chain, runs as the schema owner (SECURITY DEFINER).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table audit_queue (
      id bigserial primary key,
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
      tail bytea not null
    )`.execute(db);
  await sql`
    create function audit_queue_insert_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_queue takes inserts only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_queue_no_update before update on audit_queue for each row execute function audit_queue_insert_only()`.execute(db);
  await sql`create trigger audit_queue_no_truncate before truncate on audit_queue for each statement execute function audit_queue_insert_only()`.execute(
    db,
  );

  await sql`
    create or replace function audit_append_batch(p_entries jsonb) returns table (seq bigint, hash bytea)
    language plpgsql volatile security definer set search_path = public, pg_temp as $$
    declare
      v_seq bigint;
      v_prev bytea;
      v_hash bytea;
      v_moved bigint[] := '{}';
      q audit_queue%rowtype;
      e jsonb;
    begin
      perform pg_advisory_xact_lock(1701735521);
      -- A new snapshot after the lock (volatile function, read committed): the true head, and every
      -- queued entry whose change committed before this batch began.
      select a.seq, a.hash into v_seq, v_prev from audit_entry a order by a.seq desc limit 1;
      v_seq := coalesce(v_seq, 0);
      v_prev := coalesce(v_prev, decode(repeat('00', 32), 'hex'));
      for q in select * from audit_queue order by id loop
        v_seq := v_seq + 1;
        v_hash := sha256(v_prev || convert_to('[1,' || v_seq::text || ',', 'UTF8') || q.tail);
        insert into audit_entry (seq, at, actor_id, actor_country, action, outcome, subject_type, subject_id,
                                 space_id, request_id, client_address, user_agent, purpose, details, prev_hash, hash)
        values (v_seq, q.at, q.actor_id, q.actor_country, q.action, q.outcome, q.subject_type, q.subject_id,
                q.space_id, q.request_id, q.client_address, q.user_agent, q.purpose, q.details, v_prev, v_hash);
        v_prev := v_hash;
        v_moved := v_moved || q.id;
      end loop;
      delete from audit_queue where id = any(v_moved);
      for e in select value from jsonb_array_elements(p_entries) loop
        v_seq := v_seq + 1;
        v_hash := sha256(v_prev || convert_to('[1,' || v_seq::text || ',', 'UTF8') || decode(e->>'tail', 'base64'));
        insert into audit_entry (seq, at, actor_id, actor_country, action, outcome, subject_type, subject_id,
                                 space_id, request_id, client_address, user_agent, purpose, details, prev_hash, hash)
        values (v_seq, (e->>'at')::timestamptz, (e->>'actor_id')::uuid, e->>'actor_country', e->>'action', e->>'outcome',
                e->>'subject_type', e->>'subject_id', (e->>'space_id')::uuid, e->>'request_id', e->>'client_address',
                e->>'user_agent', e->>'purpose', e->'details', v_prev, v_hash);
        seq := v_seq;
        hash := v_hash;
        return next;
        v_prev := v_hash;
      end loop;
    end $$`.execute(db);
  await sql`
    do $$ begin
      if exists (select 1 from pg_roles where rolname = 'enlace_app') then
        revoke update, delete, truncate on audit_queue from enlace_app;
        grant execute on function audit_append_batch(jsonb) to enlace_app;
      end if;
    end $$`.execute(db);
}
