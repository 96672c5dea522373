import { type Kysely, sql } from 'kysely';

/**
 * Intelligence reports (DOMAIN.md §3): routes, modus operandi, fraudulent-acquisition methods,
 * smuggling networks, and joint operations with their outcomes — items like specimens and alerts
 * (the item row holds the handling and the workflow), each with its `report` row alongside.
 *
 * What stays in clear is what SECURITY.md allows a report: its kind, its coarse class (a modus
 * operandi's category, an acquisition method, an operation's kind), the countries it concerns, a
 * route's transport modes, its period, and an operation's result counts (for the follow-up figures).
 * Everything else — titles, places, coordinates, costs, names and aliases, nationalities moved,
 * free text — is one sealed record (`content_id`), found through blind indexes: `tokens` (words),
 * `facets` (exact facets kept blind: nationalities moved, document types) and `aliases` (a network's
 * names, normalised, exact match).
 *
 * - `report_link`: what a report links to (specimens, other reports, alerts), shown to a reader only
 *   where they may read the target.
 * - `report_outcome`: judicial outcomes of an operation, added as the case moves (stage and date in
 *   clear, what it says sealed).
 * Sightings of reports use the items' `sighting` table (its details sealed).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table report (
      item_id uuid primary key references item (id),
      space_id uuid not null references space (id),
      kind text not null check (kind in ('route', 'modus_operandi', 'acquisition_method', 'network', 'operation')),
      category text check (category ~ '^[a-z_]{2,40}$'),
      countries text[] not null default '{}',
      modes text[] not null default '{}',
      period_from date,
      period_until date,
      content_id uuid not null references sealed (id),
      tokens text[] not null default '{}',
      facets text[] not null default '{}',
      aliases bytea[] not null default '{}',
      migrants_assisted integer check (migrants_assisted >= 0),
      smugglers_detained integer check (smugglers_detained >= 0),
      documents_seized integer check (documents_seized >= 0),
      victims_referred integer check (victims_referred >= 0),
      published_at timestamptz,
      check (period_until is null or period_from is null or period_until >= period_from)
    )`.execute(db);
  await sql`create index report_kind_idx on report (kind, space_id)`.execute(db);
  await sql`create index report_tokens_idx on report using gin (tokens)`.execute(db);
  await sql`create index report_facets_idx on report using gin (facets)`.execute(db);
  await sql`create index report_aliases_idx on report using gin (aliases)`.execute(db);
  await sql`create index report_countries_idx on report using gin (countries)`.execute(db);

  await sql`
    create table report_link (
      report_id uuid not null references item (id),
      item_id uuid not null references item (id),
      primary key (report_id, item_id),
      check (report_id <> item_id)
    )`.execute(db);
  await sql`create index report_link_item_idx on report_link (item_id)`.execute(db);

  await sql`
    create table report_outcome (
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references item (id),
      stage text not null check (stage in ('investigation', 'charges', 'trial', 'conviction', 'acquittal', 'other')),
      decided_on date not null,
      details_id uuid not null references sealed (id),
      added_by uuid not null references app_user (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index report_outcome_report_idx on report_outcome (report_id, decided_on)`.execute(db);
}
