import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MediaType } from '../files/files.ts';
import { ApiError } from '../http/errors.ts';
import { CAPTION_MAX, NAME_MAX, recordAttachments, type Upload } from './attachments.ts';
import type { Item } from './base.ts';

/** The client's file name without any folder part, control characters or excess length. */
export function cleanName(filename: string | undefined): string {
  const base = path
    .basename((filename ?? '').replaceAll('\\', '/'))
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  return (base || 'file').slice(0, NAME_MAX);
}

/**
 * What describes an image (specimen images): the page it shows and the light it was taken under,
 * each from its list, or — as before they were told apart — one `view`, which stands for a pair.
 */
export interface ImageFields {
  pages: readonly string[];
  lights: readonly string[];
  views: Readonly<Record<string, { page: string | null; light: string }>>;
}

/**
 * Reads a multipart upload for an item: each `file` part optionally preceded by a `caption` field
 * and, when `image` is given (specimen images), by its `page` and `light` fields (a page alone is
 * under visible light; a light alone on a page not stated) or by one legacy `view` — one of them
 * at least. Every file is ingested (typed, checked, sealed) as it streams; if anything fails, the
 * files already written are discarded before the error goes on.
 */
export async function readUploads(
  app: FastifyInstance,
  request: FastifyRequest,
  item: Item,
  accept: readonly MediaType[],
  image: ImageFields | false,
): Promise<Upload[]> {
  if (!request.isMultipart()) throw new ApiError(415, 'multipart_expected');
  const unknownField = (name: string) => {
    const field = name.slice(0, 40);
    return new ApiError(400, image ? 'form_field_unknown_image' : 'form_field_unknown', { field }, `body.${field}`);
  };
  const uploads: Upload[] = [];
  try {
    let caption: string | null = null;
    let view: string | null = null;
    let page: string | null = null;
    let light: string | null = null;
    const oneOf = (list: readonly string[], value: string, code: 'view_unknown' | 'page_unknown' | 'light_unknown', field: string) => {
      if (!list.includes(value)) throw new ApiError(400, code, { [field]: value.slice(0, 40), values: list.join(', ') }, `body.${field}`);
      return value;
    };
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        const value = String(part.value).trim();
        if (part.fieldname === 'caption') {
          if (value.length > CAPTION_MAX) throw new ApiError(400, 'caption_too_long', { limit: CAPTION_MAX }, 'body.caption');
          caption = value || null;
        } else if (image && part.fieldname === 'view') {
          view = oneOf(Object.keys(image.views), value, 'view_unknown', 'view');
        } else if (image && part.fieldname === 'page') {
          page = oneOf(image.pages, value, 'page_unknown', 'page');
        } else if (image && part.fieldname === 'light') {
          light = oneOf(image.lights, value, 'light_unknown', 'light');
        } else {
          throw unknownField(part.fieldname);
        }
        continue;
      }
      if (part.fieldname !== 'file') throw unknownField(part.fieldname);
      let described: { page: string | null; light: string | null } = { page: null, light: null };
      if (image) {
        if (view && (page || light)) throw new ApiError(400, 'view_with_page_or_light', {}, 'body.view');
        if (!view && !page && !light) throw new ApiError(400, 'view_required', {}, 'body.view');
        described = view ? (image.views[view] ?? { page: null, light: 'visible' }) : { page, light: light ?? 'visible' };
      }
      const name = cleanName(part.filename);
      const pending = await app.files.ingest(item.spaceId, part.file, accept, name);
      uploads.push({ pending, name, caption, ...described });
      caption = null;
      view = null;
      page = null;
      light = null;
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
