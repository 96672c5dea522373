/**
 * A keyword search page (specimens, alerts): the filters live in the address, the words never do
 * (they may name a person or a document): they stay in the page's state and travel in a POST body.
 */
import { useState } from 'preact/hooks';
import { type PluralKeyBase, pluralKey, useI18n } from '../lib/i18n/index.tsx';
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

/**
 * The words typed and those applied, and the answer for the address (`addressKey`) and the words:
 * asked again when either changes. `onApply` runs when new words are applied (back to page 1).
 */
export function useKeywordSearch<R>(addressKey: string, search: (words: string) => Promise<R>, onApply: () => void) {
  const [typed, setTyped] = useState('');
  const [applied, setApplied] = useState('');
  const result = useResource(() => search(applied), [addressKey, applied]);
  const box: Box = {
    value: typed,
    onValue: setTyped,
    applied,
    onApply(words) {
      setApplied(words);
      onApply();
    },
    onClear() {
      setTyped('');
      setApplied('');
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
