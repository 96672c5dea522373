import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Ability } from '../../../policies/ability.ts';
import { auditNow } from '../../platform/audit/plugin.ts';
import { auditForm, words } from '../../platform/crypto/blind-index.ts';
import { notify } from '../../platform/events/bus.ts';
import { ErrorReply } from '../../platform/http/errors.ts';
import { authorizeItem, findItem, type Item, readsContent, type Transition, transitionItem } from '../../platform/items/base.ts';
import { requirePurpose } from '../../platform/items/purpose.ts';
import { itemForContent } from '../../platform/items/read.ts';
import { deliverWebhook, fanOut, mailEscalation, mailRecipient, portalPublicKey, sweep } from './delivery.ts';
import { ALERT_JOBS } from './jobs.ts';
import { AlertCreate, AlertPage, AlertParams, AlertQuery, AlertView, Deliveries, DeliveriesQuery, Inbox } from './schemas.ts';
import {
  acknowledge,
  alertView,
  connectedRecipients,
  createAlert,
  deliveries,
  inbox,
  markRead,
  published,
  review,
  searchAlerts,
  withdrawn,
} from './service.ts';

/**
 * Early alerts (DOMAIN.md §4): issue, validate, review, inbox, search, read, acknowledge, the
 * issuer's delivery board, live events, the portal's public key, and the Secretariat's webhooks.
 * Every alert is found under the policy (404 when the reader may not know it); a read marks it read
 * for a recipient; delivery itself runs as jobs (./delivery.ts).
 */
export default async function alertRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.jobs.handle(ALERT_JOBS.fanOut, async (data) => {
    await fanOut(app.services, data['alertId'] as string);
  });
  app.jobs.handle(ALERT_JOBS.mail, (data, context) => mailRecipient(app.services, data as never, context));
  app.jobs.handle(ALERT_JOBS.webhook, (data, context) => deliverWebhook(app.services, data as never, context));
  app.jobs.handle(ALERT_JOBS.escalation, (data) => mailEscalation(app.services, data as never));

  // Live: a new alert goes to its recipients' open streams; an acknowledgement to the issuer and to
  // the acknowledging user's other tabs. One query per notice per instance.
  app.events.route('alert', async (notice, connected) => {
    const rows = await connectedRecipients(app.db, notice['alertId'] as string, connected);
    return rows.map((r) => ({ userId: r.userId, event: 'alert', data: { alertId: notice['alertId'], severity: r.severity } }));
  });
  // The fan-out done: the issuer's delivery board has its recipients. The notices name the issuer,
  // so no query is needed to route them.
  app.events.route('delivered', async (notice) => [
    { userId: notice['originatorId'] as string, event: 'delivery', data: { alertId: notice['alertId'], recipients: notice['recipients'] } },
  ]);
  app.events.route('ack', async (notice) => {
    const data = { alertId: notice['alertId'], userId: notice['userId'], acknowledgedAt: notice['acknowledgedAt'] };
    return [...new Set([notice['userId'] as string, notice['originatorId'] as string])].map((userId) => ({ userId, event: 'ack', data }));
  });

  if (app.config.jobWorkers && app.config.alertSweepSeconds > 0) {
    const timer = setInterval(() => {
      sweep(app.services).catch((err: unknown) => app.log.error({ err }, 'alert sweep failed'));
    }, app.config.alertSweepSeconds * 1000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }

  const view = (request: FastifyRequest, ability: Ability, item: Item) =>
    alertView(app.services, ability, request.auth!.user.id, item, app.clock.now());

  app.post(
    '/api/alerts',
    {
      config: { audit: 'alert.create' },
      schema: {
        tags: ['alerts'],
        summary: 'Issue an alert (urgent: published at once; otherwise submitted to the contact point)',
        body: AlertCreate,
        response: { 201: AlertView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const body = request.body;
      request.audit.space(body.spaceId).detail({
        severity: body.severity,
        audience: body.audience ?? 'targets',
        tlp: body.tlp,
        targetCountries: body.targetCountries,
        targetOrganisations: body.targetOrganisations.length,
      });
      const item = await request.change(async (trx) => {
        const created = await createAlert(app.services, trx, actor, ability, body, app.clock.now());
        request.audit.subjectType = 'alert';
        request.audit.subjectId = created.id;
        return created;
      });
      return reply.code(201).send(await view(request, ability, item));
    },
  );

  app.get(
    '/api/alerts/inbox',
    {
      config: { audit: 'alert.inbox' },
      schema: { tags: ['alerts'], summary: 'Alerts received, published and still valid, with unread counts', response: { 200: Inbox } },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const result = await inbox(app.services, ability, actor.id, app.clock.now());
      request.audit.detail({ count: result.items.length });
      return result;
    },
  );

  /** What a search asked, as the trail keeps it: the filters in clear, the words as audit MACs. */
  async function search(request: FastifyRequest, query: AlertQuery) {
    const { actor, ability } = await request.access();
    const { q, ...filters } = query;
    request.audit.detail({ filters, ...(q ? { terms: words(q).map((w) => auditForm(app.keyring, 'word', w)) } : {}) });
    const result = await searchAlerts(app.services, ability, actor.id, query, app.clock.now());
    request.audit.detail({ total: result.total });
    return result;
  }

  app.get(
    '/api/alerts',
    {
      config: { audit: 'alert.search' },
      schema: {
        tags: ['alerts'],
        summary: 'Search the alerts you may read (expired ones included); for scripts',
        querystring: AlertQuery,
        response: { 200: AlertPage },
      },
    },
    (request) => search(request, request.query),
  );

  app.post(
    '/api/alerts/search',
    {
      config: { audit: 'alert.search', readOnly: true },
      schema: {
        tags: ['alerts'],
        summary: 'The same search with its words in the body, out of addresses and proxy logs (what the web app uses)',
        body: AlertQuery,
        response: { 200: AlertPage },
      },
    },
    (request) => search(request, request.body),
  );

  app.get(
    '/api/alerts/signing-key',
    {
      // Public: national systems verify webhook bodies with it, and anyone may check a mail's signature.
      config: { audit: false, access: 'public' },
      schema: {
        tags: ['alerts'],
        summary: "The portal's OpenPGP public key: it signs alert mail and webhook bodies",
        response: { 200: Type.String() },
      },
    },
    async (_request, reply) => {
      const key = await portalPublicKey(app.services);
      return reply.type('application/pgp-keys').header('enlace-key', key.fingerprint).send(key.publicKey);
    },
  );

  app.get(
    '/api/alerts/:id',
    {
      config: { audit: 'alert.read' },
      schema: { tags: ['alerts'], summary: 'One alert (marks it read for a recipient)', params: AlertParams, response: { 200: AlertView } },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const item = await itemForContent(app, request, ability, 'alert', request.params.id);
      // A read that marks it read: the mark and the entry commit together.
      await request.change((trx) => markRead(trx, item.id, actor.id, app.clock.now()));
      return view(request, ability, item);
    },
  );

  app.post(
    '/api/alerts/:id/ack',
    {
      config: { audit: 'alert.acknowledge' },
      schema: { tags: ['alerts'], summary: 'Acknowledge an alert you received', params: AlertParams, response: { 200: AlertView } },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const item = await itemForContent(app, request, ability, 'alert', request.params.id);
      await request.change((trx) => acknowledge(app.services, trx, item, actor.id, app.clock.now()));
      return view(request, ability, item);
    },
  );

  const step = (action: Transition, summary: string) =>
    app.post(
      `/api/alerts/:id/${action}`,
      { config: { audit: `alert.${action}` }, schema: { tags: ['alerts'], summary, params: AlertParams, response: { 200: AlertView } } },
      async (request) => {
        const { ability } = await request.access();
        const found = await findItem(app.db, ability, 'alert', request.params.id);
        request.audit.space(found.spaceId).detail({ tlp: found.tlp });
        const now = app.clock.now();
        // The reply is the whole alert: a RED one is acted on after stating a purpose (428 before any change).
        if (readsContent(ability, found)) await requirePurpose(app.db, request, found, now);
        const item = await request.change(async (trx) => {
          const moved = await transitionItem(trx, ability, 'alert', found.id, action, now);
          if (action === 'publish') await published(app.services, trx, moved, now, false);
          if (action === 'withdraw') {
            await withdrawn(trx, moved);
            await notify(trx, { type: 'alert', alertId: moved.id });
          }
          return moved;
        });
        return view(request, ability, item);
      },
    );
  step('submit', 'Submit a returned alert again to the contact point');
  step('publish', 'Publish a submitted alert (contact point or substitute of its country)');
  step('return', 'Return a submitted alert to its issuer');
  step('withdraw', 'Withdraw a published alert (its issuer or their contact point)');

  app.post(
    '/api/alerts/:id/review',
    {
      config: { audit: 'alert.review' },
      schema: {
        tags: ['alerts'],
        summary: 'Mark an urgent alert, published at once, as reviewed (contact point or substitute)',
        params: AlertParams,
        response: { 200: AlertView },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const item = await findItem(app.db, ability, 'alert', request.params.id);
      request.audit.space(item.spaceId);
      authorizeItem(ability, 'review', item);
      await request.change((trx) => review(trx, item.id, actor.id, app.clock.now()));
      return view(request, ability, item);
    },
  );

  app.get(
    '/api/alerts/:id/deliveries',
    {
      config: { audit: 'alert.deliveries' },
      schema: {
        tags: ['alerts'],
        summary:
          "The issuer's delivery board: who received, read and acknowledged; targeted recipients first, filtered by target, acknowledgement, mail",
        params: AlertParams,
        querystring: DeliveriesQuery,
        response: { 200: Deliveries },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const item = await findItem(app.db, ability, 'alert', request.params.id);
      request.audit.space(item.spaceId);
      authorizeItem(ability, 'track', item);
      request.audit.detail({ filters: request.query });
      return deliveries(app.db, item.id, request.query);
    },
  );

  app.get(
    '/api/events',
    {
      config: { audit: 'events.subscribe' },
      schema: { tags: ['alerts'], summary: 'Server-sent events for the signed-in user: `alert` and `ack` (ids only)' },
    },
    async (request, reply) => {
      const { actor } = await request.access();
      // Recorded now: the stream never "ends" the way a reply does.
      await auditNow(app, request);
      reply.hijack();
      app.events.open(request, reply.raw, actor.id, request.auth!.session.id);
    },
  );
}
