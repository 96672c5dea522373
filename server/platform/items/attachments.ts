import { type Static, Type } from 'typebox';
import { insertSealed, openRecord, sealedRecord } from '../crypto/sealed-records.ts';
import type { Sealer } from '../crypto/sealer.ts';
import type { Database } from '../db/database.ts';
import type { FileService, PendingFile } from '../files/files.ts';
import type { Item } from './base.ts';

/**
 * Files attached to an item, what every item kind shares: specimen images and report attachments use
 * the same rows (`item_attachment`), their names and captions sealed like content.
 */
/** The text fields that may accompany files (each `caption` applies to the file part that follows it). */
export const CAPTION_MAX = 500;
export const NAME_MAX = 255;

export const AttachmentView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    caption: Type.Union([Type.String(), Type.Null()]),
    page: Type.Union([Type.String(), Type.Null()]),
    light: Type.Union([Type.String(), Type.Null()]),
    mediaType: Type.String(),
    byteSize: Type.Integer(),
    thumbnail: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export interface Upload {
  pending: PendingFile;
  name: string;
  caption: string | null;
  /** A specimen image's page (front, data_page…; null: not stated) and light (visible, uv…); none for other files. */
  page?: string | null;
  light?: string | null;
}

interface Details {
  name: string;
  caption: string | null;
}

/** Records ingested uploads on an item, their names and captions sealed, in the caller's transaction. */
export async function recordAttachments(
  trx: Database,
  sealer: Sealer,
  files: FileService,
  item: Item,
  actorId: string,
  uploads: Upload[],
  now: Date,
) {
  const ids: string[] = [];
  for (const upload of uploads) {
    const owner = { spaceId: item.spaceId, itemId: item.id, now };
    const fileId = await files.record(trx, upload.pending, { ...owner, createdBy: actorId });
    const detailsId = await insertSealed(trx, sealer, owner, { name: upload.name, caption: upload.caption } satisfies Details);
    await trx
      .insertInto('itemAttachment')
      .values({ fileId, itemId: item.id, detailsId, createdAt: now, page: upload.page ?? null, light: upload.light ?? null })
      .execute();
    ids.push(fileId);
  }
  return ids;
}

/** An item's attachments with their names and captions opened (one AES-GCM unwrap each). */
export async function listAttachments(db: Database, sealer: Sealer, itemId: string, only?: string[]): Promise<Static<typeof AttachmentView>[]> {
  let query = db
    .selectFrom('itemAttachment as a')
    .innerJoin('storedFile as f', 'f.id', 'a.fileId')
    .select((eb) => [
      'f.id',
      'f.spaceId',
      'f.mediaType',
      'f.byteSize',
      'a.createdAt',
      'a.page',
      'a.light',
      sealedRecord('a.detailsId').as('details'),
      eb.exists(eb.selectFrom('storedFile as t').select('t.id').whereRef('t.originalId', '=', 'f.id')).as('thumbnail'),
    ])
    .where('a.itemId', '=', itemId)
    .orderBy('a.seq');
  if (only) query = query.where('f.id', 'in', only);
  const rows = await query.execute();
  return Promise.all(
    rows.map(async (row) => {
      const details = await openRecord<Details>(sealer, row.spaceId, row.details);
      return {
        id: row.id,
        name: details.name,
        caption: details.caption,
        page: row.page,
        light: row.light,
        mediaType: row.mediaType,
        byteSize: Number(row.byteSize),
        thumbnail: Boolean(row.thumbnail),
        createdAt: new Date(row.createdAt).toISOString(),
      };
    }),
  );
}

/**
 * Removes one attachment's rows (and sealed details) in the caller's transaction; returns the keys
 * of its blobs, to remove once that transaction has committed — or null when there is no such
 * attachment. (A crash in between leaves blobs no row references: the sweep removes them.)
 */
export async function deleteAttachment(trx: Database, files: FileService, itemId: string, fileId: string): Promise<string[] | null> {
  const row = await trx
    .deleteFrom('itemAttachment')
    .where('itemId', '=', itemId)
    .where('fileId', '=', fileId)
    .returning('detailsId')
    .executeTakeFirst();
  if (!row) return null;
  const keys = await files.deleteRows(trx, [fileId]);
  await trx.deleteFrom('sealed').where('id', '=', row.detailsId).execute();
  return keys;
}

/** One attachment of an item (an image: one with a light, as a specimen's), or undefined. */
export function attachedFile(db: Database, itemId: string, fileId: string, options: { image?: boolean } = {}) {
  let query = db.selectFrom('itemAttachment').select(['fileId', 'page', 'light']).where('itemId', '=', itemId).where('fileId', '=', fileId);
  if (options.image) query = query.where('light', 'is not', null);
  return query.executeTakeFirst();
}

/** Whether an item has at least one image (an attachment with a light). */
export async function hasImage(db: Database, itemId: string): Promise<boolean> {
  return Boolean(
    await db.selectFrom('itemAttachment').select('fileId').where('itemId', '=', itemId).where('light', 'is not', null).executeTakeFirst(),
  );
}
