import { useEffect, useState } from 'preact/hooks';
import { api, type Network, type SpaceView } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession, useUser } from '../session.tsx';
import { deadlineState, describeDeadline, inLanguage, spaceName, todayIso, useCurrentSpaceId } from '../spaces.ts';
import { Badge, ErrorAlert, type FormError, formatDay, Page, toFormError } from '../ui.tsx';

/** The badge for my role in a space, or a muted one when I see it without belonging to it. */
export function RoleBadge({ space }: { space: SpaceView }) {
  const { t } = useI18n();
  return space.myRole ? <Badge>{t(`spaceRole.${space.myRole}`)}</Badge> : <Badge tone="muted">{t('spaces.notMember')}</Badge>;
}

/** The loading deadline with how far off it is, counted from the reader's today. */
export function DeadlineNote({ space }: { space: SpaceView }) {
  const { t, lang } = useI18n();
  const state = deadlineState(space, todayIso());
  const tone = state.kind === 'overdue' ? 'deadline-overdue' : state.kind === 'today' ? 'deadline-today' : 'deadline-ok';
  return <span class={`deadline ${tone}`}>{describeDeadline(state, lang, t)}</span>;
}

/** My spaces (a contact point: every space of its network; the Secretariat: all), by network. */
export function SpacesPage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const { refreshSpaces } = useSession();
  const currentId = useCurrentSpaceId();
  const [spaces, setSpaces] = useState<SpaceView[] | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const secretariat = user.roles.includes('secretariat');

  useEffect(() => {
    api<SpaceView[]>('GET', '/api/spaces').then(setSpaces, (err: unknown) => setError(toFormError(err, t)));
    // Memberships may have changed since sign-in: the switcher follows.
    refreshSpaces();
  }, []);

  const groups: { network: Network; spaces: SpaceView[] }[] = [];
  for (const space of spaces ?? []) {
    const group = groups.find((g) => g.network.id === space.network.id);
    if (group) group.spaces.push(space);
    else groups.push({ network: space.network, spaces: [space] });
  }
  groups.sort((a, b) => inLanguage(lang, a.network.nameEs, a.network.nameEn).localeCompare(inLanguage(lang, b.network.nameEs, b.network.nameEn), lang));

  return (
    <Page title={t('spaces.title')} lead={t(secretariat ? 'spaces.leadSecretariat' : 'spaces.lead')}>
      {secretariat ? (
        <p class="page-actions">
          <a class="button" href="/spaces/new">
            {t('spaces.new')}
          </a>
        </p>
      ) : null}
      <ErrorAlert error={error} />
      {!spaces ? (
        error ? null : (
          <p class="loading" role="status">
            {t('spaces.loading')}
          </p>
        )
      ) : spaces.length === 0 ? (
        <div class="panel empty">
          <h2>{t('spaces.emptyTitle')}</h2>
          <p>{t(secretariat ? 'spaces.emptySecretariat' : 'spaces.empty')}</p>
        </div>
      ) : (
        groups.map(({ network, spaces: list }) => {
          const headingId = `network-${network.id}`;
          return (
            <section key={network.id} class="network" aria-labelledby={headingId}>
              <h2 id={headingId}>
                {inLanguage(lang, network.nameEs, network.nameEn)} <span class="code-tag">{network.code}</span>
              </h2>
              <ul class="space-list">
                {list.map((space) => {
                  const nameId = `space-${space.id}`;
                  const description = inLanguage(lang, space.descriptionEs, space.descriptionEn);
                  return (
                    <li key={space.id} class={space.id === currentId ? 'panel space-card space-card-current' : 'panel space-card'}>
                      <p class="space-card-title">
                        <a id={nameId} href={`/spaces/${space.id}`}>
                          {spaceName(lang, space)}
                        </a>
                        <RoleBadge space={space} />
                      </p>
                      {description ? <p class="space-card-text">{description}</p> : null}
                      <dl class="facts facts-compact">
                        <dt>{t('space.opensOn')}</dt>
                        <dd>{formatDay(space.opensOn, lang)}</dd>
                        <dt>{t('space.deadline')}</dt>
                        <dd>
                          {formatDay(space.loadingDeadline, lang)} <DeadlineNote space={space} />
                        </dd>
                      </dl>
                      <p class="space-card-links">
                        <a href={`/spaces/${space.id}/members`} aria-describedby={nameId}>
                          {t('space.membersTab')}
                        </a>
                      </p>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })
      )}
    </Page>
  );
}
