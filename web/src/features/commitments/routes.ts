import type { Routes } from '../../lib/router.ts';
import { EditCommitmentPage, NewCommitmentPage } from './commitment-form-page.tsx';
import { CommitmentPage } from './commitment-page.tsx';
import { CommitmentsPage } from './commitments-page.tsx';

export const commitmentRoutes: Routes = [
  ['/commitments', { page: CommitmentsPage, access: 'signedIn' }],
  ['/commitments/new', { page: NewCommitmentPage, access: 'signedIn' }],
  ['/commitments/:id', { page: CommitmentPage, access: 'signedIn' }],
  ['/commitments/:id/edit', { page: EditCommitmentPage, access: 'signedIn' }],
];
