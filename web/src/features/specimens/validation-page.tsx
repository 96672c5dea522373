import { useState } from 'preact/hooks';
import { useItemRoles } from '../../items/item-roles.ts';
import { specimenTitle, useReference } from '../../items/reference.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { takeFlash } from '../../lib/flash.ts';
import { pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import { useLocation } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { Pager, pageCount } from '../../ui/pager.tsx';
import { searchSpecimens } from './api.ts';
import { SpecimenRow } from './specimen-row.tsx';
import { SpecimenTabs } from './specimen-tabs.tsx';

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
  const { validator, spaces } = useItemRoles();
  const queue = useResource(validator ? () => searchSpecimens({ status: 'submitted', sort: 'oldest', page, pageSize: PAGE_SIZE }) : null, [
    page,
    validator,
  ]);
  const [notice] = useState(takeFlash);

  if (spaces && !validator) {
    return (
      <Page title={t('validation.title')} lead={t('validation.notValidator')}>
        <SpecimenTabs current="validation" />
      </Page>
    );
  }
  const result = queue.data;
  return (
    <Page title={t('validation.title')} lead={t('validation.lead')}>
      <SpecimenTabs current="validation" />
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorAlert error={queue.error} />
      <p class="results-count" role="status">
        {result ? t(pluralKey(lang, 'validation.count', result.total), { count: result.total }) : queue.error ? '' : t('specimens.searching')}
      </p>
      {result && result.items.length === 0 ? <EmptyState title={t('validation.emptyTitle')} text={t('validation.empty')} /> : null}
      {result?.items.length ? (
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
      {result ? (
        <Pager
          page={page}
          pages={pageCount(result)}
          label={t('validation.pagination')}
          address={(p) => `/specimens/validation${p > 1 ? `?page=${p}` : ''}`}
        />
      ) : null}
    </Page>
  );
}
