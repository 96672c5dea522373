import type { Routes } from '../../lib/router.ts';

export const returnRoutes: Routes = [
  ['/returns', { load: () => import('./returns-page.tsx').then((m) => m.ReturnsPage), access: 'signedIn' }],
  ['/returns/templates', { load: () => import('./templates-page.tsx').then((m) => m.TemplatesPage), access: 'signedIn' }],
  ['/returns/rollup', { load: () => import('./rollup-page.tsx').then((m) => m.RollupPage), access: 'signedIn' }],
  ['/returns/:id', { load: () => import('./return-page.tsx').then((m) => m.ReturnPage), access: 'signedIn' }],
];
