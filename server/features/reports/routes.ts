import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Ability, Actor } from '../../../policies/ability.ts';
import { auditForm, words } from '../../platform/crypto/blind-index.ts';
import { openRecord } from '../../platform/crypto/sealed-records.ts';
import { NO_SECRETS } from '../../platform/http/compression.ts';
import { ApiError, ErrorReply } from '../../platform/http/errors.ts';
import {
  authorizeItem,
  findItemWith,
  type Item,
  itemMetadata,
  prefetchItem,
  readsContent,
  type Transition,
  transitionItem,
} from '../../platform/items/base.ts';
import { CorrectionParams, CorrectionView, decideCorrection, listCorrections, proposeCorrection } from '../../platform/items/corrections.ts';
import { spaceIds } from '../../platform/items/keywords.ts';
import { contentOf, itemForContent } from '../../platform/items/read.ts';
import { exportReports, highestTlp } from './export.ts';
import { RouteShapes, spaceMap } from './map.ts';
import { relatedReports, relatedSpecimens, searchReports } from './queries.ts';
import {
  MapQuery,
  OutcomeCreate,
  OutcomeView,
  Related,
  type ReportContent,
  ReportCorrectionCreate,
  ReportCreate,
  ReportExport,
  ReportPage,
  ReportParams,
  ReportPatch,
  ReportReference,
  ReportSearch,
  ReportSightingCreate,
  ReportSightingView,
  ReportView,
  SpaceMap,
  SpaceParams,
} from './schemas.ts';
import {
  addOutcome,
  createReport,
  listSightings,
  published,
  REPORT_DETAILS,
  type ReportDeps,
  reportCorrections,
  reportSighting,
  reportView,
  updateDraft,
} from './service.ts';
import { reportReference } from './taxonomy.ts';

/**
 * Intelligence reports (DOMAIN.md §3): routes, modus operandi, fraudulent-acquisition methods,
 * smuggling networks and operations with their outcomes — create and edit drafts, the validation
 * workflow, search with facets, correlation, sightings, judicial outcomes. Every route finds its
 * report under the policy (404 when the reader may not know it), checks the action (403), and says
 * what it did in the audit entry; search words and names reach the trail only as audit-key MACs.
 */
export default async function reportRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const deps: ReportDeps = { db: app.db, sealer: app.sealer, keyring: app.keyring };
  const corrections = reportCorrections(deps);

  const content = (request: FastifyRequest, ability: Ability, id: string) => itemForContent(app, request, ability, 'report', id);

  /** The full view for a content reader, the metadata alone for the others (auditors, the Presidency). */
  async function view(request: FastifyRequest, ability: Ability, id: string) {
    // A read's item may have come with the session (prefetchItem); after a change it is looked up again.
    const { item, extra } = await findItemWith(app.db, ability, 'report', id, REPORT_DETAILS, request.auth?.alongside);
    request.audit.space(item.spaceId).detail({ tlp: item.tlp, reportKind: extra.reportKind });
    if (!readsContent(ability, item)) return itemMetadata(ability, item);
    await contentOf(app, request, ability, item);
    return reportView(deps, ability, item, extra);
  }

  /** A space's reports are for members of that space (404 otherwise, like the space itself). */
  function ensureSpaceKnown(actor: Actor, spaceId: string) {
    if (!actor.memberships.some((m) => m.spaceId === spaceId)) throw new ApiError(404, 'not_found');
  }

  /** A search's filters in its audit entry: words and names only in their audit form (keyed digests), never in clear. */
  function auditSearch(request: FastifyRequest, body: ReportSearch) {
    const { q, name, nationality, ...filters } = body;
    request.audit.space(filters.spaceId ?? null).detail({
      filters,
      ...(q ? { terms: words(q).map((w) => auditForm(app.keyring, 'word', w)) } : {}),
      ...(name ? { name: auditForm(app.keyring, 'network-name', name) } : {}),
      ...(nationality ? { nationality } : {}),
    });
  }

  app.get(
    '/api/reference/reports',
    {
      compress: NO_SECRETS,
      config: { audit: false },
      schema: { tags: ['reports'], summary: 'The vocabularies of reports, each term in Spanish and English', response: { 200: ReportReference } },
    },
    async (request) => {
      await request.access();
      return reportReference();
    },
  );

  app.post(
    '/api/spaces/:spaceId/reports',
    {
      config: { audit: 'report.create' },
      schema: {
        tags: ['reports'],
        summary: 'Write a report (a draft): a route, modus operandi, acquisition method, network or operation',
        params: SpaceParams,
        body: ReportCreate,
        response: { 201: ReportView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      request.audit.space(request.params.spaceId);
      const item = await request.change(async (trx) => {
        const created = await createReport(deps, trx, actor, ability, request.params.spaceId, request.body, app.clock.now());
        request.audit.subjectType = 'report';
        request.audit.subjectId = created.id;
        request.audit.detail({ tlp: created.tlp, reportKind: request.body.kind, links: request.body.links?.length ?? 0 });
        return created;
      });
      return reply.code(201).send(await view(request, ability, item.id));
    },
  );

  app.post(
    '/api/reports/search',
    {
      config: { audit: 'report.search', readOnly: true },
      schema: {
        tags: ['reports'],
        summary: 'Search the reports I read (terms in the body, out of addresses and logs), with facet counts',
        body: ReportSearch,
        response: { 200: ReportPage },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      auditSearch(request, request.body);
      if (request.body.spaceId) ensureSpaceKnown(actor, request.body.spaceId);
      const result = await searchReports(deps, ability, request.body, actor.id, await spaceIds(app.db, request.body.spaceId));
      request.audit.detail({ total: result.total });
      return result;
    },
  );

  app.post(
    '/api/reports/export',
    {
      config: { audit: 'report.export', readOnly: true },
      schema: {
        tags: ['reports'],
        summary: 'Export what a report search selects, as CSV, JSON or GeoJSON of its routes (at most ENLACE_EXPORT_MAX reports)',
        body: ReportExport,
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const { format, language, ...query } = request.body;
      auditSearch(request, query);
      if (query.spaceId) ensureSpaceKnown(actor, query.spaceId);
      const spaces = await spaceIds(app.db, query.spaceId);
      const now = app.clock.now();
      const file = await exportReports(deps, ability, query, actor.id, spaces, format, language ?? request.language, app.config.exportMax, now);
      request.audit.detail({ format, total: file.count, itemIds: file.ids });
      return reply.headers(file.headers).send(file.body);
    },
  );

  const shapes = new RouteShapes();
  app.get(
    '/api/spaces/:spaceId/map',
    {
      config: { audit: 'report.map' },
      schema: {
        tags: ['reports'],
        summary: 'The routes of a space I read, as GeoJSON (application/geo+json): legs, crossing points sized by routes and sightings',
        params: SpaceParams,
        querystring: MapQuery,
        response: { 200: SpaceMap },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const { spaceId } = request.params;
      request.audit.space(spaceId).detail({ filters: request.query });
      ensureSpaceKnown(actor, spaceId);
      const { collection, ids } = await spaceMap(deps, shapes, ability, actor.id, spaceId, request.query);
      const labels = collection.features.map((f) => f.properties['tlp']).filter((l): l is string => typeof l === 'string');
      const tlp = labels.length ? highestTlp(labels) : null;
      request.audit.detail({ total: ids.length, itemIds: ids });
      reply.header('content-type', 'application/geo+json; charset=utf-8');
      if (tlp) reply.header('x-enlace-tlp', tlp);
      return { ...collection, tlp };
    },
  );

  app.get(
    '/api/reports/:id',
    {
      config: { audit: 'report.read', alongside: prefetchItem('report', REPORT_DETAILS) },
      schema: {
        tags: ['reports'],
        summary: 'One report (RED: state a purpose first, else 428 purpose_required)',
        params: ReportParams,
        response: { 200: ReportView },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      return view(request, ability, request.params.id);
    },
  );

  app.patch(
    '/api/reports/:id',
    {
      config: { audit: 'report.update' },
      schema: {
        tags: ['reports'],
        summary: "Edit a draft (its originator); a kind's details are replaced whole",
        params: ReportParams,
        body: ReportPatch,
        response: { 200: ReportView, 400: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      authorizeItem(ability, 'update', item);
      request.audit.detail({ fields: Object.keys(request.body) });
      await request.change((trx) => updateDraft(deps, trx, ability, item, request.body, app.clock.now()));
      return view(request, ability, item.id);
    },
  );

  const step = (action: Transition, summary: string) =>
    app.post(
      `/api/reports/:id/${action}`,
      { config: { audit: `report.${action}` }, schema: { tags: ['reports'], summary, params: ReportParams, response: { 200: ReportView } } },
      async (request) => {
        const { ability } = await request.access();
        const moved = await request.change(async (trx) => {
          const item = await transitionItem(trx, ability, 'report', request.params.id, action, app.clock.now());
          request.audit.space(item.spaceId).detail({ tlp: item.tlp });
          if (action === 'publish') await published(trx, item, app.clock.now());
          return item;
        });
        // The step is done and recorded; what the reply shows of the report is what the reader may now
        // read of it: a withdrawn RED report is its originator's alone, and RED content needs a purpose.
        return view(request, ability, moved.id).catch((err: unknown) => {
          if (err instanceof ApiError && (err.statusCode === 404 || err.statusCode === 428)) return itemMetadata(ability, moved);
          throw err;
        });
      },
    );
  step('submit', 'Submit a draft for validation');
  step('publish', "Validate and publish (the originator country's contact point or substitute)");
  step('return', 'Send a submitted report back to its originator as a draft (validators)');
  step('withdraw', 'Withdraw a published report (its originator or validators)');

  app.get(
    '/api/reports/:id/related',
    {
      config: { audit: 'report.related' },
      schema: {
        tags: ['reports'],
        summary:
          'Reports sharing a crossing point, a leg, a name, a nationality or a link with it, and specimens detected at its crossing points or linked with it (those I read), strongest first',
        params: ReportParams,
        response: { 200: Related },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const { item, extra } = await findItemWith(app.db, ability, 'report', request.params.id, REPORT_DETAILS);
      await contentOf(app, request, ability, item);
      const opened = item.shreddedAt ? { title: '', summary: '' } : await openRecord<ReportContent>(app.sealer, item.spaceId, extra.content);
      const spaces = await spaceIds(app.db);
      const [reports, specimens] = await Promise.all([
        relatedReports(deps, ability, item.id, opened, spaces),
        relatedSpecimens(deps, ability, item.id, opened, spaces),
      ]);
      request.audit.detail({ itemId: item.id, relatedIds: [...reports, ...specimens].map((r) => r.id) });
      return { reports, specimens };
    },
  );

  app.get(
    '/api/reports/:id/sightings',
    {
      config: { audit: 'report.sighting_list' },
      schema: {
        tags: ['reports'],
        summary: 'Sightings and false positives reported on a report',
        params: ReportParams,
        response: { 200: Type.Array(ReportSightingView) },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      return listSightings(deps, item, actor.id);
    },
  );

  app.post(
    '/api/reports/:id/sightings',
    {
      config: { audit: 'report.sighting_create' },
      schema: {
        tags: ['reports'],
        summary: '"We see this route, method or network too" (date, country, volume) or "false positive"',
        params: ReportParams,
        body: ReportSightingCreate,
        response: { 201: ReportSightingView, 400: ErrorReply },
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
    '/api/reports/:id/corrections',
    {
      config: { audit: 'report.correction_list' },
      schema: {
        tags: ['reports'],
        summary: 'Corrections proposed on a report, newest first',
        params: ReportParams,
        response: { 200: Type.Array(CorrectionView) },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      return listCorrections(app.db, app.sealer, item, actor.id);
    },
  );

  app.post(
    '/api/reports/:id/corrections',
    {
      config: { audit: 'report.correction_create' },
      schema: {
        tags: ['reports'],
        summary: 'Propose a correction to the originator (another member of the space): content fields, a kind’s details whole',
        params: ReportParams,
        body: ReportCorrectionCreate,
        response: { 201: CorrectionView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const item = await content(request, ability, request.params.id);
      authorizeItem(ability, 'correct', item);
      const correction = await request.change(async (trx) => {
        const proposed = await proposeCorrection(app.sealer, corrections, trx, item, actor, request.body, app.clock.now());
        request.audit.detail({ correctionId: proposed.id, fields: Object.keys(request.body.changes) });
        return proposed;
      });
      return reply.code(201).send(correction);
    },
  );

  for (const decision of ['accept', 'reject'] as const) {
    app.post(
      `/api/reports/:id/corrections/:correctionId/${decision}`,
      {
        config: { audit: `report.correction_${decision}` },
        schema: {
          tags: ['reports'],
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
        return request.change((trx) =>
          decideCorrection(app.sealer, corrections, trx, item, actor.id, request.params.correctionId, decision, app.clock.now()),
        );
      },
    );
  }

  app.post(
    '/api/reports/:id/outcomes',
    {
      config: { audit: 'report.outcome_create' },
      schema: {
        tags: ['reports'],
        summary: 'Add a judicial outcome to a published operation report (its originator), as the case moves',
        params: ReportParams,
        body: OutcomeCreate,
        response: { 201: OutcomeView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const item: Item = await content(request, ability, request.params.id);
      authorizeItem(ability, 'amend', item);
      const outcome = await request.change(async (trx) => {
        const added = await addOutcome(deps, trx, item, actor, request.body, app.clock.now());
        request.audit.detail({ outcomeId: added.id, stage: added.stage });
        return added;
      });
      return reply.code(201).send(outcome);
    },
  );
}
