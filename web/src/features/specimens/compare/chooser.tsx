import { useEffect, useId, useState } from 'preact/hooks';
import type { Reference } from '../../../items/reference.ts';
import { toFormError } from '../../../lib/errors.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { navigate } from '../../../lib/router.ts';
import { TextField } from '../../../ui/fields.tsx';
import { ErrorAlert, type FormError, SearchForm } from '../../../ui/form.tsx';
import { fetchRelated, type Related, type SearchResult, type SpecimenView, searchSpecimens } from '../api.ts';
import { SpecimenRow } from '../specimen-row.tsx';

export const compareAddress = (a: string, b?: string) => `/specimens/compare?a=${encodeURIComponent(a)}${b ? `&b=${encodeURIComponent(b)}` : ''}`;

/** Choosing the second specimen: one related to the first, a search by keyword, or a pasted link. */
export function Chooser({ a, reference }: { a: SpecimenView; reference: Reference | null }) {
  const { t } = useI18n();
  const [related, setRelated] = useState<Related | null>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<SearchResult | null>(null);
  const [searchError, setSearchError] = useState<FormError | null>(null);
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<FormError | null>(null);
  const pasteErrorId = useId();
  useEffect(() => {
    fetchRelated(a.id).then(setRelated, () => setRelated({ items: [] }));
  }, [a.id]);
  const search = (text: string) => {
    setSearchError(null);
    searchSpecimens({ ...(text.trim() ? { q: text.trim() } : {}), page: 1, pageSize: 10, sort: 'newest' }).then(
      (result) => setFound({ ...result, items: result.items.filter((c) => c.id !== a.id) }),
      (err: unknown) => setSearchError(toFormError(err, t)),
    );
  };
  const choose = (id: string) => navigate(compareAddress(a.id, id));
  // The genuine reference of the same series (same issuer and type: the series is matched within them) first.
  const rank = (r: Related['items'][number]) =>
    r.card.category === 'genuine_reference' ? (r.reasons.includes('series') ? 0 : 1) : r.reasons.includes('series') ? 2 : 3;
  const candidates = (related?.items ?? [])
    .filter((r) => r.card.id !== a.id && r.card.imageCount > 0)
    .map((r, order) => ({ r, order }))
    .sort((x, y) => rank(x.r) - rank(y.r) || x.order - y.order)
    .map(({ r }) => r);
  const link = { name: 'link', value: pasted, onValue: setPasted, invalid: !!pasteError, describedBy: pasteError ? pasteErrorId : undefined };
  return (
    <section class="panel compare-chooser" aria-labelledby="chooser-title">
      <h2 id="chooser-title">{t('compare.chooseTitle')}</h2>
      <p class="hint">{t('compare.chooseLead')}</p>
      {(a.images?.length ?? 0) > 1 ? (
        <>
          <h3>{t('compare.sameSpecimen')}</h3>
          <p>
            <a class="button button-secondary" href={compareAddress(a.id, a.id)}>
              {t('compare.sameSpecimen')}
            </a>{' '}
            <span class="hint">{t('compare.sameSpecimenLead')}</span>
          </p>
        </>
      ) : null}
      <h3>{t('compare.fromRelated')}</h3>
      {related && candidates.length === 0 ? <p class="muted">{t('related.none')}</p> : null}
      {candidates.length ? (
        <ol class="specimen-list specimen-list-compact">
          {candidates.map(({ card, reasons }) => (
            <SpecimenRow key={card.id} card={card} reference={reference} headingLevel={3} href={compareAddress(a.id, card.id)}>
              {card.category === 'genuine_reference' && reasons.includes('series') ? (
                <p class="related-reasons">
                  <strong>{t('compare.reference')}</strong>
                </p>
              ) : null}
            </SpecimenRow>
          ))}
        </ol>
      ) : null}
      <h3>{t('compare.bySearch')}</h3>
      <SearchForm class="search-form" label={t('compare.bySearch')} onSearch={() => search(q)}>
        <TextField label={t('specimens.keywords')} name="q" type="search" value={q} onValue={setQ} maxLength={200} />
        <button type="submit" class="button button-secondary">
          {t('specimens.searchSubmit')}
        </button>
      </SearchForm>
      <ErrorAlert error={searchError} />
      {found ? (
        found.items.length ? (
          <ol class="specimen-list specimen-list-compact">
            {found.items.map((card) => (
              <SpecimenRow key={card.id} card={card} reference={reference} headingLevel={3} href={compareAddress(a.id, card.id)} />
            ))}
          </ol>
        ) : (
          <p class="muted">{t('specimens.noMatch')}</p>
        )
      ) : null}
      <h3>{t('compare.byLink')}</h3>
      <form
        class="search-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(pasted)?.[0];
          if (!id) {
            setPasteError({ message: t('compare.badLink'), field: 'link' });
            return;
          }
          setPasteError(null);
          choose(id.toLowerCase());
        }}
      >
        <ErrorAlert error={pasteError} id={pasteErrorId} />
        <TextField label={t('compare.link')} hint={t('compare.linkHint')} maxLength={300} {...link} />
        <button type="submit" class="button button-secondary">
          {t('compare.open')}
        </button>
      </form>
    </section>
  );
}
