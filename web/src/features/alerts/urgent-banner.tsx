/**
 * Urgent alerts not opened yet, on every screen: a banner under the masthead until each is opened
 * (or acknowledged), a count before the tab's title, and — when the person turned them on — a sound
 * and a desktop notification as a new one arrives. All of it is worked out from the inbox the server
 * keeps (`urgentUnread`, the unread urgent entries), so it survives a reload or another screen; the
 * live events only make the inbox be asked again.
 */
import { useEffect, useRef } from 'preact/hooks';
import { setTitleMark } from '../../lib/document-title.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useLocation } from '../../lib/router.ts';
import type { AlertCard } from './api.ts';
import { useInbox } from './inbox.ts';
import { useAlertsShown } from './shell.tsx';
import { callAttention, setDesktop, setSound, useAttentionSettings } from './urgent.ts';

const unreadUrgent = (items: AlertCard[]) => items.filter((a) => a.severity === 'urgent' && a.recipient && !a.recipient.readAt);

/** The banner, for whoever receives alerts (mounted once, by the app's frame). */
export function UrgentBanner() {
  return useAlertsShown() ? <Banner /> : null;
}

function Banner() {
  const { t } = useI18n();
  const { inbox } = useInbox();
  const { path } = useLocation();
  const urgent = inbox ? unreadUrgent(inbox.items) : [];
  const count = inbox?.urgentUnread ?? 0;

  // The tab says how many, never which: "(2) ⚠ Specimens · Enlace".
  useEffect(() => {
    setTitleMark(count > 0 ? `(${count}) ⚠` : '');
  }, [count]);
  useEffect(() => () => setTitleMark(''), []);

  // A sound and a desktop notice for one that arrived while this tab was open (not for those already
  // there when it opened: a reload does not ring again).
  const known = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!inbox) return;
    const ids = unreadUrgent(inbox.items).map((a) => a.id);
    if (known.current === null) {
      known.current = new Set(ids);
      return;
    }
    const seen = known.current;
    const fresh = ids.filter((id) => !seen.has(id));
    for (const id of fresh) seen.add(id);
    if (fresh.length) callAttention({ title: t('urgent.notifyTitle'), body: t('urgent.notifyBody') });
  }, [inbox]);

  const newest = urgent[0];
  // On the page of the one alert it would show: opening it is under way.
  if (count === 0 || (count === 1 && newest && path === `/alerts/${newest.id}`)) return null;
  return (
    <section class="urgent-banner" aria-label={t('urgent.region')}>
      <div class="urgent-banner-inner">
        <p class="urgent-banner-text" role="alert">
          <span class="urgent-banner-icon" aria-hidden="true">
            !
          </span>
          <span>
            <strong>{count === 1 ? t('urgent.one') : t('urgent.many', { count })}</strong>{' '}
            {newest ? (
              <a class="urgent-banner-link" href={`/alerts/${newest.id}`}>
                {newest.title}
              </a>
            ) : null}
            {count > 1 || !newest ? (
              <>
                {' · '}
                <a href="/alerts">{t('urgent.seeAll')}</a>
              </>
            ) : null}
          </span>
        </p>
        <AttentionToggles compact />
      </div>
    </section>
  );
}

/**
 * Sound and desktop notifications on this computer, as toggle buttons (a click is what lets the page
 * play sound and ask the browser's permission). `compact`: the banner's, with only what can be turned on.
 */
export function AttentionToggles({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const { sound, desktop } = useAttentionSettings();
  const showDesktop = desktop === 'on' || desktop === 'off';
  return (
    <div class="attention-toggles">
      <button type="button" class="button button-small button-secondary" aria-pressed={sound ? 'true' : 'false'} onClick={() => setSound(!sound)}>
        {t('urgent.sound')}
      </button>
      {showDesktop ? (
        <button
          type="button"
          class="button button-small button-secondary"
          aria-pressed={desktop === 'on' ? 'true' : 'false'}
          onClick={() => void setDesktop(desktop !== 'on')}
        >
          {t('urgent.desktop')}
        </button>
      ) : compact ? null : (
        <p class="hint">{t(desktop === 'denied' ? 'urgent.denied' : 'urgent.unsupported')}</p>
      )}
    </div>
  );
}

/** The settings, explained, for the inbox page. */
export function AttentionSettings() {
  const { t } = useI18n();
  return (
    <section class="panel attention-settings" aria-labelledby="attention-title">
      <h2 id="attention-title">{t('urgent.settingsTitle')}</h2>
      <p class="hint">{t('urgent.settingsLead')}</p>
      <AttentionToggles />
    </section>
  );
}
