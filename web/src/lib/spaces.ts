/**
 * The current space: remembered in this browser, shared by its tabs, followed by every component
 * (the switcher in the masthead, the specimen and alert forms that start in it).
 */
import { type MySpace, useSession } from './session.tsx';
import { onStoredChange, readStored, writeStored } from './storage.ts';
import { createStore, useStore } from './store.ts';

const CURRENT_KEY = 'enlace.space';
const current = createStore<string | null>(readStored(CURRENT_KEY));
onStoredChange(CURRENT_KEY, current.set);

export function setCurrentSpace(id: string | null): void {
  if (id === current.get()) return;
  current.set(id);
  writeStored(CURRENT_KEY, id);
}

/** The id of the space last chosen in this browser, if any (it may no longer be one of mine). */
export const useCurrentSpaceId = (): string | null => useStore(current);

/**
 * The current space as the switcher shows it: the one last chosen in this browser while it is
 * still one of mine, else my first; null while my spaces are not known, or when I have none.
 */
export function useCurrentSpace(): MySpace | null {
  const { spaces } = useSession();
  const storedId = useCurrentSpaceId();
  return spaces?.find((s) => s.id === storedId) ?? spaces?.[0] ?? null;
}
