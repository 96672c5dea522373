import type { Routes } from '../../lib/router.ts';

// Every address holds an id or a code, never a name: names travel in request bodies only.
export const personRoutes: Routes = [
  ['/persons', { load: () => import('./list-page.tsx').then((m) => m.PersonsPage), access: 'signedIn' }],
  ['/persons/new', { load: () => import('./form/form-page.tsx').then((m) => m.PersonFormPage), access: 'signedIn' }],
  ['/persons/check', { load: () => import('./check/check-page.tsx').then((m) => m.PersonCheckPage), access: 'signedIn' }],
  ['/persons/blank/:form', { load: () => import('./form/blank-page.tsx').then((m) => m.BlankFormPage), access: 'signedIn' }],
  ['/persons/:id', { load: () => import('./detail/person-page.tsx').then((m) => m.PersonPage), access: 'signedIn' }],
];
