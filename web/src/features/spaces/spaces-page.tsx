import { useEffect } from 'preact/hooks';
import { inLanguage, nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { useSession, useUser } from '../../lib/session.tsx';
import { useCurrentSpaceId } from '../../lib/spaces.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ErrorAlert } from '../../ui/form.tsx';
import { EmptyState, Loading, Page } from '../../ui/page.tsx';
import { fetchSpaces, type Network, type SpaceView } from './api.ts';
import { RoleBadge, SpaceDates } from './space-facts.tsx';

/** My spaces (a contact point: every space of its network; the Secretariat: all), by network. */
export function SpacesPage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const { refreshSpaces } = useSession();
  const spaces = useResource(fetchSpaces, []);
  const secretariat = user.roles.includes('secretariat');
  // Memberships may have changed since sign-in: the switcher follows.
  useEffect(refreshSpaces, []);

  const groups: { network: Network; spaces: SpaceView[] }[] = [];
  for (const space of spaces.data ?? []) {
    const group = groups.find((g) => g.network.id === space.network.id);
    if (group) group.spaces.push(space);
    else groups.push({ network: space.network, spaces: [space] });
  }
  groups.sort((a, b) => nameIn(lang, a.network).localeCompare(nameIn(lang, b.network), lang));

  return (
    <Page title={t('spaces.title')} lead={t(secretariat ? 'spaces.leadSecretariat' : 'spaces.lead')}>
      {secretariat ? (
        <p class="page-actions">
          <a class="button" href="/spaces/new">
            {t('spaces.new')}
          </a>
        </p>
      ) : null}
      <ErrorAlert error={spaces.error} />
      {!spaces.data ? (
        spaces.error ? null : (
          <Loading text={t('spaces.loading')} />
        )
      ) : spaces.data.length === 0 ? (
        <EmptyState title={t('spaces.emptyTitle')} text={t(secretariat ? 'spaces.emptySecretariat' : 'spaces.empty')} />
      ) : (
        groups.map(({ network, spaces: list }) => {
          const headingId = `network-${network.id}`;
          return (
            <section key={network.id} class="network" aria-labelledby={headingId}>
              <h2 id={headingId}>
                {nameIn(lang, network)} <span class="code-tag">{network.code}</span>
              </h2>
              <ul class="space-list">
                {list.map((space) => (
                  <SpaceCard key={space.id} space={space} />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </Page>
  );
}

function SpaceCard({ space }: { space: SpaceView }) {
  const { t, lang } = useI18n();
  const currentId = useCurrentSpaceId();
  const nameId = `space-${space.id}`;
  const description = inLanguage(lang, space.descriptionEs, space.descriptionEn);
  return (
    <li class={space.id === currentId ? 'panel space-card space-card-current' : 'panel space-card'}>
      <p class="space-card-title">
        <a id={nameId} href={`/spaces/${space.id}`}>
          {nameIn(lang, space)}
        </a>
        <RoleBadge space={space} />
      </p>
      {description ? <p class="space-card-text">{description}</p> : null}
      <dl class="facts facts-compact">
        <SpaceDates space={space} />
      </dl>
      <p class="space-card-links">
        <a href={`/spaces/${space.id}/members`} aria-describedby={nameId}>
          {t('space.membersTab')}
        </a>
      </p>
    </li>
  );
}
