import { type Kysely, sql } from 'kysely';

/**
 * Documents of a meeting (issue 23): presentations, the signed minutes, reports, the participants'
 * list — files through the file pipeline (type read from the bytes, sealed under the network's key
 * space like the meeting's agenda and minutes), each with its name sealed (`details_id`) and a kind
 * in clear (what the document is, not what it says).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table meeting_document (
      file_id uuid primary key references stored_file (id),
      seq bigint generated always as identity,
      meeting_id uuid not null references meeting (id),
      kind text not null check (kind in ('agenda', 'presentation', 'minutes', 'report', 'participants', 'other')),
      details_id uuid not null references sealed (id),
      created_by uuid not null references app_user (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index meeting_document_meeting_idx on meeting_document (meeting_id, seq)`.execute(db);
}
