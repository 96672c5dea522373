import type { Routes } from '../../lib/router.ts';
import { HomePage } from './home-page.tsx';

export const homeRoutes: Routes = [['/', { page: HomePage, access: 'public' }]];
