/** The calls of the alert screens and what they answer (aliases of the generated API types). */
import { api } from '../../lib/api.ts';
import type { Item, Loose, Query, Reply, RequestBody } from '../../lib/api-schema.ts';

export type AlertView = Reply<'/api/alerts/{id}', 'get'>;
export type AlertList = Reply<'/api/alerts/search', 'post'>;
export type AlertCard = Item<AlertList['items']>;
export type Inbox = Reply<'/api/alerts/inbox', 'get'>;
export type Deliveries = Reply<'/api/alerts/{id}/deliveries', 'get'>;
export type Delivery = Item<Deliveries['recipients']>;
export type DeliveryFilters = Query<'/api/alerts/{id}/deliveries', 'get'>;
export type NewAlert = Loose<RequestBody<'/api/alerts', 'post'>>;
/** A search's body: the server's defaults (the first page of 20) apply to what is left out. */
export type AlertSearch = Partial<RequestBody<'/api/alerts/search', 'post'>>;
export type Severity = AlertView['severity'];
export type Organisation = Item<Reply<'/api/organisations', 'get'>>;
/** A specimen an alert may link, as a search finds it. */
export type LinkableSpecimen = Item<Reply<'/api/specimens/search', 'post'>['items']>;

export const SEVERITIES = ['info', 'warning', 'urgent'] as const satisfies readonly Severity[];

/** The labels an alert may carry when it is addressed to organisations (migration authorities). */
export const ORGANISATION_TLPS = ['CLEAR', 'GREEN', 'AMBER'] as const satisfies readonly AlertView['tlp'][];

/** The statuses a search filters on; without one, withdrawn alerts are left out. */
export const SEARCH_STATUSES = ['submitted', 'published', 'withdrawn'] as const satisfies readonly NonNullable<AlertSearch['status']>[];
export type SearchStatus = (typeof SEARCH_STATUSES)[number];

/** `submit` sends a returned alert (a draft again) back to the contact point. */
export type AlertAction = 'submit' | 'publish' | 'return' | 'withdraw' | 'review';

/** Who has the alert screens (items/item-roles.ts: the home page asks it too). */
export { mayReceiveAlerts } from '../../items/item-roles.ts';

const at = (id: string) => `/api/alerts/${encodeURIComponent(id)}`;

export const fetchInbox = () => api<Inbox>('GET', '/api/alerts/inbox');
/** A search, its words in the body (out of addresses, history and proxy logs). */
export const searchAlerts = (body: AlertSearch) => api<AlertList>('POST', '/api/alerts/search', body);
export const fetchAlert = (id: string) => api<AlertView>('GET', at(id));
export const createAlert = (body: NewAlert) => api<Reply<'/api/alerts', 'post'>>('POST', '/api/alerts', body);
// The steps take no body (the routes declare none).
export const acknowledgeAlert = (id: string) => api<Reply<'/api/alerts/{id}/ack', 'post'>>('POST', `${at(id)}/ack`);
export const alertStep = (id: string, action: AlertAction) => api<Reply<`/api/alerts/{id}/${AlertAction}`, 'post'>>('POST', `${at(id)}/${action}`);
/** The board with its filters (each in the query: flags, never content). */
export const fetchDeliveries = (id: string, filters: DeliveryFilters = {}) => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  const text = query.toString();
  return api<Deliveries>('GET', `${at(id)}/deliveries${text ? `?${text}` : ''}`);
};
export const fetchOrganisations = () => api<Organisation[]>('GET', '/api/organisations');
/** Published specimens to link, found by keywords. */
export const findSpecimens = (q: string) =>
  api<Reply<'/api/specimens/search', 'post'>>('POST', '/api/specimens/search', {
    ...(q ? { q } : {}),
    status: 'published',
    sort: 'newest',
    page: 1,
    pageSize: 20,
  });
