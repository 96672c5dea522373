import { type Kysely, sql } from 'kysely';

const MEMBERS = ['BLZ', 'CAN', 'CRI', 'DOM', 'GTM', 'HND', 'MEX', 'NIC', 'PAN', 'SLV', 'USA'];
const members = sql.raw(MEMBERS.map((c) => `'${c}'`).join(', '));
const REQUIREMENTS = ['none', 'visa', 'electronic_authorisation', 'visa_on_arrival', 'transit_visa', 'special_authorisation', 'not_admitted'];

const KINDS = [
  'saved_search',
  'validation_waiting',
  'returned_to_draft',
  'correction_proposed',
  'correction_decided',
  'sighting',
  'deadline_due',
  'deadline_late',
  'entry_requirement_changed',
];
const kinds = sql.raw(KINDS.map((k) => `'${k}'`).join(', '));

/**
 * The entry-authorisation matrix (issue 23): for each member country (destination) and each
 * nationality (ISO 3166-1 alpha-3), what a national needs to enter — kept by the Secretariat, changed
 * on proposals of each member country for its own row (seeds 002 §1.1, 004).
 *
 * This is shared reference information, not restricted content (DOMAIN.md): every column is in clear,
 * as a leak of it would reveal nothing a consulate does not publish. It is still read only by signed-in
 * users with a role (policies/entry-requirements.ts).
 *
 * - `entry_requirement`: one row per cell that has been set; a missing row means "no information",
 *   never "none". `days_allowed` only with `none`; exceptions (passport types, residents of third
 *   countries) in Spanish and English; the legal source, the date it takes effect and a note.
 * - `entry_requirement_proposal`: a change a contact point or substitute of the destination proposes,
 *   with the values proposed, pending until the Secretariat accepts (it is applied) or rejects it.
 * - `entry_requirement_change`: the history of every cell, never edited nor deleted: who, when, the
 *   values before (null: the cell was unset) and after, how (edit, proposal, import) and the proposal.
 * - `notification`: the kind `entry_requirement_changed`, which has no item but the cell it is about
 *   (`destination`, `nationality`; null when one change touched several).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const cell = (prefix: string) =>
    sql.raw(`
      ${prefix}requirement text not null check (${prefix}requirement in (${REQUIREMENTS.map((r) => `'${r}'`).join(', ')})),
      ${prefix}days_allowed integer check (${prefix}days_allowed between 1 and 3650),
      ${prefix}exceptions_es text check (length(${prefix}exceptions_es) between 1 and 2000),
      ${prefix}exceptions_en text check (length(${prefix}exceptions_en) between 1 and 2000),
      ${prefix}legal_source text check (length(${prefix}legal_source) between 1 and 500),
      ${prefix}effective_on date,
      ${prefix}note text check (length(${prefix}note) between 1 and 2000),
      check (${prefix}requirement = 'none' or ${prefix}days_allowed is null)`);

  await sql`
    create table entry_requirement (
      destination text not null check (destination in (${members})),
      nationality text not null check (nationality ~ '^[A-Z]{3}$' and nationality <> destination),
      ${cell('')},
      version integer not null default 1,
      updated_by uuid not null references app_user (id),
      updated_at timestamptz not null,
      primary key (destination, nationality)
    )`.execute(db);
  // The view by nationality ("where may a national of X enter without a visa?").
  await sql`create index entry_requirement_nationality_idx on entry_requirement (nationality, requirement)`.execute(db);

  await sql`
    create table entry_requirement_proposal (
      id uuid primary key default gen_random_uuid(),
      destination text not null check (destination in (${members})),
      nationality text not null check (nationality ~ '^[A-Z]{3}$' and nationality <> destination),
      ${cell('')},
      reason text check (length(reason) between 1 and 2000),
      status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
      proposed_by uuid not null references app_user (id),
      proposed_country text not null,
      proposed_at timestamptz not null,
      decided_by uuid references app_user (id),
      decided_at timestamptz,
      decision_note text check (length(decision_note) between 1 and 2000),
      check ((status = 'pending') = (decided_at is null))
    )`.execute(db);
  await sql`create index entry_requirement_proposal_status_idx on entry_requirement_proposal (status, proposed_at desc)`.execute(db);
  await sql`create index entry_requirement_proposal_destination_idx on entry_requirement_proposal (destination, proposed_at desc)`.execute(db);

  await sql`
    create table entry_requirement_change (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity unique,
      destination text not null,
      nationality text not null,
      old_value jsonb,
      new_value jsonb not null,
      source text not null check (source in ('edit', 'proposal', 'import')),
      proposal_id uuid references entry_requirement_proposal (id),
      changed_by uuid not null references app_user (id),
      changed_at timestamptz not null,
      check ((source = 'proposal') = (proposal_id is not null))
    )`.execute(db);
  await sql`create index entry_requirement_change_cell_idx on entry_requirement_change (destination, nationality, seq desc)`.execute(db);
  await sql`create index entry_requirement_change_at_idx on entry_requirement_change (changed_at, seq)`.execute(db);
  await sql`
    create function entry_requirement_change_kept() returns trigger language plpgsql as $$
    begin
      raise exception 'entry requirement changes are history: they are never changed or deleted';
    end $$`.execute(db);
  await sql`create trigger entry_requirement_change_kept before update or delete on entry_requirement_change for each row execute function entry_requirement_change_kept()`.execute(
    db,
  );

  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in (${kinds}))`.execute(db);
  await sql`alter table notification add column destination text check (destination ~ '^[A-Z]{3}$')`.execute(db);
  await sql`alter table notification add column nationality text check (nationality ~ '^[A-Z]{3}$')`.execute(db);
  await sql`alter table notification drop constraint notification_about_check`.execute(db);
  await sql`
    alter table notification add constraint notification_about_check check (
      case
        when kind in ('deadline_due', 'deadline_late')
          then item_id is null and obligation is not null and subject_id is not null and due_on is not null
        when kind = 'entry_requirement_changed'
          then item_id is null and obligation is null and due_on is null
        else item_id is not null and obligation is null and due_on is null
      end
    )`.execute(db);
  await sql`alter table notification_preference drop constraint notification_preference_kind_check`.execute(db);
  await sql`alter table notification_preference add constraint notification_preference_kind_check check (kind in (${kinds}))`.execute(db);
}
