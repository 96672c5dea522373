import type { Routes } from '../../lib/router.ts';
import { AuditAnomaliesPage } from './anomalies-page.tsx';
import { AuditIntegrityPage } from './integrity-page.tsx';
import { AuditLogPage } from './log-page.tsx';
import { AuditUserPage } from './user-page.tsx';

export const auditRoutes: Routes = [
  ['/audit', { page: AuditLogPage, access: 'auditor' }],
  ['/audit/integrity', { page: AuditIntegrityPage, access: 'auditor' }],
  ['/audit/anomalies', { page: AuditAnomaliesPage, access: 'auditor' }],
  ['/audit/users/:userId', { page: AuditUserPage, access: 'auditor' }],
];
