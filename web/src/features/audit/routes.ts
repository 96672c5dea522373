import type { Routes } from '../../lib/router.ts';

export const auditRoutes: Routes = [
  ['/audit', { load: () => import('./log-page.tsx').then((m) => m.AuditLogPage), access: 'auditor' }],
  ['/audit/integrity', { load: () => import('./integrity-page.tsx').then((m) => m.AuditIntegrityPage), access: 'auditor' }],
  ['/audit/anomalies', { load: () => import('./anomalies-page.tsx').then((m) => m.AuditAnomaliesPage), access: 'auditor' }],
  ['/audit/users/:userId', { load: () => import('./user-page.tsx').then((m) => m.AuditUserPage), access: 'auditor' }],
];
