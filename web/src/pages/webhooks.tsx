import { useEffect, useId, useState } from 'preact/hooks';
import {
  fetchOrganisations,
  fetchSigningKeyFingerprint,
  fetchWebhooks,
  type Organisation,
  registerWebhook,
  SIGNING_KEY_PATH,
  stopWebhook,
  type Webhook,
} from '../alerts.ts';
import { countryName } from '../countries.ts';
import { useI18n } from '../i18n/index.tsx';
import { inLanguage, pluralKey } from '../spaces.ts';
import { Badge, checkRequired, ConfirmDialog, ErrorAlert, type FormError, formatDateTime, groupsOfFour, Notice, Page, Submit, TextField, toFormError, useForm } from '../ui.tsx';

/** The server's limit on an address. */
const URL_MAX = 500;

/** The headers of a delivery, as a receiving system reads them. */
const DELIVERY_HEADERS = [
  ['Enlace-Signature', 'webhooks.headerSignature'],
  ['Enlace-Key', 'webhooks.headerKey'],
  ['Enlace-Delivery', 'webhooks.headerDelivery'],
] as const;

/** What the Secretariat is asked to confirm: stopping one webhook of one authority. */
interface Stopping {
  authority: Organisation;
  webhook: Webhook;
}

/**
 * The Secretariat's webhooks: for each migration authority (only they receive alerts by
 * organisation), the national systems its alerts are POSTed to, signed; and what a system needs
 * to check that a delivery comes from the portal.
 */
export function WebhooksPage() {
  const { t, lang } = useI18n();
  const [authorities, setAuthorities] = useState<Organisation[] | null>(null);
  const [webhooks, setWebhooks] = useState<Record<string, Webhook[]>>({});
  const [loadError, setLoadError] = useState<FormError | null>(null);
  // What just happened, kept as facts rather than words, so that it follows a change of language.
  const [notice, setNotice] = useState<{ organisationId: string; webhook: Webhook; event: 'registered' | 'stopped' } | null>(null);
  const [stopping, setStopping] = useState<Stopping | null>(null);

  useEffect(() => {
    let current = true;
    (async () => {
      const organisations = (await fetchOrganisations()).filter((o) => o.kind === 'migration_authority');
      const lists = await Promise.all(organisations.map((o) => fetchWebhooks(o.id)));
      if (!current) return;
      setWebhooks(Object.fromEntries(organisations.map((o, i) => [o.id, lists[i] ?? []])));
      setAuthorities(organisations);
    })().catch((err: unknown) => {
      if (current) setLoadError(toFormError(err, t));
    });
    return () => {
      current = false;
    };
  }, []);

  const replace = (webhook: Webhook) =>
    setWebhooks((all) => {
      const list = all[webhook.organisationId] ?? [];
      const known = list.some((w) => w.id === webhook.id);
      return { ...all, [webhook.organisationId]: known ? list.map((w) => (w.id === webhook.id ? webhook : w)) : [...list, webhook] };
    });

  const name = (o: Organisation) => inLanguage(lang, o.nameEs, o.nameEn);
  // By country in the reader's language, then by name.
  const sorted = [...(authorities ?? [])].sort(
    (a, b) => countryName(a.country, lang, t).localeCompare(countryName(b.country, lang, t), lang) || name(a).localeCompare(name(b), lang),
  );

  return (
    <Page title={t('webhooks.title')} lead={t('webhooks.lead')}>
      <ErrorAlert error={loadError} />
      <div class="two-columns">
        <div>
          {!authorities ? (
            loadError ? null : (
              <p class="loading" role="status">
                {t('webhooks.loading')}
              </p>
            )
          ) : sorted.length === 0 ? (
            <p class="panel muted">{t('webhooks.noAuthorities')}</p>
          ) : (
            sorted.map((authority) => (
              <AuthorityWebhooks
                key={authority.id}
                authority={authority}
                webhooks={webhooks[authority.id] ?? []}
                notice={
                  notice?.organisationId !== authority.id
                    ? null
                    : notice.event === 'registered'
                      ? t('webhooks.registered', { url: notice.webhook.url, name: name(authority) })
                      : t('webhooks.stopped', { url: notice.webhook.url })
                }
                onAttempt={() => setNotice((n) => (n?.organisationId === authority.id ? null : n))}
                onRegistered={(webhook) => {
                  replace(webhook);
                  setNotice({ organisationId: authority.id, webhook, event: 'registered' });
                }}
                onStop={(webhook) => setStopping({ authority, webhook })}
              />
            ))
          )}
        </div>
        <Verification />
      </div>
      {stopping ? (
        <StopDialog
          {...stopping}
          onClose={(stopped) => {
            setStopping(null);
            if (stopped) {
              replace(stopped);
              setNotice({ organisationId: stopped.organisationId, webhook: stopped, event: 'stopped' });
            }
          }}
        />
      ) : null}
    </Page>
  );
}

function AuthorityWebhooks({
  authority,
  webhooks,
  notice,
  onAttempt,
  onRegistered,
  onStop,
}: {
  authority: Organisation;
  webhooks: Webhook[];
  notice: string | null;
  /** A new address is being submitted: what was said before no longer applies. */
  onAttempt: () => void;
  onRegistered: (webhook: Webhook) => void;
  onStop: (webhook: Webhook) => void;
}) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const name = inLanguage(lang, authority.nameEs, authority.nameEn);
  const active = webhooks.filter((w) => !w.disabledAt).length;
  return (
    <section class="panel webhook-authority" aria-labelledby={headingId}>
      <div class="webhook-authority-head">
        <h2 id={headingId}>{name}</h2>
        <p class="muted">
          {countryName(authority.country, lang, t)} <span class="code-tag">{authority.country}</span> · {t(pluralKey(lang, 'webhooks.activeCount', active), { count: active })}
        </p>
      </div>
      {notice ? <Notice>{notice}</Notice> : null}
      {webhooks.length === 0 ? (
        <p class="muted">{t('webhooks.none')}</p>
      ) : (
        <ul class="webhook-list" aria-label={t('webhooks.listOf', { name })}>
          {webhooks.map((w) => (
            <li key={w.id} class={w.disabledAt ? 'webhook-item webhook-stopped' : 'webhook-item'}>
              <div class="webhook-main">
                <code class="webhook-url">{w.url}</code>
                <p class="webhook-meta">
                  <span>
                    {t('webhooks.createdAt')} <time dateTime={w.createdAt}>{formatDateTime(w.createdAt, lang)}</time>
                  </span>
                  {w.disabledAt ? (
                    <span>
                      {t('webhooks.stoppedAt')} <time dateTime={w.disabledAt}>{formatDateTime(w.disabledAt, lang)}</time>
                    </span>
                  ) : null}
                </p>
              </div>
              <div class="webhook-side">
                {w.disabledAt ? (
                  <Badge tone="status-disabled">{t('webhooks.stateStopped')}</Badge>
                ) : (
                  <>
                    <Badge tone="status-active">{t('webhooks.stateActive')}</Badge>
                    <button type="button" class="button button-danger button-small" aria-label={t('webhooks.stopOf', { url: w.url })} onClick={() => onStop(w)}>
                      {t('webhooks.stop')}
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <RegisterForm authority={authority} onAttempt={onAttempt} onRegistered={onRegistered} />
    </section>
  );
}

/** A new address for one authority: checked here for a whole http(s) address; the server decides on http. */
function RegisterForm({ authority, onAttempt, onRegistered }: { authority: Organisation; onAttempt: () => void; onRegistered: (webhook: Webhook) => void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const form = useForm(
    async () => {
      const webhook = await registerWebhook(authority.id, url.trim());
      setUrl('');
      onRegistered(webhook);
    },
    () => checkRequired([['url', url, t('webhooks.newUrl')]], t) ?? (isWebAddress(url.trim()) ? null : { message: t('webhooks.urlFormat'), field: 'url' }),
  );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        onAttempt();
        form.onSubmit(event);
      }}
      class="form webhook-form"
    >
      <ErrorAlert error={form.error} id={form.errorId} />
      <div class="webhook-form-row">
        <TextField
          label={t('webhooks.newUrl')}
          name="url"
          value={url}
          onValue={setUrl}
          hint={t('webhooks.newUrlHint')}
          required
          maxLength={URL_MAX}
          {...form.fieldProps('url')}
        />
        <Submit busy={form.busy} variant="secondary">
          {t('webhooks.register')}
        </Submit>
      </div>
    </form>
  );
}

/** A complete http or https address without spaces (what the server accepts before its own rules). */
function isWebAddress(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

function StopDialog({ authority, webhook, onClose }: Stopping & { onClose: (stopped: Webhook | null) => void }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  return (
    <ConfirmDialog
      title={t('webhooks.stopTitle')}
      confirmLabel={t('webhooks.stopConfirm')}
      busy={busy}
      error={error}
      onCancel={() => onClose(null)}
      onConfirm={() => {
        setBusy(true);
        setError(null);
        stopWebhook(webhook.id).then(onClose, (err: unknown) => {
          setError(toFormError(err, t));
          setBusy(false);
        });
      }}
    >
      <p>{t('webhooks.stopText', { name: inLanguage(lang, authority.nameEs, authority.nameEn) })}</p>
      <p class="mono webhook-url">{webhook.url}</p>
      <p>{t('webhooks.stopAfter')}</p>
    </ConfirmDialog>
  );
}

/** What a national system needs to trust a delivery: the headers, and the portal key with its fingerprint. */
function Verification() {
  const { t } = useI18n();
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  useEffect(() => {
    let current = true;
    fetchSigningKeyFingerprint().then(
      (value) => {
        if (current) setFingerprint(value);
      },
      (err: unknown) => {
        if (current) setError(toFormError(err, t));
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return (
    <section class="panel aside-panel webhook-help" aria-labelledby="webhook-help">
      <h2 id="webhook-help">{t('webhooks.helpTitle')}</h2>
      <p>{t('webhooks.helpBody')}</p>
      <dl class="header-list">
        {DELIVERY_HEADERS.map(([header, key]) => (
          <div key={header}>
            <dt>
              <code>{header}</code>
            </dt>
            <dd>{t(key)}</dd>
          </div>
        ))}
      </dl>
      <p>{t('webhooks.helpVerify')}</p>
      <p>
        <code class="command">gpg --verify signature.bin body.json</code>
      </p>
      <p>{t('webhooks.helpReplay')}</p>
      <p>{t('webhooks.helpAnswer')}</p>
      <h3>{t('webhooks.keyTitle')}</h3>
      <ErrorAlert error={error} />
      <dl class="facts facts-compact webhook-key">
        <dt>{t('webhooks.fingerprint')}</dt>
        <dd>
          {fingerprint ? <code class="fingerprint-value">{groupsOfFour(fingerprint)}</code> : error ? null : <span class="muted">{t('app.loading')}</span>}
        </dd>
      </dl>
      <p class="hint">{t('webhooks.fingerprintHint')}</p>
      <p>
        <a href={SIGNING_KEY_PATH} download="enlace-portal-key.asc">
          {t('webhooks.download')}
        </a>
      </p>
    </section>
  );
}
