import type { Routes } from '../../lib/router.ts';

export const followupRoutes: Routes = [
  ['/followup', { load: () => import('./dashboard-page.tsx').then((m) => m.DashboardPage), access: 'followup' }],
];
