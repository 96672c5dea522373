import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ability } from '../../../policies/ability.ts';
import { auditForm, words } from '../../platform/crypto/blind-index.ts';
import { DOCUMENT_TYPES, downloadHeaders, IMAGE_TYPES, type MediaType, type PendingFile } from '../../platform/files/files.ts';
import { ApiError, ErrorReply } from '../../platform/http/errors.ts';
import { attachedFile, recordAttachments } from '../../platform/items/attachments.ts';
import { findItem, itemMetadata, readsContent } from '../../platform/items/base.ts';
import { spaceIds } from '../../platform/items/keywords.ts';
import { contentOf, itemForContent } from '../../platform/items/read.ts';
import { cleanName } from '../../platform/items/uploads.ts';
import { pdfText } from './pdf-text.ts';
import {
  LibraryCreate,
  LibraryListQuery,
  LibraryPage,
  LibraryParams,
  LibraryPatch,
  LibraryReply,
  LibrarySearch,
  LibraryView,
  VersionParams,
  VersionView,
} from './schemas.ts';
import { addVersion, createDocument, documentView, type LibraryDeps, listVersions, mayEdit, searchDocuments, updateDocument } from './service.ts';

/** What a library version may be: PDFs and images (the pipeline's types, sniffed from the bytes). */
const ACCEPTED: readonly MediaType[] = [...DOCUMENT_TYPES, ...IMAGE_TYPES];

/**
 * The library (issue 23): documents and links, per space and conference-wide (CLEAR). Every route
 * finds its document under the item policy (404 when the reader may not know it), checks the action
 * (403), and notes what it did in the audit entry; search words reach the trail only as audit-key MACs.
 */
export default async function libraryRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const deps: LibraryDeps = { db: app.db, sealer: app.sealer, keyring: app.keyring };

  async function view(request: FastifyRequest, ability: Ability, id: string) {
    const item = await findItem(app.db, ability, 'library', id);
    request.audit.space(item.spaceId).detail({ tlp: item.tlp });
    if (!readsContent(ability, item)) return itemMetadata(ability, item);
    await contentOf(app, request, ability, item);
    return documentView(deps, ability, item);
  }

  /** The document for a change: found and read under the policy, then the edit right (403). */
  async function editable(request: FastifyRequest, ability: Ability, id: string) {
    const item = await itemForContent(app, request, ability, 'library', id);
    if (!mayEdit(ability, item)) throw new ApiError(403, 'forbidden');
    return item;
  }

  function search(request: FastifyRequest, ability: Ability, body: LibrarySearch) {
    const { q, tag, ...filters } = body;
    request.audit.space(filters.spaceId ?? null).detail({
      filters,
      ...(q ? { terms: words(q).map((w) => auditForm(app.keyring, 'word', w)) } : {}),
      ...(tag ? { tag: words(tag).map((w) => auditForm(app.keyring, 'word', w)) } : {}),
    });
    return (async () => {
      // A space the reader is not in still narrows to what they read there (its CLEAR documents): the policy is in the SQL.
      const result = await searchDocuments(deps, ability, body, await spaceIds(app.db, filters.spaceId));
      request.audit.detail({ total: result.total });
      return result;
    })();
  }

  app.get(
    '/api/library',
    {
      config: { audit: 'library.list', readOnly: true },
      schema: {
        tags: ['library'],
        summary: 'The library documents I read, newest first',
        querystring: LibraryListQuery,
        response: { 200: LibraryPage },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      return search(request, ability, request.query);
    },
  );

  app.post(
    '/api/library/search',
    {
      config: { audit: 'library.search', readOnly: true },
      schema: {
        tags: ['library'],
        summary:
          'Search the library documents I read: words over titles, summaries, tags and PDF text (terms in the body, out of addresses and logs)',
        body: LibrarySearch,
        response: { 200: LibraryPage, 400: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      return search(request, ability, request.body);
    },
  );

  app.post(
    '/api/library',
    {
      config: { audit: 'library.create' },
      schema: {
        tags: ['library'],
        summary: 'Add a document (then its file as a version) or a link (https) to a space; TLP CLEAR makes it conference-wide',
        body: LibraryCreate,
        response: { 201: LibraryView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      request.audit.space(request.body.spaceId);
      const item = await request.change(async (trx) => {
        const created = await createDocument(deps, trx, actor, ability, request.body, app.clock.now());
        request.audit.subjectType = 'library';
        request.audit.subjectId = created.id;
        request.audit.detail({ tlp: created.tlp, docType: request.body.docType, link: Boolean(request.body.url) });
        return created;
      });
      return reply.code(201).send((await view(request, ability, item.id)) as LibraryView);
    },
  );

  app.get(
    '/api/library/:id',
    {
      config: { audit: 'library.read' },
      schema: {
        tags: ['library'],
        summary: 'One library document (RED: state a purpose first)',
        params: LibraryParams,
        response: { 200: LibraryReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      return view(request, ability, request.params.id);
    },
  );

  app.patch(
    '/api/library/:id',
    {
      config: { audit: 'library.update' },
      schema: {
        tags: ['library'],
        summary: "Edit a document's description (its country's members of the space)",
        params: LibraryParams,
        body: LibraryPatch,
        response: { 200: LibraryReply, 400: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const item = await editable(request, ability, request.params.id);
      request.audit.detail({ fields: Object.keys(request.body) });
      await request.change((trx) => updateDocument(deps, trx, item, request.body, app.clock.now()));
      return view(request, ability, item.id);
    },
  );

  app.post(
    '/api/library/:id/versions',
    {
      config: { audit: 'library.version' },
      schema: {
        tags: ['library'],
        summary: 'Add a version (multipart: one `file` part, a PDF or an image; a PDF’s text is indexed, never stored)',
        consumes: ['multipart/form-data'],
        params: LibraryParams,
        response: { 201: VersionView, 400: ErrorReply, 413: ErrorReply, 415: ErrorReply, 422: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const item = await editable(request, ability, request.params.id);
      if (!request.isMultipart()) throw new ApiError(415, 'multipart_expected');
      let pending: PendingFile | null = null;
      let name = 'file';
      let bytes: Buffer[] = [];
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field' || part.fieldname !== 'file' || pending) {
            const field = part.fieldname.slice(0, 40);
            throw new ApiError(400, 'form_field_unknown', { field }, `body.${field}`);
          }
          const stream = part.file;
          name = cleanName(part.filename);
          const held: Buffer[] = [];
          async function* tee() {
            for await (const piece of stream as AsyncIterable<Buffer>) {
              held.push(piece);
              yield piece;
            }
          }
          pending = await app.files.ingest(item.spaceId, tee(), ACCEPTED, name);
          bytes = held;
        }
        if (!pending) throw new ApiError(400, 'file_required', {}, 'body.file');
        const file: PendingFile = pending;
        const text = file.original.mediaType === 'application/pdf' ? await pdfText(Buffer.concat(bytes)) : null;
        bytes = [];
        const now = app.clock.now();
        const [fileId] = await request.change(async (trx) => {
          const ids = await recordAttachments(trx, app.sealer, app.files, item, actor.id, [{ pending: file, name, caption: null }], now);
          await addVersion(deps, trx, item, ids[0]!, text, actor.id, now);
          request.audit.detail({ fileId: ids[0], mediaType: file.original.mediaType, textIndexed: Boolean(text?.text.trim()) });
          return ids;
        });
        pending = null;
        const version = (await listVersions(deps, item.id)).find((v) => v.id === fileId);
        if (!version) throw new ApiError(404, 'not_found');
        return reply.code(201).send(version);
      } catch (err) {
        if (pending) await app.files.discard(pending);
        throw err;
      }
    },
  );

  app.get(
    '/api/library/:id/versions/:versionId/file',
    {
      config: { audit: 'library.download' },
      schema: { tags: ['library'], summary: "A version's decrypted file (PDFs as a download, images inline)", params: VersionParams },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      const item = await itemForContent(app, request, ability, 'library', request.params.id);
      request.audit.detail({ fileId: request.params.versionId });
      const attached = await attachedFile(app.db, item.id, request.params.versionId);
      const file = attached && (await app.files.find(item.spaceId, attached.fileId, 'original'));
      if (!file) throw new ApiError(404, 'not_found');
      return reply.headers(downloadHeaders(file)).send(await app.files.open(file));
    },
  );
}
