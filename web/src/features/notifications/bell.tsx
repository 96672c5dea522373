/** The bell in the masthead: my notifications, with the unread count, kept current. */
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import { type LiveSource, onLive } from '../../lib/live-source.ts';
import { useLocation } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { refreshUnread, setUnread, useUnread } from './unread.ts';

export function NotificationBell({ live }: { live: LiveSource }) {
  const { state } = useSession();
  const userId = state.status === 'signedIn' && state.stage === 'full' ? state.user.id : null;
  return userId ? <Bell key={userId} live={live} /> : null;
}

function Bell({ live }: { live: LiveSource }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const count = useUnread();
  useEffect(() => {
    refreshUnread();
    const stop = live(onLive(['notification'], refreshUnread));
    return () => {
      stop();
      setUnread(0);
    };
  }, [live]);
  const shown = useRef(path);
  useEffect(() => {
    if (shown.current === path) return;
    shown.current = path;
    refreshUnread();
  }, [path]);
  return (
    <a class="bell" href="/notifications" aria-current={path === '/notifications' ? 'page' : undefined}>
      <svg class="bell-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      <span class="visually-hidden">{t('notifications.bell')}</span>
      {count ? (
        <span class="nav-count">
          {count}
          <span class="visually-hidden"> {t('nav.unread')}</span>
        </span>
      ) : null}
    </a>
  );
}
