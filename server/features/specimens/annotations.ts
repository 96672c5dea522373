import type { Ability, Actor } from '../../../policies/ability.ts';
import { insertSealed, openRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { textOrNull } from '../../platform/http/text.ts';
import { type Item, itemPermissions } from '../../platform/items/base.ts';
import type { AnnotationCreate, AnnotationView, Region } from './schemas.ts';
import type { SpecimenDeps } from './service.ts';

/**
 * Regions marked on a specimen's image: where a security feature is, with a note. The region,
 * the feature and the note are one sealed record (nothing of them in a clear column); the row
 * keeps who marked it and when.
 *
 * Who marks: the specimen's originator (a draft they edit, `update`; a published one they amend,
 * `amend`), and every reader who contributes to its network (`sight`: a non-observer member from a
 * member country who reads the published specimen) — an annotation is an examiner's observation on
 * what everyone reads, like a sighting, and it names its author's country. Who removes: its author,
 * and the originator (whose specimen it is shown on). Reading them is reading the specimen.
 */
interface Details {
  region: Region;
  feature: string;
  note: string | null;
}

const originatorMay = (ability: Ability, item: Item) => {
  const may = itemPermissions(ability, item);
  return may.update || may.amend;
};

/** Whether the reader may mark regions on the specimen's images (403 otherwise). */
export function authorizeAnnotate(ability: Ability, item: Item): void {
  if (!originatorMay(ability, item) && !itemPermissions(ability, item).sight) throw new ApiError(403, 'forbidden');
}

/** Rounded to a tenth of a pixel of a 10,000-pixel image: enough, and no float noise stored. */
const round = (n: number) => Math.round(n * 100_000) / 100_000;

/** A region wholly inside the image, with a size (the schema bounds each number; this, their sums). */
function checkRegion(region: Region): Region {
  const r = { x: round(region.x), y: round(region.y), width: round(region.width), height: round(region.height) };
  if (r.width <= 0 || r.height <= 0 || r.x + r.width > 1.000001 || r.y + r.height > 1.000001) {
    throw new ApiError(400, 'annotation_region_outside', {}, 'body.region');
  }
  return r;
}

export async function listAnnotations(deps: SpecimenDeps, ability: Ability, item: Item, imageId: string, actorId: string): Promise<AnnotationView[]> {
  const rows = await deps.db
    .selectFrom('imageAnnotation as n')
    .select(['n.id', 'n.fileId', 'n.createdBy', 'n.creatorCountry', 'n.createdAt', sealedRecord('n.detailsId').as('details')])
    .where('n.itemId', '=', item.id)
    .where('n.fileId', '=', imageId)
    .orderBy('n.seq')
    .execute();
  const owner = originatorMay(ability, item);
  return Promise.all(
    rows.map(async (row) => {
      const details = await openRecord<Details>(deps.sealer, item.spaceId, row.details);
      return {
        id: row.id,
        imageId: row.fileId,
        region: details.region,
        feature: details.feature,
        note: details.note,
        creatorCountry: row.creatorCountry,
        mine: row.createdBy === actorId,
        removable: owner || row.createdBy === actorId,
        createdAt: new Date(row.createdAt).toISOString(),
      };
    }),
  );
}

export async function createAnnotation(
  deps: SpecimenDeps,
  trx: Database,
  item: Item,
  imageId: string,
  actor: Actor,
  body: AnnotationCreate,
  now: Date,
): Promise<AnnotationView> {
  const details: Details = { region: checkRegion(body.region), feature: body.feature, note: textOrNull(body.note) };
  const detailsId = await insertSealed(trx, deps.sealer, { spaceId: item.spaceId, itemId: item.id, now }, details);
  const row = await trx
    .insertInto('imageAnnotation')
    .values({ itemId: item.id, fileId: imageId, detailsId, createdBy: actor.id, creatorCountry: actor.country, createdAt: now })
    .returning(['id', 'creatorCountry'])
    .executeTakeFirstOrThrow();
  return { id: row.id, imageId, ...details, creatorCountry: row.creatorCountry, mine: true, removable: true, createdAt: now.toISOString() };
}

/** Removes one (its sealed record, which takes the row with it): its author's or the originator's to remove. */
export async function deleteAnnotation(trx: Database, ability: Ability, item: Item, imageId: string, annotationId: string, actorId: string) {
  const row = await trx
    .selectFrom('imageAnnotation')
    .select(['createdBy', 'detailsId'])
    .where('id', '=', annotationId)
    .where('itemId', '=', item.id)
    .where('fileId', '=', imageId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  if (row.createdBy !== actorId && !originatorMay(ability, item)) throw new ApiError(403, 'forbidden');
  await trx.deleteFrom('sealed').where('id', '=', row.detailsId).execute();
}

/** An image's annotations go with it (their sealed records, and so their rows), in the caller's transaction. */
export async function deleteImageAnnotations(trx: Database, itemId: string, imageId: string): Promise<void> {
  await trx
    .deleteFrom('sealed')
    .where('id', 'in', (eb) => eb.selectFrom('imageAnnotation').select('detailsId').where('itemId', '=', itemId).where('fileId', '=', imageId))
    .execute();
}
