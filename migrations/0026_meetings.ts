import { type Kysely, sql } from 'kysely';

/**
 * Calendar and meetings (issue 23).
 *
 * - `meeting`: a meeting or event of a network (`network_id`) or of the whole conference (null).
 *   Its calendar metadata — kind, titles, dates, place or link, languages, participants — is
 *   coordination information and stays in clear (the iCalendar feed carries it). The agenda and
 *   the minutes (es/en) are sealed records (`agenda_id`, `minutes_id`) under the network's key
 *   space (`key_space_id`, its first space, as commitments and the directory do). A
 *   conference-wide meeting has no network and so no key space: it holds no sealed content.
 * - `meeting_agreement`: an agreement recorded in the minutes; its text sealed (`content_id`),
 *   its responsible countries and due date in clear (they are the commitment's too), and the
 *   commitment it made (`commitment.agreement_id` points back).
 * - `meeting_training`: per country, how many officials a workshop or training trained (the plans'
 *   indicator "número de funcionarios capacitados"); the topic is the meeting's.
 * - `calendar_key`: a user's secret iCalendar link, stored only as its SHA-256 hash.
 * - `meeting_reminder`: one row per reminder sent (a week and a day before), for the meeting's
 *   start as it was then — a run repeated sends nothing twice; a meeting moved is reminded again.
 * - Notices gain the kind `meeting_reminder` (no item, no obligation; its subject is the meeting,
 *   its `due_on` the meeting's day); every earlier kind is kept.
 */
const NOTIFICATION_KINDS = [
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
  'meeting_reminder',
];
const KINDS = ['grcm', 'crm_plenary', 'network_meeting', 'workshop', 'training', 'joint_exercise', 'crm_csm'];
const TOPICS = ['document_fraud', 'victim_identification', 'asylum_refuge', 'other'];
const list = (values: string[]) => sql.raw(values.map((k) => `'${k}'`).join(', '));

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table meeting (
      id uuid primary key default gen_random_uuid(),
      network_id uuid references network (id),
      key_space_id uuid references space (id),
      kind text not null check (kind in (${list(KINDS)})),
      title_es text not null check (length(title_es) between 1 and 300),
      title_en text not null check (length(title_en) between 1 and 300),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      place text check (length(place) <= 300),
      link text check (length(link) <= 500 and link ~ '^https://'),
      languages text[] not null default '{}',
      participants text[] not null default '{}',
      topic text check (topic in (${list(TOPICS)})),
      agenda_id uuid references sealed (id),
      minutes_id uuid references sealed (id),
      created_by uuid not null references app_user (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (ends_at >= starts_at),
      check ((network_id is null) = (key_space_id is null)),
      check (network_id is not null or (agenda_id is null and minutes_id is null)),
      check ((topic is null) or kind in ('workshop', 'training'))
    )`.execute(db);
  await sql`create index meeting_network_starts_idx on meeting (network_id, starts_at)`.execute(db);
  await sql`create index meeting_starts_idx on meeting (starts_at)`.execute(db);

  await sql`
    create table meeting_agreement (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references meeting (id),
      content_id uuid not null references sealed (id),
      responsibles text[] not null check (cardinality(responsibles) >= 1),
      due_on date not null,
      commitment_id uuid references commitment (id),
      created_by uuid not null references app_user (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index meeting_agreement_meeting_idx on meeting_agreement (meeting_id, created_at)`.execute(db);
  await sql`alter table commitment add constraint commitment_agreement_fk foreign key (agreement_id) references meeting_agreement (id)`.execute(db);

  await sql`
    create table meeting_training (
      meeting_id uuid not null references meeting (id),
      country text not null check (country ~ '^[A-Z]{3}$'),
      officials integer not null check (officials >= 0),
      primary key (meeting_id, country)
    )`.execute(db);

  await sql`
    create table calendar_key (
      user_id uuid primary key references app_user (id),
      key_hash bytea not null unique,
      created_at timestamptz not null
    )`.execute(db);

  await sql`
    create table meeting_reminder (
      meeting_id uuid not null references meeting (id),
      threshold text not null check (threshold in ('week', 'day')),
      starts_at timestamptz not null,
      sent_at timestamptz not null,
      primary key (meeting_id, threshold, starts_at)
    )`.execute(db);

  const kinds = list(NOTIFICATION_KINDS);
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
        when kind = 'meeting_reminder'
          then item_id is null and obligation is null and subject_id is not null and due_on is not null
        else item_id is not null and obligation is null and due_on is null
      end
    )`.execute(db);
  await sql`alter table notification_preference drop constraint notification_preference_kind_check`.execute(db);
  await sql`alter table notification_preference add constraint notification_preference_kind_check check (kind in (${kinds}))`.execute(db);
}
