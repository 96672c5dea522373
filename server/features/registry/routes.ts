import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authorize } from '../../../policies/ability.ts';
import { isDatabaseError, SQLSTATE } from '../../platform/db/errors.ts';
import { ApiError, ErrorReply } from '../../platform/http/errors.ts';
import { insertNetwork, insertWebhook, listNetworks, listWebhooks, organisationExists, stopWebhook } from './queries.ts';
import { NetworkBody, NetworkView, OrganisationParams, WebhookCreate, WebhookParams, WebhookView } from './schemas.ts';

/** A code already taken: 409 on the field that holds it. */
const codeTaken = (err: unknown): never => {
  if (isDatabaseError(err, SQLSTATE.uniqueViolation)) throw new ApiError(409, 'code_taken', {}, 'body.code');
  throw err;
};

const webhookView = (w: { id: string; organisationId: string; url: string; createdAt: Date; disabledAt: Date | null }) => ({
  id: w.id,
  organisationId: w.organisationId,
  url: w.url,
  createdAt: new Date(w.createdAt).toISOString(),
  disabledAt: w.disabledAt ? new Date(w.disabledAt).toISOString() : null,
});

/** A webhook address: https, or plain http for this machine only (a national system's test receiver). */
function webhookUrl(given: string): URL {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new ApiError(400, 'invalid_url', {}, 'body.url');
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) throw new ApiError(400, 'webhook_insecure', {}, 'body.url');
  return url;
}

/**
 * What the Secretariat registers: networks, and the webhooks of organisations' national systems,
 * which the alerts feature delivers to (the organisations themselves: server/features/organisations).
 * Everyone signed in reads the networks; only the Secretariat changes them and sees the webhooks
 * (policies/spaces.ts).
 */
export default async function registryRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/networks',
    { config: { audit: false }, schema: { tags: ['registry'], summary: 'The networks', response: { 200: Type.Array(NetworkView) } } },
    async (request) => {
      authorize((await request.access()).ability, 'read', 'Network');
      return listNetworks(app.db);
    },
  );

  app.post(
    '/api/networks',
    {
      config: { audit: 'network.create' },
      schema: { tags: ['registry'], summary: 'Create a network (Secretariat)', body: NetworkBody, response: { 201: NetworkView } },
    },
    async (request, reply) => {
      authorize((await request.access()).ability, 'create', 'Network');
      const row = await request
        .change(async (trx) => {
          const created = await insertNetwork(trx, request.body);
          request.audit.subjectId = created.id;
          return created;
        })
        .catch(codeTaken);
      return reply.code(201).send(row);
    },
  );

  app.get(
    '/api/organisations/:organisationId/webhooks',
    {
      config: { audit: 'webhook.list' },
      schema: {
        tags: ['registry'],
        summary: "An organisation's webhooks (Secretariat)",
        params: OrganisationParams,
        response: { 200: Type.Array(WebhookView) },
      },
    },
    async (request) => {
      authorize((await request.access()).ability, 'read', 'Webhook');
      return (await listWebhooks(app.db, request.params.organisationId)).map(webhookView);
    },
  );

  app.post(
    '/api/organisations/:organisationId/webhooks',
    {
      config: { audit: 'webhook.create' },
      schema: {
        tags: ['registry'],
        summary: 'Register a national system that receives alerts for this organisation (Secretariat)',
        params: OrganisationParams,
        body: WebhookCreate,
        response: { 201: WebhookView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      authorize(ability, 'create', 'Webhook');
      const url = webhookUrl(request.body.url);
      const { organisationId } = request.params;
      if (!(await organisationExists(app.db, organisationId))) throw new ApiError(404, 'not_found');
      request.audit.detail({ host: url.host });
      const row = await request.change(async (trx) => {
        const created = await insertWebhook(trx, { organisationId, url: url.toString(), createdBy: actor.id, createdAt: app.clock.now() });
        request.audit.subjectId = created.id;
        return created;
      });
      return reply.code(201).send(webhookView(row));
    },
  );

  app.delete(
    '/api/webhooks/:webhookId',
    {
      config: { audit: 'webhook.remove' },
      schema: { tags: ['registry'], summary: 'Stop delivering to a webhook (Secretariat)', params: WebhookParams, response: { 200: WebhookView } },
    },
    async (request) => {
      authorize((await request.access()).ability, 'remove', 'Webhook');
      const row = await request.change(async (trx) => {
        const stopped = await stopWebhook(trx, request.params.webhookId, app.clock.now());
        if (!stopped) throw new ApiError(404, 'not_found');
        return stopped;
      });
      return webhookView(row);
    },
  );
}
