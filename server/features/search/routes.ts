import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { auditForm, words } from '../../platform/crypto/blind-index.ts';
import { spaceIds } from '../../platform/items/keywords.ts';
import { searchEverything } from './queries.ts';
import { SearchBody, SearchResult } from './schemas.ts';

/**
 * The combined search (`POST /api/search`): one box over specimens, reports and alerts, for what
 * the reader reads. The words stay in the body; the trail keeps their audit forms, the total and
 * the ids listed.
 */
export default async function searchRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const deps = { db: app.db, sealer: app.sealer, keyring: app.keyring };

  app.post(
    '/api/search',
    {
      config: { audit: 'search', readOnly: true },
      schema: {
        tags: ['search'],
        summary: 'Search specimens, reports and alerts I read at once (words in the body), with a count per kind',
        body: SearchBody,
        response: { 200: SearchResult },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const { q, ...filters } = request.body;
      request.audit.detail({ filters, terms: words(q).map((w) => auditForm(app.keyring, 'word', w)) });
      const result = await searchEverything(deps, ability, request.body, await spaceIds(app.db));
      request.audit.detail({ total: result.total, itemIds: result.items.map((i) => i.id) });
      return result;
    },
  );
}
