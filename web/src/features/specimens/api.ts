/** The calls of the specimen screens and what they answer (aliases of the generated API types). */
import { api, downloadFile, uploadWithProgress } from '../../lib/api.ts';
import type { Item, Loose, Reply, RequestBody } from '../../lib/api-schema.ts';

export type SpecimenView = Reply<'/api/specimens/{id}', 'get'>;
export type SpecimenContent = NonNullable<SpecimenView['specimen']>;
export type ImageView = Item<NonNullable<SpecimenView['images']>>;
export type SearchResult = Reply<'/api/specimens/search', 'post'>;
export type SpecimenCard = Item<SearchResult['items']>;
export type SearchBody = Loose<RequestBody<'/api/specimens/search', 'post'>>;
export type ExportBody = Loose<RequestBody<'/api/specimens/export', 'post'>>;
/** What a draft is written with: created in a space, then edited. */
export type DraftBody = Loose<RequestBody<'/api/spaces/{spaceId}/specimens', 'post'>>;
export type Sighting = Item<Reply<'/api/specimens/{id}/sightings', 'get'>>;
export type NewSighting = Loose<RequestBody<'/api/specimens/{id}/sightings', 'post'>>;
export type Correction = Item<Reply<'/api/specimens/{id}/corrections', 'get'>>;
export type NewCorrection = Loose<RequestBody<'/api/specimens/{id}/corrections', 'post'>>;
export type Related = Reply<'/api/specimens/{id}/related', 'get'>;
export type HitCheck = Reply<'/api/checks/document-number', 'post'>;
export type SpecimenStep = 'submit' | 'publish' | 'return' | 'withdraw';

const at = (id: string) => `/api/specimens/${encodeURIComponent(id)}`;

export const fetchSpecimen = (id: string) => api<SpecimenView>('GET', at(id));
export const searchSpecimens = (body: SearchBody) => api<SearchResult>('POST', '/api/specimens/search', body);
export const exportSpecimens = (body: ExportBody) => downloadFile('/api/specimens/export', body, `specimens.${body.format}`);
export const checkDocumentNumber = (body: Loose<RequestBody<'/api/checks/document-number', 'post'>>) =>
  api<HitCheck>('POST', '/api/checks/document-number', body);

// The workflow: the steps take no body (the routes declare none).
export const specimenStep = (id: string, step: SpecimenStep) =>
  api<Reply<`/api/specimens/{id}/${SpecimenStep}`, 'post'>>('POST', `${at(id)}/${step}`);

// Drafts and their images.
export const createDraft = (spaceId: string, body: DraftBody) =>
  api<Reply<'/api/spaces/{spaceId}/specimens', 'post'>>('POST', `/api/spaces/${spaceId}/specimens`, body);
export const updateDraft = (id: string, body: Loose<RequestBody<'/api/specimens/{id}', 'patch'>>) =>
  api<Reply<'/api/specimens/{id}', 'patch'>>('PATCH', at(id), body);
export const uploadImage = (id: string, data: FormData, onProgress: (share: number) => void) =>
  uploadWithProgress<Reply<'/api/specimens/{id}/images', 'post'>>(`${at(id)}/images`, data, onProgress);
export const deleteImage = (id: string, imageId: string) => api<void>('DELETE', `${at(id)}/images/${imageId}`);

/** An image's address: the full image, or its thumbnail. */
export const imageUrl = (specimenId: string, imageId: string, thumb = false): string =>
  `${at(specimenId)}/images/${encodeURIComponent(imageId)}${thumb ? '?size=thumb' : ''}`;

// Sightings, corrections, related specimens.
export const fetchSightings = (id: string) => api<Sighting[]>('GET', `${at(id)}/sightings`);
export const reportSighting = (id: string, body: NewSighting) =>
  api<Reply<'/api/specimens/{id}/sightings', 'post'>>('POST', `${at(id)}/sightings`, body);
export const proposeCorrection = (id: string, body: NewCorrection) =>
  api<Reply<'/api/specimens/{id}/corrections', 'post'>>('POST', `${at(id)}/corrections`, body);
export const fetchRelated = (id: string) => api<Related>('GET', `${at(id)}/related`);

// Regions marked on an image.
export type Annotation = Item<Reply<'/api/specimens/{id}/images/{imageId}/annotations', 'get'>>;
export type NewAnnotation = RequestBody<'/api/specimens/{id}/images/{imageId}/annotations', 'post'>;
const annotationsAt = (id: string, imageId: string) => `${at(id)}/images/${encodeURIComponent(imageId)}/annotations`;
export const fetchAnnotations = (id: string, imageId: string) => api<Annotation[]>('GET', annotationsAt(id, imageId));
export const createAnnotation = (id: string, imageId: string, body: NewAnnotation) =>
  api<Reply<'/api/specimens/{id}/images/{imageId}/annotations', 'post'>>('POST', annotationsAt(id, imageId), body);
export const deleteAnnotation = (id: string, imageId: string, annotationId: string) =>
  api<void>('DELETE', `${annotationsAt(id, imageId)}/${encodeURIComponent(annotationId)}`);
