import { type Kysely, sql } from 'kysely';

/**
 * Commitments (issue 22): the activities of a network's plan of action (seeds 000–004: activity,
 * responsible, calendar, indicator) and the status updates their responsible post.
 *
 * - `commitment`: a network's activity, its text in Spanish, English or both, its calendar (`once`
 *   with a due date or none — "por definir"; `semiannual` or `annual` from a start date;
 *   `continuous`), its plan and source, and `agreement_id`, a meeting's agreement it came from (the
 *   calendar feature adds the reference when meetings exist). The activity is not restricted: it is
 *   in clear. `key_space_id` is the network space whose key seals the updates' notes and evidence.
 * - `commitment_responsible`: one row per responsible — a member country (alpha-3) or an
 *   organisation taking a country's place (IOM, UNHCR, RROCM, SV) — holding its current status,
 *   which is its latest update (set by the trigger below, so it can be nothing else). The network is
 *   copied so the follow-up figures count statuses per network and country from one index.
 * - `commitment_update`: the history, never edited nor deleted; the note sealed.
 * - `commitment_evidence`: files of an update (through the file pipeline), their names sealed.
 *
 * `commitment_due` and `commitment_overdue` say in SQL when a responsible's current period ends and
 * whether it is late, so lists, filters and the dashboard share one definition.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table commitment (
      id uuid primary key default gen_random_uuid(),
      network_id uuid not null references network (id),
      key_space_id uuid not null references space (id),
      plan text check (plan is null or length(plan) between 1 and 200),
      source text check (source is null or length(source) between 1 and 300),
      agreement_id uuid,
      activity_es text check (activity_es is null or length(activity_es) between 1 and 4000),
      activity_en text check (activity_en is null or length(activity_en) between 1 and 4000),
      indicator_es text check (indicator_es is null or length(indicator_es) between 1 and 1000),
      indicator_en text check (indicator_en is null or length(indicator_en) between 1 and 1000),
      calendar text not null check (calendar in ('once', 'semiannual', 'annual', 'continuous')),
      due_on date,
      starts_on date,
      created_by uuid not null references app_user (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (activity_es is not null or activity_en is not null),
      check (calendar = 'once' or due_on is null),
      check ((calendar in ('semiannual', 'annual')) = (starts_on is not null))
    )`.execute(db);
  await sql`create index commitment_network_idx on commitment (network_id, created_at desc)`.execute(db);
  await sql`create index commitment_plan_idx on commitment (network_id, plan)`.execute(db);

  await sql`
    create table commitment_responsible (
      commitment_id uuid not null references commitment (id),
      responsible text not null check (responsible ~ '^[A-Z]{2,5}$'),
      network_id uuid not null references network (id),
      status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done')),
      status_at timestamptz,
      primary key (commitment_id, responsible)
    )`.execute(db);
  // The follow-up's "commitments by status, per network and country".
  await sql`create index commitment_responsible_status_idx on commitment_responsible (network_id, responsible, status)`.execute(db);

  await sql`
    create table commitment_update (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      commitment_id uuid not null,
      responsible text not null,
      status text not null check (status in ('not_started', 'in_progress', 'done')),
      note_id uuid references sealed (id),
      author_id uuid not null references app_user (id),
      author_country text not null,
      created_at timestamptz not null,
      foreign key (commitment_id, responsible) references commitment_responsible (commitment_id, responsible)
    )`.execute(db);
  await sql`create index commitment_update_history_idx on commitment_update (commitment_id, seq desc)`.execute(db);

  await sql`
    create table commitment_evidence (
      file_id uuid primary key references stored_file (id),
      update_id uuid not null references commitment_update (id),
      details_id uuid not null references sealed (id)
    )`.execute(db);
  await sql`create index commitment_evidence_update_idx on commitment_evidence (update_id)`.execute(db);

  // An update is the responsible's current status the moment it is recorded (unless a later one got
  // there first, when two are posted at once); history is never rewritten.
  await sql`
    create function commitment_update_applies() returns trigger language plpgsql as $$
    begin
      update commitment_responsible set status = new.status, status_at = new.created_at
        where commitment_id = new.commitment_id and responsible = new.responsible
          and (status_at is null or status_at <= new.created_at);
      return new;
    end $$`.execute(db);
  await sql`create trigger commitment_update_applies after insert on commitment_update for each row execute function commitment_update_applies()`.execute(
    db,
  );
  await sql`
    create function commitment_update_kept() returns trigger language plpgsql as $$
    begin
      raise exception 'commitment updates are history: they are never changed or deleted';
    end $$`.execute(db);
  await sql`create trigger commitment_update_kept before update or delete on commitment_update for each row execute function commitment_update_kept()`.execute(
    db,
  );

  // The end of the period `today` falls in (a due day still belongs to its period): once, its due date; periodic, computed.
  await sql`
    create function commitment_due(calendar text, due_on date, starts_on date, today date) returns date
    language sql immutable as $$
      select case
        when calendar = 'once' then due_on
        when calendar in ('semiannual', 'annual') then (starts_on + make_interval(months =>
          (case calendar when 'semiannual' then 6 else 12 end) * (greatest(0, floor(
            (extract(year from age(today - 1, starts_on)) * 12 + extract(month from age(today - 1, starts_on)))
            / (case calendar when 'semiannual' then 6 else 12 end)))::int + 1)))::date
      end
    $$`.execute(db);
  // Late: a due date passed without "done"; for a periodic one, the last period ended with no "done" in it or since.
  await sql`
    create function commitment_overdue(calendar text, due_on date, starts_on date, status text, status_at timestamptz, today date) returns boolean
    language sql immutable as $$
      select case
        when calendar = 'once' then coalesce(due_on < today and status <> 'done', false)
        when calendar in ('semiannual', 'annual') then
          today > (starts_on + make_interval(months => case calendar when 'semiannual' then 6 else 12 end))::date
          and not (status = 'done' and (status_at at time zone 'UTC')::date >
            (commitment_due(calendar, due_on, starts_on, today) - make_interval(months => 2 * case calendar when 'semiannual' then 6 else 12 end))::date)
        else false
      end
    $$`.execute(db);
}
