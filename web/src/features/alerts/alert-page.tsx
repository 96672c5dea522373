import { PrintButton, PrintFrame } from '../../items/print.tsx';
import { TlpBadge } from '../../items/tlp.tsx';
import { BackLink, useItemWorkflow, WorkflowButtons, WorkflowDialog } from '../../items/workflow.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { UUID } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import type { RouteParams } from '../../lib/router.ts';
import { useUser } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { useAction } from '../../ui/dialog.tsx';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { Page, ResourcePage } from '../../ui/page.tsx';
import { Badge } from '../../ui/values.tsx';
import { AlertFacts, LinkedReports, LinkedSpecimens } from './alert-facts.tsx';
import { type AlertAction, type AlertView, acknowledgeAlert, alertStep, fetchAlert } from './api.ts';
import { AlertStatusBadge, SeverityBadge } from './badges.tsx';
import { DeliveryBoard } from './delivery-board.tsx';
import { refreshInbox } from './inbox.ts';
import { useLiveEvents } from './live.ts';

const STEPS: readonly AlertAction[] = ['submit', 'publish', 'review', 'return', 'withdraw'];

/** One alert: a recipient acknowledges it; its issuer and contact point take it through its steps and follow its deliveries. */
export function AlertPage({ params }: { params: RouteParams }) {
  const { t } = useI18n();
  const user = useUser();
  const id = (params.id ?? '').toLowerCase();
  const valid = UUID.test(id);
  const alert = useResource(
    valid
      ? () =>
          fetchAlert(id).then((found) => {
            // Opening it marks it read: the unread count changes.
            if (found.recipient) refreshInbox();
            return found;
          })
      : null,
    [id],
  );
  // Acknowledged in another tab of mine, or withdrawn meanwhile: show it here too.
  useLiveEvents((event) => {
    if (event.type === 'ack' && event.alertId === id && event.userId === user.id && !alert.data?.recipient?.acknowledgedAt) alert.reload();
    if (event.type === 'alert' && event.alertId === id) alert.reload();
  });
  // Shown a moment ago, gone now: it was withdrawn while open.
  const gone = alert.missing && alert.data !== null;
  return (
    <ResourcePage
      resource={{ ...alert, missing: alert.missing || !valid }}
      title={t('alert.title')}
      loadingText={t('app.loading')}
      notFound={{
        title: t(gone ? 'alert.goneTitle' : 'alert.notFoundTitle'),
        text: t(gone ? 'alert.goneText' : 'alert.notFoundText'),
        back: { href: '/alerts', label: t('alert.backToInbox') },
      }}
    >
      {(view) => <AlertDetail view={view} setView={alert.setData} />}
    </ResourcePage>
  );
}

function AlertDetail({ view, setView }: { view: AlertView; setView: (view: AlertView) => void }) {
  const { t } = useI18n();
  const p = view.permissions;
  const words = (step: AlertAction) => ({ label: t(`alert.${step}`), title: t(`alert.confirm.${step}`), text: t(`alert.confirmText.${step}`) });
  const { workflow, notice, setNotice, fromQueue } = useItemWorkflow({
    run: (step: AlertAction) => alertStep(view.id, step),
    onUpdated: setView,
    done: (step) => t(`alert.done.${step}`),
    queue: {
      href: '/alerts/validation',
      steps: ['publish', 'return', 'review'],
      news: (step) => t(`alert.flash.${step as 'publish' | 'return' | 'review'}`, { title: view.title }),
    },
  });

  return (
    <Page
      title={view.title}
      lead={
        <span class="specimen-lead">
          <SeverityBadge severity={view.severity} />
          {view.audience === 'contact_points' ? <Badge tone="review">{t('alerts.operationalMessage')}</Badge> : null}
          <TlpBadge tlp={view.tlp} />
          <AlertStatusBadge status={view.status} />
          {view.expired && view.status !== 'expired' ? <Badge tone="item-expired">{t('alerts.expired')}</Badge> : null}
          {view.reviewPending && (p.review || p.track) ? <Badge tone="review">{t('alerts.reviewPending')}</Badge> : null}
        </span>
      }
    >
      <BackLink
        fromQueue={fromQueue}
        queue={{ href: '/alerts/validation', label: t('alert.backToQueue') }}
        list={{ href: '/alerts', label: t('alert.backToInbox') }}
      />
      {notice ? <Notice>{notice}</Notice> : null}
      <Acknowledgement
        view={view}
        onAcknowledged={(updated) => {
          setView(updated);
          setNotice(t('alert.acknowledgedNotice'));
        }}
      />
      <div class="workflow-bar">
        {STEPS.some((s) => p[s]) ? <WorkflowButtons workflow={workflow} actions={STEPS} allowed={(step) => p[step]} words={words} /> : null}
        <PrintButton />
      </div>
      {view.status === 'submitted' ? <Notice tone="info">{t('alert.waitingValidation')}</Notice> : null}
      {view.status === 'draft' ? <Notice tone="warn">{t('alert.returned')}</Notice> : null}
      {view.reviewPending && p.review ? <Notice tone="warn">{t('alert.reviewExplain')}</Notice> : null}
      <WorkflowDialog workflow={workflow} words={words} />
      <PrintFrame tlp={view.tlp} kind={t('alert.title')} alsoPrinted={view.specimens.map((s) => s.tlp)} />
      <AlertFacts view={view} />
      <LinkedSpecimens specimens={view.specimens} />
      <LinkedReports reports={view.reports} />
      {/* The deliveries are a working tool of the issuer, not part of the bulletin: not printed. */}
      {p.track ? (
        <div class="no-print">
          <DeliveryBoard alertId={view.id} published={view.status === 'published'} />
        </div>
      ) : null}
    </Page>
  );
}

/** A recipient's acknowledgement: when it was given, or the button to give it. */
function Acknowledgement({ view, onAcknowledged }: { view: AlertView; onAcknowledged: (view: AlertView) => void }) {
  const { t, lang } = useI18n();
  const ack = useAction();
  if (!view.recipient) return null;
  if (view.recipient.acknowledgedAt)
    return <p class="ack-done">{t('alert.acknowledgedAt', { date: formatDateTime(view.recipient.acknowledgedAt, lang) })}</p>;
  if (!view.permissions.acknowledge) return null;
  const acknowledge = () =>
    ack.run(
      () => acknowledgeAlert(view.id),
      (updated) => {
        onAcknowledged(updated);
        refreshInbox();
      },
    );
  return (
    <section class={`panel ack-panel ack-panel-${view.severity}`} aria-labelledby="ack-title">
      <h2 id="ack-title">{t('alert.ackTitle')}</h2>
      <p>{t('alert.ackText')}</p>
      <ErrorAlert error={ack.error} />
      <button type="button" class="button" aria-disabled={ack.busy ? 'true' : undefined} onClick={acknowledge}>
        {ack.busy ? t('alert.acknowledging') : t('alert.acknowledge')}
      </button>
    </section>
  );
}
