/** The signed-in home page: what waits for me, my latest items, my spaces' deadlines, where to go. */
import { mayReceiveAlerts, useItemRoles } from '../../items/item-roles.ts';
import { toFormError } from '../../lib/errors.ts';
import { type MessageKey, pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import type { User } from '../../lib/session.tsx';
import { ErrorAlert } from '../../ui/form.tsx';
import { Loading, Page } from '../../ui/page.tsx';
import type { TaskCounts, Tasks } from './api.ts';
import { GoCards } from './go-cards.tsx';
import { SpaceDeadlines } from './space-deadlines.tsx';
import { TaskList } from './task-list.tsx';
import { useTasks } from './tasks.ts';

type CountKey = keyof TaskCounts;
/** A count, where it leads, and whether it is shown at zero (what this role is there for). */
type Tile = [key: CountKey, href: string, always?: boolean];

/** The counts this person has any use for, each with where it leads. */
function tilesFor(user: User, roles: ReturnType<typeof useItemRoles>): Tile[] {
  const tiles: Tile[] = [];
  if (roles.validator) {
    tiles.push(
      ['specimensToValidate', '/specimens/validation', true],
      ['alertsToReview', '/alerts/validation'],
      ['alertsToValidate', '/alerts/validation', true],
      ['reportsToValidate', '/reports?status=submitted&space=all'],
      ['personsToValidate', '/persons?status=submitted'],
    );
  }
  if (roles.creator) {
    tiles.push(['corrections', '#home-corrections'], ['returned', '#home-returned'], ['drafts', '/specimens?status=draft&mine=1&space=all']);
  }
  if (mayReceiveAlerts(user, roles.spaces)) tiles.push(['unread', '/alerts', true], ['unacknowledged', '/alerts']);
  return tiles;
}

function Waiting({ tiles, counts }: { tiles: Tile[]; counts: TaskCounts }) {
  const { t, lang } = useI18n();
  const nothing = tiles.every(([key]) => counts[key] === 0);
  // When nothing waits, the sentence says so; zeros beside it would say it again.
  const shown = nothing ? [] : tiles.filter(([key, , always]) => always || counts[key] > 0);
  return (
    <section class="task-waiting" aria-labelledby="home-waiting">
      <h2 id="home-waiting">{t('home.waiting.title')}</h2>
      {nothing ? <p class="panel empty-inline muted">{t('home.waiting.none')}</p> : null}
      {shown.length ? (
        <ul class="task-tiles">
          {shown.map(([key, href]) => {
            const count = counts[key];
            const urgent = key === 'alertsToReview' || key === 'unacknowledged';
            return (
              <li key={key} class={`task-tile${count ? (urgent ? ' task-tile-urgent' : ' task-tile-due') : ' task-tile-none'}`}>
                <a href={href}>
                  <span class="task-tile-count">{count}</span>{' '}
                  <span class="task-tile-label">{t(pluralKey(lang, `home.count.${key}`, count) as MessageKey)}</span>
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

function Lists({ tasks }: { tasks: Tasks }) {
  const { t } = useI18n();
  const { counts } = tasks;
  const waiting = counts.specimensToValidate + counts.alertsToValidate;
  return (
    <div class="task-lists">
      {tasks.toValidate.length ? (
        <TaskList
          id="home-to-validate"
          title={t('home.list.toValidate')}
          items={tasks.toValidate}
          fromQueue
          when="waiting"
          more={waiting > tasks.toValidate.length ? { href: '/specimens/validation', count: counts.specimensToValidate } : null}
        />
      ) : null}
      {tasks.toReview.length ? (
        <TaskList id="home-to-review" title={t('home.list.toReview')} items={tasks.toReview} fromQueue when="waiting" />
      ) : null}
      {tasks.corrections.length ? (
        <TaskList id="home-corrections" title={t('home.list.corrections')} items={tasks.corrections} when="updated" />
      ) : null}
      {tasks.returned.length ? <TaskList id="home-returned" title={t('home.list.returned')} items={tasks.returned} when="updated" /> : null}
      {tasks.recent.length ? <TaskList id="home-recent" title={t('home.list.recent')} items={tasks.recent} when="updated" /> : null}
      {tasks.spaces.length ? <SpaceDeadlines spaces={tasks.spaces} /> : null}
    </div>
  );
}

export function TasksHome({ user }: { user: User }) {
  const { t } = useI18n();
  const roles = useItemRoles();
  const { tasks, error } = useTasks();
  const tiles = tilesFor(user, roles);
  return (
    <Page title={t('home.tasks.title')} lead={t(roles.member || tiles.length ? 'home.tasks.lead' : 'home.greeting', { name: user.displayName })}>
      {error && !tasks ? <ErrorAlert error={toFormError(error, t)} /> : null}
      {tasks ? (
        <>
          {tiles.length ? <Waiting tiles={tiles} counts={tasks.counts} /> : null}
          <Lists tasks={tasks} />
        </>
      ) : error ? null : (
        <Loading text={t('home.tasks.loading')} />
      )}
      <GoCards user={user} />
    </Page>
  );
}
