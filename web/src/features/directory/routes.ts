import type { Routes } from '../../lib/router.ts';

export const directoryRoutes: Routes = [
  ['/directory', { load: () => import('./directory-page.tsx').then((m) => m.DirectoryPage), access: 'signedIn' }],
];
