import { useState } from 'preact/hooks';
import { useI18n } from '../lib/i18n/index.tsx';
import { navigate, useLocation } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';

/** Who is signed in, and "Sign out"; "Sign in" for a visitor (but on the sign-in page itself). */
export function Account() {
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
      <a class="account-name" href="/profile" aria-current={path === '/profile' ? 'page' : undefined}>
        <span class="visually-hidden">{t('nav.profile')}: </span>
        {state.user.displayName}
      </a>
      <a class="masthead-link" href="/sessions" aria-current={path === '/sessions' ? 'page' : undefined}>
        {t('nav.sessions')}
      </a>
      <button type="button" class="masthead-action" onClick={signOut} aria-disabled={busy ? 'true' : undefined}>
        {t('nav.signOut')}
      </button>
    </div>
  );
}
