import { useState } from 'preact/hooks';
import { type FormError, toFormError } from '../../lib/errors.ts';
import { takeFlash } from '../../lib/flash.ts';
import { pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { AlertRow } from './alert-row.tsx';
import { AlertTabs } from './alert-tabs.tsx';
import { LiveIndicator } from './badges.tsx';
import { useInbox } from './inbox.ts';
import { useLiveEvents } from './live.ts';
import { AttentionSettings } from './urgent-banner.tsx';

/** The alerts addressed to me that are in force, newest first; a new one is announced as it arrives. */
export function AlertsInboxPage() {
  const { t, lang } = useI18n();
  const { inbox, error } = useInbox();
  const [arrived, setArrived] = useState<string | null>(null);
  const [notice] = useState(takeFlash);
  useLiveEvents((event) => {
    if (event.type === 'alert') setArrived(event.alertId);
  });
  const newcomer = arrived ? inbox?.items.find((a) => a.id === arrived) : undefined;
  const loadError: FormError | null = error && !inbox ? toFormError(error, t) : null;
  return (
    <Page title={t('alerts.title')} lead={t('alerts.lead')}>
      <AlertTabs current="inbox" />
      {notice ? <Notice>{notice}</Notice> : null}
      <LiveIndicator what="inbox" />
      {newcomer ? (
        <Notice tone={newcomer.severity === 'urgent' ? 'warn' : 'info'}>
          {t(newcomer.severity === 'urgent' ? 'alerts.arrivedUrgent' : 'alerts.arrived', { title: newcomer.title })}
        </Notice>
      ) : null}
      <ErrorAlert error={loadError} />
      {inbox?.items.length ? (
        <p class="results-count">
          {t(pluralKey(lang, 'alerts.current', inbox.items.length), { count: inbox.items.length })}
          {' · '}
          {t(pluralKey(lang, 'alerts.unreadCount', inbox.unread), { count: inbox.unread })}
          {' · '}
          {t(pluralKey(lang, 'alerts.toAcknowledge', inbox.unacknowledged), { count: inbox.unacknowledged })}
        </p>
      ) : inbox || loadError ? null : (
        <p class="loading">{t('app.loading')}</p>
      )}
      {inbox && inbox.items.length === 0 ? <EmptyState title={t('alerts.emptyTitle')} text={t('alerts.empty')} /> : null}
      {inbox?.items.length ? (
        <ol class="alert-list" aria-label={t('alerts.inboxList')}>
          {inbox.items.map((card) => (
            <AlertRow key={card.id} card={card} />
          ))}
        </ol>
      ) : null}
      <AttentionSettings />
    </Page>
  );
}
