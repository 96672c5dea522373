import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ITEM_MOVED } from '../../platform/items/base.ts';
import { Tasks } from './schemas.ts';
import { concernedBy, tasksOf } from './service.ts';

/**
 * The home page of tasks: what waits for the signed-in person (items to validate or review,
 * corrections to decide, drafts sent back, unread alerts), their latest items and their spaces'
 * loading deadlines. Counts and short lists under the policy; no sealed content.
 */
export default async function taskRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  // A workflow step (submitted, published, returned, withdrawn): the originator and the validators of
  // its country in its network, if their pages are open here, hear `tasks` — no id, no content — and ask again.
  app.events.route(ITEM_MOVED, async (notice, connected) => {
    const rows = await concernedBy(app.db, String(notice['itemId']), connected);
    return rows.map((userId) => ({ userId, event: 'tasks', data: {} }));
  });

  app.get(
    '/api/me/tasks',
    {
      config: { audit: 'tasks.read' },
      schema: {
        tags: ['me'],
        summary: 'What waits for me: counts and short lists (metadata and clear facets only), my latest items, my spaces’ deadlines',
        response: { 200: Tasks },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const tasks = await tasksOf(app.db, ability, actor.id, app.clock.now());
      // The trail keeps the counts and which items were listed (as the lists of items do).
      const listed = [...tasks.toValidate, ...tasks.toReview, ...tasks.corrections, ...tasks.returned, ...tasks.recent].map((i) => i.id);
      request.audit.detail({ counts: tasks.counts, itemIds: [...new Set(listed)] });
      return tasks;
    },
  );
}
