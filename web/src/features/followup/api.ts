/** The follow-up calls and what they answer (aliases of the generated API types): figures only. */
import { api } from '../../lib/api.ts';
import type { Item, Reply } from '../../lib/api-schema.ts';
import type { Language } from '../../lib/i18n/languages.ts';

export type Dashboard = Reply<'/api/followup/dashboard', 'get'>;
export type Loading = Item<Dashboard['loading']>;
export type LoadingState = Loading['state'];
export type Kinds = Loading['published'];
export const KINDS = ['specimen', 'report', 'alert', 'person'] as const satisfies readonly (keyof Kinds)[];

/** `query`: networkId and period, as the page's address holds them. */
export const fetchDashboard = (query: string) => api<Dashboard>('GET', `/api/followup/dashboard${query ? `?${query}` : ''}`);
/**
 * The same figures as a file to download (a plain link: the session cookie goes with it, but not
 * our accept-language header, so the link names the portal's language itself).
 */
export const exportAddress = (query: string, format: 'csv' | 'pdf', lang: Language) =>
  `/api/followup/dashboard/export?${query ? `${query}&` : ''}format=${format}&lang=${lang}`;
