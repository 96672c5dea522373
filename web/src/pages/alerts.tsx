import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  type AlertCard,
  type AlertList,
  type LiveStatus,
  SEARCH_STATUSES,
  searchAlerts,
  type SearchStatus,
  SEVERITIES,
  type Severity,
  useInbox,
  useLiveEvents,
  useLiveStatus,
} from '../alerts.ts';
import { countryName } from '../countries.ts';
import { useI18n } from '../i18n/index.tsx';
import { navigate, useLocation } from '../router.ts';
import { takeFlash } from '../specimens.ts';
import { pluralKey } from '../spaces.ts';
import { Badge, ErrorAlert, type FormError, formatDateTime, KeywordSearch, Notice, Page, SelectField, TlpBadge, toFormError } from '../ui.tsx';
import { Pager, useSpecimenRoles } from './specimens.tsx';

const PAGE_SIZE = 20;

/** The sections of the alert screens, and "New alert" for those who may raise one. */
export function AlertTabs({ current }: { current: 'inbox' | 'search' | 'validation' }) {
  const { t } = useI18n();
  const { validator, creator } = useSpecimenRoles();
  return (
    <div class="section-bar">
      <nav class="tabs" aria-label={t('alerts.sections')}>
        <a href="/alerts" aria-current={current === 'inbox' ? 'page' : undefined}>
          {t('alerts.inboxTab')}
        </a>
        <a href="/alerts/search" aria-current={current === 'search' ? 'page' : undefined}>
          {t('alerts.searchTab')}
        </a>
        {validator ? (
          <a href="/alerts/validation" aria-current={current === 'validation' ? 'page' : undefined}>
            {t('alerts.validationTab')}
          </a>
        ) : null}
      </nav>
      {creator ? (
        <a class="button" href="/alerts/new">
          {t('alerts.new')}
        </a>
      ) : null}
    </div>
  );
}

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

/** An alert's validity in words: until when, or that it has expired. */
export function validityText(card: Pick<AlertCard, 'validFrom' | 'validUntil' | 'expired'>, lang: string, t: (key: 'alerts.validUntil' | 'alerts.expiredOn' | 'alerts.validFrom', params: Record<string, string>) => string): string {
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
  const classes = ['alert-row', `alert-row-${card.severity}`, unread ? 'alert-row-unread' : '', card.expired ? 'alert-row-expired' : ''].filter(Boolean).join(' ');
  const targets = card.targetCountries.map((c) => countryName(c, lang, t)).join(', ');
  return (
    <li class={classes}>
      <div class="alert-row-main">
        <p class="alert-tags">
          <SeverityBadge severity={card.severity} />
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
          {card.recipient.acknowledgedAt ? t('alerts.acknowledgedOn', { date: formatDateTime(card.recipient.acknowledgedAt, lang) }) : t('alerts.notAcknowledged')}
        </p>
      ) : null}
    </li>
  );
}

// --- The inbox.

export function AlertsInboxPage() {
  const { t, lang } = useI18n();
  const { inbox, error } = useInbox();
  const [arrived, setArrived] = useState<string | null>(null);
  const [notice] = useState(() => takeFlash());
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
      {inbox && inbox.items.length === 0 ? (
        <div class="panel empty">
          <h2>{t('alerts.emptyTitle')}</h2>
          <p>{t('alerts.empty')}</p>
        </div>
      ) : null}
      {inbox && inbox.items.length ? (
        <ol class="alert-list" aria-label={t('alerts.inboxList')}>
          {inbox.items.map((card) => (
            <AlertRow key={card.id} card={card} />
          ))}
        </ol>
      ) : null}
    </Page>
  );
}

// --- Search: the filters live in the address; the keyword never does (it may name a person or a document).


interface SearchFilters {
  severity: Severity | '';
  status: SearchStatus | '';
  expired: boolean;
  mine: boolean;
  page: number;
}

function filtersFrom(query: URLSearchParams): SearchFilters {
  const severity = query.get('severity') ?? '';
  const status = query.get('status') ?? '';
  const page = Number(query.get('page') ?? '1');
  return {
    severity: (SEVERITIES as readonly string[]).includes(severity) ? (severity as Severity) : '',
    status: (SEARCH_STATUSES as readonly string[]).includes(status) ? (status as SearchStatus) : '',
    expired: query.get('expired') === '1',
    mine: query.get('mine') === '1',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

function filtersAddress(f: SearchFilters): string {
  const query = new URLSearchParams();
  if (f.severity) query.set('severity', f.severity);
  if (f.status) query.set('status', f.status);
  if (f.expired) query.set('expired', '1');
  if (f.mine) query.set('mine', '1');
  if (f.page > 1) query.set('page', String(f.page));
  const text = query.toString();
  return `/alerts/search${text ? `?${text}` : ''}`;
}

export function AlertsSearchPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const search = query.toString();
  const filters = filtersFrom(query);
  const [q, setQ] = useState('');
  const [appliedQ, setAppliedQ] = useState('');
  const [result, setResult] = useState<AlertList | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<FormError | null>(null);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    searchAlerts({
      q: appliedQ,
      severity: filters.severity,
      status: filters.status,
      ...(filters.expired ? {} : { expired: false }),
      mine: filters.mine,
      page: filters.page,
      pageSize: PAGE_SIZE,
    }).then(
      (found) => {
        if (!current) return;
        setResult(found);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(toFormError(err, t));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [search, appliedQ]);

  const go = (next: Partial<SearchFilters>) => navigate(filtersAddress({ ...filters, page: 1, ...next }));
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  return (
    <Page title={t('alerts.searchTitle')} lead={t('alerts.searchLead')}>
      <AlertTabs current="search" />
      <KeywordSearch
        formLabel={t('alerts.searchForm')}
        hint={t('alerts.keywordsHint')}
        value={q}
        onValue={setQ}
        applied={appliedQ}
        onApply={(words) => {
          setAppliedQ(words);
          if (filters.page !== 1) go({});
        }}
        onClear={() => {
          setQ('');
          setAppliedQ('');
        }}
      />
      <div class="panel filters filters-dense alert-filters">
        <SelectField label={t('severity.label')} name="severity" value={filters.severity} onValue={(v) => go({ severity: v as Severity | '' })}>
          <option value="">{t('alerts.anySeverity')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('specimens.status')} name="status" value={filters.status} onValue={(v) => go({ status: v as SearchStatus | '' })}>
          <option value="">{t('specimens.anyStatus')}</option>
          {SEARCH_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`alertStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        <div class="field filter-checks">
          <label class="check">
            <input type="checkbox" name="expired" checked={filters.expired} onChange={(e) => go({ expired: e.currentTarget.checked })} />
            {t('alerts.includeExpired')}
          </label>
          <label class="check">
            <input type="checkbox" name="mine" checked={filters.mine} onChange={(e) => go({ mine: e.currentTarget.checked })} />
            {t('alerts.mine')}
          </label>
        </div>
      </div>
      <ErrorAlert error={error} />
      <p class="results-count" role="status">
        {loading
          ? t('specimens.searching')
          : result
            ? `${t(pluralKey(lang, 'alerts.found', result.total), { count: result.total })}${pages > 1 ? ` · ${t('users.pageOf', { page: result.page, pages })}` : ''}${appliedQ ? ` · ${t('specimens.forKeywords', { q: appliedQ })}` : ''}`
            : ''}
      </p>
      {result && result.items.length === 0 && !loading ? (
        <div class="panel empty">
          <h2>{t('alerts.noneFoundTitle')}</h2>
          <p>{t('alerts.noneFound')}</p>
        </div>
      ) : null}
      {result && result.items.length ? (
        <ol class={loading ? 'alert-list specimen-list-loading' : 'alert-list'} aria-label={t('alerts.results')}>
          {result.items.map((card) => (
            <AlertRow key={card.id} card={card} />
          ))}
        </ol>
      ) : null}
      {result ? <Pager page={filters.page} pages={pages} label={t('alerts.pagination')} address={(p) => filtersAddress({ ...filters, page: p })} /> : null}
    </Page>
  );
}

// --- The contact point's queues: what waits to be published, and urgent alerts published at once that wait for a review.

function Queue({ kind }: { kind: 'validate' | 'review' }) {
  const { t } = useI18n();
  const [result, setResult] = useState<AlertList | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  useEffect(() => {
    let current = true;
    searchAlerts(kind === 'validate' ? { status: 'submitted', pageSize: 50 } : { reviewPending: true, pageSize: 50 }).then(
      (found) => current && setResult(found),
      (err: unknown) => current && setError(toFormError(err, t)),
    );
    return () => {
      current = false;
    };
  }, [kind]);
  const titleId = `queue-${kind}`;
  return (
    <section class="queue" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t(kind === 'validate' ? 'alerts.toValidate' : 'alerts.toReview')}
        {result ? <span class="count"> ({result.total})</span> : null}
      </h2>
      <p class="hint">{t(kind === 'validate' ? 'alerts.toValidateLead' : 'alerts.toReviewLead')}</p>
      <ErrorAlert error={error} />
      {!result && !error ? <p class="loading">{t('app.loading')}</p> : null}
      {result && result.items.length === 0 ? <p class="panel empty-inline muted">{t(kind === 'validate' ? 'alerts.nothingToValidate' : 'alerts.nothingToReview')}</p> : null}
      {result && result.items.length ? (
        <ol class="alert-list">
          {result.items.map((card) => (
            <AlertRow key={card.id} card={card} href={`/alerts/${card.id}?from=validation`} headingLevel={3} showReview>
              <p class="queue-row-actions">
                <a class="button button-small" href={`/alerts/${card.id}?from=validation`}>
                  {t(kind === 'validate' ? 'alerts.openToValidate' : 'alerts.openToReview')}
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

export function AlertsValidationPage() {
  const { t } = useI18n();
  const { validator, spaces } = useSpecimenRoles();
  const [notice] = useState(() => takeFlash());
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
