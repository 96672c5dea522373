/**
 * Says, on every screen, that the portal cannot be reached — and, when the screen shows copies the
 * offline shell kept, when they were fetched. A status (announced politely), never an alarm.
 */
import { useEffect } from 'preact/hooks';
import { formatDateTime } from '../lib/dates.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { newScreen, offlineState } from '../lib/offline.ts';
import { useLocation } from '../lib/router.ts';
import { useStore } from '../lib/store.ts';

export function OfflineBanner() {
  const { t, lang } = useI18n();
  const { offline, copiedAt } = useStore(offlineState);
  const { path } = useLocation();
  useEffect(() => newScreen(), [path]);
  const text = copiedAt
    ? t(offline ? 'offline.copy' : 'offline.copyOnline', { date: formatDateTime(copiedAt, lang) })
    : offline
      ? t('offline.text')
      : '';
  return (
    <div class={text ? 'offline-banner' : 'visually-hidden'} role="status">
      {text ? <p class="offline-banner-inner">{text}</p> : null}
    </div>
  );
}
