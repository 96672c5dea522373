/**
 * Every screen, by address: each feature lists its own (features/<name>/routes.ts); a new feature
 * adds its list here. Patterns are matched in order, segment by segment.
 */
import { alertRoutes } from '../features/alerts/routes.ts';
import { auditRoutes } from '../features/audit/routes.ts';
import { commitmentRoutes } from '../features/commitments/routes.ts';
import { directoryRoutes } from '../features/directory/routes.ts';
import { entryRequirementRoutes } from '../features/entry-requirements/routes.ts';
import { followupRoutes } from '../features/followup/routes.ts';
import { homeRoutes } from '../features/home/routes.ts';
import { identityRoutes } from '../features/identity/routes.ts';
import { libraryRoutes } from '../features/library/routes.ts';
import { meetingRoutes } from '../features/meetings/routes.ts';
import { notificationRoutes } from '../features/notifications/routes.ts';
import { organisationRoutes } from '../features/organisations/routes.ts';
import { personRoutes } from '../features/persons/routes.ts';
import { reportRoutes } from '../features/reports/routes.ts';
import { returnRoutes } from '../features/returns/routes.ts';
import { searchRoutes } from '../features/search/routes.ts';
import { spaceRoutes } from '../features/spaces/routes.ts';
import { specimenRoutes } from '../features/specimens/routes.ts';
import { webhookRoutes } from '../features/webhooks/routes.ts';
import type { Route, RouteParams, Routes } from '../lib/router.ts';

const ROUTES: Routes = [
  ...homeRoutes,
  ...identityRoutes,
  ...spaceRoutes,
  ...specimenRoutes,
  ...reportRoutes,
  ...personRoutes,
  ...searchRoutes,
  ...alertRoutes,
  ...auditRoutes,
  ...webhookRoutes,
  ...notificationRoutes,
  ...followupRoutes,
  ...commitmentRoutes,
  ...returnRoutes,
  ...entryRequirementRoutes,
  ...directoryRoutes,
  ...meetingRoutes,
  ...organisationRoutes,
  ...libraryRoutes,
];

/** The screen for a path and the `:name` segments it took, or null. */
export function matchRoute(path: string): { route: Route; params: RouteParams } | null {
  const segments = path.split('/').slice(1);
  for (const [pattern, route] of ROUTES) {
    const parts = pattern.split('/').slice(1);
    if (parts.length !== segments.length) continue;
    const params: RouteParams = {};
    const matches = parts.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) {
        if (!segment) return false;
        try {
          params[part.slice(1)] = decodeURIComponent(segment);
        } catch {
          return false;
        }
        return true;
      }
      return part === segment;
    });
    if (matches) return { route, params };
  }
  return null;
}
