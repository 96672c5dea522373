/** My spaces with their loading deadlines: how far off each is, and which are due soon or late. */
import { formatDay, todayIso } from '../../lib/dates.ts';
import { DUE_SOON_DAYS, deadlineState, describeDeadline } from '../../lib/deadline.ts';
import { inLanguage, useI18n } from '../../lib/i18n/index.tsx';
import { Badge } from '../../ui/values.tsx';
import type { TaskSpace } from './api.ts';

export function SpaceDeadlines({ spaces }: { spaces: TaskSpace[] }) {
  const { t, lang } = useI18n();
  const today = todayIso();
  return (
    <section class="panel task-list" aria-labelledby="home-spaces">
      <h2 id="home-spaces">{t('home.spaces.title')}</h2>
      <ul>
        {spaces.map((space) => {
          const state = deadlineState(space, today);
          const late = state.kind === 'overdue';
          const soon = state.kind === 'today' || (state.kind === 'open' && state.days <= DUE_SOON_DAYS);
          const tone = late ? 'deadline-overdue' : state.kind === 'today' ? 'deadline-today' : 'deadline-ok';
          return (
            <li key={space.id} class="task-item">
              <a href={`/spaces/${space.id}`}>{inLanguage(lang, space.nameEs, space.nameEn)}</a>
              <span class="task-item-facts">
                <Badge tone={`role-${space.role}`}>{t(`spaceRole.${space.role}`)}</Badge>
                {late ? <Badge tone="late">{t('home.spaces.late')}</Badge> : soon ? <Badge tone="due-soon">{t('home.spaces.dueSoon')}</Badge> : null}
                <span>{t('home.spaces.deadline', { date: formatDay(space.loadingDeadline, lang) })}</span>
                <span class={`deadline ${tone}`}>{describeDeadline(state, lang, t)}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
