import { useI18n } from '../../lib/i18n/index.tsx';
import { Badge } from '../../ui/values.tsx';
import type { AlertCard, Severity } from './api.ts';
import { type LiveStatus, useLiveStatus } from './live.ts';

/** How urgent an alert is, in words and colour; an urgent one stands out. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return (
    <span class={`severity severity-${severity}`}>
      <span class="visually-hidden">{t('severity.label')} </span>
      {t(`severity.${severity}`)}
    </span>
  );
}

/** An alert's status, in words that agree with "alert" (feminine in Spanish); a draft is one returned by the contact point. */
export function AlertStatusBadge({ status }: { status: AlertCard['status'] }) {
  const { t } = useI18n();
  return <Badge tone={`item-${status}`}>{t(`alertStatus.${status}`)}</Badge>;
}

/** Whether the live connection is up: said once, quietly, where updates are expected. */
export function LiveIndicator({ what }: { what: 'inbox' | 'deliveries' }) {
  const { t } = useI18n();
  const status: LiveStatus = useLiveStatus();
  const open = status === 'open';
  return (
    <p class={`live-status ${open ? 'live-open' : 'live-waiting'}`} role="status">
      <span class="live-dot" aria-hidden="true" />
      {open ? t(what === 'inbox' ? 'live.inbox' : 'live.deliveries') : status === 'retrying' ? t('live.retrying') : t('live.connecting')}
    </p>
  );
}
