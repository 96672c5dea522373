import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.ts';
import { type FormError, toFormError } from './errors.ts';
import { useI18n } from './i18n/index.tsx';

export interface Resource<T> {
  /** The last answer; kept while the next one is on its way (another page, another filter). */
  data: T | null;
  setData: (update: T | null | ((current: T | null) => T | null)) => void;
  /** Asked for and not answered yet. */
  loading: boolean;
  /** The last request failed with one of the statuses the caller expects (`expected`): that status. */
  status: number | null;
  /** The server has nothing at this address (404, when expected). */
  missing: boolean;
  /** Any other failure, in words. */
  error: FormError | null;
  /** Asks again (the answer to a request still in flight is dropped). */
  reload: () => void;
}

interface State<T> {
  data: T | null;
  loading: boolean;
  status: number | null;
  error: FormError | null;
}

/**
 * Something a screen shows from the server: fetched on mount and whenever `deps` change (an
 * answer to an earlier request is dropped), or not at all while `load` is null. A failure with a
 * status in `expected` (404 by default, 428 for a RED item waiting for its purpose) is a state the
 * screen shows, not an error.
 */
export function useResource<T>(load: (() => Promise<T>) | null, deps: readonly unknown[], expected: readonly number[] = [404]): Resource<T> {
  const { t } = useI18n();
  const [state, setState] = useState<State<T>>({ data: null, loading: load !== null, status: null, error: null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!load) return;
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => {
        if (current) setState({ data, loading: false, status: null, error: null });
      },
      (err: unknown) => {
        if (!current) return;
        const status = err instanceof ApiError && expected.includes(err.status) ? err.status : null;
        setState((s) => ({ ...s, loading: false, status, error: status === null ? toFormError(err, t) : null }));
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, version]);
  return {
    ...state,
    missing: state.status === 404,
    setData: (update) =>
      setState((s) => ({ ...s, data: typeof update === 'function' ? (update as (current: T | null) => T | null)(s.data) : update })),
    reload: () => setVersion((v) => v + 1),
  };
}
