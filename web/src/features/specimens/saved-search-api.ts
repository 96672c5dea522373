/** The calls of my saved searches of specimens (their words travel in bodies, never in an address). */
import { api } from '../../lib/api.ts';
import type { Item, Reply, RequestBody } from '../../lib/api-schema.ts';

export type SavedSearchList = Reply<'/api/saved-searches', 'get'>;
export type SavedSearch = Item<SavedSearchList['items']>;
export type NewSavedSearch = RequestBody<'/api/saved-searches', 'post'>;

const at = (id: string) => `/api/saved-searches/${encodeURIComponent(id)}`;

export const fetchSavedSearches = () => api<SavedSearchList>('GET', '/api/saved-searches');
export const saveSearch = (body: NewSavedSearch) => api<SavedSearch>('POST', '/api/saved-searches', body);
export const updateSavedSearch = (id: string, body: RequestBody<'/api/saved-searches/{id}', 'patch'>) =>
  api<Reply<'/api/saved-searches/{id}', 'patch'>>('PATCH', at(id), body);
export const deleteSavedSearch = (id: string) => api<undefined>('DELETE', at(id));
