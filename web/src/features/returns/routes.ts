import type { Routes } from '../../lib/router.ts';
import { ReturnPage } from './return-page.tsx';
import { ReturnsPage } from './returns-page.tsx';
import { RollupPage } from './rollup-page.tsx';
import { TemplatesPage } from './templates-page.tsx';

export const returnRoutes: Routes = [
  ['/returns', { page: ReturnsPage, access: 'signedIn' }],
  ['/returns/templates', { page: TemplatesPage, access: 'signedIn' }],
  ['/returns/rollup', { page: RollupPage, access: 'signedIn' }],
  ['/returns/:id', { page: ReturnPage, access: 'signedIn' }],
];
