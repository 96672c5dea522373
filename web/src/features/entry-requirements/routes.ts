import type { Routes } from '../../lib/router.ts';
import { EntryRequirementsPage } from './entry-requirements-page.tsx';

export const entryRequirementRoutes: Routes = [['/entry-requirements', { page: EntryRequirementsPage, access: 'signedIn' }]];
