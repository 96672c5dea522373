import type { Routes } from '../../lib/router.ts';
import { OrganisationsPage } from './organisations-page.tsx';

export const organisationRoutes: Routes = [['/organisations', { page: OrganisationsPage, access: 'secretariat' }]];
