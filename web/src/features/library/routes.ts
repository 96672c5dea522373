import type { Routes } from '../../lib/router.ts';
import { DocumentPage } from './document-page.tsx';
import { EditDocumentPage } from './edit-document-page.tsx';
import { LibraryPage } from './library-page.tsx';
import { NewDocumentPage } from './new-document-page.tsx';

export const libraryRoutes: Routes = [
  ['/library', { page: LibraryPage, access: 'signedIn' }],
  ['/library/new', { page: NewDocumentPage, access: 'signedIn' }],
  ['/library/:id', { page: DocumentPage, access: 'signedIn' }],
  ['/library/:id/edit', { page: EditDocumentPage, access: 'signedIn' }],
];
