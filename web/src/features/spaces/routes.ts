import type { Routes } from '../../lib/router.ts';

export const spaceRoutes: Routes = [
  ['/spaces', { load: () => import('./spaces-page.tsx').then((m) => m.SpacesPage), access: 'signedIn' }],
  ['/spaces/new', { load: () => import('./new-space-page.tsx').then((m) => m.NewSpacePage), access: 'secretariat' }],
  ['/spaces/:spaceId', { load: () => import('./space-page.tsx').then((m) => m.SpacePage), access: 'signedIn' }],
  ['/spaces/:spaceId/members', { load: () => import('./space-page.tsx').then((m) => m.SpaceMembersPage), access: 'signedIn' }],
];
