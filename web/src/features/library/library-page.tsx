import { useState } from 'preact/hooks';
import { TlpBadge } from '../../items/tlp.tsx';
import { countryName } from '../../lib/countries.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { ErrorAlert, SearchForm } from '../../ui/form.tsx';
import { EmptyState, Loading, Page } from '../../ui/page.tsx';
import { DOC_LANGUAGES, DOC_TYPES, type LibrarySearch, searchLibrary } from './api.ts';

/**
 * The library: documents and links of the spaces I read and the conference-wide ones (CLEAR) —
 * legislation, manuals, guidelines, campaign products, training material. Words search titles,
 * summaries, tags and the text of PDFs; filters narrow by type, language and year.
 */
export function LibraryPage() {
  const { t, lang } = useI18n();
  const { spaces } = useSession();
  const [draft, setDraft] = useState({ q: '', type: '', language: '', year: '' });
  const [query, setQuery] = useState<LibrarySearch>({});
  const results = useResource(() => searchLibrary(query), [JSON.stringify(query)]);
  const search = () =>
    setQuery({
      ...(draft.q.trim() ? { q: draft.q.trim() } : {}),
      ...(draft.type ? { type: draft.type as LibrarySearch['type'] } : {}),
      ...(draft.language ? { language: draft.language as LibrarySearch['language'] } : {}),
      ...(/^\d{4}$/.test(draft.year) ? { year: Number(draft.year) } : {}),
    });
  const page = results.data;
  return (
    <Page title={t('library.title')} lead={t('library.lead')}>
      {spaces?.some((s) => s.role !== 'observer') ? (
        <p>
          <a class="button" href="/library/new">
            {t('library.add')}
          </a>
        </p>
      ) : null}
      <SearchForm class="panel filters" label={t('library.search')} onSearch={search}>
        <TextField label={t('library.words')} name="q" type="search" value={draft.q} onValue={(q) => setDraft({ ...draft, q })} />
        <SelectField label={t('library.type')} name="type" value={draft.type} onValue={(type) => setDraft({ ...draft, type })}>
          <Options items={DOC_TYPES} empty={t('library.any')} value={(v) => v} label={(v) => t(`library.type.${v}`)} />
        </SelectField>
        <SelectField label={t('library.language')} name="language" value={draft.language} onValue={(language) => setDraft({ ...draft, language })}>
          <Options items={DOC_LANGUAGES} empty={t('library.any')} value={(v) => v} label={(v) => t(`library.lang.${v}`)} />
        </SelectField>
        <TextField
          label={t('library.year')}
          name="year"
          inputMode="numeric"
          maxLength={4}
          value={draft.year}
          onValue={(year) => setDraft({ ...draft, year })}
        />
        <div class="filters-actions">
          <button type="submit" class="button">
            {t('library.searchButton')}
          </button>
        </div>
      </SearchForm>
      <ErrorAlert error={results.error} />
      {!page ? (
        results.error ? null : (
          <Loading text={t('library.loading')} />
        )
      ) : page.items.length === 0 ? (
        <EmptyState title={t('library.empty')} text={t('library.emptyText')} />
      ) : (
        <>
          <p role="status">{page.total === 1 ? t('library.countOne') : t('library.count').replace('{n}', String(page.total))}</p>
          <ul class="library-results" aria-label={t('library.results')}>
            {page.items.map((d) => (
              <li key={d.id} class="panel library-card">
                <h2>
                  <a href={`/library/${d.id}`}>{lang === 'en' ? d.title.en : d.title.es}</a>
                </h2>
                <p class="library-facts">
                  <TlpBadge tlp={d.tlp} /> {t(`library.type.${d.docType}`)}
                  {d.country ? ` · ${countryName(d.country, lang, t)}` : ''}
                  {d.year ? ` · ${d.year}` : ''} · {t(`library.lang.${d.language}`)}
                  {d.isLink ? ` · ${t('library.link')}` : ''}
                </p>
                {d.tags.length ? <p class="library-tags">{d.tags.join(', ')}</p> : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
