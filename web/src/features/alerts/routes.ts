import type { Routes } from '../../lib/router.ts';

export const alertRoutes: Routes = [
  ['/alerts', { load: () => import('./inbox-page.tsx').then((m) => m.AlertsInboxPage), access: 'signedIn' }],
  ['/alerts/new', { load: () => import('./composer/composer-page.tsx').then((m) => m.AlertComposerPage), access: 'signedIn' }],
  ['/alerts/search', { load: () => import('./search-page.tsx').then((m) => m.AlertsSearchPage), access: 'signedIn' }],
  ['/alerts/validation', { load: () => import('./validation-page.tsx').then((m) => m.AlertsValidationPage), access: 'signedIn' }],
  ['/alerts/:id', { load: () => import('./alert-page.tsx').then((m) => m.AlertPage), access: 'signedIn' }],
];
