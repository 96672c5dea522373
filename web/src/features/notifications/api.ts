/** The calls of my notifications: the list with its unread count, marking one read, and my mail choices. */
import { api, withQuery } from '../../lib/api.ts';
import type { Item, Query, Reply, RequestBody } from '../../lib/api-schema.ts';

/** Every kind of notice, in the order the preferences list them (server/platform/notifications/store.ts). */
export const NOTICE_KINDS = [
  'saved_search',
  'validation_waiting',
  'returned_to_draft',
  'correction_proposed',
  'correction_decided',
  'sighting',
  'deadline_due',
  'deadline_late',
  'entry_requirement_changed',
  'directory_unconfirmed',
  'meeting_reminder',
] as const satisfies readonly NoticeKind[];
export const DELIVERIES = ['immediate', 'digest', 'off'] as const satisfies readonly Delivery[];

/**
 * A notice as server/features/notifications/schemas.ts declares it: an item notice (its item's
 * kind and id) or a deadline notice (no item; what is due, the space, the date, its name).
 */
export type NotificationPage = Reply<'/api/notifications', 'get'>;
export type Notification = Item<NotificationPage['items']>;
export type NoticeKind = Notification['kind'];
export type Preferences = Reply<'/api/me/notification-preferences', 'get'>;
export type Delivery = Item<Preferences['preferences']>['mail'];

export const fetchNotifications = (query: Query<'/api/notifications', 'get'> = {}) =>
  api<NotificationPage>('GET', withQuery('/api/notifications', query));
export const markRead = (id: string) => api<undefined>('POST', `/api/notifications/${encodeURIComponent(id)}/read`);
export const fetchPreferences = () => api<Preferences>('GET', '/api/me/notification-preferences');
export const savePreferences = (body: RequestBody<'/api/me/notification-preferences', 'put'>) =>
  api<Preferences>('PUT', '/api/me/notification-preferences', body);
