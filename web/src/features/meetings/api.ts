/** The calls of the meetings screens and what they answer (aliases of the generated API types). */
import { api, uploadWithProgress, withQuery } from '../../lib/api.ts';
import type { Item, Query, Reply, RequestBody } from '../../lib/api-schema.ts';

export type MeetingPage = Reply<'/api/meetings', 'get'>;
export type Meeting = Item<MeetingPage['items']>;
export type MeetingDetail = Reply<'/api/meetings/{id}', 'get'>;
export type MeetingBody = RequestBody<'/api/meetings', 'post'>;
export type MeetingPatch = RequestBody<'/api/meetings/{id}', 'patch'>;
export type MeetingFilters = Query<'/api/meetings', 'get'>;
export type MeetingKind = Meeting['kind'];
export type TrainingTopic = NonNullable<Meeting['topic']>;
export type AgreementBody = RequestBody<'/api/meetings/{id}/agreements', 'post'>;
export type TrainingRow = Item<Reply<'/api/meetings/trainings', 'get'>['rows']>;
export type Network = Item<Reply<'/api/networks', 'get'>>;
export type CalendarKey = Reply<'/api/me/calendar-key', 'post'>;
export type MeetingDocument = Item<MeetingDetail['documents']>;
export type DocumentKind = MeetingDocument['kind'];
export const DOCUMENT_KINDS = ['agenda', 'presentation', 'minutes', 'report', 'participants', 'other'] as const satisfies readonly DocumentKind[];

export const MEETING_KINDS = [
  'grcm',
  'crm_plenary',
  'network_meeting',
  'workshop',
  'training',
  'joint_exercise',
  'crm_csm',
] as const satisfies readonly MeetingKind[];
export const TRAINING_TOPICS = ['document_fraud', 'victim_identification', 'asylum_refuge', 'other'] as const satisfies readonly TrainingTopic[];

const at = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export const fetchMeetings = (filters: MeetingFilters) => api<MeetingPage>('GET', withQuery('/api/meetings', filters));
export const fetchMeeting = (id: string) => api<MeetingDetail>('GET', at(id));
export const fetchNetworks = () => api<Network[]>('GET', '/api/networks');
export const fetchTrainings = () => api<Reply<'/api/meetings/trainings', 'get'>>('GET', '/api/meetings/trainings');
export const createMeeting = (body: MeetingBody) => api<Meeting>('POST', '/api/meetings', body);
export const editMeeting = (id: string, patch: MeetingPatch) => api<Meeting>('PATCH', at(id), patch);
export const recordMinutes = (id: string, minutes: { es: string | null; en: string | null }) =>
  api<MeetingDetail>('PUT', `${at(id)}/minutes`, minutes);
export const recordAgreement = (id: string, body: AgreementBody) => api<MeetingDetail>('POST', `${at(id)}/agreements`, body);
export const recordTrainings = (id: string, counts: { country: string; officials: number }[]) =>
  api<MeetingDetail>('PUT', `${at(id)}/trainings`, { counts });
export const fetchCalendarKey = () => api<Reply<'/api/me/calendar-key', 'get'>>('GET', '/api/me/calendar-key');
export const makeCalendarKey = () => api<CalendarKey>('POST', '/api/me/calendar-key');
export const revokeCalendarKey = () => api<null>('DELETE', '/api/me/calendar-key');
/** Documents sent as one multipart request (`kind`, then the files), with the upload's progress. */
export const attachDocuments = (id: string, form: FormData, onProgress: (share: number) => void) =>
  uploadWithProgress<MeetingDetail>(`${at(id)}/documents`, form, onProgress);
export const documentUrl = (id: string, fileId: string) => `${at(id)}/documents/${encodeURIComponent(fileId)}`;
export const removeDocument = (id: string, fileId: string) => api<MeetingDetail>('DELETE', documentUrl(id, fileId));
