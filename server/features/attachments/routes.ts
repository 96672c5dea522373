import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Ability } from '../../../policies/ability.ts';
import { DOCUMENT_TYPES, downloadHeaders, IMAGE_TYPES, type MediaType } from '../../platform/files/files.ts';
import { ApiError, ErrorReply } from '../../platform/http/errors.ts';
import { attachedFile, deleteAttachment, listAttachments } from '../../platform/items/attachments.ts';
import { authorizeItem } from '../../platform/items/base.ts';
import { itemForContent } from '../../platform/items/read.ts';
import { commitUploads, readUploads } from '../../platform/items/uploads.ts';
import { AttachmentFileParams, AttachmentParams, AttachmentQuery, AttachmentView } from './schemas.ts';

/** What an item may carry: images of documents and PDF reports. */
const ACCEPTED: readonly MediaType[] = [...IMAGE_TYPES, ...DOCUMENT_TYPES];

/**
 * Files attached to an item (reports and specimen images use the same pipeline). Names and captions
 * are sealed like any content; the bytes are sealed in chunks; downloads stream decrypted.
 */
export default async function attachmentRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  const readable = (request: FastifyRequest, ability: Ability, itemId: string) => itemForContent(app, request, ability, null, itemId);

  app.post(
    '/api/items/:itemId/attachments',
    {
      config: { audit: 'attachment.create' },
      schema: {
        tags: ['files'],
        summary: 'Attach files to an item (multipart: `file` parts, each optionally preceded by a `caption` field)',
        consumes: ['multipart/form-data'],
        params: AttachmentParams,
        response: { 201: Type.Array(AttachmentView), 400: ErrorReply, 413: ErrorReply, 415: ErrorReply, 422: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const item = await readable(request, ability, request.params.itemId);
      authorizeItem(ability, 'update', item);
      const uploads = await readUploads(app, request, item, ACCEPTED, false);
      const ids = await commitUploads(app, request, item, actor.id, uploads);
      return reply.code(201).send(await listAttachments(app.db, app.sealer, item.id, ids));
    },
  );

  app.get(
    '/api/items/:itemId/attachments',
    {
      config: { audit: 'attachment.list' },
      schema: { tags: ['files'], summary: "An item's attachments", params: AttachmentParams, response: { 200: Type.Array(AttachmentView) } },
    },
    async (request) => {
      const { ability } = await request.access();
      const item = await readable(request, ability, request.params.itemId);
      return listAttachments(app.db, app.sealer, item.id);
    },
  );

  app.get(
    '/api/items/:itemId/attachments/:fileId',
    {
      config: { audit: 'attachment.download' },
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
      const attached = await attachedFile(app.db, item.id, request.params.fileId);
      const file = attached && (await app.files.find(item.spaceId, attached.fileId, request.query.size === 'thumb' ? 'thumbnail' : 'original'));
      if (!file) throw new ApiError(404, 'not_found');
      const body = await app.files.open(file);
      return reply.headers(downloadHeaders(file)).send(body);
    },
  );

  app.delete(
    '/api/items/:itemId/attachments/:fileId',
    {
      config: { audit: 'attachment.delete' },
      schema: {
        tags: ['files'],
        summary: 'Remove an attachment (its blobs are deleted)',
        params: AttachmentFileParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      const item = await readable(request, ability, request.params.itemId);
      authorizeItem(ability, 'update', item);
      const blobs = await request.change(async (trx) => {
        const keys = await deleteAttachment(trx, app.files, item.id, request.params.fileId);
        if (!keys) throw new ApiError(404, 'not_found');
        return keys;
      });
      await app.files.removeBlobs(blobs);
      return reply.code(204).send(null);
    },
  );
}
