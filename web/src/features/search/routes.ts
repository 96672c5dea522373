import type { Routes } from '../../lib/router.ts';

export const searchRoutes: Routes = [['/search', { load: () => import('./search-page.tsx').then((m) => m.SearchPage), access: 'signedIn' }]];
