import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Ability, Actor } from '../../../policies/ability.ts';
import { auditForm, words } from '../../platform/crypto/blind-index.ts';
import { downloadHeaders, IMAGE_TYPES } from '../../platform/files/files.ts';
import { NO_SECRETS } from '../../platform/http/compression.ts';
import { ApiError, ErrorReply } from '../../platform/http/errors.ts';
import { attachedFile, deleteAttachment, listAttachments } from '../../platform/items/attachments.ts';
import {
  authorizeItem,
  findItem,
  findItemWith,
  type Item,
  itemHandling,
  itemMetadata,
  prefetchItem,
  readsContent,
  type Transition,
  transitionItem,
} from '../../platform/items/base.ts';
import { spaceIds } from '../../platform/items/keywords.ts';
import { contentOf, itemForContent, showsContent } from '../../platform/items/read.ts';
import { commitUploads, readUploads } from '../../platform/items/uploads.ts';
import { authorizeAnnotate, createAnnotation, deleteAnnotation, deleteImageAnnotations, listAnnotations } from './annotations.ts';
import { decideCorrection, listCorrections, listSightings, proposeCorrection, reportSighting } from './exchange.ts';
import { exportFile } from './export.ts';
import { checkDocumentNumber, related, search } from './queries.ts';
import { SAVED_SEARCH_JOBS } from './saved-searches.ts';
import {
  AnnotationCreate,
  AnnotationListParams,
  AnnotationParams,
  AnnotationView,
  CorrectionCreate,
  CorrectionParams,
  CorrectionView,
  ExportBody,
  HitCheckBody,
  HitCheckResult,
  ImageParams,
  ImageQuery,
  ImageView,
  ReferenceView,
  RelatedView,
  SearchBody,
  type SearchFilters,
  SearchQuery,
  SearchResult,
  SightingCreate,
  SightingView,
  SpaceParams,
  SpecimenCreate,
  SpecimenParams,
  SpecimenPatch,
  SpecimenView,
} from './schemas.ts';
import { checkSubmittable, createSpecimen, openContent, SPECIMEN_DETAILS, type SpecimenDeps, specimenDetails, updateDraft } from './service.ts';
import { type ImageLight, type ImagePage, LIGHT_CODES, PAGE_CODES, referenceView, VIEW_PAIRS } from './taxonomy.ts';

/**
 * Document specimens (DOMAIN.md §1): create and edit drafts, images with their views, the
 * validation workflow, search with facets, hit check, sightings, corrections, correlation, export.
 * Every route finds its specimen under the policy (404 when the reader may not know it), checks
 * the action (403), and says what it did in the audit entry — search terms and identifiers only as
 * audit-key MACs.
 */
export default async function specimenRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const deps: SpecimenDeps = { db: app.db, sealer: app.sealer, keyring: app.keyring };

  const content = (request: FastifyRequest, ability: Ability, id: string) => itemForContent(app, request, ability, 'specimen', id);

  /**
   * The full view for a content reader, the metadata alone for the others (auditors, the Presidency);
   * `details`, when the item came with them (findItemWith), are not selected again.
   */
  async function view(ability: Ability, item: Item, details?: Parameters<typeof specimenDetails>[2]) {
    const metadata = itemMetadata(ability, item);
    if (!readsContent(ability, item)) return metadata;
    return { ...metadata, handling: itemHandling(item), ...(await specimenDetails(deps, item, details)) };
  }

  /** What a search asked, as the audit trail keeps it: facets in clear (they are), words as MACs. */
  function auditSearch(request: FastifyRequest, filters: SearchFilters & { spaceId?: string }) {
    const { q, ...facets } = filters;
    request.audit.space(filters.spaceId ?? null).detail({
      filters: Object.fromEntries(Object.entries(facets).filter(([, v]) => v !== undefined)),
      ...(q ? { terms: words(q).map((w) => auditForm(app.keyring, 'word', w)) } : {}),
    });
  }

  async function runSearch(
    request: FastifyRequest,
    actor: Actor,
    ability: Ability,
    body: SearchFilters & { page?: number; pageSize?: number; spaceId?: string },
  ) {
    const { page = 1, pageSize = 20, spaceId, ...filters } = body;
    auditSearch(request, { ...filters, spaceId });
    if (spaceId) await ensureSpaceKnown(actor, spaceId);
    const result = await search(deps, ability, { filters, spaceId, actorId: actor.id, spaces: await spaceIds(app.db, spaceId) }, page, pageSize);
    request.audit.detail({ total: result.total });
    return result;
  }

  /** A space search is for members of that space (404 otherwise, like the space itself). */
  async function ensureSpaceKnown(actor: Actor, spaceId: string) {
    if (!actor.memberships.some((m) => m.spaceId === spaceId)) throw new ApiError(404, 'not_found');
  }

  app.get(
    '/api/reference/specimens',
    {
      compress: NO_SECRETS,
      config: { audit: false },
      schema: { tags: ['specimens'], summary: 'The vocabularies of a specimen, each term in Spanish and English', response: { 200: ReferenceView } },
    },
    async (request) => {
      await request.access();
      return referenceView();
    },
  );

  app.post(
    '/api/spaces/:spaceId/specimens',
    {
      config: { audit: 'specimen.create' },
      schema: {
        tags: ['specimens'],
        summary: 'Create a specimen (a draft; images follow with POST /api/specimens/:id/images)',
        params: SpaceParams,
        body: SpecimenCreate,
        response: { 201: SpecimenView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      request.audit.space(request.params.spaceId);
      const item = await request.change(async (trx) => {
        const created = await createSpecimen(deps, trx, actor, ability, request.params.spaceId, request.body, app.clock.now());
        request.audit.subjectType = 'specimen';
        request.audit.subjectId = created.id;
        request.audit.detail({ tlp: created.tlp });
        return created;
      });
      return reply.code(201).send(await view(ability, item));
    },
  );

  app.get(
    '/api/spaces/:spaceId/specimens',
    {
      config: { audit: 'specimen.search' },
      schema: {
        tags: ['specimens'],
        summary: 'Search the specimens of a space (for scripts; the web sends the terms in a body)',
        params: SpaceParams,
        querystring: SearchQuery,
        response: { 200: SearchResult },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      return runSearch(request, actor, ability, { ...request.query, spaceId: request.params.spaceId });
    },
  );

  app.get(
    '/api/specimens',
    {
      config: { audit: 'specimen.search' },
      schema: {
        tags: ['specimens'],
        summary: 'Search the specimens of every space I read',
        querystring: SearchQuery,
        response: { 200: SearchResult },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      return runSearch(request, actor, ability, request.query);
    },
  );

  app.post(
    '/api/specimens/search',
    {
      config: { audit: 'specimen.search', readOnly: true },
      schema: {
        tags: ['specimens'],
        summary: 'Search (terms in the body, out of addresses and logs)',
        body: SearchBody,
        response: { 200: SearchResult },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      return runSearch(request, actor, ability, request.body);
    },
  );

  app.post(
    '/api/specimens/export',
    {
      config: { audit: 'specimen.export', readOnly: true },
      schema: {
        tags: ['specimens'],
        summary: 'Export what a search selects, as CSV or JSON (at most ENLACE_EXPORT_MAX specimens)',
        body: ExportBody,
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const { format, language, spaceId, ...filters } = request.body;
      auditSearch(request, { ...filters, spaceId });
      if (spaceId) await ensureSpaceKnown(actor, spaceId);
      const plan = { filters, spaceId, actorId: actor.id, spaces: await spaceIds(app.db, spaceId) };
      const file = await exportFile(deps, ability, plan, format, language ?? request.language, app.config.exportMax, app.clock.now());
      request.audit.detail({ format, total: file.count, itemIds: file.ids });
      return reply.headers(file.headers).send(file.body);
    },
  );

  app.get(
    '/api/specimens/:id',
    {
      // The reader's second read on: the specimen found in the session's own statement (prefetchItem).
      config: { audit: 'specimen.read', alongside: prefetchItem('specimen', SPECIMEN_DETAILS) },
      schema: {
        tags: ['specimens'],
        summary: 'One specimen (RED: state a purpose first, else 428 purpose_required)',
        params: SpecimenParams,
        response: { 200: SpecimenView },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      // The item under the policy and its sealed details in one query; they are opened only past contentOf.
      const { item, extra } = await findItemWith(app.db, ability, 'specimen', request.params.id, SPECIMEN_DETAILS, request.auth?.alongside);
      request.audit.space(item.spaceId).detail({ tlp: item.tlp });
      if (readsContent(ability, item)) await contentOf(app, request, ability, item);
      return view(ability, item, extra);
    },
  );

  app.patch(
    '/api/specimens/:id',
    {
      config: { audit: 'specimen.update' },
      schema: {
        tags: ['specimens'],
        summary: 'Edit a draft (its originator)',
        params: SpecimenParams,
        body: SpecimenPatch,
        response: { 200: SpecimenView, 400: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      authorizeItem(ability, 'update', item);
      request.audit.detail({ fields: Object.keys(request.body) });
      return view(ability, await request.change((trx) => updateDraft(deps, trx, item, request.body, app.clock.now())));
    },
  );

  const step = (action: Transition, summary: string) =>
    app.post(
      `/api/specimens/:id/${action}`,
      { config: { audit: `specimen.${action}` }, schema: { tags: ['specimens'], summary, params: SpecimenParams, response: { 200: SpecimenView } } },
      async (request) => {
        const { ability } = await request.access();
        const found = await findItem(app.db, ability, 'specimen', request.params.id);
        request.audit.space(found.spaceId).detail({ tlp: found.tlp });
        const item = await request.change(async (trx) => {
          const submittable = action === 'submit' ? (item: Item) => checkSubmittable(trx, item.id) : undefined;
          const moved = await transitionItem(trx, ability, 'specimen', found.id, action, app.clock.now(), submittable);
          // Saved searches hear of it once it is committed (./saved-searches.ts).
          if (action === 'publish') await app.jobs.send(trx, SAVED_SEARCH_JOBS.match, { itemId: moved.id });
          return moved;
        });
        // RED content goes out only with a purpose, even to a validator who just acted on it.
        return (await showsContent(app, request, ability, item)) ? view(ability, item) : itemMetadata(ability, item);
      },
    );
  step(
    'submit',
    'Submit a draft for validation (at least one image; a lost, stolen, stolen-blank or revoked document may be reported by its number alone)',
  );
  step('publish', "Validate and publish (the originator country's contact point or substitute)");
  step('return', 'Send a submitted specimen back to its originator as a draft (validators)');
  step('withdraw', 'Withdraw a published specimen (its originator or validators)');

  app.post(
    '/api/specimens/:id/images',
    {
      config: { audit: 'specimen.image.upload' },
      schema: {
        tags: ['specimens'],
        summary:
          'Add images (multipart: for each, its `page` and `light` fields — or, as before, one `view` — an optional `caption`, then the `file`)',
        consumes: ['multipart/form-data'],
        params: SpecimenParams,
        response: { 201: Type.Array(ImageView), 400: ErrorReply, 413: ErrorReply, 415: ErrorReply, 422: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      authorizeItem(ability, 'update', item);
      const uploads = await readUploads(app, request, item, IMAGE_TYPES, { pages: PAGE_CODES, lights: LIGHT_CODES, views: VIEW_PAIRS });
      const ids = await commitUploads(app, request, item, actor.id, uploads, (fileIds) =>
        request.audit.detail({ fileIds, pages: uploads.map((u) => u.page ?? null), lights: uploads.map((u) => u.light) }),
      );
      const images = await listAttachments(app.db, app.sealer, item.id, ids);
      return reply.code(201).send(images.map((i) => ({ ...i, page: i.page as ImagePage | null, light: i.light as ImageLight })));
    },
  );

  const imageOf = async (item: Item, imageId: string) => attachedFile(app.db, item.id, imageId, { image: true });

  app.get(
    '/api/specimens/:id/images/:imageId',
    {
      config: { audit: 'specimen.image.download' },
      schema: { tags: ['specimens'], summary: 'The decrypted image (`?size=thumb`: its thumbnail)', params: ImageParams, querystring: ImageQuery },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      request.audit.detail({ itemId: item.id, fileId: request.params.imageId, size: request.query.size ?? 'full' });
      const image = await imageOf(item, request.params.imageId);
      const file = image && (await app.files.find(item.spaceId, image.fileId, request.query.size === 'thumb' ? 'thumbnail' : 'original'));
      if (!file) throw new ApiError(404, 'not_found');
      const body = await app.files.open(file);
      return reply.headers({ ...downloadHeaders(file), 'cache-control': 'private, no-store' }).send(body);
    },
  );

  app.delete(
    '/api/specimens/:id/images/:imageId',
    {
      config: { audit: 'specimen.image.delete' },
      schema: { tags: ['specimens'], summary: 'Remove an image from a draft', params: ImageParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      authorizeItem(ability, 'update', item);
      if (!(await imageOf(item, request.params.imageId))) throw new ApiError(404, 'not_found');
      const blobs = await request.change(async (trx) => {
        await deleteImageAnnotations(trx, item.id, request.params.imageId);
        const keys = await deleteAttachment(trx, app.files, item.id, request.params.imageId);
        if (!keys) throw new ApiError(404, 'not_found');
        return keys;
      });
      await app.files.removeBlobs(blobs);
      return reply.code(204).send(null);
    },
  );

  /** An image of a specimen whose content the reader reads (404 when it has no such image). */
  const annotatedImage = async (request: FastifyRequest, ability: Ability, id: string, imageId: string) => {
    const item = await content(request, ability, id);
    request.audit.detail({ itemId: item.id, fileId: imageId });
    if (!(await imageOf(item, imageId))) throw new ApiError(404, 'not_found');
    return item;
  };

  app.get(
    '/api/specimens/:id/images/:imageId/annotations',
    {
      config: { audit: 'specimen.annotation_list' },
      schema: {
        tags: ['specimens'],
        summary: 'The regions marked on an image (region, security feature, note)',
        params: AnnotationListParams,
        response: { 200: Type.Array(AnnotationView) },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const item = await annotatedImage(request, ability, request.params.id, request.params.imageId);
      const annotations = await listAnnotations(deps, ability, item, request.params.imageId, actor.id);
      request.audit.detail({ annotationIds: annotations.map((a) => a.id) });
      return annotations;
    },
  );

  app.post(
    '/api/specimens/:id/images/:imageId/annotations',
    {
      config: { audit: 'specimen.annotation_create' },
      schema: {
        tags: ['specimens'],
        summary: 'Mark a region of an image: where a security feature is, with a note (sealed)',
        params: AnnotationListParams,
        body: AnnotationCreate,
        response: { 201: AnnotationView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      authorizeAnnotate(ability, item);
      request.audit.detail({ itemId: item.id, fileId: request.params.imageId });
      if (!(await imageOf(item, request.params.imageId))) throw new ApiError(404, 'not_found');
      const annotation = await request.change(async (trx) => {
        const created = await createAnnotation(deps, trx, item, request.params.imageId, actor, request.body, app.clock.now());
        request.audit.detail({ annotationId: created.id });
        return created;
      });
      return reply.code(201).send(annotation);
    },
  );

  app.delete(
    '/api/specimens/:id/images/:imageId/annotations/:annotationId',
    {
      config: { audit: 'specimen.annotation_delete' },
      schema: {
        tags: ['specimens'],
        summary: 'Remove a marked region (its author, or the specimen’s originator)',
        params: AnnotationParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      authorizeAnnotate(ability, item);
      request.audit.detail({ itemId: item.id, fileId: request.params.imageId, annotationId: request.params.annotationId });
      await request.change((trx) => deleteAnnotation(trx, ability, item, request.params.imageId, request.params.annotationId, actor.id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/specimens/:id/related',
    {
      config: { audit: 'specimen.related' },
      schema: {
        tags: ['specimens'],
        summary: 'Specimens sharing its document number, series or a security feature (those I read)',
        params: SpecimenParams,
        response: { 200: RelatedView },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      const items = await related(deps, ability, item.id, await openContent(deps, item));
      request.audit.detail({ itemId: item.id, relatedIds: items.map((r) => r.card.id) });
      return { items };
    },
  );

  app.post(
    '/api/checks/document-number',
    {
      config: { audit: 'check.document_number', readOnly: true },
      schema: {
        tags: ['specimens'],
        summary: 'Is this document number known? Hit or no hit, and the ids I may see',
        body: HitCheckBody,
        response: { 200: HitCheckResult },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const { issuingCountry, number } = request.body;
      request.audit.detail({ issuingCountry, number: auditForm(app.keyring, `document-number:${issuingCountry}`, number) });
      const result = await checkDocumentNumber(deps, ability, issuingCountry, number);
      request.audit.detail({ hit: result.hit, withheld: result.withheld, itemIds: result.items });
      return result;
    },
  );

  app.get(
    '/api/specimens/:id/sightings',
    {
      config: { audit: 'specimen.sighting_list' },
      schema: {
        tags: ['specimens'],
        summary: 'Sightings and false positives reported on a specimen',
        params: SpecimenParams,
        response: { 200: Type.Array(SightingView) },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      return listSightings(deps, item, actor.id);
    },
  );

  app.post(
    '/api/specimens/:id/sightings',
    {
      config: { audit: 'specimen.sighting_create' },
      schema: {
        tags: ['specimens'],
        summary: '"Detected here too" or "false positive"',
        params: SpecimenParams,
        body: SightingCreate,
        response: { 201: SightingView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      authorizeItem(ability, 'sight', item);
      const sighting = await request.change(async (trx) => {
        const reported = await reportSighting(deps, trx, item, actor, request.body, app.clock.now());
        request.audit.detail({ sightingId: reported.id, kind: reported.kind, country: reported.country });
        return reported;
      });
      return reply.code(201).send(sighting);
    },
  );

  app.get(
    '/api/specimens/:id/corrections',
    {
      config: { audit: 'specimen.correction_list' },
      schema: {
        tags: ['specimens'],
        summary: 'Corrections proposed on a specimen',
        params: SpecimenParams,
        response: { 200: Type.Array(CorrectionView) },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      return listCorrections(deps, item, actor.id);
    },
  );

  app.post(
    '/api/specimens/:id/corrections',
    {
      config: { audit: 'specimen.correction_create' },
      schema: {
        tags: ['specimens'],
        summary: 'Propose a correction to the originator (another member of the space)',
        params: SpecimenParams,
        body: CorrectionCreate,
        response: { 201: CorrectionView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      authorizeItem(ability, 'correct', item);
      const correction = await request.change(async (trx) => {
        const proposed = await proposeCorrection(deps, trx, item, actor, request.body, app.clock.now());
        request.audit.detail({ correctionId: proposed.id, fields: Object.keys(request.body.changes) });
        return proposed;
      });
      return reply.code(201).send(correction);
    },
  );

  for (const decision of ['accept', 'reject'] as const) {
    app.post(
      `/api/specimens/:id/corrections/:correctionId/${decision}`,
      {
        config: { audit: `specimen.correction_${decision}` },
        schema: {
          tags: ['specimens'],
          summary: `${decision === 'accept' ? 'Accept (and apply)' : 'Reject'} a proposed correction (the originator)`,
          params: CorrectionParams,
          response: { 200: CorrectionView },
        },
      },
      async (request) => {
        const { actor, ability } = await request.access();
        const item = await content(request, ability, request.params.id);
        authorizeItem(ability, 'amend', item);
        request.audit.detail({ correctionId: request.params.correctionId });
        return request.change((trx) => decideCorrection(deps, trx, item, actor.id, request.params.correctionId, decision, app.clock.now()));
      },
    );
  }
}
