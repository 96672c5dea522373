import type { Routes } from '../../lib/router.ts';
import { DashboardPage } from './dashboard-page.tsx';

export const followupRoutes: Routes = [['/followup', { page: DashboardPage, access: 'followup' }]];
