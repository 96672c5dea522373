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
