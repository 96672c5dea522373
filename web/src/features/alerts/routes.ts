import type { Routes } from '../../lib/router.ts';
import { AlertPage } from './alert-page.tsx';
import { AlertComposerPage } from './composer/composer-page.tsx';
import { AlertsInboxPage } from './inbox-page.tsx';
import { AlertsSearchPage } from './search-page.tsx';
import { AlertsValidationPage } from './validation-page.tsx';

export const alertRoutes: Routes = [
  ['/alerts', { page: AlertsInboxPage, access: 'signedIn' }],
  ['/alerts/new', { page: AlertComposerPage, access: 'signedIn' }],
  ['/alerts/search', { page: AlertsSearchPage, access: 'signedIn' }],
  ['/alerts/validation', { page: AlertsValidationPage, access: 'signedIn' }],
  ['/alerts/:id', { page: AlertPage, access: 'signedIn' }],
];
