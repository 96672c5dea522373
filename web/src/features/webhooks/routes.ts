import type { Routes } from '../../lib/router.ts';

export const webhookRoutes: Routes = [
  ['/webhooks', { load: () => import('./webhooks-page.tsx').then((m) => m.WebhooksPage), access: 'secretariat' }],
];
