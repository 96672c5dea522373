import type { Routes } from '../../lib/router.ts';

export const organisationRoutes: Routes = [
  ['/organisations', { load: () => import('./organisations-page.tsx').then((m) => m.OrganisationsPage), access: 'secretariat' }],
];
