import { useEffect, useRef, useState } from 'preact/hooks';
import { countryName } from '../../lib/countries.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { type FormError, toFormError } from '../../lib/errors.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { Table } from '../../ui/table.tsx';
import { Badge } from '../../ui/values.tsx';
import { type Deliveries, type Delivery, type DeliveryFilters, fetchDeliveries } from './api.ts';
import { LiveIndicator } from './badges.tsx';
import { useLiveEvents } from './live.ts';

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
const TARGET_TONES = { organisation: 'target-organisation', country: 'target-country', space: 'target-country', none: 'muted' } as const;
const FLAGS = ['true', 'false'] as const;

/**
 * The issuer's delivery board: who received it, read it, acknowledged it; mail and webhooks. Live on
 * acknowledgements. The alert's targets come first (its authorities, then its countries); the filters
 * are the server's (SQL), the summary counts everyone whatever they select.
 */
export function DeliveryBoard({ alertId, published }: { alertId: string; published: boolean }) {
  const { t } = useI18n();
  const [board, setBoard] = useState<Deliveries | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [news, setNews] = useState<string | null>(null);
  const shown = useRef<Deliveries | null>(null);
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const current = useRef(filters);
  current.current = filters;
  const load = (announce = false) => {
    const asked = current.current;
    fetchDeliveries(alertId, asked).then(
      (next) => {
        if (asked !== current.current) return; // the filters changed meanwhile: that answer is coming
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
  useEffect(() => load(), [alertId, filters]);
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
  return (
    <section class="panel delivery-board" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{t('deliveries.title')}</h2>
      <p class="hint">{t('deliveries.lead')}</p>
      <LiveIndicator what="deliveries" />
      {news ? <Notice>{news}</Notice> : null}
      <ErrorAlert error={error} />
      {!board && !error ? <p class="loading">{t('app.loading')}</p> : null}
      {board ? <Summary summary={board.summary} /> : null}
      {board && board.summary.recipients === 0 ? <p class="muted">{t('deliveries.none')}</p> : null}
      {board && board.summary.recipients > 0 ? (
        <>
          <BoardFilters filters={filters} onChange={setFilters} />
          <p class="results-count" role="status">
            {t('deliveries.shown', { shown: board.total, total: board.summary.recipients })}
          </p>
          {board.recipients.length ? <Recipients recipients={board.recipients} /> : <p class="muted">{t('deliveries.noneMatch')}</p>}
        </>
      ) : null}
      {board ? (
        <>
          <h3>{t('deliveries.webhooks')}</h3>
          {board.webhooks.length === 0 ? <p class="muted">{t('deliveries.noWebhooks')}</p> : <Webhooks webhooks={board.webhooks} />}
        </>
      ) : null}
    </section>
  );
}

/** How many received it, read it, acknowledged it. */
function Summary({ summary: s }: { summary: Deliveries['summary'] }) {
  const { t } = useI18n();
  const progress = t('deliveries.progress', { done: s.acknowledged, total: s.recipients });
  return (
    <>
      <dl class="delivery-summary">
        <div>
          <dt>{t('deliveries.recipients')}</dt>
          <dd>{s.recipients}</dd>
        </div>
        <div>
          <dt>{t('deliveries.targeted')}</dt>
          <dd>{s.targeted}</dd>
        </div>
        <div>
          <dt>{t('deliveries.read')}</dt>
          <dd>{s.read}</dd>
        </div>
        <div class={s.recipients > 0 && s.acknowledged === s.recipients ? 'delivery-all' : undefined}>
          <dt>{t('deliveries.acknowledged')}</dt>
          <dd>{s.acknowledged}</dd>
        </div>
        <div>
          <dt>{t('deliveries.mailed')}</dt>
          <dd>{s.mailed}</dd>
        </div>
      </dl>
      {s.recipients > 0 ? (
        <p class="delivery-progress">
          <progress max={s.recipients} value={s.acknowledged} aria-label={progress} />
          <span>{progress}</span>
        </p>
      ) : null}
    </>
  );
}

/** Targeted or not, acknowledged or not, mailed or not: each asked of the server. */
function BoardFilters({ filters, onChange }: { filters: DeliveryFilters; onChange: (next: DeliveryFilters) => void }) {
  const { t } = useI18n();
  const set = (change: DeliveryFilters) => onChange({ ...filters, ...change });
  return (
    <div class="filters filters-dense delivery-filters" role="group" aria-label={t('deliveries.filters')}>
      <SelectField
        label={t('deliveries.target')}
        name="target"
        value={filters.target ?? ''}
        onValue={(v) => set({ target: (v || undefined) as DeliveryFilters['target'] })}
      >
        <Options items={['targeted', 'other'] as const} label={(v) => t(`deliveries.filterTarget.${v}`)} empty={t('deliveries.filterAny')} />
      </SelectField>
      <SelectField
        label={t('deliveries.acknowledgedAt')}
        name="acknowledged"
        value={filters.acknowledged ?? ''}
        onValue={(v) => set({ acknowledged: (v || undefined) as DeliveryFilters['acknowledged'] })}
      >
        <Options items={FLAGS} label={(v) => t(`deliveries.filterAcknowledged.${v}`)} empty={t('deliveries.filterAny')} />
      </SelectField>
      <SelectField
        label={t('deliveries.mail')}
        name="mailed"
        value={filters.mailed ?? ''}
        onValue={(v) => set({ mailed: (v || undefined) as DeliveryFilters['mailed'] })}
      >
        <Options items={FLAGS} label={(v) => t(`deliveries.filterMailed.${v}`)} empty={t('deliveries.filterAny')} />
      </SelectField>
    </div>
  );
}

function Recipients({ recipients }: { recipients: Delivery[] }) {
  const { t, lang } = useI18n();
  const columns = ['recipient', 'country', 'organisation', 'readAt', 'acknowledgedAt', 'mail', 'reminded', 'escalated'] as const;
  return (
    <Table dense caption={t('deliveries.recipientsCaption')} columns={columns.map((c) => t(`deliveries.${c}`))}>
      {recipients.map((r) => (
        <tr key={r.userId} class={r.acknowledgedAt ? 'delivery-acknowledged' : undefined}>
          <th scope="row" class="cell-person">
            <span class="person-name">{r.displayName}</span>
            <span class="person-email">{t(r.via === 'member' ? 'deliveries.viaMember' : 'deliveries.viaOrganisation')}</span>
            <Badge tone={TARGET_TONES[r.target]}>{t(`deliveries.target.${r.target}`)}</Badge>
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
      ))}
    </Table>
  );
}

function Webhooks({ webhooks }: { webhooks: Deliveries['webhooks'] }) {
  const { t } = useI18n();
  const columns = [
    t('deliveries.organisation'),
    t('deliveries.host'),
    t('deliveries.status'),
    { label: t('deliveries.attempts'), class: 'cell-num' },
    t('deliveries.deliveredAt'),
  ];
  return (
    <Table dense caption={t('deliveries.webhooks')} columns={columns}>
      {webhooks.map((w) => (
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
    </Table>
  );
}
