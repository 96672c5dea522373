/** The calls of the directory screen and what they answer (aliases of the generated API types). */
import { api } from '../../lib/api.ts';
import type { Item, Reply, RequestBody } from '../../lib/api-schema.ts';

export type Directory = Reply<'/api/networks/{networkId}/directory', 'get'>;
export type Entry = Item<Directory['entries']>;
export type Contact = Item<Entry['contacts']>;
export type ContactKind = Contact['kind'];
export type EntryPatch = RequestBody<'/api/directory/{countryEntryId}', 'patch'>;
export type Network = Item<Reply<'/api/directory', 'get'>['networks']>;

export const CONTACT_KINDS = ['duty', 'campaign', 'consular'] as const satisfies readonly ContactKind[];

export const fetchNetworks = () => api<Reply<'/api/directory', 'get'>>('GET', '/api/directory');
export const fetchDirectory = (networkId: string) => api<Directory>('GET', `/api/networks/${encodeURIComponent(networkId)}/directory`);
export const editEntry = (id: string, patch: EntryPatch) => api<Entry>('PATCH', `/api/directory/${encodeURIComponent(id)}`, patch);
export const confirmEntry = (id: string) => api<Entry>('POST', `/api/directory/${encodeURIComponent(id)}/confirm`);
export const appointSubstitute = (id: string, userId: string) =>
  api<Entry>('POST', `/api/directory/${encodeURIComponent(id)}/substitute`, { userId });
/** What the urgent operational message's form sends: an urgent alert for the contact points and substitutes. */
export interface UrgentMessage {
  spaceId: string;
  title: string;
  body: string;
  targetCountries: RequestBody<'/api/alerts', 'post'>['targetCountries'];
  validFrom: string;
  validUntil: string;
}
export const sendUrgentMessage = (m: UrgentMessage) =>
  api<Reply<'/api/alerts', 'post'>>('POST', '/api/alerts', {
    ...m,
    severity: 'urgent',
    audience: 'contact_points',
    targetOrganisations: [],
    tlp: 'AMBER',
  });
/** Every contact of the network as a .vcf to download (a plain link: the session cookie goes with it). */
export const vcardAddress = (networkId: string, lang: string) => `/api/networks/${encodeURIComponent(networkId)}/directory?format=vcard&lang=${lang}`;
