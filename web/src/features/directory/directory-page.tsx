import { useState } from 'preact/hooks';
import { countryName } from '../../lib/countries.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert } from '../../ui/form.tsx';
import { EmptyState, Loading, LoadingPage, Page } from '../../ui/page.tsx';
import { fetchDirectory, fetchNetworks, vcardAddress } from './api.ts';
import { EntryCard } from './entry-card.tsx';
import { UrgentMessage } from './urgent-message.tsx';

/**
 * The network directory: choose a network, then one card per member country — contact point and
 * substitute, phones, 24/7 line, languages, further contacts, last confirmation (flagged after six
 * months). A country's contact point and substitute edit and confirm its card; the Secretariat any.
 * Printable (navigation and actions hidden), and downloadable as vCards. A contact point or
 * substitute of the network sends an urgent operational message to the contact points from here.
 */
export function DirectoryPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const networks = useResource(fetchNetworks, []);
  const list = networks.data?.networks ?? [];
  const chosen = query.get('network') ?? list[0]?.id ?? '';
  const directory = useResource(chosen ? () => fetchDirectory(chosen) : null, [chosen]);
  const { spaces } = useSession();
  const [messaging, setMessaging] = useState(false);
  // A contact point or substitute of the network sends urgent operational messages from a space of it where they hold the role.
  const messageSpace = spaces?.find((s) => s.networkId === chosen && (s.role === 'contact_point' || s.role === 'substitute'))?.id ?? null;
  if (!networks.data) return <LoadingPage title={t('directory.title')} error={networks.error} text={t('directory.loading')} />;
  if (list.length === 0)
    return (
      <Page title={t('directory.title')} lead={t('directory.lead')}>
        <EmptyState title={t('directory.noNetworks')} text={t('directory.noNetworksText')} />
      </Page>
    );
  const d = directory.data;
  return (
    <Page title={t('directory.title')} lead={t('directory.lead')}>
      <form class="panel filters filters-dense no-print" aria-label={t('directory.network')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('directory.network')}
          name="network"
          value={chosen}
          onValue={(v) => navigate(`/directory?network=${encodeURIComponent(v)}`)}
        >
          <Options items={list} value={(n) => n.id} label={(n) => nameIn(lang, n)} />
        </SelectField>
        <div class="filters-actions">
          <a class="button button-secondary" href={vcardAddress(chosen, lang)} download>
            {t('directory.vcard')}
          </a>
          <button type="button" class="button button-secondary" onClick={() => print()}>
            {t('directory.print')}
          </button>
          {messageSpace ? (
            <button type="button" class="button button-danger" aria-expanded={messaging} onClick={() => setMessaging(!messaging)}>
              {t('directory.urgentOpen')}
            </button>
          ) : null}
        </div>
      </form>
      {messaging && messageSpace && d && d.network.id === chosen ? (
        <UrgentMessage spaceId={messageSpace} entries={d.entries} onClose={() => setMessaging(false)} />
      ) : null}
      <ErrorAlert error={directory.error} />
      {directory.missing ? (
        <EmptyState title={t('directory.notFound')} text={t('directory.notFoundText')} />
      ) : !d || d.network.id !== chosen ? (
        directory.error ? null : (
          <Loading text={t('directory.loading')} />
        )
      ) : (
        <>
          <h2 class="print-only">{nameIn(lang, d.network)}</h2>
          {d.entries.length === 0 ? (
            <EmptyState title={t('directory.empty')} text={t('directory.emptyText')} />
          ) : (
            <div class="directory-grid" aria-label={t('directory.entries')} role="list">
              {[...d.entries]
                .sort((a, b) => countryName(a.country, lang, t).localeCompare(countryName(b.country, lang, t), lang))
                .map((entry) => (
                  <EntryCard
                    key={entry.id}
                    entry={entry}
                    onChange={(next) =>
                      directory.setData((current) => current && { ...current, entries: current.entries.map((e) => (e.id === next.id ? next : e)) })
                    }
                  />
                ))}
            </div>
          )}
        </>
      )}
    </Page>
  );
}
