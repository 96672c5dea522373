/**
 * The app: the screen for the address (routes.ts), if the person may see it; a signed-out visitor
 * of a protected screen is sent to sign in, a session still setting up its second factor to /enrol.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../lib/i18n/index.tsx';
import { type Access, type Location, navigate, type Route, type Screen, safeReturn, useLocation } from '../lib/router.ts';
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

/** Screens whose code has come, by route (a screen's code is fetched once per page load). */
const loaded = new WeakMap<Route, Screen>();

/**
 * The screen of `route`: at once when it is part of the first download or its code has come
 * before; otherwise 'loading' while its code is fetched, and 'failed' if that failed (the network,
 * or a new release whose files replaced this page's).
 */
function useScreen(route: Route | undefined): Screen | 'loading' | 'failed' | undefined {
  const [failed, setFailed] = useState<Route | null>(null);
  const [, setCame] = useState<Route | null>(null);
  const fetching = route && 'load' in route && !loaded.has(route) ? route : null;
  useEffect(() => {
    if (!fetching) return;
    let current = true;
    fetching.load().then(
      (screen) => {
        loaded.set(fetching, screen);
        if (current) setCame(fetching);
      },
      () => {
        if (current) setFailed(fetching);
      },
    );
    return () => {
      current = false;
    };
  }, [fetching]);
  if (!route) return undefined;
  if ('page' in route) return route.page;
  return loaded.get(route) ?? (failed === route ? 'failed' : 'loading');
}

function ScreenFailed() {
  const { t } = useI18n();
  return (
    <Page title={t('app.screenFailed.title')} lead={t('app.screenFailed.text')}>
      <p>
        <button type="button" class="button" onClick={() => location.reload()}>
          {t('app.screenFailed.reload')}
        </button>
      </p>
    </Page>
  );
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
  const roles = state.status === 'signedIn' ? state.user.roles : [];
  const forbidden = ((access === 'secretariat' || access === 'auditor') && !roles.includes(access)) || (access === 'followup' && !followsUp(roles));
  // A screen the person may not open is not fetched: its frame says so.
  const screen = useScreen(redirect || state.status === 'loading' || forbidden ? undefined : route);

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  // After moving to another screen, the focus goes to its heading, so screen readers announce it —
  // unless the person moved the focus themselves while the screen's code was on its way (opened the
  // navigation's group, say): then it stays where they put it.
  const shownPath = useRef<string | null>(null);
  const moved = useRef<{ path: string; focus: Element | null } | null>(null);
  useEffect(() => {
    if (shownPath.current !== null && shownPath.current !== where.path && moved.current?.path !== where.path) {
      moved.current = { path: where.path, focus: document.activeElement };
    }
    if (redirect || state.status === 'loading' || screen === 'loading') return;
    if (moved.current?.path === where.path) {
      const focus = document.activeElement;
      if (!focus || focus === document.body || focus === moved.current.focus) {
        document.querySelector<HTMLElement>('main h1')?.focus();
      }
      scrollTo(0, 0);
    }
    moved.current = null;
    shownPath.current = where.path;
  });

  let content: preact.JSX.Element;
  if (state.status === 'loading' || redirect) content = <Loading text={t('app.loading')} />;
  else if (!route) content = <NotFound />;
  else if (forbidden) content = <Forbidden access={access} />;
  else if (screen === 'loading' || screen === undefined) {
    content = <Loading text={t('app.loading')} />;
  } else if (screen === 'failed') {
    content = <ScreenFailed />;
  } else {
    const Screen = screen;
    // Keyed by the path: another space is another screen, with its own state.
    content = <Screen key={where.path} params={matched?.params ?? {}} />;
  }
  return <Shell>{content}</Shell>;
}
