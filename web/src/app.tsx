import type { ComponentType } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from './i18n/index.tsx';
import { Layout } from './layout.tsx';
import { AlertPage } from './pages/alert.tsx';
import { AlertComposerPage } from './pages/alert-new.tsx';
import { AlertsInboxPage, AlertsSearchPage, AlertsValidationPage } from './pages/alerts.tsx';
import { AuditAnomaliesPage, AuditIntegrityPage, AuditLogPage, AuditUserPage } from './pages/audit.tsx';
import { ComparePage } from './pages/compare.tsx';
import { EnrolPage } from './pages/enrol.tsx';
import { HitCheckPage } from './pages/hit-check.tsx';
import { HomePage } from './pages/home.tsx';
import { InvitationPage } from './pages/invitation.tsx';
import { InvitePage } from './pages/invite.tsx';
import { NewSpacePage } from './pages/new-space.tsx';
import { ProfilePage } from './pages/profile.tsx';
import { ResetPage } from './pages/reset.tsx';
import { SessionsPage } from './pages/sessions.tsx';
import { SignInPage } from './pages/signin.tsx';
import { SpaceMembersPage, SpacePage } from './pages/space.tsx';
import { SpacesPage } from './pages/spaces.tsx';
import { SpecimenPage } from './pages/specimen.tsx';
import { SpecimenUploadPage } from './pages/specimen-upload.tsx';
import { SpecimensPage } from './pages/specimens.tsx';
import { UsersPage } from './pages/users.tsx';
import { ValidationPage } from './pages/validation.tsx';
import { WebhooksPage } from './pages/webhooks.tsx';
import { type Location, navigate, safeReturn, useLocation } from './router.ts';
import { type SessionState, useSession } from './session.tsx';
import { Page } from './ui.tsx';

/** Who may open a screen: anyone, anyone signed in, the Secretariat, or an auditor. */
type Access = 'public' | 'signedIn' | 'secretariat' | 'auditor';

/** What a screen receives from its address: the `:name` segments of its pattern. */
export type RouteParams = Record<string, string>;

interface Route {
  page: ComponentType<{ params: RouteParams }>;
  access: Access;
}

// Patterns are matched in order, segment by segment; `:name` takes any one segment.
const ROUTES: [pattern: string, route: Route][] = [
  ['/', { page: HomePage, access: 'public' }],
  ['/signin', { page: SignInPage, access: 'public' }],
  ['/invitation', { page: InvitationPage, access: 'public' }],
  ['/reset', { page: ResetPage, access: 'public' }],
  ['/enrol', { page: EnrolPage, access: 'signedIn' }],
  ['/profile', { page: ProfilePage, access: 'signedIn' }],
  ['/sessions', { page: SessionsPage, access: 'signedIn' }],
  ['/spaces', { page: SpacesPage, access: 'signedIn' }],
  ['/spaces/new', { page: NewSpacePage, access: 'secretariat' }],
  ['/spaces/:spaceId', { page: SpacePage, access: 'signedIn' }],
  ['/spaces/:spaceId/members', { page: SpaceMembersPage, access: 'signedIn' }],
  ['/specimens', { page: SpecimensPage, access: 'signedIn' }],
  ['/specimens/new', { page: SpecimenUploadPage, access: 'signedIn' }],
  ['/specimens/compare', { page: ComparePage, access: 'signedIn' }],
  ['/specimens/validation', { page: ValidationPage, access: 'signedIn' }],
  ['/specimens/:id', { page: SpecimenPage, access: 'signedIn' }],
  ['/checks', { page: HitCheckPage, access: 'signedIn' }],
  ['/alerts', { page: AlertsInboxPage, access: 'signedIn' }],
  ['/alerts/new', { page: AlertComposerPage, access: 'signedIn' }],
  ['/alerts/search', { page: AlertsSearchPage, access: 'signedIn' }],
  ['/alerts/validation', { page: AlertsValidationPage, access: 'signedIn' }],
  ['/alerts/:id', { page: AlertPage, access: 'signedIn' }],
  ['/users', { page: UsersPage, access: 'secretariat' }],
  ['/users/invite', { page: InvitePage, access: 'secretariat' }],
  ['/webhooks', { page: WebhooksPage, access: 'secretariat' }],
  ['/audit', { page: AuditLogPage, access: 'auditor' }],
  ['/audit/integrity', { page: AuditIntegrityPage, access: 'auditor' }],
  ['/audit/anomalies', { page: AuditAnomaliesPage, access: 'auditor' }],
  ['/audit/users/:userId', { page: AuditUserPage, access: 'auditor' }],
];

function matchRoute(path: string): { route: Route; params: RouteParams } | null {
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

function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')} lead={t('notFound.text')}>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </Page>
  );
}

function Forbidden({ access }: { access: 'secretariat' | 'auditor' }) {
  const { t } = useI18n();
  return <Page title={t('forbidden.title')} lead={t(access === 'auditor' ? 'forbidden.auditor' : 'forbidden.text')} />;
}

function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/**
 * Where someone must go instead of where they are, if anywhere: a session still setting up its
 * second factor goes to /enrol whatever it asked for; a signed-out visitor of a protected screen
 * goes to /signin and comes back afterwards (`next`); a signed-in one leaves /signin for `next`.
 */
function redirectFor(state: SessionState, { path, query }: Location, access: Access): string | null {
  const here = path + location.search;
  if (state.status === 'signedIn') {
    if (state.stage === 'enrol') {
      if (path === '/enrol') return null;
      const next = safeReturn(path === '/signin' ? query.get('next') : here);
      return next && next !== '/' ? `/enrol?next=${encodeURIComponent(next)}` : '/enrol';
    }
    return path === '/signin' ? (safeReturn(query.get('next')) ?? '/') : null;
  }
  if (state.status === 'signedOut' && access !== 'public') return `/signin?next=${encodeURIComponent(here)}`;
  return null;
}

export function App() {
  const { state } = useSession();
  const where = useLocation();
  const matched = matchRoute(where.path);
  const route = matched?.route;
  const access = route?.access ?? 'public';
  const redirect = redirectFor(state, where, access);

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  // After moving to another screen, the focus goes to its heading, so screen readers announce it.
  const shownPath = useRef<string | null>(null);
  useEffect(() => {
    if (redirect || state.status === 'loading') return;
    if (shownPath.current !== null && shownPath.current !== where.path) {
      document.querySelector<HTMLElement>('main h1')?.focus();
      scrollTo(0, 0);
    }
    shownPath.current = where.path;
  });

  let content;
  if (state.status === 'loading' || redirect) content = <Loading />;
  else if (!route) content = <NotFound />;
  else if ((access === 'secretariat' || access === 'auditor') && !(state.status === 'signedIn' && state.user.roles.includes(access))) {
    content = <Forbidden access={access} />;
  } else {
    const Screen = route.page;
    // Keyed by the path: another space is another screen, with its own state.
    content = <Screen key={where.path} params={matched?.params ?? {}} />;
  }
  return <Layout>{content}</Layout>;
}
