import type { Routes } from '../../lib/router.ts';

export const reportRoutes: Routes = [
  ['/reports', { load: () => import('./search-page.tsx').then((m) => m.ReportsPage), access: 'signedIn' }],
  ['/reports/new', { load: () => import('./composer/composer-page.tsx').then((m) => m.ReportComposerPage), access: 'signedIn' }],
  ['/reports/map', { load: () => import('./map/map-page.tsx').then((m) => m.SpaceMapPage), access: 'signedIn' }],
  ['/reports/:id', { load: () => import('./report-page.tsx').then((m) => m.ReportPage), access: 'signedIn' }],
];
