import { type Kysely, sql } from 'kysely';

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
  'directory_unconfirmed',
];
const kinds = sql.raw(KINDS.map((k) => `'${k}'`).join(', '));
// The conference's member countries when this was written (DOMAIN.md): those that keep an entry.
const MEMBER_COUNTRIES = sql.raw(['BLZ', 'CAN', 'CRI', 'DOM', 'GTM', 'HND', 'MEX', 'NIC', 'PAN', 'SLV', 'USA'].map((c) => `'${c}'`).join(', '));

/**
 * The network directory (issue 23).
 *
 * - `directory_entry`: one per network and member country, made when the country's first member
 *   joins one of the network's spaces (trigger below; existing memberships get theirs now). Its
 *   contact point and substitute are not stored here: they are the memberships' (names and e-mail
 *   from their accounts). What the country keeps — organisation, phones, 24/7 line, languages,
 *   further contacts — is personal data of officials (names, direct phones, e-mail addresses), so
 *   it is one sealed record (`content_id`) under the network's key space (`key_space_id`, its first
 *   space), never in clear columns. In clear: the network, the country, who confirmed or edited it
 *   and when.
 * - `directory_reminder`: one row per reminder sent — the entry and the confirmation cycle it was
 *   for (the last confirmation, or the entry's creation when never confirmed) — so a sweep repeated
 *   reminds once per cycle.
 * - Notices gain the kind `directory_unconfirmed`: no item, no obligation; its subject is the entry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table directory_entry (
      id uuid primary key default gen_random_uuid(),
      network_id uuid not null references network (id),
      country text not null check (country ~ '^[A-Z]{3}$'),
      key_space_id uuid references space (id),
      content_id uuid references sealed (id),
      created_at timestamptz not null,
      updated_at timestamptz,
      updated_by uuid references app_user (id),
      confirmed_at timestamptz,
      confirmed_by uuid references app_user (id),
      unique (network_id, country),
      check ((content_id is null) = (key_space_id is null)),
      check ((confirmed_at is null) = (confirmed_by is null))
    )`.execute(db);

  await sql`
    insert into directory_entry (network_id, country, created_at)
    select network_id, country, min(created_at) from membership where country in (${MEMBER_COUNTRIES}) group by network_id, country`.execute(db);
  await sql`
    create function directory_entry_for_member() returns trigger language plpgsql as $$
    begin
      if new.country in (${MEMBER_COUNTRIES}) then
        insert into directory_entry (network_id, country, created_at) values (new.network_id, new.country, new.created_at)
          on conflict (network_id, country) do nothing;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger directory_entry_for_member after insert on membership for each row execute function directory_entry_for_member()`.execute(
    db,
  );

  await sql`
    create table directory_reminder (
      entry_id uuid not null references directory_entry (id),
      cycle_start timestamptz not null,
      sent_at timestamptz not null,
      primary key (entry_id, cycle_start)
    )`.execute(db);

  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in (${kinds}))`.execute(db);
  await sql`alter table notification drop constraint notification_about_check`.execute(db);
  await sql`
    alter table notification add constraint notification_about_check check (
      case
        when kind in ('deadline_due', 'deadline_late')
          then item_id is null and obligation is not null and subject_id is not null and due_on is not null
        when kind = 'entry_requirement_changed'
          then item_id is null and obligation is null and due_on is null
        when kind = 'directory_unconfirmed'
          then item_id is null and obligation is null and subject_id is not null and due_on is null
        else item_id is not null and obligation is null and due_on is null
      end
    )`.execute(db);
  await sql`alter table notification_preference drop constraint notification_preference_kind_check`.execute(db);
  await sql`alter table notification_preference add constraint notification_preference_kind_check check (kind in (${kinds}))`.execute(db);
}
