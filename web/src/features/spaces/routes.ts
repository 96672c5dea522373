import type { Routes } from '../../lib/router.ts';
import { NewSpacePage } from './new-space-page.tsx';
import { SpaceMembersPage, SpacePage } from './space-page.tsx';
import { SpacesPage } from './spaces-page.tsx';

export const spaceRoutes: Routes = [
  ['/spaces', { page: SpacesPage, access: 'signedIn' }],
  ['/spaces/new', { page: NewSpacePage, access: 'secretariat' }],
  ['/spaces/:spaceId', { page: SpacePage, access: 'signedIn' }],
  ['/spaces/:spaceId/members', { page: SpaceMembersPage, access: 'signedIn' }],
];
