import path from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DOCUMENT_TYPES, downloadHeaders, IMAGE_TYPES, type MediaType } from '../../platform/files/files.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { authorizeItem, findItem, type Item } from '../../platform/items/base.ts';
import { requirePurpose } from '../../platform/items/purpose.ts';
import { AttachmentFileParams, AttachmentParams, AttachmentQuery, AttachmentView, CAPTION_MAX, NAME_MAX } from './schemas.ts';
import { deleteAttachment, listAttachments, recordAttachments, type Upload } from './service.ts';

/** What an item may carry: images of documents and PDF reports. */
const ACCEPTED: readonly MediaType[] = [...IMAGE_TYPES, ...DOCUMENT_TYPES];

const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: true }) });

function unknownField(name: string): ApiError {
  const field = name.slice(0, 40);
  return new ApiError(400, 'form_field_unknown', { field }, `body.${field}`);
}

/** The client's file name without any folder part, control characters or excess length. */
function cleanName(filename: string | undefined): string {
  const base = path.basename((filename ?? '').replaceAll('\\', '/')).replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  return (base || 'file').slice(0, NAME_MAX);
}

/**
 * Files attached to an item (reports and specimen images use the same pipeline). Names and captions
 * are sealed like any content; the bytes are sealed in chunks; downloads stream decrypted.
 */
export default async function attachmentRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  const readable = async (request: FastifyRequest, ability: Parameters<typeof findItem>[1], itemId: string): Promise<Item> => {
    const item = await findItem(app.db, ability, null, itemId);
    request.audit.space(item.spaceId).detail({ itemKind: item.kind, tlp: item.tlp });
    authorizeItem(ability, 'read', item, 'content');
    if (item.shreddedAt) throw new ApiError(410, 'content_shredded');
    await requirePurpose(app.db, request, item, app.clock.now());
    return item;
  };

  app.post(
    '/api/items/:itemId/attachments',
    { config: { audit: 'attachment.create' },
      schema: {
        tags: ['files'],
        summary: 'Attach files to an item (multipart: `file` parts, each optionally preceded by a `caption` field)',
        consumes: ['multipart/form-data'],
        params: AttachmentParams,
        response: { 201: Type.Array(AttachmentView), 400: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const item = await readable(request, ability, request.params.itemId);
      authorizeItem(ability, 'update', item);
      if (!request.isMultipart()) throw new ApiError(415, 'multipart_expected');
      const uploads: Upload[] = [];
      try {
        let caption: string | null = null;
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname !== 'caption') throw unknownField(part.fieldname);
            const value = String(part.value).trim();
            if (value.length > CAPTION_MAX) throw new ApiError(400, 'caption_too_long', { limit: CAPTION_MAX }, 'body.caption');
            caption = value || null;
            continue;
          }
          if (part.fieldname !== 'file') throw unknownField(part.fieldname);
          const name = cleanName(part.filename);
          const pending = await app.files.ingest(item.spaceId, part.file, ACCEPTED, name);
          uploads.push({ pending, name, caption });
          caption = null;
        }
        if (uploads.length === 0) throw new ApiError(400, 'file_required', {}, 'body.file');
        const ids = await recordAttachments(app.db, app.sealer, app.files, item, actor.id, uploads, app.clock.now());
        return reply.code(201).send(await listAttachments(app.db, app.sealer, item.id, ids));
      } catch (err) {
        await Promise.all(uploads.map((u) => app.files.discard(u.pending)));
        throw err;
      }
    },
  );

  app.get(
    '/api/items/:itemId/attachments',
    { config: { audit: 'attachment.list' }, schema: { tags: ['files'], summary: "An item's attachments", params: AttachmentParams, response: { 200: Type.Array(AttachmentView) } } },
    async (request) => {
      const { ability } = await request.access();
      const item = await readable(request, ability, request.params.itemId);
      return listAttachments(app.db, app.sealer, item.id);
    },
  );

  app.get(
    '/api/items/:itemId/attachments/:fileId',
    { config: { audit: 'attachment.download' },
      schema: {
        tags: ['files'],
        summary: 'The decrypted file (`?size=thumb`: its thumbnail, for images)',
        params: AttachmentFileParams,
        querystring: AttachmentQuery,
      },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      const item = await readable(request, ability, request.params.itemId);
      const attached = await app.db
        .selectFrom('itemAttachment')
        .select('fileId')
        .where('itemId', '=', item.id)
        .where('fileId', '=', request.params.fileId)
        .executeTakeFirst();
      const file = attached && (await app.files.find(item.spaceId, attached.fileId, request.query.size === 'thumb' ? 'thumbnail' : 'original'));
      if (!file) throw new ApiError(404, 'not_found');
      const body = await app.files.open(file);
      return reply.headers(downloadHeaders(file)).send(body);
    },
  );

  app.delete(
    '/api/items/:itemId/attachments/:fileId',
    { config: { audit: 'attachment.delete' }, schema: { tags: ['files'], summary: 'Remove an attachment (its blobs are deleted)', params: AttachmentFileParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const { ability } = await request.access();
      const item = await readable(request, ability, request.params.itemId);
      authorizeItem(ability, 'update', item);
      if (!(await deleteAttachment(app.db, app.files, item.id, request.params.fileId))) throw new ApiError(404, 'not_found');
      return reply.code(204).send(null);
    },
  );
}
