/**
 * The app: the screen for the address (routes.ts), if the person may see it; a signed-out visitor
 * of a protected screen is sent to sign in, a session still setting up its second factor to /enrol.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../lib/i18n/index.tsx';
import { type Access, type Location, navigate, safeReturn, useLocation } from '../lib/router.ts';
import { type SessionState, useSession } from '../lib/session.tsx';
import { Loading, NotFoundPage, Page } from '../ui/page.tsx';
import { matchRoute } from './routes.ts';
import { Shell } from './shell.tsx';

function NotFound() {
  const { t } = useI18n();
  return <NotFoundPage title={t('notFound.title')} text={t('notFound.text')} back={{ href: '/', label: t('notFound.home') }} />;
}

function Forbidden({ access }: { access: 'secretariat' | 'auditor' | 'followup' }) {
  const { t } = useI18n();
  const lead = access === 'auditor' ? 'forbidden.auditor' : access === 'followup' ? 'forbidden.followup' : 'forbidden.text';
  return <Page title={t('forbidden.title')} lead={t(lead)} />;
}

/** The follow-up's screens: the Presidency's and the Secretariat's. */
const followsUp = (roles: readonly string[]) => roles.includes('presidency') || roles.includes('secretariat');

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
  const { t } = useI18n();
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

  let content: preact.JSX.Element;
  if (state.status === 'loading' || redirect) content = <Loading text={t('app.loading')} />;
  else if (!route) content = <NotFound />;
  else if ((access === 'secretariat' || access === 'auditor') && !(state.status === 'signedIn' && state.user.roles.includes(access))) {
    content = <Forbidden access={access} />;
  } else if (access === 'followup' && !(state.status === 'signedIn' && followsUp(state.user.roles))) {
    content = <Forbidden access={access} />;
  } else {
    const Screen = route.page;
    // Keyed by the path: another space is another screen, with its own state.
    content = <Screen key={where.path} params={matched?.params ?? {}} />;
  }
  return <Shell>{content}</Shell>;
}
