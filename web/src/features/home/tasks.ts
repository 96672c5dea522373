import { useEffect, useState } from 'preact/hooks';
import { fetchTasks, type Tasks } from './api.ts';

// What waits for the signed-in person, shared by the home page and the counts beside the menu:
// fetched once for all of them, again whenever the live stream says something changed, after a
// move to another screen (a step taken there changes the counts), and when a screen asks.

interface TasksState {
  tasks: Tasks | null;
  error: unknown;
}

const listeners = new Set<(state: TasksState) => void>();
let state: TasksState = { tasks: null, error: null };
let inFlight = false;
let again = false;

function setState(next: TasksState): void {
  state = next;
  for (const listener of listeners) listener(next);
}

/** Asks again (once more after the request in flight, if there is one); nothing while no one shows them. */
export function refreshTasks(): void {
  if (listeners.size === 0) return;
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  fetchTasks()
    .then(
      (tasks) => setState({ tasks, error: null }),
      (error: unknown) => setState({ tasks: state.tasks, error }),
    )
    .finally(() => {
      inFlight = false;
      if (again) {
        again = false;
        refreshTasks();
      }
    });
}

/** Forgets them (someone signed out, or another person signed in). */
export function resetTasks(): void {
  again = false;
  setState({ tasks: null, error: null });
}

/** The tasks, fetched when the first component showing them appears. */
export function useTasks(active = true): TasksState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    if (!active) return;
    listeners.add(setCurrent);
    setCurrent(state);
    refreshTasks();
    return () => void listeners.delete(setCurrent);
  }, [active]);
  return current;
}
