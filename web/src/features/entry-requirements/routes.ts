import type { Routes } from '../../lib/router.ts';

export const entryRequirementRoutes: Routes = [
  ['/entry-requirements', { load: () => import('./entry-requirements-page.tsx').then((m) => m.EntryRequirementsPage), access: 'signedIn' }],
];
