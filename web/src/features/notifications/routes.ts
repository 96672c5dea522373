import type { Routes } from '../../lib/router.ts';
import { NotificationsPage } from './notifications-page.tsx';

export const notificationRoutes: Routes = [['/notifications', { page: NotificationsPage, access: 'signedIn' }]];
