import type { Routes } from '../../lib/router.ts';

export const notificationRoutes: Routes = [
  ['/notifications', { load: () => import('./notifications-page.tsx').then((m) => m.NotificationsPage), access: 'signedIn' }],
];
