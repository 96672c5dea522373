import type { Routes } from '../../lib/router.ts';
import { WebhooksPage } from './webhooks-page.tsx';

export const webhookRoutes: Routes = [['/webhooks', { page: WebhooksPage, access: 'secretariat' }]];
