import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLocation } from '../router.ts';
import { type SearchResult, specimenTitle, takeFlash, useReference } from '../specimens.ts';
import { pluralKey } from '../spaces.ts';
import { ErrorAlert, type FormError, formatDateTime, Notice, Page, toFormError } from '../ui.tsx';
import { Pager, SpecimenRow, SpecimenTabs, useSpecimenRoles } from './specimens.tsx';

const PAGE_SIZE = 20;

/**
 * The validation queue of a contact point or substitute: what their country submitted, oldest
 * first. Each opens on its page, where it is published or sent back to its originator.
 */
export function ValidationPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const page = Math.max(1, Math.min(10_000, Number(query.get('page')) || 1));
  const { ref: reference } = useReference();
  const { validator, spaces } = useSpecimenRoles();
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [notice] = useState(() => takeFlash());

  useEffect(() => {
    if (!validator) return;
    let current = true;
    api<SearchResult>('POST', '/api/specimens/search', { status: 'submitted', sort: 'oldest', page, pageSize: PAGE_SIZE }).then(
      (found) => current && setResult(found),
      (err: unknown) => current && setError(toFormError(err, t)),
    );
    return () => {
      current = false;
    };
  }, [page, validator]);

  if (spaces && !validator) {
    return (
      <Page title={t('validation.title')} lead={t('validation.notValidator')}>
        <SpecimenTabs current="validation" />
      </Page>
    );
  }
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  return (
    <Page title={t('validation.title')} lead={t('validation.lead')}>
      <SpecimenTabs current="validation" />
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorAlert error={error} />
      <p class="results-count" role="status">
        {result ? t(pluralKey(lang, 'validation.count', result.total), { count: result.total }) : error ? '' : t('specimens.searching')}
      </p>
      {result && result.items.length === 0 ? (
        <div class="panel empty">
          <h2>{t('validation.emptyTitle')}</h2>
          <p>{t('validation.empty')}</p>
        </div>
      ) : null}
      {result && result.items.length ? (
        <ol class="specimen-list">
          {result.items.map((card) => (
            <SpecimenRow key={card.id} card={card} reference={reference} href={`/specimens/${card.id}?from=validation`}>
              <p class="queue-row-actions">
                <span class="muted">{t('validation.submittedOn', { date: formatDateTime(card.updatedAt, lang) })}</span>{' '}
                <a class="button button-small" href={`/specimens/${card.id}?from=validation`}>
                  {t('validation.review')}
                  <span class="visually-hidden"> {specimenTitle(reference, card, lang, t)}</span>
                </a>
              </p>
            </SpecimenRow>
          ))}
        </ol>
      ) : null}
      {result ? <Pager page={page} pages={pages} label={t('validation.pagination')} address={(p) => `/specimens/validation${p > 1 ? `?page=${p}` : ''}`} /> : null}
    </Page>
  );
}
