import { useState } from 'preact/hooks';
import { useItemRoles } from '../../items/item-roles.ts';
import { takeFlash } from '../../lib/flash.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { AlertRow } from './alert-row.tsx';
import { AlertTabs } from './alert-tabs.tsx';
import { searchAlerts } from './api.ts';

/** The contact point's queues: urgent alerts published at once that wait for a review, and what waits to be published. */
export function AlertsValidationPage() {
  const { t } = useI18n();
  const { validator, spaces } = useItemRoles();
  const [notice] = useState(takeFlash);
  if (spaces && !validator) {
    return (
      <Page title={t('alerts.validationTitle')} lead={t('alerts.notValidator')}>
        <AlertTabs current="validation" />
      </Page>
    );
  }
  return (
    <Page title={t('alerts.validationTitle')} lead={t('alerts.validationLead')}>
      <AlertTabs current="validation" />
      {notice ? <Notice>{notice}</Notice> : null}
      {validator ? (
        <>
          <Queue kind="review" />
          <Queue kind="validate" />
        </>
      ) : null}
    </Page>
  );
}

function Queue({ kind }: { kind: 'validate' | 'review' }) {
  const { t } = useI18n();
  const queue = useResource(
    () => searchAlerts(kind === 'validate' ? { status: 'submitted', pageSize: 50 } : { reviewPending: 'true', pageSize: 50 }),
    [kind],
  );
  const result = queue.data;
  const validate = kind === 'validate';
  const titleId = `queue-${kind}`;
  return (
    <section class="queue" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t(validate ? 'alerts.toValidate' : 'alerts.toReview')}
        {result ? <span class="count"> ({result.total})</span> : null}
      </h2>
      <p class="hint">{t(validate ? 'alerts.toValidateLead' : 'alerts.toReviewLead')}</p>
      <ErrorAlert error={queue.error} />
      {!result && !queue.error ? <p class="loading">{t('app.loading')}</p> : null}
      {result && result.items.length === 0 ? (
        <p class="panel empty-inline muted">{t(validate ? 'alerts.nothingToValidate' : 'alerts.nothingToReview')}</p>
      ) : null}
      {result?.items.length ? (
        <ol class="alert-list">
          {result.items.map((card) => (
            <AlertRow key={card.id} card={card} href={`/alerts/${card.id}?from=validation`} headingLevel={3} showReview>
              <p class="queue-row-actions">
                <a class="button button-small" href={`/alerts/${card.id}?from=validation`}>
                  {t(validate ? 'alerts.openToValidate' : 'alerts.openToReview')}
                  <span class="visually-hidden"> {card.title}</span>
                </a>
              </p>
            </AlertRow>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
