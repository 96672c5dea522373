import { type ExpressionBuilder, sql } from 'kysely';
import type { Ability, Actor } from '../../../policies/ability.ts';
import { exactIndex, tokenIndex } from '../../platform/crypto/blind-index.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import { insertSealed, openRecord, type SealedRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Sealer } from '../../platform/crypto/sealer.ts';
import { CompiledOnce } from '../../platform/db/compiled.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanText, lineOrNull, textOrNull } from '../../platform/http/text.ts';
import { hasImage } from '../../platform/items/attachments.ts';
import { createItem, HANDLING_KEYS, type Item, type ItemExtra, updateDraftHandling } from '../../platform/items/base.ts';
import { HOLDER_NAME_FIELD, SPECIMEN_NATIONALITY_FIELD } from '../../platform/items/indexes.ts';
import type { SpecimenChanges, SpecimenContent, SpecimenCreate, SpecimenPatch } from './schemas.ts';
import { type ImageLight, type ImagePage, isStatusReport } from './taxonomy.ts';

/** What a specimen service call needs from the application. */
export interface SpecimenDeps {
  db: Database;
  sealer: Sealer;
  keyring: Keyring;
}

/** The content in its stored shape: every field present, blanks as null, names trimmed. */
export function normaliseContent(
  input: SpecimenChanges & Pick<SpecimenCreate, 'documentType' | 'issuingCountry' | 'category' | 'description'>,
): SpecimenContent {
  const detection = input.detection ?? {};
  return {
    documentType: input.documentType,
    issuingCountry: input.issuingCountry,
    series: lineOrNull(input.series),
    version: lineOrNull(input.version),
    issuedFrom: input.issuedFrom ?? null,
    issuedTo: input.issuedTo ?? null,
    category: input.category,
    forgeryKind: input.forgeryKind ?? null,
    features: (input.features ?? []).map((f) => ({ code: f.code, note: textOrNull(f.note) })),
    detection: {
      date: detection.date ?? null,
      country: detection.country ?? null,
      port: lineOrNull(detection.port),
      portKind: detection.portKind ?? null,
      holderNationality: detection.holderNationality ?? null,
      route: textOrNull(detection.route),
    },
    documentNumber: lineOrNull(input.documentNumber),
    holderNames: (input.holderNames ?? []).map((n) => lineOrNull(n)).filter((n): n is string => n !== null),
    description: cleanText(input.description),
  };
}

/** The rules a schema cannot say: a forgery has its kind and nothing else does; years in order; no feature twice; no future detection. */
export function checkContent(content: SpecimenContent, now: Date): void {
  if (content.category === 'forgery' && !content.forgeryKind) throw new ApiError(400, 'forgery_kind_required', {}, 'body.forgeryKind');
  if (content.category !== 'forgery' && content.forgeryKind) throw new ApiError(400, 'forgery_kind_not_allowed', {}, 'body.forgeryKind');
  if (content.issuedFrom !== null && content.issuedTo !== null && content.issuedFrom > content.issuedTo) {
    throw new ApiError(400, 'years_reversed', {}, 'body.issuedTo');
  }
  const seen = new Set<string>();
  for (const feature of content.features) {
    if (seen.has(feature.code)) throw new ApiError(400, 'feature_repeated', { feature: feature.code }, 'body.features');
    seen.add(feature.code);
  }
  if (content.detection.date && content.detection.date > now.toISOString().slice(0, 10)) {
    throw new ApiError(400, 'detection_in_future', {}, 'body.detection.date');
  }
}

/** Series index: equal series of the same issuer and document type. */
export const seriesField = (content: Pick<SpecimenContent, 'issuingCountry' | 'documentType'>) =>
  `series:${content.issuingCountry}:${content.documentType}`;
/** Document-number index: equal numbers of the same issuer (what the hit check asks). */
export const numberField = (issuingCountry: string) => `document-number:${issuingCountry}`;
export const NAME_FIELD = HOLDER_NAME_FIELD;
/** The version of the indexes `specimenIndexes` writes (rows with an older one are indexed again: reindex.ts). */
export const INDEXES_VERSION = 1;

/** The words the keyword search finds: description, series and version, feature notes, port and route. */
function searchableText(content: SpecimenContent): string {
  return [
    content.description,
    content.series,
    content.version,
    content.detection.port,
    content.detection.route,
    ...content.features.map((f) => f.note),
  ]
    .filter(Boolean)
    .join('\n');
}

/** The clear facets and blind indexes of a specimen's content in a space (no database work: bulk loaders use it too). */
export function specimenIndexes(keyring: Keyring, spaceId: string, content: SpecimenContent) {
  const index = (field: string, value: string | null) => (value ? exactIndex(keyring, spaceId, field, value) : null);
  return {
    documentType: content.documentType,
    issuingCountry: content.issuingCountry,
    category: content.category,
    forgeryKind: content.forgeryKind,
    issuedFrom: content.issuedFrom,
    issuedTo: content.issuedTo,
    features: content.features.map((f) => f.code),
    detectedOn: content.detection.date,
    detectionCountry: content.detection.country,
    numberIndex: index(numberField(content.issuingCountry), content.documentNumber),
    seriesIndex: index(seriesField(content), content.series),
    nameIndex: content.holderNames.map((n) => index(NAME_FIELD, n)).filter((b): b is Buffer => b !== null),
    nationalityIndex: index(SPECIMEN_NATIONALITY_FIELD, content.detection.holderNationality),
    tokens: tokenIndex(keyring, spaceId, searchableText(content)),
    indexedVersion: INDEXES_VERSION,
  };
}

/** The specimen row: sealed content, clear facets, blind indexes (all of the space). */
async function specimenRow(deps: SpecimenDeps, trx: Database, item: Item, content: SpecimenContent, now: Date) {
  const contentId = await insertSealed(trx, deps.sealer, { spaceId: item.spaceId, itemId: item.id, now }, content);
  return { contentId, ...specimenIndexes(deps.keyring, item.spaceId, content) };
}

/** A new draft specimen: the item, its sealed content and its indexes, in one transaction. */
export async function createSpecimen(
  deps: SpecimenDeps,
  trx: Database,
  actor: Actor,
  ability: Ability,
  spaceId: string,
  body: SpecimenCreate,
  now: Date,
): Promise<Item> {
  const content = normaliseContent(body);
  checkContent(content, now);
  const item = await createItem(trx, actor, ability, 'specimen', spaceId, body, now);
  const row = await specimenRow(deps, trx, item, content, now);
  await trx
    .insertInto('specimen')
    .values({ itemId: item.id, spaceId: item.spaceId, ...row })
    .execute();
  return item;
}

/**
 * What a draft needs before it is submitted: at least one image — unless it is a document-status
 * report (lost, stolen, stolen blank, revoked), reported by number, which then needs a number the
 * hit check can find (its blind index: a number of dashes and spaces alone has none).
 */
export async function checkSubmittable(trx: Database, itemId: string): Promise<void> {
  if (await hasImage(trx, itemId)) return;
  const row = await trx
    .selectFrom('specimen')
    .select(['category', sql<boolean>`number_index is not null`.as('numbered')])
    .where('itemId', '=', itemId)
    .executeTakeFirstOrThrow();
  if (!isStatusReport(row.category)) throw new ApiError(422, 'images_required');
  if (!row.numbered) throw new ApiError(422, 'document_number_required', {}, 'documentNumber');
}

/** The content of a specimen the caller may read (opened with one AES-GCM unwrap). */
export async function openContent(deps: SpecimenDeps, item: Item, db: Database = deps.db): Promise<SpecimenContent> {
  const row = await db
    .selectFrom('specimen as sp')
    .select(sealedRecord('sp.contentId').as('content'))
    .where('sp.itemId', '=', item.id)
    .executeTakeFirstOrThrow();
  return openRecord<SpecimenContent>(deps.sealer, item.spaceId, row.content, db);
}

/**
 * Replaces a specimen's content (a draft's edit, or an accepted correction): sealed again, indexes
 * recomputed, the old sealed record deleted — in the caller's transaction.
 */
export async function replaceContent(deps: SpecimenDeps, trx: Database, item: Item, content: SpecimenContent, now: Date): Promise<void> {
  const old = await trx.selectFrom('specimen').select('contentId').where('itemId', '=', item.id).executeTakeFirstOrThrow();
  const row = await specimenRow(deps, trx, item, content, now);
  await trx.updateTable('specimen').set(row).where('itemId', '=', item.id).execute();
  await trx.deleteFrom('sealed').where('id', '=', old.contentId).execute();
  await trx.updateTable('item').set({ updatedAt: now }).where('id', '=', item.id).execute();
}

/** The content with changes applied (only the fields given). */
export function applyChanges(content: SpecimenContent, changes: SpecimenChanges): SpecimenContent {
  const merged = { ...content, ...changes, detection: changes.detection ? { ...content.detection, ...changes.detection } : content.detection };
  return normaliseContent(merged as SpecimenCreate);
}

/** A draft's edit by its originator: content and handling, conditional on the draft status it was read in. */
export async function updateDraft(deps: SpecimenDeps, trx: Database, item: Item, patch: SpecimenPatch, now: Date): Promise<Item> {
  const changes = Object.fromEntries(Object.entries(patch).filter(([k]) => !(HANDLING_KEYS as readonly string[]).includes(k))) as SpecimenChanges;
  const current = await openContent(deps, item, trx);
  const content = applyChanges(current, changes);
  checkContent(content, now);
  const updated = await updateDraftHandling(trx, item, patch, now);
  if (Object.keys(changes).length > 0) await replaceContent(deps, trx, updated, content, now);
  return { ...updated, updatedAt: now };
}

interface ImageRow {
  id: string;
  page: ImagePage | null;
  light: ImageLight;
  mediaType: string;
  byteSize: number;
  createdAt: string;
  thumbnail: boolean;
  details: SealedRecord;
}

/** What a specimen's view adds to its item (`sp` is its specimen row): sealed records, counts. */
const detailColumns = (eb: ExpressionBuilder<DB & { sp: DB['specimen'] }, 'sp'>) => [
  sealedRecord('sp.contentId').as('content'),
  eb
    .selectFrom('sighting')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('sighting.itemId', '=', 'sp.itemId')
    .where('kind', '=', 'sighting')
    .as('sightings'),
  eb
    .selectFrom('sighting')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('sighting.itemId', '=', 'sp.itemId')
    .where('kind', '=', 'false_positive')
    .as('falsePositives'),
  eb
    .selectFrom('correction')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('correction.itemId', '=', 'sp.itemId')
    .where('status', '=', 'proposed')
    .as('openCorrections'),
  sql<ImageRow[]>`coalesce((
        select json_agg(json_build_object(
          'id', f.id, 'page', a.page, 'light', a.light, 'mediaType', f.media_type, 'byteSize', f.byte_size, 'createdAt', a.created_at,
          'thumbnail', exists (select 1 from stored_file t where t.original_id = f.id),
          'details', ${sealedRecord('a.detailsId')}
        ) order by a.seq)
        from item_attachment a join stored_file f on f.id = a.file_id
        where a.item_id = sp.item_id and a.light is not null), '[]'::json)`.as('images'),
];

interface DetailsRow {
  content: SealedRecord;
  sightings: number | null;
  falsePositives: number | null;
  openCorrections: number | null;
  images: ImageRow[];
}

/** A specimen's details by its item, compiled once (every view of a specimen runs it). */
const detailsQuery = new CompiledOnce(['itemId'] as const, (db, p) =>
  db
    .selectFrom('specimen as sp')
    .select((eb) => detailColumns(eb))
    .where('sp.itemId', '=', p.itemId),
);

/** The same details selected with the item itself under the policy (one round trip for a read). */
export const SPECIMEN_DETAILS: ItemExtra<DetailsRow> = {
  columns: ['content', 'sightings', 'falsePositives', 'openCorrections', 'images'],
  select: (query) =>
    query
      .innerJoin('specimen as sp', 'sp.itemId', 'item.id')
      .selectAll('item')
      .select((eb) => detailColumns(eb as never)),
};

/**
 * A specimen's opened content, its images (names and captions opened), sighting counts and open
 * corrections — one query, since every read of a specimen pays it.
 */
export async function specimenDetails(deps: SpecimenDeps, item: Item, selected?: DetailsRow) {
  const row = selected ?? ((await detailsQuery.first(deps.db, { itemId: item.id })) as DetailsRow | undefined);
  if (!row) throw new Error(`specimen ${item.id} has no specimen row`);
  const [specimen, images] = await Promise.all([
    openRecord<SpecimenContent>(deps.sealer, item.spaceId, row.content),
    Promise.all(
      row.images.map(async (image) => {
        const details = await openRecord<{ name: string; caption: string | null }>(deps.sealer, item.spaceId, image.details);
        return {
          id: image.id,
          page: image.page,
          light: image.light,
          caption: details.caption,
          name: details.name,
          mediaType: image.mediaType,
          byteSize: Number(image.byteSize),
          thumbnail: image.thumbnail,
          createdAt: new Date(image.createdAt).toISOString(),
        };
      }),
    ),
  ]);
  return {
    specimen,
    images,
    sightingCounts: { sightings: Number(row.sightings ?? 0), falsePositives: Number(row.falsePositives ?? 0) },
    openCorrections: Number(row.openCorrections ?? 0),
  };
}
