import { type Kysely, sql } from 'kysely';

/** The job queues of saved-search notices (pg-boss refuses a job for a queue that was never made). */
export const QUEUES = ['saved-search-match', 'saved-search-mail'] as const;

/**
 * Saved searches and the notifications they raise.
 *
 * - `saved_search`: a user's search kept under a name. Its name and what it searches (keywords,
 *   facets, sort) are restricted values: they are one value sealed under the master key (AES-256-GCM,
 *   a key of their own, bound to the owner and the row), in `definition`; no column holds a word of
 *   them. The scope (`space_id`, null for every space the owner reads) and the kind are in clear, so
 *   that a published item finds its candidate searches without opening any other. `mail`: the owner
 *   asked for a mail as well as the portal's notice.
 * - `notification`: one notice to one user (newest first per user), with the item it is about and
 *   its source (the saved search); the unique key makes a rerun of the job that made it harmless.
 *   `label` (what the user called the source: the saved search's name) is sealed like the definition.
 *   `mail`: none (not asked), pending, sent or failed.
 * - `notification_preference`: mail on or off per kind of notice (no row: on).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const name of QUEUES) await sql`select pgboss.create_queue(${name}, ${JSON.stringify({ policy: 'standard' })}::json)`.execute(db);

  await sql`
    create table saved_search (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user (id),
      kind text not null check (kind in ('specimen')),
      space_id uuid references space (id),
      definition text not null,
      mail boolean not null default false,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index saved_search_user_idx on saved_search (user_id, created_at desc)`.execute(db);
  await sql`create index saved_search_kind_idx on saved_search (kind, space_id)`.execute(db);

  await sql`
    create table notification (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user (id),
      kind text not null check (kind in ('saved_search')),
      item_id uuid not null references item (id),
      source_id uuid references saved_search (id) on delete set null,
      label text not null,
      mail text not null default 'none' check (mail in ('none', 'pending', 'sent', 'failed')),
      created_at timestamptz not null,
      read_at timestamptz,
      unique (user_id, kind, item_id, source_id)
    )`.execute(db);
  await sql`create index notification_user_idx on notification (user_id, created_at desc)`.execute(db);

  await sql`
    create table notification_preference (
      user_id uuid not null references app_user (id),
      kind text not null check (kind in ('saved_search')),
      mail boolean not null,
      primary key (user_id, kind)
    )`.execute(db);
}
