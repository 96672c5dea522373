/** The calls of the webhook screen: the migration authorities, their webhooks, and the portal's signing key. */
import { api, fetchOk, requestHeaders } from '../../lib/api.ts';
import type { ApiPath, Item, Reply, RequestBody } from '../../lib/api-schema.ts';

export type Organisation = Item<Reply<'/api/organisations', 'get'>>;
/** A national system's endpoint for an organisation's alerts, as the Secretariat registered it; `disabledAt` once stopped. */
export type Webhook = Item<Reply<'/api/organisations/{organisationId}/webhooks', 'get'>>;

const of = (organisationId: string) => `/api/organisations/${encodeURIComponent(organisationId)}/webhooks`;

export const fetchOrganisations = () => api<Organisation[]>('GET', '/api/organisations');
export const fetchWebhooks = (organisationId: string) => api<Webhook[]>('GET', of(organisationId));
export const registerWebhook = (organisationId: string, body: RequestBody<'/api/organisations/{organisationId}/webhooks', 'post'>) =>
  api<Reply<'/api/organisations/{organisationId}/webhooks', 'post'>>('POST', of(organisationId), body);
export const stopWebhook = (id: string) => api<Reply<'/api/webhooks/{webhookId}', 'delete'>>('DELETE', `/api/webhooks/${encodeURIComponent(id)}`);

/** Where the portal's public key is published (armored text): what verifies alert mail and webhook bodies. */
export const SIGNING_KEY_PATH = '/api/alerts/signing-key' satisfies ApiPath;

/** The portal key's fingerprint, as its `Enlace-Key` header gives it (the body, the key itself, is left unread). */
export async function fetchSigningKeyFingerprint(): Promise<string> {
  const response = await fetchOk(SIGNING_KEY_PATH, { headers: requestHeaders('GET', 'application/pgp-keys') });
  await response.body?.cancel();
  return response.headers.get('enlace-key') ?? '';
}
