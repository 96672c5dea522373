/** The calls of my notifications: the list with its unread count, marking one read, and my mail choices. */
import { api, withQuery } from '../../lib/api.ts';
import type { Item, Query, Reply } from '../../lib/api-schema.ts';

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
  'directory_unconfirmed',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const DELIVERIES = ['immediate', 'digest', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/**
 * A notice as server/features/notifications/schemas.ts declares it: an item notice (its item's
 * kind and id) or a deadline notice (no item; what is due, the space, the date, its name).
 */
type Listed = Reply<'/api/notifications', 'get'>;
export type Notification = Omit<Item<Listed['items']>, 'kind' | 'itemId' | 'itemKind' | 'label'> & {
  kind: NoticeKind;
  itemId: string | null;
  itemKind: string | null;
  subjectId: string | null;
  obligation: 'loading' | 'return' | null;
  spaceId: string | null;
  dueOn: string | null;
  label: string | null;
};
export type NotificationPage = Omit<Listed, 'items'> & { items: Notification[] };
export interface Preferences {
  preferences: { kind: NoticeKind; mail: Delivery }[];
}

export const fetchNotifications = (query: Query<'/api/notifications', 'get'> = {}) =>
  api<NotificationPage>('GET', withQuery('/api/notifications', query));
export const markRead = (id: string) => api<undefined>('POST', `/api/notifications/${encodeURIComponent(id)}/read`);
export const fetchPreferences = () => api<Preferences>('GET', '/api/me/notification-preferences');
export const savePreferences = (body: Preferences) => api<Preferences>('PUT', '/api/me/notification-preferences', body);
