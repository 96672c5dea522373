/**
 * A keyword search page (specimens, alerts): the filters live in the address, the words never do
 * (they may name a person or a document): they stay in the page's state and travel in a POST body.
 *
 * Coming back to a search (the browser's Back, or a "back to the list" link) finds it as it was:
 * each history entry of a search page carries an opaque key in `history.state` (never the words),
 * and this tab's storage (sessionStorage, removed at sign-out: lib/storage.ts) keeps, by that key,
 * the words applied there and how far down the page was scrolled. The facets and the page number
 * are in the address already.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type PluralKeyBase, pluralKey, useI18n } from '../lib/i18n/index.tsx';
import { navigate } from '../lib/router.ts';
import { readTabValue, writeTabValue } from '../lib/storage.ts';
import { useResource } from '../lib/use-resource.ts';
import { TextField } from '../ui/fields.tsx';
import { SearchForm } from '../ui/form.tsx';
import { pageCount } from '../ui/pager.tsx';

interface Box {
  value: string;
  onValue: (value: string) => void;
  applied: string;
  onApply: (words: string) => void;
  onClear: () => void;
}

/** What a search page's history entry is left with: its words and its scroll position. */
interface Memory {
  words: string;
  scroll: number;
}

/** A search page's memories, by history entry (the most recent last), and where it was last seen. */
interface Book {
  entries: Record<string, Memory>;
  last: { key: string; address: string } | null;
}

const KEPT_ENTRIES = 40;
const bookKey = (path: string) => `search:${path}`;
const entryKey = (): string | null => {
  const key = (history.state as { search?: unknown } | null)?.search;
  return typeof key === 'string' ? key : null;
};

function readBook(path: string): Book {
  try {
    const book = JSON.parse(readTabValue(bookKey(path)) ?? 'null') as Book | null;
    if (book && typeof book.entries === 'object') return book;
  } catch {
    // Unreadable: start afresh.
  }
  return { entries: {}, last: null };
}

/** Keeps the memory of one entry (the oldest ones go beyond KEPT_ENTRIES), and marks it the last seen. */
function remember(path: string, key: string, memory: Memory): void {
  const book = readBook(path);
  delete book.entries[key];
  book.entries[key] = memory;
  const keys = Object.keys(book.entries);
  for (const old of keys.slice(0, Math.max(0, keys.length - KEPT_ENTRIES))) delete book.entries[old];
  book.last = { key, address: location.pathname + location.search };
  writeTabValue(bookKey(path), JSON.stringify(book));
}

const recall = (path: string, key: string | null): Memory | null => (key ? (readBook(path).entries[key] ?? null) : null);

const newKey = () => Math.random().toString(36).slice(2, 12);

/**
 * The link back to a search page (`path`) as it was last left in this tab: its address (facets,
 * page), and on a click, its words and scroll position in a new history entry.
 */
export function useSearchReturn(path: string): { href: string; onClick: (event: MouseEvent) => void } {
  const book = readBook(path);
  const last = book.last?.address.startsWith(path) ? book.last : null;
  const memory = last ? book.entries[last.key] : null;
  return {
    href: last?.address ?? path,
    onClick(event) {
      if (!last || !memory || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      const key = newKey();
      navigate(last.address, { state: { search: key } });
      remember(path, key, memory);
    },
  };
}

/**
 * The words typed and those applied, and the answer for the address (`addressKey`) and the words:
 * asked again when either changes, not before `ready`. `onApply` runs when new words are applied
 * (back to page 1). The words and the scroll position are kept with the history entry (above).
 */
export function useKeywordSearch<R>(addressKey: string, search: (words: string) => Promise<R>, onApply: () => void, ready = true) {
  const path = location.pathname;
  const [initial] = useState(() => recall(path, entryKey()));
  const [typed, setTyped] = useState(initial?.words ?? '');
  const [applied, setApplied] = useState(initial?.words ?? '');
  const result = useResource(ready ? () => search(applied) : null, [addressKey, applied, ready]);
  // The entry shown, and the scroll position to go back to once its results are there.
  const shown = useRef<string | null>(null);
  const pendingScroll = useRef<number | null>(initial?.scroll || null);

  // Another entry: one come back to (its words again), or a new one (a facet, a page: the words stay).
  useEffect(() => {
    const key = entryKey();
    const memory = recall(path, key);
    if (key && memory) {
      if (shown.current !== null && shown.current !== key) {
        setTyped(memory.words);
        setApplied(memory.words);
        pendingScroll.current = memory.scroll || null;
      }
      shown.current = key;
      remember(path, key, memory);
      return;
    }
    const fresh = key ?? newKey();
    if (!key) history.replaceState({ ...((history.state as object | null) ?? {}), search: fresh }, '');
    shown.current = fresh;
    remember(path, fresh, { words: applied, scroll: 0 });
  }, [addressKey]);

  // The scroll position, kept as it changes (not while one is still to be restored).
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const key = shown.current;
        if (pendingScroll.current !== null || !key || key !== entryKey()) return;
        remember(path, key, { words: recall(path, key)?.words ?? '', scroll: Math.round(scrollY) });
      });
    };
    addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      removeEventListener('scroll', onScroll);
    };
  }, []);

  // Back where the reader was, once the results are shown.
  useEffect(() => {
    if (pendingScroll.current === null || result.loading || !(result.data || result.error)) return;
    const to = pendingScroll.current;
    requestAnimationFrame(() => {
      scrollTo(0, to);
      pendingScroll.current = null;
    });
  }, [result.data, result.loading, result.error]);

  const box: Box = {
    value: typed,
    onValue: setTyped,
    applied,
    onApply(words) {
      setApplied(words);
      onApply();
      // Unless applying them led to another entry (page 1 again), which takes them with it.
      if (shown.current && shown.current === entryKey()) remember(path, shown.current, { words, scroll: 0 });
    },
    onClear() {
      setTyped('');
      setApplied('');
      if (shown.current) remember(path, shown.current, { words: '', scroll: 0 });
    },
  };
  return { result, words: applied, box };
}

/** The search box: the words applied on submit (trimmed), with a "clear" while some are applied. */
export function KeywordSearch({ formLabel, hint, box }: { formLabel: string; hint: string; box: Box }) {
  const { t } = useI18n();
  return (
    <SearchForm class="search-form keyword-form" label={formLabel} onSearch={() => box.onApply(box.value.trim())}>
      <TextField label={t('specimens.keywords')} name="q" type="search" value={box.value} onValue={box.onValue} maxLength={200} hint={hint} />
      <button type="submit" class="button">
        {t('specimens.searchSubmit')}
      </button>
      {box.applied ? (
        <button type="button" class="button-link keyword-clear" onClick={box.onClear}>
          {t('specimens.keywordsClear')}
        </button>
      ) : null}
    </SearchForm>
  );
}

/** "12 found · page 2 of 3 · for “words”", or "searching…", said when it changes. */
export function SearchCount({
  id,
  loading,
  list,
  countKey,
  words,
}: {
  id?: string;
  loading: boolean;
  list: { total: number; page: number; pageSize: number } | null;
  countKey: PluralKeyBase;
  words: string;
}) {
  const { t, lang } = useI18n();
  const pages = pageCount(list);
  return (
    <p class="results-count" id={id} role="status">
      {loading
        ? t('specimens.searching')
        : list
          ? `${t(pluralKey(lang, countKey, list.total), { count: list.total })}${pages > 1 ? ` · ${t('users.pageOf', { page: list.page, pages })}` : ''}${words ? ` · ${t('specimens.forKeywords', { q: words })}` : ''}`
          : ''}
    </p>
  );
}
