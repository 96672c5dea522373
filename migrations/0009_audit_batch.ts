import { type Kysely, sql } from 'kysely';

/**
 * `audit_append_batch(entries jsonb)`: what `audit_append` does, for a batch — the sequencer taken and
 * the head read once, then each entry numbered, hashed (`sha256(prev ‖ '[1,' ‖ seq ‖ ',' ‖ tail)`)
 * and inserted in array order. The server's group commit sends one batch per statement; a single
 * entry is a batch of one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function audit_append_batch(p_entries jsonb) returns table (seq bigint, hash bytea) language plpgsql volatile as $$
    declare
      v_seq bigint;
      v_prev bytea;
      v_hash bytea;
      e jsonb;
    begin
      perform pg_advisory_xact_lock(1701735521);
      select a.seq, a.hash into v_seq, v_prev from audit_entry a order by a.seq desc limit 1;
      v_seq := coalesce(v_seq, 0);
      v_prev := coalesce(v_prev, decode(repeat('00', 32), 'hex'));
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
        grant execute on function audit_append_batch(jsonb) to enlace_app;
      end if;
    end $$`.execute(db);
}
