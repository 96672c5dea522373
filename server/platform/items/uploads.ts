import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MediaType } from '../files/files.ts';
import { ApiError } from '../http/errors.ts';
import { CAPTION_MAX, NAME_MAX, recordAttachments, type Upload } from './attachments.ts';
import type { Item } from './base.ts';

/** The client's file name without any folder part, control characters or excess length. */
function cleanName(filename: string | undefined): string {
  const base = path
    .basename((filename ?? '').replaceAll('\\', '/'))
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  return (base || 'file').slice(0, NAME_MAX);
}

/**
 * Reads a multipart upload for an item: each `file` part optionally preceded by a `caption` field
 * and, when `views` is given (specimen images), by a required `view` field from that list. Every
 * file is ingested (typed, checked, sealed) as it streams; if anything fails, the files already
 * written are discarded before the error goes on.
 */
export async function readUploads(
  app: FastifyInstance,
  request: FastifyRequest,
  item: Item,
  accept: readonly MediaType[],
  views: readonly string[] | false,
): Promise<Upload[]> {
  if (!request.isMultipart()) throw new ApiError(415, 'multipart_expected');
  const unknownField = (name: string) => {
    const field = name.slice(0, 40);
    return new ApiError(400, views ? 'form_field_unknown_image' : 'form_field_unknown', { field }, `body.${field}`);
  };
  const uploads: Upload[] = [];
  try {
    let caption: string | null = null;
    let view: string | null = null;
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        const value = String(part.value).trim();
        if (part.fieldname === 'caption') {
          if (value.length > CAPTION_MAX) throw new ApiError(400, 'caption_too_long', { limit: CAPTION_MAX }, 'body.caption');
          caption = value || null;
        } else if (views && part.fieldname === 'view') {
          if (!views.includes(value)) throw new ApiError(400, 'view_unknown', { view: value.slice(0, 40), values: views.join(', ') }, 'body.view');
          view = value;
        } else {
          throw unknownField(part.fieldname);
        }
        continue;
      }
      if (part.fieldname !== 'file') throw unknownField(part.fieldname);
      if (views && !view) throw new ApiError(400, 'view_required', {}, 'body.view');
      const name = cleanName(part.filename);
      const pending = await app.files.ingest(item.spaceId, part.file, accept, name);
      uploads.push({ pending, name, caption, view });
      caption = null;
      view = null;
    }
    if (uploads.length === 0) throw new ApiError(400, 'file_required', {}, 'body.file');
    return uploads;
  } catch (err) {
    await Promise.all(uploads.map((u) => app.files.discard(u.pending)));
    throw err;
  }
}

/**
 * Records read uploads on an item as the request's change (with its audit entry); if that does not
 * commit, the blobs already written are removed. `note` adds to the entry what was recorded.
 */
export async function commitUploads(
  app: FastifyInstance,
  request: FastifyRequest,
  item: Item,
  actorId: string,
  uploads: Upload[],
  note?: (fileIds: string[]) => void,
): Promise<string[]> {
  try {
    return await request.change(async (trx) => {
      const ids = await recordAttachments(trx, app.sealer, app.files, item, actorId, uploads, app.clock.now());
      note?.(ids);
      return ids;
    });
  } catch (err) {
    await Promise.all(uploads.map((u) => app.files.discard(u.pending)));
    throw err;
  }
}
