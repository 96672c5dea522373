import { useId, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import { TextField } from '../../ui/fields.tsx';
import { checkRequired, Form, Notice, useForm } from '../../ui/form.tsx';
import { type Filters, searchBody } from './filters.ts';
import { type NewSavedSearch, saveSearch } from './saved-search-api.ts';

/**
 * "Save this search": the words, facets, period and scope on screen, kept under a name, with how I
 * want to hear of new published specimens that match (in the portal, or by mail as well).
 */
export function SaveSearch({ filters, words }: { filters: Filters; words: string }) {
  const { t } = useI18n();
  const notifyId = useId();
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm(
    { name: '', notify: 'portal' as 'portal' | 'mail' },
    async ({ name, notify }) => {
      const { status: _status, mine: _mine, spaceId, ...search } = searchBody(filters, words);
      const body = { name: name.trim(), search, mail: notify === 'mail', ...(spaceId ? { spaceId } : {}) } as NewSavedSearch;
      const created = await saveSearch(body);
      setSaved(created.name);
      form.reset();
    },
    ({ name }) => checkRequired([['name', name, t('savedSearches.name')]], t),
  );
  const leftOut = !!filters.status || filters.mine;
  return (
    <details class="save-search">
      <summary>{t('savedSearches.save')}</summary>
      <Form form={form} submit={t('savedSearches.submit')} class="form save-search-form" beforeSubmit={() => setSaved(null)}>
        <p class="hint">{t('savedSearches.saveHint')}</p>
        {leftOut ? <p class="hint">{t('savedSearches.leftOut')}</p> : null}
        <TextField label={t('savedSearches.name')} required maxLength={100} {...form.bind('name')} />
        <fieldset class="field checks" aria-describedby={`${notifyId}-hint`}>
          <legend>{t('savedSearches.notify')}</legend>
          <p class="hint" id={`${notifyId}-hint`}>
            {t('savedSearches.notifyHint')}
          </p>
          {(['portal', 'mail'] as const).map((choice) => (
            <label key={choice} class="check">
              <input type="radio" name="notify" value={choice} checked={form.values.notify === choice} onChange={() => form.set('notify', choice)} />
              {t(choice === 'portal' ? 'savedSearches.notifyPortal' : 'savedSearches.notifyMail')}
            </label>
          ))}
        </fieldset>
        {saved ? (
          <Notice>
            {t('savedSearches.saved', { name: saved })} <a href="/specimens/saved">{t('savedSearches.seeAll')}</a>
          </Notice>
        ) : null}
      </Form>
    </details>
  );
}
