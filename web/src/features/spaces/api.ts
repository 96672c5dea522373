/** The calls of the space screens: spaces, networks, members, and the accounts to add. */
import { api, withQuery } from '../../lib/api.ts';
import type { Item, Query, Reply, RequestBody } from '../../lib/api-schema.ts';

export type SpaceView = Reply<'/api/spaces/{spaceId}', 'get'>;
export type Network = SpaceView['network'];
export type Member = Item<Reply<'/api/spaces/{spaceId}/members', 'get'>>;
export type NewSpace = RequestBody<'/api/spaces', 'post'>;
export type SpaceChange = RequestBody<'/api/spaces/{spaceId}', 'patch'>;
export type AccountList = Reply<'/api/users', 'get'>;

export const fetchSpaces = () => api<Reply<'/api/spaces', 'get'>>('GET', '/api/spaces');
export const fetchSpace = (id: string) => api<SpaceView>('GET', `/api/spaces/${encodeURIComponent(id)}`);
export const createSpace = (body: NewSpace) => api<Reply<'/api/spaces', 'post'>>('POST', '/api/spaces', body);
export const updateSpace = (id: string, body: SpaceChange) => api<Reply<'/api/spaces/{spaceId}', 'patch'>>('PATCH', `/api/spaces/${id}`, body);

export const fetchNetworks = () => api<Reply<'/api/networks', 'get'>>('GET', '/api/networks');
export const createNetwork = (body: RequestBody<'/api/networks', 'post'>) => api<Reply<'/api/networks', 'post'>>('POST', '/api/networks', body);

export const fetchMembers = (spaceId: string) => api<Member[]>('GET', `/api/spaces/${spaceId}/members`);
export const addMember = (spaceId: string, body: RequestBody<'/api/spaces/{spaceId}/members', 'post'>) =>
  api<Reply<'/api/spaces/{spaceId}/members', 'post'>>('POST', `/api/spaces/${spaceId}/members`, body);
export const changeMemberRole = (spaceId: string, userId: string, body: RequestBody<'/api/spaces/{spaceId}/members/{userId}', 'patch'>) =>
  api<Reply<'/api/spaces/{spaceId}/members/{userId}', 'patch'>>('PATCH', `/api/spaces/${spaceId}/members/${userId}`, body);
export const removeMember = (spaceId: string, userId: string) => api<void>('DELETE', `/api/spaces/${spaceId}/members/${userId}`);

/** Accounts that may be added to a space (the Secretariat: all; a contact point: those of its country). */
export const searchAccounts = (query: Query<'/api/users', 'get'>) => api<AccountList>('GET', withQuery('/api/users', query));
