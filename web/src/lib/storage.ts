/**
 * Values kept in this browser's localStorage, shared by its tabs. Storage may be disabled: then
 * nothing is read or kept, and the page goes on with what it holds in memory.
 */
export function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Keeps a value; null (or '') removes it. */
export function writeStored(key: string, value: string | null): void {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // Not kept, but the page still has it.
  }
}

/** Calls `listener` whenever another tab of this browser changes the value. */
export function onStoredChange(key: string, listener: (value: string | null) => void): void {
  window.addEventListener('storage', (event) => {
    if (event.key === key) listener(event.newValue);
  });
}

/**
 * Values kept for this tab only (sessionStorage), under `enlace.tab.`: gone when the tab closes,
 * and removed when someone signs out here (forgetTabValues), so they may hold what the address
 * must not (the words of a search). Storage may be disabled: then nothing is kept.
 */
const TAB_PREFIX = 'enlace.tab.';

export function readTabValue(key: string): string | null {
  try {
    return sessionStorage.getItem(TAB_PREFIX + key);
  } catch {
    return null;
  }
}

/** Keeps a value for this tab; null (or '') removes it. */
export function writeTabValue(key: string, value: string | null): void {
  try {
    if (value) sessionStorage.setItem(TAB_PREFIX + key, value);
    else sessionStorage.removeItem(TAB_PREFIX + key);
  } catch {
    // Not kept: the page goes on with what it holds in memory.
  }
}

/** Removes every value this tab keeps (someone signed out, or the session ended). */
export function forgetTabValues(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(TAB_PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // Nothing was kept.
  }
}
