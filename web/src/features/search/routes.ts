import type { Routes } from '../../lib/router.ts';
import { SearchPage } from './search-page.tsx';

export const searchRoutes: Routes = [['/search', { page: SearchPage, access: 'signedIn' }]];
