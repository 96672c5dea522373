import { type Kysely, sql } from 'kysely';

const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** Which part of the document an image shows (null: not stated — images uploaded with a light alone). */
const PAGES = ['front', 'back', 'cover', 'inside_cover', 'data_page', 'visa_page', 'observations_page', 'back_cover', 'detail', 'other'];
/** Under which light it was taken. */
const LIGHTS = ['visible', 'uv', 'uv_short', 'ir', 'oblique', 'coaxial', 'transmitted'];

/**
 * A specimen image's page and light, recorded apart (issue 18).
 *
 * Until now `item_attachment.view` held one value that was either a page (front, back, data page,
 * detail) or a light (visible, UV, IR, oblique): a data page under UV could not be said. Each image
 * now has `page` (nullable: not stated) and `light` (set for every image, null for attachments that
 * are not images). Every existing view maps to the pair it meant: a page under visible light, or a
 * light on a page that was not stated; `view` is dropped.
 *
 * `image_annotation`: a region marked on an image (a rectangle in image-relative coordinates), the
 * security feature it shows and a note. Everything about it — region, feature, note — is one
 * sealed record (SECURITY.md: only coarse facets stay in clear; a region and its feature are not
 * one); the row holds who made it (account and country) and when. It goes with its image.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table item_attachment add column page text check (page in (${list(PAGES)}))`.execute(db);
  await sql`alter table item_attachment add column light text check (light in (${list(LIGHTS)}))`.execute(db);
  await sql`
    update item_attachment set
      page = case view when 'front' then 'front' when 'back' then 'back' when 'data_page' then 'data_page' when 'detail' then 'detail' end,
      light = case when view in ('uv', 'ir', 'oblique') then view else 'visible' end
    where view is not null`.execute(db);
  await sql`alter table item_attachment add constraint item_attachment_image_check check (page is null or light is not null)`.execute(db);
  await sql`alter table item_attachment drop column view`.execute(db);

  await sql`
    create table image_annotation (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      item_id uuid not null references item (id),
      file_id uuid not null references item_attachment (file_id) on delete cascade,
      details_id uuid not null references sealed (id) on delete cascade,
      created_by uuid not null references app_user (id),
      creator_country text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index image_annotation_file_idx on image_annotation (file_id, seq)`.execute(db);
}
