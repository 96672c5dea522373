import type { Routes } from '../../lib/router.ts';

export const commitmentRoutes: Routes = [
  ['/commitments', { load: () => import('./commitments-page.tsx').then((m) => m.CommitmentsPage), access: 'signedIn' }],
  ['/commitments/new', { load: () => import('./commitment-form-page.tsx').then((m) => m.NewCommitmentPage), access: 'signedIn' }],
  ['/commitments/:id', { load: () => import('./commitment-page.tsx').then((m) => m.CommitmentPage), access: 'signedIn' }],
  ['/commitments/:id/edit', { load: () => import('./commitment-form-page.tsx').then((m) => m.EditCommitmentPage), access: 'signedIn' }],
];
