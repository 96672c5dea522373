import { useState } from 'preact/hooks';
import { countryName } from '../../lib/countries.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { ErrorAlert } from '../../ui/form.tsx';
import { Loading, Page } from '../../ui/page.tsx';
import { fetchOrganisations, fetchWebhooks, type Organisation, type Webhook } from './api.ts';
import { AuthorityWebhooks, StopDialog, type Stopping } from './authority-webhooks.tsx';
import { Verification } from './verification.tsx';

/**
 * The Secretariat's webhooks: for each migration authority (only they receive alerts by
 * organisation), the national systems its alerts are POSTed to, signed; and what a system needs
 * to check that a delivery comes from the portal.
 */
export function WebhooksPage() {
  const { t, lang } = useI18n();
  const [webhooks, setWebhooks] = useState<Record<string, Webhook[]>>({});
  const loaded = useResource(async () => {
    const organisations = (await fetchOrganisations()).filter((o) => o.kind === 'migration_authority');
    const lists = await Promise.all(organisations.map((o) => fetchWebhooks(o.id)));
    setWebhooks(Object.fromEntries(organisations.map((o, i) => [o.id, lists[i] ?? []])));
    return organisations;
  }, []);
  const authorities = loaded.data;
  const loadError = loaded.error;
  // What just happened, kept as facts rather than words, so that it follows a change of language.
  const [notice, setNotice] = useState<{ organisationId: string; webhook: Webhook; event: 'registered' | 'stopped' } | null>(null);
  const [stopping, setStopping] = useState<Stopping | null>(null);

  const replace = (webhook: Webhook) =>
    setWebhooks((all) => {
      const list = all[webhook.organisationId] ?? [];
      const known = list.some((w) => w.id === webhook.id);
      return { ...all, [webhook.organisationId]: known ? list.map((w) => (w.id === webhook.id ? webhook : w)) : [...list, webhook] };
    });

  const name = (o: Organisation) => nameIn(lang, o);
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
              <Loading text={t('webhooks.loading')} />
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
