import { type Kysely, sql } from 'kysely';

/**
 * Person records (DOMAIN.md §5, SECURITY.md "Person records"): a traveller detected with a false or
 * fraudulently obtained document, a suspected smuggler or facilitator — or, in the common format,
 * a group of adults travelling with minors without family ties. Items like the others (the item row
 * holds the handling and the workflow), with a `person` row alongside.
 *
 * In clear only what SECURITY.md allows for persons: the form, the detection country and year, the
 * role observed and the outcome — plus the retention date, which is handling, not content. Names,
 * dates of birth, nationalities, document numbers and everything else are one sealed record whose
 * plaintext is itself encrypted under a key of its own (`record_key`, wrapped under the master key):
 * destroying that key when the retention period ends crypto-shreds the record, so a copy of the
 * ciphertext kept anywhere (a backup, an escrowed space key) no longer opens.
 *
 * `name_keys`: blind keys (16-byte MACs under the space's index key) of each normalised name part and
 * its phonetic codes, each combined with the date of birth, plus the nationalities — what the
 * person check matches, exactly; nothing in it can be read back.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table item drop constraint item_kind_check`.execute(db);
  await sql`alter table item add constraint item_kind_check check (kind in ('specimen', 'report', 'alert', 'person'))`.execute(db);
  // Never CLEAR or GREEN, whatever the code above does.
  await sql`alter table item add constraint item_person_tlp_check check (kind <> 'person' or tlp in ('AMBER', 'AMBER+STRICT', 'RED'))`.execute(db);

  await sql`
    create table person (
      item_id uuid primary key references item (id),
      space_id uuid not null references space (id),
      form text not null check (form in ('person', 'minors')),
      role text check (role in ('traveller', 'smuggler', 'facilitator', 'corrupted_official')),
      outcome text check (outcome in ('refused_entry', 'detained', 'referred', 'returned', 'released', 'none')),
      detection_country text not null check (detection_country ~ '^[A-Z]{3}$'),
      detection_year integer not null check (detection_year between 1900 and 2200),
      content_id uuid references sealed (id),
      record_key bytea,
      name_keys bytea[] not null default '{}',
      retain_until date not null,
      published_at timestamptz,
      check ((content_id is null) = (record_key is null))
    )`.execute(db);
  await sql`create index person_space_idx on person (space_id, detection_year)`.execute(db);
  await sql`create index person_name_keys_idx on person using gin (name_keys)`.execute(db);
  await sql`create index person_retention_idx on person (retain_until) where record_key is not null`.execute(db);

  await sql`
    create table person_link (
      person_id uuid not null references item (id),
      item_id uuid not null references item (id),
      primary key (person_id, item_id),
      check (person_id <> item_id)
    )`.execute(db);
  await sql`create index person_link_item_idx on person_link (item_id)`.execute(db);

  // Extensions of a record's retention by its originator: the reason sealed with the record (shredded with it).
  await sql`
    create table person_retention (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references item (id),
      previous_until date not null,
      retain_until date not null,
      reason_id uuid references sealed (id) on delete set null,
      extended_by uuid not null references app_user (id),
      extended_at timestamptz not null,
      check (retain_until > previous_until)
    )`.execute(db);
  await sql`create index person_retention_person_idx on person_retention (person_id, extended_at)`.execute(db);
}
