import { useEffect, useRef, useState } from 'preact/hooks';
import {
  acknowledgeAlert,
  type AlertAction,
  alertStep,
  type AlertView,
  type Deliveries,
  type Delivery,
  fetchAlert,
  fetchDeliveries,
  refreshInbox,
  useLiveEvents,
} from '../alerts.ts';
import { ApiError } from '../api.ts';
import type { RouteParams } from '../app.tsx';
import { countryName } from '../countries.ts';
import { useI18n } from '../i18n/index.tsx';
import { navigate, useLocation } from '../router.ts';
import { useUser } from '../session.tsx';
import { categoryLabel, setFlash, specimenTitle, takeFlash, useReference } from '../specimens.ts';
import { inLanguage, UUID } from '../spaces.ts';
import { Badge, ConfirmDialog, ErrorAlert, type FormError, formatDateTime, Notice, Page, TlpBadge, toFormError } from '../ui.tsx';
import { AlertStatusBadge, LiveIndicator, SeverityBadge } from './alerts.tsx';
import { Empty, Evaluation } from './specimen.tsx';

const STEPS: AlertAction[] = ['submit', 'publish', 'return', 'review', 'withdraw'];

export function AlertPage({ params }: { params: RouteParams }) {
  const { t, lang } = useI18n();
  const user = useUser();
  const id = (params.id ?? '').toLowerCase();
  const valid = UUID.test(id);
  const { query } = useLocation();
  const fromQueue = query.get('from') === 'validation';
  const { ref: reference } = useReference();
  const [view, setView] = useState<AlertView | null>(null);
  const [missing, setMissing] = useState(!valid);
  const [gone, setGone] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const [notice, setNotice] = useState<string | null>(() => takeFlash());
  const [step, setStep] = useState<AlertAction | null>(null);
  const [stepBusy, setStepBusy] = useState(false);
  const [stepError, setStepError] = useState<FormError | null>(null);
  const [acking, setAcking] = useState(false);
  const [ackError, setAckError] = useState<FormError | null>(null);

  const load = () => {
    if (!valid) return;
    fetchAlert(id).then(
      (found) => {
        setView(found);
        setError(null);
        // Opening it marks it read: the unread count changes.
        if (found.recipient) refreshInbox();
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 404) {
          // Shown a moment ago, gone now: it was withdrawn while open.
          setGone(view !== null);
          setMissing(true);
        }
        else setError(toFormError(err, t));
      },
    );
  };
  useEffect(load, [id]);
  // Acknowledged in another tab of mine, or withdrawn meanwhile: show it here too.
  useLiveEvents((event) => {
    if (event.type === 'ack' && event.alertId === id && event.userId === user.id && !view?.recipient?.acknowledgedAt) load();
    if (event.type === 'alert' && event.alertId === id) load();
  });

  if (missing) {
    return (
      <Page title={t(gone ? 'alert.goneTitle' : 'alert.notFoundTitle')} lead={t(gone ? 'alert.goneText' : 'alert.notFoundText')}>
        <p>
          <a href="/alerts">{t('alert.backToInbox')}</a>
        </p>
      </Page>
    );
  }
  if (!view) {
    return (
      <Page title={t('alert.title')}>
        <ErrorAlert error={error} />
        {error ? null : (
          <p class="loading" role="status">
            {t('app.loading')}
          </p>
        )}
      </Page>
    );
  }

  const p = view.permissions;
  const acknowledge = () => {
    if (acking) return;
    setAcking(true);
    setAckError(null);
    acknowledgeAlert(view.id).then(
      (updated) => {
        setView(updated);
        setAcking(false);
        setNotice(t('alert.acknowledgedNotice'));
        refreshInbox();
      },
      (err: unknown) => {
        setAckError(toFormError(err, t));
        setAcking(false);
      },
    );
  };
  const runStep = (action: AlertAction) => {
    setStepBusy(true);
    setStepError(null);
    alertStep(view.id, action).then(
      (updated) => {
        setStep(null);
        setStepBusy(false);
        if ((action === 'publish' || action === 'return' || action === 'review') && fromQueue) {
          setFlash(t(`alert.flash.${action}`, { title: view.title }));
          navigate('/alerts/validation');
          return;
        }
        setView(updated);
        setNotice(t(`alert.done.${action}`));
      },
      (err: unknown) => {
        setStepError(toFormError(err, t));
        setStepBusy(false);
      },
    );
  };
  const orgName = (o: { nameEs: string; nameEn: string }) => inLanguage(lang, o.nameEs, o.nameEn);
  const h = view.handling;

  return (
    <Page
      title={view.title}
      lead={
        <span class="specimen-lead">
          <SeverityBadge severity={view.severity} />
          <TlpBadge tlp={view.tlp} />
          <AlertStatusBadge status={view.status} />
          {view.expired && view.status !== 'expired' ? <Badge tone="item-expired">{t('alerts.expired')}</Badge> : null}
          {view.reviewPending && (p.review || p.track) ? <Badge tone="review">{t('alerts.reviewPending')}</Badge> : null}
        </span>
      }
    >
      <p class="page-actions">
        {fromQueue ? <a href="/alerts/validation">{t('alert.backToQueue')}</a> : <a href="/alerts">{t('alert.backToInbox')}</a>}
      </p>
      {notice ? <Notice>{notice}</Notice> : null}

      {view.recipient ? (
        view.recipient.acknowledgedAt ? (
          <p class="ack-done">{t('alert.acknowledgedAt', { date: formatDateTime(view.recipient.acknowledgedAt, lang) })}</p>
        ) : p.acknowledge ? (
          <section class={`panel ack-panel ack-panel-${view.severity}`} aria-labelledby="ack-title">
            <h2 id="ack-title">{t('alert.ackTitle')}</h2>
            <p>{t('alert.ackText')}</p>
            <ErrorAlert error={ackError} />
            <button type="button" class="button" aria-disabled={acking ? 'true' : undefined} onClick={acknowledge}>
              {acking ? t('alert.acknowledging') : t('alert.acknowledge')}
            </button>
          </section>
        ) : null
      ) : null}

      {STEPS.some((s) => p[s]) ? (
        <div class="workflow-bar">
          {p.submit ? (
            <button type="button" class="button" onClick={() => setStep('submit')}>
              {t('alert.submit')}
            </button>
          ) : null}
          {p.publish ? (
            <button type="button" class="button" onClick={() => setStep('publish')}>
              {t('alert.publish')}
            </button>
          ) : null}
          {p.review ? (
            <button type="button" class="button" onClick={() => setStep('review')}>
              {t('alert.review')}
            </button>
          ) : null}
          {p.return ? (
            <button type="button" class="button button-secondary" onClick={() => setStep('return')}>
              {t('alert.return')}
            </button>
          ) : null}
          {p.withdraw ? (
            <button type="button" class="button button-danger" onClick={() => setStep('withdraw')}>
              {t('alert.withdraw')}
            </button>
          ) : null}
        </div>
      ) : null}
      {view.status === 'submitted' ? <Notice tone="info">{t('alert.waitingValidation')}</Notice> : null}
      {view.status === 'draft' ? <Notice tone="warn">{t('alert.returned')}</Notice> : null}
      {view.reviewPending && p.review ? <Notice tone="warn">{t('alert.reviewExplain')}</Notice> : null}
      {step ? (
        <ConfirmDialog
          title={t(`alert.confirm.${step}`)}
          confirmLabel={t(`alert.${step}`)}
          tone={step === 'withdraw' ? 'danger' : 'primary'}
          busy={stepBusy}
          error={stepError}
          onConfirm={() => runStep(step)}
          onCancel={() => {
            setStep(null);
            setStepError(null);
          }}
        >
          <p>{t(`alert.confirmText.${step}`)}</p>
        </ConfirmDialog>
      ) : null}

      <div class="alert-top">
        <section class="panel alert-body" aria-labelledby="alert-body-title">
          <h2 id="alert-body-title">{t('alert.message')}</h2>
          <p class="prose">{view.body}</p>
        </section>
        <section class="panel" aria-labelledby="alert-facts-title">
          <h2 id="alert-facts-title">{t('alert.details')}</h2>
          <dl class="facts">
            <dt>{t('alerts.from')}</dt>
            <dd>{countryName(view.originatorCountry, lang, t)}</dd>
            <dt>{t('alert.validFrom')}</dt>
            <dd>{formatDateTime(view.validFrom, lang)}</dd>
            <dt>{t('alert.validUntil')}</dt>
            <dd>
              {formatDateTime(view.validUntil, lang)}
              {view.expired ? (
                <>
                  {' '}
                  <Badge tone="item-expired">{t('alerts.expired')}</Badge>
                </>
              ) : null}
            </dd>
            <dt>{t('alerts.published')}</dt>
            <dd>{view.publishedAt ? formatDateTime(view.publishedAt, lang) : <span class="muted">{t('alert.notPublished')}</span>}</dd>
            <dt>{t('alert.targetCountries')}</dt>
            <dd>{view.targetCountries.length ? view.targetCountries.map((c) => countryName(c, lang, t)).join(', ') : <Empty />}</dd>
            <dt>{t('alert.targetOrganisations')}</dt>
            <dd>
              {view.targetOrganisations.length ? (
                <ul class="plain-list">
                  {view.targetOrganisations.map((o) => (
                    <li key={o.id}>
                      {orgName(o)} <span class="code-tag">{o.code}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <Empty />
              )}
            </dd>
            <dt>{t('alert.ports')}</dt>
            <dd>{view.ports.length ? view.ports.join(' · ') : <Empty />}</dd>
          </dl>
          <h3>{t('specimen.handling')}</h3>
          <dl class="facts">
            <dt>{t('specimen.tlp')}</dt>
            <dd>
              <TlpBadge tlp={view.tlp} /> <span class="hint">{t(`tlp.explain.${view.tlp}`)}</span>
            </dd>
            <dt>{t('specimen.evaluation')}</dt>
            <dd>
              <Evaluation source={h.sourceEvaluation} information={h.informationEvaluation} />
            </dd>
          </dl>
        </section>
      </div>

      <section class="panel" aria-labelledby="alert-specimens-title">
        <h2 id="alert-specimens-title">{t('alert.specimens')}</h2>
        {view.specimens.length === 0 ? (
          <p class="muted">{t('alert.noSpecimens')}</p>
        ) : (
          <ul class="linked-list">
            {view.specimens.map((s) => (
              <li key={s.id}>
                <TlpBadge tlp={s.tlp} /> <a href={`/specimens/${s.id}`}>{specimenTitle(reference, s, lang, t)}</a>{' '}
                <span class="muted">· {categoryLabel(reference, s.category, null, lang)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {p.track ? <DeliveryBoard alertId={view.id} published={view.status === 'published'} /> : null}
    </Page>
  );
}

// --- The issuer's delivery board: who received it, read it, acknowledged it; mail and webhooks. Live on acknowledgements.

/** A moment in a table cell: day, month and time (an alert lives for days, not years), the full date on hover. */
function When({ iso }: { iso: string | null }) {
  const { t, lang } = useI18n();
  if (!iso) return <span class="muted">{t('deliveries.not')}</span>;
  const short = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  return (
    <time class="cell-time" dateTime={iso} title={formatDateTime(iso, lang)}>
      {short}
    </time>
  );
}

const BOARD_POLL_MS = 20_000;

const MAIL_TONES = { pending: 'muted', encrypted: 'outcome-allowed', plain: 'status-invited', failed: 'outcome-denied' } as const;
const HOOK_TONES = { pending: 'muted', delivered: 'outcome-allowed', failed: 'outcome-denied' } as const;

function DeliveryBoard({ alertId, published }: { alertId: string; published: boolean }) {
  const { t, lang } = useI18n();
  const [board, setBoard] = useState<Deliveries | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [news, setNews] = useState<string | null>(null);
  const shown = useRef<Deliveries | null>(null);
  const load = (announce = false) => {
    fetchDeliveries(alertId).then(
      (next) => {
        const before = shown.current;
        if (announce && before) {
          // Said in words too (a status region), for whoever is not looking at the table.
          const fresh = next.recipients.filter((r) => r.acknowledgedAt && !before.recipients.find((b) => b.userId === r.userId)?.acknowledgedAt);
          if (fresh.length) setNews(t('deliveries.ackArrived', { names: fresh.map((r) => r.displayName).join(', ') }));
        }
        shown.current = next;
        setBoard(next);
        setError(null);
      },
      (err: unknown) => setError(toFormError(err, t)),
    );
  };
  useEffect(() => load(), [alertId]);
  // The fan-out's end and each acknowledgement are pushed; the mail and webhook states are looked at
  // again now and then.
  useEffect(() => {
    if (!published) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') load();
    }, BOARD_POLL_MS);
    return () => clearInterval(timer);
  }, [alertId, published]);
  useLiveEvents((event) => {
    if (event.type === 'ack' && event.alertId === alertId) load(true);
    else if (event.type === 'delivery' && event.alertId === alertId) load();
    else if (event.type === 'ready') load();
  });
  const s = board?.summary;
  const row = (r: Delivery) => (
    <tr key={r.userId} class={r.acknowledgedAt ? 'delivery-acknowledged' : undefined}>
      <th scope="row" class="cell-person">
        <span class="person-name">{r.displayName}</span>
        <span class="person-email">{t(r.via === 'member' ? 'deliveries.viaMember' : 'deliveries.viaOrganisation')}</span>
      </th>
      <td>{countryName(r.country, lang, t)}</td>
      <td>{r.organisation || <span class="muted">—</span>}</td>
      <td>
        <When iso={r.readAt} />
      </td>
      <td>
        {r.acknowledgedAt ? (
          <span class="ack-cell">
            <span aria-hidden="true">✓ </span>
            <When iso={r.acknowledgedAt} />
          </span>
        ) : (
          <When iso={null} />
        )}
      </td>
      <td>
        <Badge tone={MAIL_TONES[r.mail]}>{t(`deliveries.mail.${r.mail}`)}</Badge>
      </td>
      <td>
        <When iso={r.remindedAt} />
      </td>
      <td>
        <When iso={r.escalatedAt} />
      </td>
    </tr>
  );
  return (
    <section class="panel delivery-board" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{t('deliveries.title')}</h2>
      <p class="hint">{t('deliveries.lead')}</p>
      <LiveIndicator what="deliveries" />
      {news ? <Notice>{news}</Notice> : null}
      <ErrorAlert error={error} />
      {!board && !error ? <p class="loading">{t('app.loading')}</p> : null}
      {s ? (
        <>
          <dl class="delivery-summary">
            <div>
              <dt>{t('deliveries.recipients')}</dt>
              <dd>{s.recipients}</dd>
            </div>
            <div>
              <dt>{t('deliveries.read')}</dt>
              <dd>{s.read}</dd>
            </div>
            <div class={s.recipients > 0 && s.acknowledged === s.recipients ? 'delivery-all' : undefined}>
              <dt>{t('deliveries.acknowledged')}</dt>
              <dd>{s.acknowledged}</dd>
            </div>
          </dl>
          {s.recipients > 0 ? (
            <p class="delivery-progress">
              <progress max={s.recipients} value={s.acknowledged} aria-label={t('deliveries.progress', { done: s.acknowledged, total: s.recipients })} />
              <span>{t('deliveries.progress', { done: s.acknowledged, total: s.recipients })}</span>
            </p>
          ) : null}
        </>
      ) : null}
      {board && board.recipients.length === 0 ? <p class="muted">{t('deliveries.none')}</p> : null}
      {board && board.recipients.length ? (
        <div class="table-wrap">
          <table class="table table-dense">
            <caption class="visually-hidden">{t('deliveries.recipientsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('deliveries.recipient')}</th>
                <th scope="col">{t('deliveries.country')}</th>
                <th scope="col">{t('deliveries.organisation')}</th>
                <th scope="col">{t('deliveries.readAt')}</th>
                <th scope="col">{t('deliveries.acknowledgedAt')}</th>
                <th scope="col">{t('deliveries.mail')}</th>
                <th scope="col">{t('deliveries.reminded')}</th>
                <th scope="col">{t('deliveries.escalated')}</th>
              </tr>
            </thead>
            <tbody>{board.recipients.map(row)}</tbody>
          </table>
        </div>
      ) : null}
      {board ? (
        <>
          <h3>{t('deliveries.webhooks')}</h3>
          {board.webhooks.length === 0 ? (
            <p class="muted">{t('deliveries.noWebhooks')}</p>
          ) : (
            <div class="table-wrap">
              <table class="table table-dense">
                <caption class="visually-hidden">{t('deliveries.webhooks')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('deliveries.organisation')}</th>
                    <th scope="col">{t('deliveries.host')}</th>
                    <th scope="col">{t('deliveries.status')}</th>
                    <th scope="col" class="cell-num">
                      {t('deliveries.attempts')}
                    </th>
                    <th scope="col">{t('deliveries.deliveredAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {board.webhooks.map((w) => (
                    <tr key={w.id}>
                      <th scope="row">
                        <span class="code-tag">{w.organisation}</span>
                      </th>
                      <td class="mono">{w.host}</td>
                      <td>
                        <Badge tone={HOOK_TONES[w.status]}>{t(`deliveries.hook.${w.status}`)}</Badge>
                      </td>
                      <td class="cell-num">{w.attempts}</td>
                      <td>
                        <When iso={w.deliveredAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
