import type { Routes } from '../../lib/router.ts';
import { ReportComposerPage } from './composer/composer-page.tsx';
import { SpaceMapPage } from './map/map-page.tsx';
import { ReportPage } from './report-page.tsx';
import { ReportsPage } from './search-page.tsx';

export const reportRoutes: Routes = [
  ['/reports', { page: ReportsPage, access: 'signedIn' }],
  ['/reports/new', { page: ReportComposerPage, access: 'signedIn' }],
  ['/reports/map', { page: SpaceMapPage, access: 'signedIn' }],
  ['/reports/:id', { page: ReportPage, access: 'signedIn' }],
];
