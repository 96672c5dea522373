import { type Kysely, sql } from 'kysely';

/**
 * Sealed records and files.
 *
 * - `space_key` gains a data key per version (32 random bytes, sealed under the master key, bound
 *   to the space and version) that wraps each message's session key, so a read opens a record with
 *   one AES-GCM step instead of a public-key operation. A destroyed version keeps its public half
 *   and fingerprint (history) but loses its private key and data key: crypto-shredding.
 * - `sealed`: one OpenPGP message per record (standard, to the space key) and its wrapped session key.
 * - `stored_file` and `file_chunk`: a file is a sequence of independently sealed chunks, each a
 *   standard OpenPGP message in the blob store under an opaque key; every chunk shares the file's
 *   session key, wrapped once on the file's row.
 * - `item_attachment`: files attached to an item, their name and caption sealed.
 * - `item.shredded_at`: the item's content was destroyed; its metadata stays for the record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table space_key alter column private_key drop not null`.execute(db);
  await sql`alter table space_key add column data_key text, add column destroyed_at timestamptz`.execute(db);
  await sql`
    alter table space_key add constraint space_key_destroyed_check
      check ((destroyed_at is null) = (private_key is not null) and (destroyed_at is null or data_key is null))`.execute(db);

  await sql`alter table item add column shredded_at timestamptz`.execute(db);

  await sql`
    create table sealed (
      id uuid primary key default gen_random_uuid(),
      space_id uuid not null,
      item_id uuid references item (id),
      key_version integer not null,
      message bytea not null check (length(message) > 0),
      wrapped_key bytea not null check (length(wrapped_key) = 60),
      created_at timestamptz not null,
      foreign key (space_id, key_version) references space_key (space_id, version)
    )`.execute(db);
  await sql`create index sealed_item_idx on sealed (item_id)`.execute(db);
  await sql`create index sealed_space_version_idx on sealed (space_id, key_version)`.execute(db);

  await sql`
    create table stored_file (
      id uuid primary key default gen_random_uuid(),
      space_id uuid not null,
      item_id uuid references item (id),
      variant text not null check (variant in ('original', 'thumbnail')),
      original_id uuid references stored_file (id) on delete cascade,
      media_type text not null check (media_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
      byte_size bigint not null check (byte_size > 0),
      chunk_count integer not null check (chunk_count > 0),
      key_version integer not null,
      wrapped_key bytea not null check (length(wrapped_key) = 60),
      created_by uuid references app_user (id),
      created_at timestamptz not null,
      check ((variant = 'thumbnail') = (original_id is not null)),
      foreign key (space_id, key_version) references space_key (space_id, version)
    )`.execute(db);
  await sql`create index stored_file_item_idx on stored_file (item_id)`.execute(db);
  await sql`create index stored_file_original_idx on stored_file (original_id)`.execute(db);
  await sql`create index stored_file_space_version_idx on stored_file (space_id, key_version)`.execute(db);
  await sql`create unique index stored_file_one_thumbnail on stored_file (original_id) where variant = 'thumbnail'`.execute(db);

  await sql`
    create table file_chunk (
      file_id uuid not null references stored_file (id) on delete cascade,
      index integer not null check (index >= 0),
      blob_key text not null unique check (blob_key ~ '^[0-9a-f]{2}/[0-9a-f]{32}$'),
      primary key (file_id, index)
    )`.execute(db);

  await sql`
    create table item_attachment (
      file_id uuid primary key references stored_file (id) on delete cascade,
      seq bigint generated always as identity,
      item_id uuid not null references item (id),
      details_id uuid not null references sealed (id) on delete cascade,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index item_attachment_item_idx on item_attachment (item_id, seq)`.execute(db);

  // Nothing is sealed to a destroyed key version. The check runs in a PL/pgSQL function, whose
  // queries each see what was committed when they start: a writer that waited on the lock taken
  // by key destruction (see features/keys) sees the destruction and is refused.
  await sql`
    create function sealed_key_alive() returns trigger language plpgsql as $$
    begin
      if not exists (
        select 1 from space_key where space_id = new.space_id and version = new.key_version and destroyed_at is null
      ) then
        raise exception 'space key % of space % is destroyed', new.key_version, new.space_id using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger sealed_key_alive before insert or update of key_version on sealed for each row execute function sealed_key_alive()`.execute(
    db,
  );
  await sql`create trigger stored_file_key_alive before insert or update of key_version on stored_file for each row execute function sealed_key_alive()`.execute(
    db,
  );
}
