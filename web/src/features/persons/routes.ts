import type { Routes } from '../../lib/router.ts';
import { PersonCheckPage } from './check/check-page.tsx';
import { PersonPage } from './detail/person-page.tsx';
import { BlankFormPage } from './form/blank-page.tsx';
import { PersonFormPage } from './form/form-page.tsx';
import { PersonsPage } from './list-page.tsx';

// Every address holds an id or a code, never a name: names travel in request bodies only.
export const personRoutes: Routes = [
  ['/persons', { page: PersonsPage, access: 'signedIn' }],
  ['/persons/new', { page: PersonFormPage, access: 'signedIn' }],
  ['/persons/check', { page: PersonCheckPage, access: 'signedIn' }],
  ['/persons/blank/:form', { page: BlankFormPage, access: 'signedIn' }],
  ['/persons/:id', { page: PersonPage, access: 'signedIn' }],
];
