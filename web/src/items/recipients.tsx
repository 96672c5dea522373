/** A RED item is read by those its writer names, among the members of its space. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import type { Item, Reply } from '../lib/api-schema.ts';
import { countryName } from '../lib/countries.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { useUser } from '../lib/session.tsx';
import { Checks } from '../ui/fields.tsx';

export type SpaceMember = Item<Reply<'/api/spaces/{spaceId}/members', 'get'>>;

/**
 * The members of a space, to name as recipients: asked for while `spaceId` is given, once per space
 * (null while on the way; none if they cannot be had).
 */
export function useSpaceMembers(spaceId: string | null): SpaceMember[] | null {
  const [loaded, setLoaded] = useState<{ spaceId: string; members: SpaceMember[] } | null>(null);
  useEffect(() => {
    if (!spaceId || loaded?.spaceId === spaceId) return;
    let current = true;
    setLoaded(null);
    const done = (members: SpaceMember[]) => current && setLoaded({ spaceId, members });
    api<SpaceMember[]>('GET', `/api/spaces/${spaceId}/members`).then(done, () => done([]));
    return () => {
      current = false;
    };
  }, [spaceId]);
  return loaded?.spaceId === spaceId ? loaded.members : null;
}

/** The space's members (but the writer) to name as recipients of a RED item. */
export function RecipientChecks({
  members,
  chosen,
  onChosen,
}: {
  members: SpaceMember[] | null;
  chosen: string[];
  onChosen: (ids: string[]) => void;
}) {
  const { t, lang } = useI18n();
  const user = useUser();
  if (members === null) return <p class="loading">{t('members.loading')}</p>;
  return (
    <Checks
      name="namedRecipients"
      items={members.filter((m) => m.userId !== user.id)}
      value={(m) => m.userId}
      label={(m) => `${m.displayName} · ${countryName(m.country, lang, t)}`}
      chosen={chosen}
      onChosen={onChosen}
    />
  );
}
