/** The combined search's call and what it answers (aliases of the generated API types). */
import { api } from '../../lib/api.ts';
import type { Item, Loose, Reply, RequestBody } from '../../lib/api-schema.ts';

export type SearchResult = Reply<'/api/search', 'post'>;
export type SearchHit = Item<SearchResult['items']>;
export type HitKind = SearchHit['kind'];
export type SearchBody = Loose<RequestBody<'/api/search', 'post'>>;

export const HIT_KINDS = ['specimen', 'report', 'alert'] as const satisfies readonly HitKind[];

/** The words travel in the body, never in an address. */
export const searchEverything = (body: SearchBody) => api<SearchResult>('POST', '/api/search', body);
