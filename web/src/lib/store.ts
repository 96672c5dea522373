import { useEffect, useState } from 'preact/hooks';

/** A value the whole page shares, and who to tell when it changes. */
export interface Store<T> {
  get: () => T;
  /** Changes the value and tells every listener (nothing happens if it is the same). */
  set: (value: T) => void;
  subscribe: (listener: (value: T) => void) => () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of listeners) listener(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The store's value in a component, which renders again when it changes. */
export function useStore<T>(store: Store<T>): T {
  const [value, setValue] = useState(store.get);
  useEffect(() => {
    const stop = store.subscribe(setValue);
    // It may have changed between the first render and now.
    setValue(store.get());
    return stop;
  }, [store]);
  return value;
}
