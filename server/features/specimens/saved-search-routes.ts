import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { auditForm, words } from '../../platform/crypto/blind-index.ts';
import { ErrorReply } from '../../platform/http/errors.ts';
import {
  SAVED_SEARCHES_MAX,
  SavedSearchCreate,
  SavedSearchList,
  SavedSearchParams,
  SavedSearchPatch,
  SavedSearchView,
} from './saved-search-schemas.ts';
import {
  auditedFilters,
  createSavedSearch,
  deleteSavedSearch,
  listSavedSearches,
  mailNotice,
  matchPublished,
  SAVED_SEARCH_JOBS,
  updateSavedSearch,
} from './saved-searches.ts';

/**
 * Saved searches of specimens (./saved-searches.ts): keep the current search under a name, list
 * them, rename, choose mail, remove. Each is the owner's alone: anyone else's answers 404, like one
 * that does not exist. Reading them opens their sealed names and words, and is recorded like every
 * read; their words reach the trail only as audit-key MACs. The jobs that turn a published specimen
 * into notices are registered here.
 */
export default async function savedSearchRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.jobs.handle(SAVED_SEARCH_JOBS.match, async (data) => {
    await matchPublished(app.services, data['itemId'] as string);
  });
  app.jobs.handle(SAVED_SEARCH_JOBS.mail, (data, context) => mailNotice(app.services, data as never, context));

  app.get(
    '/api/saved-searches',
    {
      config: { audit: 'saved_search.list' },
      schema: { tags: ['specimens'], summary: 'My saved searches of specimens, newest first', response: { 200: SavedSearchList } },
    },
    async (request) => {
      const { actor } = await request.access();
      const items = await listSavedSearches(app.db, app.keyring, actor.id);
      request.audit.detail({ count: items.length, ids: items.map((i) => i.id) });
      return { items, max: SAVED_SEARCHES_MAX };
    },
  );

  app.post(
    '/api/saved-searches',
    {
      config: { audit: 'saved_search.create' },
      schema: {
        tags: ['specimens'],
        summary: 'Keep a specimen search under a name (notified of new published matches; by mail too when asked)',
        body: SavedSearchCreate,
        response: { 201: SavedSearchView, 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor } = await request.access();
      const { search, spaceId, mail } = request.body;
      request.audit.space(spaceId ?? null).detail({
        filters: auditedFilters(search),
        mail,
        ...(search.q ? { terms: words(search.q).map((w) => auditForm(app.keyring, 'word', w)) } : {}),
      });
      const saved = await request.change(async (trx) => {
        const created = await createSavedSearch(trx, app.keyring, actor, request.body, app.clock.now());
        request.audit.subjectType = 'saved_search';
        request.audit.subjectId = created.id;
        return created;
      });
      return reply.code(201).send(saved);
    },
  );

  app.patch(
    '/api/saved-searches/:id',
    {
      config: { audit: 'saved_search.update' },
      schema: {
        tags: ['specimens'],
        summary: 'Rename a saved search, or choose whether it mails me',
        params: SavedSearchParams,
        body: SavedSearchPatch,
        response: { 200: SavedSearchView, 400: ErrorReply },
      },
    },
    async (request) => {
      const { actor } = await request.access();
      request.audit.subjectType = 'saved_search';
      request.audit.detail({ fields: Object.keys(request.body), ...(request.body.mail !== undefined ? { mail: request.body.mail } : {}) });
      return request.change((trx) => updateSavedSearch(trx, app.keyring, actor.id, request.params.id, request.body));
    },
  );

  app.delete(
    '/api/saved-searches/:id',
    {
      config: { audit: 'saved_search.delete' },
      schema: { tags: ['specimens'], summary: 'Remove a saved search', params: SavedSearchParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const { actor } = await request.access();
      request.audit.subjectType = 'saved_search';
      await request.change((trx) => deleteSavedSearch(trx, actor.id, request.params.id));
      return reply.code(204).send(null);
    },
  );
}
