import { type Kysely, sql } from 'kysely';

/**
 * Networks, their spaces, organisations, memberships, and the restricted-item base that
 * specimens, reports and alerts share (one row per item, the kind's own table alongside).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db);

  await sql`
    create table organisation (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[A-Z0-9-]{2,40}$'),
      country text not null check (country ~ '^[A-Z]{2,5}$'),
      kind text not null check (kind in ('member_authority', 'observer', 'migration_authority', 'secretariat')),
      name_es text not null check (length(name_es) between 1 and 300),
      name_en text not null check (length(name_en) between 1 and 300),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table app_user add column organisation_id uuid references organisation (id)`.execute(db);

  await sql`
    create table network (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[a-z0-9-]{2,40}$'),
      name_es text not null check (length(name_es) between 1 and 300),
      name_en text not null check (length(name_en) between 1 and 300),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table space (
      id uuid primary key default gen_random_uuid(),
      network_id uuid not null references network (id),
      name_es text not null check (length(name_es) between 1 and 300),
      name_en text not null check (length(name_en) between 1 and 300),
      description_es text not null default '' check (length(description_es) <= 5000),
      description_en text not null default '' check (length(description_en) <= 5000),
      opens_on date not null,
      loading_deadline date not null,
      created_by uuid references app_user (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (loading_deadline >= opens_on)
    )`.execute(db);
  await sql`create index space_network_idx on space (network_id)`.execute(db);

  // Country and network are copied onto the membership so that one constraint can say:
  // a country has at most one contact point and one substitute per network (the same person
  // may hold the role in every space of the network).
  await sql`
    create table membership (
      space_id uuid not null references space (id) on delete cascade,
      user_id uuid not null references app_user (id) on delete cascade,
      network_id uuid not null references network (id),
      country text not null,
      role text not null check (role in ('officer', 'contact_point', 'substitute', 'observer')),
      created_by uuid references app_user (id),
      created_at timestamptz not null,
      primary key (space_id, user_id),
      exclude using gist (network_id with =, country with =, role with =, user_id with <>)
        where (role in ('contact_point', 'substitute'))
    )`.execute(db);
  await sql`create index membership_user_idx on membership (user_id)`.execute(db);

  await sql`
    create table membership_change (
      id bigint generated always as identity primary key,
      space_id uuid not null references space (id) on delete cascade,
      user_id uuid not null references app_user (id) on delete cascade,
      change text not null check (change in ('added', 'role_changed', 'removed')),
      role text,
      previous_role text,
      changed_by uuid references app_user (id),
      changed_at timestamptz not null
    )`.execute(db);

  await sql`
    create table item (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('specimen', 'report', 'alert')),
      space_id uuid not null references space (id),
      network_id uuid not null references network (id),
      originator_id uuid not null references app_user (id),
      originator_country text not null,
      originator_organisation_id uuid references organisation (id),
      status text not null default 'draft' check (status in ('draft', 'submitted', 'published', 'withdrawn', 'expired')),
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
      releasable_to text[] not null default '{}',
      releasability_restricted boolean generated always as (cardinality(releasable_to) > 0) stored,
      named_recipients uuid[] not null default '{}',
      source_evaluation text check (source_evaluation in ('A', 'B', 'C', 'X')),
      information_evaluation smallint check (information_evaluation between 1 and 4),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (tlp <> 'RED' or cardinality(named_recipients) > 0)
    )`.execute(db);
  await sql`create index item_space_status_idx on item (space_id, status, tlp)`.execute(db);
  await sql`create index item_originator_idx on item (originator_id)`.execute(db);
  await sql`create index item_named_recipients_idx on item using gin (named_recipients)`.execute(db);
}
