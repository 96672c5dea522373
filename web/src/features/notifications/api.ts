/** The calls of my notifications: the list with its unread count, marking one read, and my mail choices. */
import { api, withQuery } from '../../lib/api.ts';
import type { Item, Query, Reply, RequestBody } from '../../lib/api-schema.ts';

export type NotificationPage = Reply<'/api/notifications', 'get'>;
export type Notification = Item<NotificationPage['items']>;
export type Preferences = Reply<'/api/me/notification-preferences', 'get'>;

export const fetchNotifications = (query: Query<'/api/notifications', 'get'> = {}) =>
  api<NotificationPage>('GET', withQuery('/api/notifications', query));
export const markRead = (id: string) => api<undefined>('POST', `/api/notifications/${encodeURIComponent(id)}/read`);
export const fetchPreferences = () => api<Preferences>('GET', '/api/me/notification-preferences');
export const savePreferences = (body: RequestBody<'/api/me/notification-preferences', 'put'>) =>
  api<Reply<'/api/me/notification-preferences', 'put'>>('PUT', '/api/me/notification-preferences', body);
