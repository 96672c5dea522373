import type { ComponentChildren } from 'preact';
import { TlpBadge } from '../../items/tlp.tsx';
import { countryName } from '../../lib/countries.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { type Translate, useI18n } from '../../lib/i18n/index.tsx';
import { Badge } from '../../ui/values.tsx';
import type { AlertCard } from './api.ts';
import { AlertStatusBadge, SeverityBadge } from './badges.tsx';

/** An alert's validity in words: until when, or that it has expired. */
export function validityText(card: Pick<AlertCard, 'validFrom' | 'validUntil' | 'expired'>, lang: string, t: Translate): string {
  if (card.expired) return t('alerts.expiredOn', { date: formatDateTime(card.validUntil, lang) });
  if (new Date(card.validFrom).getTime() > Date.now()) return t('alerts.validFrom', { date: formatDateTime(card.validFrom, lang) });
  return t('alerts.validUntil', { date: formatDateTime(card.validUntil, lang) });
}

/** One alert in a list: severity, label, title, where from, until when; for a recipient, read and acknowledged. */
export function AlertRow({
  card,
  href,
  headingLevel = 2,
  showReview = !card.recipient,
  children,
}: {
  card: AlertCard;
  href?: string;
  headingLevel?: 2 | 3;
  /** The review flag matters to the issuing side, not to a recipient. */
  showReview?: boolean;
  children?: ComponentChildren;
}) {
  const { t, lang } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const unread = !!card.recipient && !card.recipient.readAt;
  const classes = ['alert-row', `alert-row-${card.severity}`, unread ? 'alert-row-unread' : '', card.expired ? 'alert-row-expired' : '']
    .filter(Boolean)
    .join(' ');
  const targets = card.targetCountries.map((c) => countryName(c, lang, t)).join(', ');
  return (
    <li class={classes}>
      <div class="alert-row-main">
        <p class="alert-tags">
          <SeverityBadge severity={card.severity} />
          {card.audience === 'contact_points' ? <Badge tone="review">{t('alerts.operationalMessage')}</Badge> : null}
          <TlpBadge tlp={card.tlp} />
          {unread ? <Badge tone="unread">{t('alerts.unread')}</Badge> : null}
          {card.status !== 'published' ? <AlertStatusBadge status={card.status} /> : null}
          {card.expired && card.status === 'published' ? <Badge tone="item-expired">{t('alerts.expired')}</Badge> : null}
          {card.reviewPending && showReview ? <Badge tone="review">{t('alerts.reviewPending')}</Badge> : null}
        </p>
        <Heading class="alert-row-title">
          <a href={href ?? `/alerts/${card.id}`}>{card.title}</a>
        </Heading>
        <dl class="specimen-meta">
          <div>
            <dt>{t('alerts.from')}</dt>
            <dd>{countryName(card.originatorCountry, lang, t)}</dd>
          </div>
          {card.publishedAt ? (
            <div>
              <dt>{t('alerts.published')}</dt>
              <dd>{formatDateTime(card.publishedAt, lang)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('alerts.validity')}</dt>
            <dd>{validityText(card, lang, t)}</dd>
          </div>
          {targets ? (
            <div>
              <dt>{t('alerts.targets')}</dt>
              <dd>{targets}</dd>
            </div>
          ) : null}
        </dl>
        {children}
      </div>
      {card.recipient ? (
        <p class={card.recipient.acknowledgedAt ? 'alert-ack alert-ack-done' : 'alert-ack alert-ack-pending'}>
          {card.recipient.acknowledgedAt
            ? t('alerts.acknowledgedOn', { date: formatDateTime(card.recipient.acknowledgedAt, lang) })
            : t('alerts.notAcknowledged')}
        </p>
      ) : null}
    </li>
  );
}
