import type { Routes } from '../../lib/router.ts';

export const specimenRoutes: Routes = [
  ['/specimens', { load: () => import('./search-page.tsx').then((m) => m.SpecimensPage), access: 'signedIn' }],
  ['/specimens/new', { load: () => import('./upload/upload-page.tsx').then((m) => m.SpecimenUploadPage), access: 'signedIn' }],
  ['/specimens/compare', { load: () => import('./compare/compare-page.tsx').then((m) => m.ComparePage), access: 'signedIn' }],
  ['/specimens/validation', { load: () => import('./validation-page.tsx').then((m) => m.ValidationPage), access: 'signedIn' }],
  ['/specimens/saved', { load: () => import('./saved-searches-page.tsx').then((m) => m.SavedSearchesPage), access: 'signedIn' }],
  ['/specimens/:id', { load: () => import('./specimen-page.tsx').then((m) => m.SpecimenPage), access: 'signedIn' }],
  ['/checks', { load: () => import('./hit-check-page.tsx').then((m) => m.HitCheckPage), access: 'signedIn' }],
];
