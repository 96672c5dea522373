import type { Routes } from '../../lib/router.ts';
import { ComparePage } from './compare/compare-page.tsx';
import { HitCheckPage } from './hit-check-page.tsx';
import { SavedSearchesPage } from './saved-searches-page.tsx';
import { SpecimensPage } from './search-page.tsx';
import { SpecimenPage } from './specimen-page.tsx';
import { SpecimenUploadPage } from './upload/upload-page.tsx';
import { ValidationPage } from './validation-page.tsx';

export const specimenRoutes: Routes = [
  ['/specimens', { page: SpecimensPage, access: 'signedIn' }],
  ['/specimens/new', { page: SpecimenUploadPage, access: 'signedIn' }],
  ['/specimens/compare', { page: ComparePage, access: 'signedIn' }],
  ['/specimens/validation', { page: ValidationPage, access: 'signedIn' }],
  ['/specimens/saved', { page: SavedSearchesPage, access: 'signedIn' }],
  ['/specimens/:id', { page: SpecimenPage, access: 'signedIn' }],
  ['/checks', { page: HitCheckPage, access: 'signedIn' }],
];
