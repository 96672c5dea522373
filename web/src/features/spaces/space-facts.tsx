/** What the space screens say of a space: its dates, its loading deadline against the reader's today, my role in it. */
import { formatDay, todayIso } from '../../lib/dates.ts';
import { deadlineState, describeDeadline } from '../../lib/deadline.ts';
import { type Language, type Translate, useI18n } from '../../lib/i18n/index.tsx';
import type { SpaceRole } from '../../lib/session.tsx';
import { Badge } from '../../ui/values.tsx';
import type { SpaceView } from './api.ts';

/** The loading deadline with how far off it is, counted from the reader's today. */
function DeadlineNote({ space }: { space: SpaceView }) {
  const { t, lang } = useI18n();
  const state = deadlineState(space, todayIso());
  const tone = state.kind === 'overdue' ? 'deadline-overdue' : state.kind === 'today' ? 'deadline-today' : 'deadline-ok';
  return <span class={`deadline ${tone}`}>{describeDeadline(state, lang, t)}</span>;
}

/** The badge for my role in a space, or a muted one when I see it without belonging to it. */
export function RoleBadge({ space }: { space: SpaceView }) {
  const { t } = useI18n();
  return space.myRole ? <Badge>{t(`spaceRole.${space.myRole}`)}</Badge> : <Badge tone="muted">{t('spaces.notMember')}</Badge>;
}

/** A role inside a sentence: the badge's label, lower-cased ("added as liaison officer"). */
export function roleWord(role: SpaceRole, lang: Language, t: Translate): string {
  return t(`spaceRole.${role}`).toLocaleLowerCase(lang);
}

/** When a space opens and its loading deadline, as terms of a list of facts. */
export function SpaceDates({ space }: { space: SpaceView }) {
  const { t, lang } = useI18n();
  return (
    <>
      <dt>{t('space.opensOn')}</dt>
      <dd>{formatDay(space.opensOn, lang)}</dd>
      <dt>{t('space.deadline')}</dt>
      <dd>
        {formatDay(space.loadingDeadline, lang)} <DeadlineNote space={space} />
      </dd>
    </>
  );
}
