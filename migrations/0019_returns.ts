import { type Kysely, sql } from 'kysely';

/**
 * Periodic returns (issue 22): what a network's countries report each period to the Secretariat.
 *
 * - `return_template`: made by the Secretariat for one network — a matrix (row dimensions and
 *   integer columns) or a written report (named sections), in `definition` (jsonb, the layout only:
 *   no country's data); its period kind, the days after a period's end it is due (a
 *   one-off return: its own date, `due_on`), the countries it
 *   concerns and whether the network's observers may contribute.
 * - `country_return`: one template × period × country. `status`: draft (never submitted),
 *   submitted, or amending (a submitted version stands while a new one is drafted). `version` is
 *   the working version, `submitted_version` the latest submitted one (what roll-ups count).
 * - `return_version`: each version with who opened it, when, why (an amendment's reason), where its
 *   figures came from and who submitted it. Submitted versions are never changed again.
 * - `return_cell`: a matrix's figures normalised, one row per cell (row dimensions in clear: a
 *   nationality code, an entry point or route, a topic), so that roll-ups are SQL aggregates. Counts
 *   are statistics a country reports to the whole network, not restricted content (SECURITY.md's
 *   coarse facets).
 * - `return_section`: a written return's text, per section, sealed under the master key (bound to
 *   its version and section): a leaked copy of the database holds no country's prose.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table return_template (
      id uuid primary key default gen_random_uuid(),
      network_id uuid not null references network (id),
      kind text not null check (kind in ('matrix', 'written')),
      title_es text not null,
      title_en text not null,
      period_kind text not null check (period_kind in ('semester', 'quarter', 'year', 'once')),
      due_days integer not null check (due_days between 0 and 366),
      due_on date check ((period_kind = 'once') = (due_on is not null)),
      countries text[] not null check (cardinality(countries) > 0),
      observers_contribute boolean not null default false,
      definition jsonb not null,
      created_by uuid not null references app_user (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index return_template_network_idx on return_template (network_id, created_at)`.execute(db);

  await sql`
    create table country_return (
      id uuid primary key default gen_random_uuid(),
      template_id uuid not null references return_template (id),
      network_id uuid not null references network (id),
      period text not null,
      country text not null,
      status text not null check (status in ('draft', 'submitted', 'amending')),
      version integer not null check (version > 0),
      submitted_version integer check (submitted_version > 0 and submitted_version <= version),
      due_on date not null,
      created_by uuid not null references app_user (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (template_id, period, country),
      check ((status = 'draft') = (submitted_version is null))
    )`.execute(db);
  await sql`create index country_return_network_idx on country_return (network_id, period, country)`.execute(db);

  await sql`
    create table return_version (
      id uuid primary key default gen_random_uuid(),
      return_id uuid not null references country_return (id),
      version integer not null check (version > 0),
      reason text,
      source text not null check (source in ('form', 'xlsx', 'csv')),
      created_by uuid not null references app_user (id),
      created_at timestamptz not null,
      updated_by uuid not null references app_user (id),
      updated_at timestamptz not null,
      submitted_by uuid references app_user (id),
      submitted_at timestamptz,
      unique (return_id, version)
    )`.execute(db);

  await sql`
    create table return_cell (
      version_id uuid not null references return_version (id) on delete cascade,
      row_no integer not null check (row_no >= 0),
      dim1 text not null,
      dim2 text,
      column_key text not null,
      value integer not null check (value >= 0),
      primary key (version_id, row_no, column_key)
    )`.execute(db);

  await sql`
    create table return_section (
      version_id uuid not null references return_version (id) on delete cascade,
      key text not null,
      body text not null,
      primary key (version_id, key)
    )`.execute(db);
}
