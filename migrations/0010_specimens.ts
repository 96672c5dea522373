import { type Kysely, sql } from 'kysely';

const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

const DOCUMENT_TYPES = [
  'passport',
  'identity_card',
  'visa',
  'residence_permit',
  'refugee_travel_document',
  'entry_exit_stamp',
  'birth_certificate',
  'other',
];
const CATEGORIES = [
  'genuine_reference',
  'counterfeit',
  'forgery',
  'fraudulently_obtained',
  'pseudo',
  'impostor',
  'stolen_blank',
  'lost',
  'stolen',
  'revoked',
];
const FORGERY_KINDS = ['photo_substitution', 'page_substitution', 'data_alteration', 'erasure'];
const FEATURES = [
  'watermark',
  'security_fibres',
  'planchettes',
  'uv_dull_paper',
  'intaglio',
  'guilloche',
  'rainbow_printing',
  'microtext',
  'latent_image',
  'laser_engraving',
  'inkjet',
  'thermal_transfer',
  'hologram',
  'kinegram',
  'optically_variable_ink',
  'laminate',
  'laser_perforation',
  'mrz',
  'chip',
  'binding',
];
const VIEWS = ['front', 'back', 'data_page', 'visible', 'uv', 'ir', 'oblique', 'detail'];

/**
 * Document specimens (DOMAIN.md §1).
 *
 * - `specimen`: one row per specimen item. In clear only the coarse facets SECURITY.md allows
 *   (document type, issuing country, category and forgery kind, years of issue, the security
 *   features concerned, date and country of detection); everything else — document number, holder
 *   names, series, version, description, feature notes, port, nationality, route — is one sealed
 *   record (`content_id`). The document number, series and each holder name are kept as exact
 *   blind indexes, the text as a token index (per-space HMACs, server/platform/crypto/blind-index.ts).
 * - `item_attachment.view`: a specimen image's view (front, UV…); attachments of other kinds have none.
 * - `sighting`: "detected here too" or "false positive" from a reader, its place and note sealed.
 * - `correction`: a change proposed by another member (sealed), accepted or rejected by the originator.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table specimen (
      item_id uuid primary key references item (id),
      space_id uuid not null references space (id),
      document_type text not null check (document_type in (${list(DOCUMENT_TYPES)})),
      issuing_country text not null check (issuing_country ~ '^[A-Z]{3}$'),
      category text not null check (category in (${list(CATEGORIES)})),
      forgery_kind text check (forgery_kind in (${list(FORGERY_KINDS)})),
      issued_from smallint check (issued_from between 1900 and 2100),
      issued_to smallint check (issued_to between 1900 and 2100),
      features text[] not null default '{}' check (features <@ array[${list(FEATURES)}]::text[]),
      detected_on date,
      detection_country text check (detection_country ~ '^[A-Z]{2,5}$'),
      content_id uuid not null references sealed (id),
      number_index bytea,
      series_index bytea,
      name_index bytea[] not null default '{}',
      tokens text[] not null default '{}',
      check ((category = 'forgery') = (forgery_kind is not null)),
      check (issued_from is null or issued_to is null or issued_from <= issued_to)
    )`.execute(db);
  await sql`create index specimen_space_idx on specimen (space_id)`.execute(db);
  await sql`create index specimen_tokens_idx on specimen using gin (tokens)`.execute(db);
  await sql`create index specimen_features_idx on specimen using gin (features)`.execute(db);
  await sql`create index specimen_number_idx on specimen (number_index) where number_index is not null`.execute(db);
  await sql`create index specimen_series_idx on specimen (series_index) where series_index is not null`.execute(db);
  await sql`create index specimen_names_idx on specimen using gin (name_index)`.execute(db);
  await sql`create index specimen_facets_idx on specimen (issuing_country, document_type, category)`.execute(db);
  await sql`create index item_kind_created_idx on item (kind, created_at desc)`.execute(db);

  await sql`alter table item_attachment add column view text check (view in (${list(VIEWS)}))`.execute(db);

  await sql`
    create table sighting (
      id uuid primary key default gen_random_uuid(),
      item_id uuid not null references item (id),
      kind text not null check (kind in ('sighting', 'false_positive')),
      seen_on date not null,
      country text not null check (country ~ '^[A-Z]{2,5}$'),
      details_id uuid not null references sealed (id),
      reported_by uuid not null references app_user (id),
      reporter_country text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index sighting_item_idx on sighting (item_id, seen_on desc)`.execute(db);

  await sql`
    create table correction (
      id uuid primary key default gen_random_uuid(),
      item_id uuid not null references item (id),
      status text not null default 'proposed' check (status in ('proposed', 'accepted', 'rejected')),
      proposal_id uuid not null references sealed (id),
      proposed_by uuid not null references app_user (id),
      proposer_country text not null,
      created_at timestamptz not null,
      decided_by uuid references app_user (id),
      decided_at timestamptz,
      check ((status = 'proposed') = (decided_at is null))
    )`.execute(db);
  await sql`create index correction_item_idx on correction (item_id, created_at)`.execute(db);
}
