import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ApiError, ErrorReply } from '../../platform/http/errors.ts';
import { listNotifications, markNotificationRead, preferencesOf, setPreferences } from '../../platform/notifications/store.ts';
import { NotificationPage, NotificationParams, NotificationQuery, Preferences } from './schemas.ts';
import { mailPending, runNotifications } from './service.ts';

/**
 * My notifications (server/platform/notifications/store.ts): the list with its unread count, marking
 * one read, and how each kind may come by mail (at once, in a weekly digest, or not). Only my
 * deadline notices and what concerns an item I still read are listed or counted; someone else's notice answers 404, like one that does not exist. Open
 * browsers hear of a new notice (an event with no content: the page asks for the list).
 */
export default async function notificationRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  if (app.config.jobWorkers) {
    // A notice to be mailed now is mailed as soon as it is committed; the sweep catches up on any missed.
    let mailing: Promise<unknown> = Promise.resolve();
    app.events.on('notification', (notice) => {
      if (!notice['mail']) return;
      mailing = mailing.then(() => mailPending(app.services).catch((err: unknown) => app.log.error({ err }, 'notification mail failed')));
    });
    if (app.config.notificationSweepSeconds > 0) {
      const timer = setInterval(() => {
        runNotifications(app.services).catch((err: unknown) => app.log.error({ err }, 'notifications sweep failed'));
      }, app.config.notificationSweepSeconds * 1000);
      timer.unref();
      app.addHook('onClose', async () => clearInterval(timer));
    }
  }

  app.events.route('notification', async (notice, connected) => {
    const here = new Set(connected);
    return ((notice['userIds'] as string[] | undefined) ?? [])
      .filter((u) => here.has(u))
      .map((userId) => ({ userId, event: 'notification', data: {} }));
  });

  app.get(
    '/api/notifications',
    {
      config: { audit: 'notification.list' },
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with the unread count',
        querystring: NotificationQuery,
        response: { 200: NotificationPage },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const { page = 1, pageSize = 20 } = request.query;
      const result = await listNotifications(app.db, app.keyring, ability, actor.id, page, pageSize);
      request.audit.detail({ total: result.total, unread: result.unread, ids: result.items.map((n) => n.id) });
      return result;
    },
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { audit: 'notification.read' },
      schema: { tags: ['notifications'], summary: 'Mark one of my notifications read', params: NotificationParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      request.audit.subjectType = 'notification';
      await request.change(async (trx) => {
        const found = await markNotificationRead(trx, ability, actor.id, request.params.id, app.clock.now());
        if (!found) throw new ApiError(404, 'not_found');
        request.audit.detail({ itemId: found.itemId });
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/notification-preferences',
    {
      config: { audit: false },
      schema: { tags: ['me'], summary: 'How each kind of notice comes by mail: at once, in a weekly digest, or not', response: { 200: Preferences } },
    },
    async (request) => {
      const { actor } = await request.access();
      return { preferences: await preferencesOf(app.db, actor.id) };
    },
  );

  app.put(
    '/api/me/notification-preferences',
    {
      config: { audit: 'notification.preferences' },
      schema: {
        tags: ['me'],
        summary: 'Choose how each kind of notice comes by mail',
        body: Preferences,
        response: { 200: Preferences, 400: ErrorReply },
      },
    },
    async (request) => {
      const { actor } = await request.access();
      const choices = [...new Map(request.body.preferences.map((p) => [p.kind, p])).values()];
      request.audit.detail({ preferences: choices });
      await request.change((trx) => setPreferences(trx, actor.id, choices, app.clock.now()));
      return { preferences: await preferencesOf(app.db, actor.id) };
    },
  );
}
