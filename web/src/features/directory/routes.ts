import type { Routes } from '../../lib/router.ts';
import { DirectoryPage } from './directory-page.tsx';

export const directoryRoutes: Routes = [['/directory', { page: DirectoryPage, access: 'signedIn' }]];
