import { useEffect } from 'preact/hooks';
import { UUID } from '../../lib/format.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import type { RouteParams } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { setCurrentSpace } from '../../lib/spaces.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Page, ResourcePage } from '../../ui/page.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { fetchSpace, type SpaceView } from './api.ts';
import { Members } from './members.tsx';
import { RoleBadge } from './space-facts.tsx';
import { Overview } from './space-overview.tsx';

type Tab = 'overview' | 'members';

export function SpacePage({ params }: { params: RouteParams }) {
  return <SpaceScreen spaceId={params.spaceId ?? ''} tab="overview" />;
}

export function SpaceMembersPage({ params }: { params: RouteParams }) {
  return <SpaceScreen spaceId={params.spaceId ?? ''} tab="members" />;
}

/** A space, its overview or its members: a tab each. */
function SpaceScreen({ spaceId, tab }: { spaceId: string; tab: Tab }) {
  const { t } = useI18n();
  const { spaces: mine } = useSession();
  const valid = UUID.test(spaceId);
  const space = useResource(valid ? () => fetchSpace(spaceId) : null, [spaceId]);
  // Opening one of my spaces makes it the current one.
  useEffect(() => {
    if (space.data && mine?.some((s) => s.id === space.data?.id)) setCurrentSpace(space.data.id);
  }, [space.data, mine]);
  return (
    <ResourcePage
      resource={{ ...space, missing: space.missing || !valid }}
      title={t('space.title')}
      loadingText={t('space.loading')}
      notFound={{ title: t('space.notFoundTitle'), text: t('space.notFoundText'), back: { href: '/spaces', label: t('space.backToList') } }}
    >
      {(data) => <SpaceTabs space={data} tab={tab} onSaved={space.setData} />}
    </ResourcePage>
  );
}

function SpaceTabs({ space, tab, onSaved }: { space: SpaceView; tab: Tab; onSaved: (space: SpaceView) => void }) {
  const { t, lang } = useI18n();
  const base = `/spaces/${space.id}`;
  return (
    <Page
      title={nameIn(lang, space)}
      lead={
        <>
          <span>{t('space.inNetwork', { network: nameIn(lang, space.network) })}</span> <RoleBadge space={space} />
        </>
      }
    >
      <Tabs
        label={t('space.sections')}
        tabs={[
          [base, t('space.overviewTab'), tab === 'overview' && 'page'],
          [`${base}/members`, t('space.membersTab'), tab === 'members' && 'page'],
        ]}
      />
      {tab === 'overview' ? <Overview space={space} onSaved={onSaved} /> : <Members space={space} />}
    </Page>
  );
}
