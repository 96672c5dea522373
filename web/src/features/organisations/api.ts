/** The calls of the organisations screen: list with filters, register, change (names, kind, active). */
import { api, withQuery } from '../../lib/api.ts';
import type { Item, Query, Reply, RequestBody } from '../../lib/api-schema.ts';

export type Organisation = Item<Reply<'/api/organisations', 'get'>>;
export type OrganisationKind = Organisation['kind'];
export type OrganisationFilters = Query<'/api/organisations', 'get'>;
export type NewOrganisation = RequestBody<'/api/organisations', 'post'>;
export type OrganisationChange = RequestBody<'/api/organisations/{organisationId}', 'patch'>;

export const KINDS: readonly OrganisationKind[] = ['member_authority', 'migration_authority', 'observer', 'partner', 'secretariat'];
/** Kinds whose country is a member state; the others take their own code as their country. */
export const OF_A_COUNTRY: readonly OrganisationKind[] = ['member_authority', 'migration_authority'];

/** The kinds an organisation may change to (the server's rule: it stays in the same place). */
export function kindsFrom(kind: OrganisationKind): OrganisationKind[] {
  if (OF_A_COUNTRY.includes(kind)) return [...OF_A_COUNTRY];
  if (kind === 'observer' || kind === 'partner') return ['observer', 'partner'];
  return [kind];
}

export const fetchOrganisations = (filters: Partial<OrganisationFilters> = {}) =>
  api<Organisation[]>('GET', withQuery('/api/organisations', { ...filters }));
export const createOrganisation = (body: NewOrganisation) => api<Reply<'/api/organisations', 'post'>>('POST', '/api/organisations', body);
export const updateOrganisation = (id: string, body: OrganisationChange) =>
  api<Reply<'/api/organisations/{organisationId}', 'patch'>>('PATCH', `/api/organisations/${encodeURIComponent(id)}`, body);
