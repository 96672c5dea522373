import { type Kysely, sql } from 'kysely';

/**
 * The library (issue 23): documents and links — legislation, manuals, guidelines, asylum and refuge
 * mechanisms, campaign products, training material. A library document is an item (kind `library`):
 * its space, TLP, originator and releasability are the item's, so the item policy decides who reads
 * it (CLEAR: every signed-in user — the conference-wide documents; GREEN: the space's members,
 * observers included; AMBER: the space's member-country authorities; RED: the named recipients).
 *
 * - `library_document`: in clear only what SECURITY.md allows a catalogue entry — its type, the
 *   country it concerns, its year and language. Title and summary (es/en), tags and a link's URL are
 *   one sealed record (`content_id`); its words are in `tokens` (blind index), together with the
 *   words of every version's PDF text.
 * - `library_version`: each file the document has had (the file is an item attachment: sealed bytes,
 *   type from the bytes); `tokens` are the blind index of the words extracted from a PDF, never the
 *   text itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table item drop constraint item_kind_check`.execute(db);
  await sql`alter table item add constraint item_kind_check check (kind in ('specimen', 'report', 'alert', 'person', 'library'))`.execute(db);
  await sql`
    create table library_document (
      item_id uuid primary key references item (id),
      space_id uuid not null references space (id),
      doc_type text not null check (doc_type in ('legislation', 'comparative_matrix', 'manual', 'guideline', 'asylum_mechanism', 'campaign', 'training', 'other')),
      country text check (country ~ '^[A-Z]{3}$'),
      year integer check (year between 1900 and 2100),
      language text not null check (language in ('es', 'en', 'fr', 'pt', 'other')),
      is_link boolean not null default false,
      content_id uuid not null references sealed (id),
      tokens text[] not null default '{}'
    )`.execute(db);
  await sql`create index library_document_tokens_idx on library_document using gin (tokens)`.execute(db);
  await sql`create index library_document_type_idx on library_document (doc_type, country, year)`.execute(db);
  await sql`
    create table library_version (
      file_id uuid primary key references stored_file (id),
      item_id uuid not null references item (id),
      seq integer not null check (seq >= 1),
      text_pages integer not null default 0 check (text_pages >= 0),
      tokens text[] not null default '{}',
      created_by uuid not null references app_user (id),
      created_at timestamptz not null,
      unique (item_id, seq)
    )`.execute(db);
}
