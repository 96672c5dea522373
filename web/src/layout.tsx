import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { MessageKey } from './i18n/en.ts';
import { LANGUAGES, useI18n } from './i18n/index.tsx';
import { navigate, useLocation } from './router.ts';
import { useSession } from './session.tsx';

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

function MainNav() {
  const { t } = useI18n();
  const { state } = useSession();
  const { path } = useLocation();
  const links: [string, MessageKey][] = [['/', 'nav.home']];
  if (state.status === 'signedIn') {
    if (state.stage === 'enrol') links.splice(0, 1, ['/enrol', 'nav.enrol']);
    else {
      links.push(['/profile', 'nav.profile'], ['/sessions', 'nav.sessions']);
      if (state.user.roles.includes('secretariat')) links.push(['/users/invite', 'nav.invite']);
    }
  }
  return (
    <nav class="mainnav" aria-label={t('nav.label')}>
      {links.map(([href, key]) => (
        <a key={href} href={href} aria-current={path === href ? 'page' : undefined}>
          {t(key)}
        </a>
      ))}
    </nav>
  );
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <>
      <a class="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
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
        <MainNav />
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
