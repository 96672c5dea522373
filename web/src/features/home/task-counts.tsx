/** What the app's frame shows of the tasks on every screen: the count beside "Validation", kept current. */
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import { type LiveSource, onLive } from '../../lib/live-source.ts';
import { useLocation } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { refreshTasks, resetTasks, useTasks } from './tasks.ts';

/**
 * Keeps the tasks current while something shows them: at every live event (an alert arrived, one
 * was acknowledged, the stream came back after a gap), after a move to another screen, and
 * forgotten when the person signed in changes.
 */
export function TaskUpdates({ live }: { live: LiveSource }) {
  const { state } = useSession();
  const { path } = useLocation();
  const userId = state.status === 'signedIn' && state.stage === 'full' ? state.user.id : null;
  // What changes a count: a workflow step, an alert arriving, read or acknowledged.
  useEffect(() => live(onLive(['tasks', 'alert', 'ack'], refreshTasks)), [live]);
  useEffect(() => resetTasks, [userId]);
  const shown = useRef(path);
  useEffect(() => {
    if (shown.current === path) return;
    shown.current = path;
    refreshTasks();
  }, [path]);
  return null;
}

/** The specimens waiting for my validation, beside "Validation", said in words to a screen reader. */
export function ValidationCount() {
  const { t } = useI18n();
  const { tasks } = useTasks();
  const count = tasks?.counts.specimensToValidate ?? 0;
  if (!count) return null;
  return (
    <span class="nav-count">
      {count}
      <span class="visually-hidden"> {t('nav.waiting')}</span>
    </span>
  );
}
