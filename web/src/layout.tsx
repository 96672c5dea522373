import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { closeLiveEvents, mayReceiveAlerts, openLiveEvents, resetInbox, useInbox } from './alerts.ts';
import type { MessageKey } from './i18n/en.ts';
import { LANGUAGES, useI18n } from './i18n/index.tsx';
import { navigate, useLocation } from './router.ts';
import { useSession } from './session.tsx';
import { setCurrentSpace, spaceName, useCurrentSpaceId } from './spaces.ts';

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={lang === code}
          data-lang={code}
          onClick={() => setLang(code)}
        >
          {t(`lang.${code}`)}
        </button>
      ))}
    </div>
  );
}

function Account() {
  const { t } = useI18n();
  const session = useSession();
  const { path } = useLocation();
  const [busy, setBusy] = useState(false);
  const { state } = session;
  if (state.status === 'loading') return null;
  if (state.status === 'signedOut') {
    return path === '/signin' ? null : (
      <a class="masthead-action" href="/signin">
        {t('nav.signIn')}
      </a>
    );
  }
  // Leave for the home page first: a protected screen would otherwise send a signed-out visitor to /signin.
  const signOut = () => {
    if (busy) return;
    setBusy(true);
    navigate('/');
    session
      .signOut()
      .catch(() => {})
      .finally(() => setBusy(false));
  };
  return (
    <div class="account">
      <p class="account-name">
        <span class="visually-hidden">{t('account.signedInAs')} </span>
        {state.user.displayName}
      </p>
      <button type="button" class="masthead-action" onClick={signOut} aria-disabled={busy ? 'true' : undefined}>
        {t('nav.signOut')}
      </button>
    </div>
  );
}

/** Whether this session has the alert screens (and so the live events and the unread count). */
function useAlertsShown(): boolean {
  const { state, spaces } = useSession();
  return state.status === 'signedIn' && state.stage === 'full' && mayReceiveAlerts(state.user, spaces);
}

/** The one live connection of this tab, open while someone who may receive alerts is signed in. */
function LiveConnection() {
  const { state } = useSession();
  const shown = useAlertsShown();
  const userId = state.status === 'signedIn' ? state.user.id : null;
  useEffect(() => {
    if (!shown) return;
    openLiveEvents();
    return () => {
      closeLiveEvents();
      resetInbox();
    };
  }, [shown, userId]);
  return null;
}

/** The unread count beside "Alerts", said in words to a screen reader. */
function UnreadCount() {
  const { t } = useI18n();
  const { inbox } = useInbox();
  if (!inbox?.unread) return null;
  return (
    <span class="nav-count">
      {inbox.unread}
      <span class="visually-hidden"> {t('nav.unread')}</span>
    </span>
  );
}

function MainNav() {
  const { t } = useI18n();
  const { state, spaces } = useSession();
  const { path } = useLocation();
  const alertsShown = useAlertsShown();
  const links: [string, MessageKey][] = [['/', 'nav.home']];
  if (state.status === 'signedIn') {
    if (state.stage === 'enrol') links.splice(0, 1, ['/enrol', 'nav.enrol']);
    else {
      const secretariat = state.user.roles.includes('secretariat');
      if (secretariat || (spaces?.length ?? 0) > 0) links.push(['/spaces', 'nav.spaces']);
      if (alertsShown) links.push(['/alerts', 'nav.alerts']);
      // Specimens for members of a space (the Secretariat and auditors have no item rights of their own).
      if (spaces?.length) links.push(['/specimens', 'nav.specimens']);
      if (spaces?.some((s) => s.role === 'contact_point' || s.role === 'substitute')) links.push(['/specimens/validation', 'nav.validation']);
      if (spaces?.some((s) => s.role !== 'observer')) links.push(['/checks', 'nav.checks']);
      if (secretariat) links.push(['/users', 'nav.users'], ['/webhooks', 'nav.webhooks']);
      if (state.user.roles.includes('auditor')) links.push(['/audit', 'nav.audit']);
      links.push(['/profile', 'nav.profile'], ['/sessions', 'nav.sessions']);
    }
  }
  // The screen itself is the page; a screen below it (a space, the invitation form) is in its section.
  const current = (href: string) =>
    path === href
      ? 'page'
      : href !== '/' && path.startsWith(`${href}/`) && !links.some(([other]) => other !== href && other.startsWith(`${href}/`) && (path === other || path.startsWith(`${other}/`)))
        ? 'true'
        : undefined;
  return (
    <nav class="mainnav" aria-label={t('nav.label')}>
      {links.map(([href, key]) => (
        <a key={href} href={href} aria-current={current(href)}>
          {t(key)}
          {href === '/alerts' ? <UnreadCount /> : null}
        </a>
      ))}
    </nav>
  );
}

/**
 * The space I am working in, remembered in this browser: a disclosure button that opens a list of
 * links to my spaces (keyboard: Enter or Space opens it, Tab moves through it, Escape closes it).
 */
function SpaceSwitcher() {
  const { t, lang } = useI18n();
  const { state, spaces } = useSession();
  const { path } = useLocation();
  const storedId = useCurrentSpaceId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('click', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('click', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);

  if (state.status !== 'signedIn' || state.stage !== 'full' || !spaces?.length) return null;
  const current = spaces.find((s) => s.id === storedId) ?? spaces[0]!;
  return (
    <div
      class="switcher"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        class="switcher-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen(!open)}
      >
        <span class="switcher-caption">{t('switcher.label')}</span>
        <span class="switcher-current">
          <span class="switcher-name">{spaceName(lang, current)}</span>
          <span class="switcher-role">{t(`spaceRole.${current.role}`)}</span>
        </span>
      </button>
      <div id={menuId} class="switcher-menu" hidden={!open}>
        <ul>
          {spaces.map((space) => (
            <li key={space.id}>
              <a
                href={`/spaces/${space.id}`}
                aria-current={space.id === current.id ? 'true' : undefined}
                onClick={() => setCurrentSpace(space.id)}
              >
                <span class="switcher-name">{spaceName(lang, space)}</span>
                <span class="switcher-role">{t(`spaceRole.${space.role}`)}</span>
              </a>
            </li>
          ))}
        </ul>
        <p>
          <a href="/spaces">{t('switcher.all')}</a>
        </p>
      </div>
    </div>
  );
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <>
      <a class="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <LiveConnection />
      <header class="masthead">
        <div class="masthead-inner">
          <a class="brand" href="/">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span class="brand-name">{t('app.name')}</span>
            <span class="brand-tagline">{t('app.tagline')}</span>
          </a>
          <div class="masthead-tools">
            <Account />
            <LanguageSwitch />
          </div>
        </div>
        <div class="navrow">
          <MainNav />
          <SpaceSwitcher />
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
      <footer class="footer">
        <p>{t('footer.handling')}</p>
      </footer>
    </>
  );
}
