/** The calls of the library screens and what they answer (aliases of the generated API types). */
import { api, uploadWithProgress } from '../../lib/api.ts';
import type { Item, Loose, Reply, RequestBody } from '../../lib/api-schema.ts';

export type LibraryPage = Reply<'/api/library/search', 'post'>;
export type LibraryCard = Item<LibraryPage['items']>;
export type LibrarySearch = RequestBody<'/api/library/search', 'post'>;
export type LibraryCreate = RequestBody<'/api/library', 'post'>;
export type LibraryView = Reply<'/api/library', 'post', 201>;
export type LibraryVersion = Item<LibraryView['versionList']>;
export type DocType = LibraryCard['docType'];
export type DocLanguage = LibraryCard['language'];

export const DOC_TYPES = [
  'legislation',
  'comparative_matrix',
  'manual',
  'guideline',
  'asylum_mechanism',
  'campaign',
  'training',
  'other',
] as const satisfies readonly DocType[];
export const DOC_LANGUAGES = ['es', 'en', 'fr', 'pt', 'other'] as const satisfies readonly DocLanguage[];

const one = (id: string) => `/api/library/${encodeURIComponent(id)}`;

export const searchLibrary = (body: LibrarySearch) => api<LibraryPage>('POST', '/api/library/search', body);
export const fetchDocument = (id: string) => api<LibraryView>('GET', one(id));
export const createDocument = (body: Loose<LibraryCreate>) => api<LibraryView>('POST', '/api/library', body);
export const editDocument = (id: string, body: Loose<RequestBody<'/api/library/{id}', 'patch'>>) => api<LibraryView>('PATCH', one(id), body);
/** A new version (multipart: one `file`), with the upload's progress. */
export const uploadVersion = (id: string, file: File, onProgress: (share: number) => void) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<LibraryVersion>(`${one(id)}/versions`, form, onProgress);
};
/** A version's bytes, from the audited route (a plain link: the session cookie goes with it). */
export const versionUrl = (id: string, versionId: string) => `${one(id)}/versions/${encodeURIComponent(versionId)}/file`;
