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
];
const kinds = sql.raw(KINDS.map((k) => `'${k}'`).join(', '));

/**
 * Notices of the workflow and of deadlines (issue 22), mailed at once, in a weekly digest or not at all.
 *
 * - `notification`: new kinds. An item notice (every kind but the deadlines) has an item and,
 *   for an event on it, `subject_id` (the correction or sighting). A deadline notice has no item:
 *   `obligation` (what is due: a space's loading, a periodic return), `subject_id` (the space or
 *   the return), the `space_id` it leads to when there is one and `due_on`. `label` is sealed as
 *   before, and now optional: an item notice names its item by kind and id (clear already), a
 *   deadline notice keeps the obligation's name in its user's language. Mail may now be
 *   `digest` (left for the weekly digest).
 * - `notification_preference.delivery`: `immediate`, `digest` or `off` per kind (the old boolean:
 *   true → immediate, false → off).
 * - `notification_digest`: when each user's last digest was made (the next covers what came since).
 * - `deadline_reminder`: one row per reminder sent — obligation, subject, country, threshold and the
 *   due date it was for (a deadline moved is reminded again) — so a run repeated sends nothing twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in (${kinds}))`.execute(db);
  await sql`alter table notification alter column item_id drop not null`.execute(db);
  await sql`alter table notification alter column label drop not null`.execute(db);
  await sql`alter table notification add column subject_id uuid`.execute(db);
  await sql`alter table notification add column obligation text check (obligation in ('loading', 'return'))`.execute(db);
  await sql`alter table notification add column space_id uuid references space (id)`.execute(db);
  await sql`alter table notification add column due_on date`.execute(db);
  await sql`
    alter table notification add constraint notification_about_check check (
      case when kind in ('deadline_due', 'deadline_late')
        then item_id is null and obligation is not null and subject_id is not null and due_on is not null
        else item_id is not null and obligation is null and due_on is null
      end
    )`.execute(db);
  await sql`alter table notification drop constraint notification_mail_check`.execute(db);
  await sql`alter table notification add constraint notification_mail_check check (mail in ('none', 'pending', 'digest', 'sent', 'failed'))`.execute(
    db,
  );
  // The mail sweep's work list: small, and read at every run.
  await sql`create index notification_mail_pending_idx on notification (created_at) where mail = 'pending'`.execute(db);

  await sql`alter table notification_preference drop constraint notification_preference_kind_check`.execute(db);
  await sql`alter table notification_preference add constraint notification_preference_kind_check check (kind in (${kinds}))`.execute(db);
  await sql`alter table notification_preference add column delivery text check (delivery in ('immediate', 'digest', 'off'))`.execute(db);
  await sql`update notification_preference set delivery = case when mail then 'immediate' else 'off' end`.execute(db);
  await sql`alter table notification_preference alter column delivery set not null`.execute(db);
  await sql`alter table notification_preference drop column mail`.execute(db);

  await sql`
    create table notification_digest (
      user_id uuid primary key references app_user (id),
      last_at timestamptz not null
    )`.execute(db);

  await sql`
    create table deadline_reminder (
      obligation text not null check (obligation in ('loading', 'return')),
      subject_id uuid not null,
      country text not null,
      threshold text not null check (threshold in ('due_14', 'due_3', 'late')),
      due_on date not null,
      sent_at timestamptz not null,
      primary key (obligation, subject_id, country, threshold, due_on)
    )`.execute(db);
}
