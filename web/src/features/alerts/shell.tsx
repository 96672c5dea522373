/** What the app's frame shows of alerts on every screen: the live connection, and the unread count in the navigation. */
import { useEffect } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useSession } from '../../lib/session.tsx';
import { mayReceiveAlerts } from './api.ts';
import { resetInbox, useInbox } from './inbox.ts';
import { closeLiveEvents, openLiveEvents } from './live.ts';

/** Whether this session has the alert screens (and so the live events and the unread count). */
export function useAlertsShown(): boolean {
  const { state, spaces } = useSession();
  return state.status === 'signedIn' && state.stage === 'full' && mayReceiveAlerts(state.user, spaces);
}

/** The one live connection of this tab, open while someone who may receive alerts is signed in. */
export function LiveConnection() {
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
export function UnreadCount() {
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
