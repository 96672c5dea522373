import type { Routes } from '../../lib/router.ts';

export const homeRoutes: Routes = [['/', { load: () => import('./home-page.tsx').then((m) => m.HomePage), access: 'public' }]];
