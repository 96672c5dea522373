import { useId } from 'preact/hooks';
import { countryName } from '../../lib/countries.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { nameIn, pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import { ConfirmDialog, useAction } from '../../ui/dialog.tsx';
import { TextField } from '../../ui/fields.tsx';
import { checkRequired, Form, Notice, Submit, useForm } from '../../ui/form.tsx';
import { Badge } from '../../ui/values.tsx';
import { type Organisation, registerWebhook, stopWebhook, type Webhook } from './api.ts';

/** The server's limit on an address. */
const URL_MAX = 500;

/** What the Secretariat is asked to confirm: stopping one webhook of one authority. */
export interface Stopping {
  authority: Organisation;
  webhook: Webhook;
}

/** One authority's webhooks, stopping one, and registering another. */
export function AuthorityWebhooks({
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
  const name = nameIn(lang, authority);
  const active = webhooks.filter((w) => !w.disabledAt).length;
  return (
    <section class="panel webhook-authority" aria-labelledby={headingId}>
      <div class="webhook-authority-head">
        <h2 id={headingId}>{name}</h2>
        <p class="muted">
          {countryName(authority.country, lang, t)} <span class="code-tag">{authority.country}</span> ·{' '}
          {t(pluralKey(lang, 'webhooks.activeCount', active), { count: active })}
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
                    <button
                      type="button"
                      class="button button-danger button-small"
                      aria-label={t('webhooks.stopOf', { url: w.url })}
                      onClick={() => onStop(w)}
                    >
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
function RegisterForm({
  authority,
  onAttempt,
  onRegistered,
}: {
  authority: Organisation;
  onAttempt: () => void;
  onRegistered: (webhook: Webhook) => void;
}) {
  const { t } = useI18n();
  const form = useForm(
    { url: '' },
    async ({ url }) => {
      const webhook = await registerWebhook(authority.id, { url: url.trim() });
      form.reset();
      onRegistered(webhook);
    },
    ({ url }) =>
      checkRequired([['url', url, t('webhooks.newUrl')]], t) ??
      (isWebAddress(url.trim()) ? null : { message: t('webhooks.urlFormat'), field: 'url' }),
  );
  return (
    <Form form={form} class="form webhook-form" beforeSubmit={onAttempt}>
      <div class="webhook-form-row">
        <TextField label={t('webhooks.newUrl')} hint={t('webhooks.newUrlHint')} required maxLength={URL_MAX} {...form.bind('url')} />
        <Submit busy={form.busy} variant="secondary">
          {t('webhooks.register')}
        </Submit>
      </div>
    </Form>
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

export function StopDialog({ authority, webhook, onClose }: Stopping & { onClose: (stopped: Webhook | null) => void }) {
  const { t, lang } = useI18n();
  const { busy, error, run } = useAction();
  return (
    <ConfirmDialog
      title={t('webhooks.stopTitle')}
      confirmLabel={t('webhooks.stopConfirm')}
      busy={busy}
      error={error}
      onCancel={() => onClose(null)}
      onConfirm={() => run(() => stopWebhook(webhook.id), onClose)}
    >
      <p>{t('webhooks.stopText', { name: nameIn(lang, authority) })}</p>
      <p class="mono webhook-url">{webhook.url}</p>
      <p>{t('webhooks.stopAfter')}</p>
    </ConfirmDialog>
  );
}
