import type { Routes } from '../../lib/router.ts';

export const libraryRoutes: Routes = [
  ['/library', { load: () => import('./library-page.tsx').then((m) => m.LibraryPage), access: 'signedIn' }],
  ['/library/new', { load: () => import('./new-document-page.tsx').then((m) => m.NewDocumentPage), access: 'signedIn' }],
  ['/library/:id', { load: () => import('./document-page.tsx').then((m) => m.DocumentPage), access: 'signedIn' }],
  ['/library/:id/edit', { load: () => import('./edit-document-page.tsx').then((m) => m.EditDocumentPage), access: 'signedIn' }],
];
