import { Fragment } from 'preact';
import { useId, useState } from 'preact/hooks';
import { useItemRoles } from '../../items/item-roles.ts';
import { featureLabel, issuerName, type Reference, termLabel, useReference } from '../../items/reference.ts';
import { countryName } from '../../lib/countries.ts';
import { formatDay } from '../../lib/dates.ts';
import { nameIn, pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { ConfirmDialog, useAction } from '../../ui/dialog.tsx';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { searchSpecimens } from './api.ts';
import { deleteSavedSearch, fetchSavedSearches, type SavedSearch, updateSavedSearch } from './saved-search-api.ts';
import { SpecimenRow } from './specimen-row.tsx';
import { SpecimenTabs } from './specimen-tabs.tsx';

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** My saved searches: what each looks for, where, how it tells me of new matches; its matches now; remove it. */
export function SavedSearchesPage() {
  const { t } = useI18n();
  const list = useResource(fetchSavedSearches, []);
  const { ref: reference } = useReference();
  const [removed, setRemoved] = useState<string | null>(null);
  const items = list.data?.items;
  return (
    <Page title={t('savedSearches.title')} lead={t('savedSearches.lead')}>
      <SpecimenTabs current="saved" />
      <ErrorAlert error={list.error} />
      {removed ? <Notice>{t('savedSearches.removed', { name: removed })}</Notice> : null}
      {items === undefined ? list.loading ? <p class="loading">{t('app.loading')}</p> : null : null}
      {items && items.length === 0 ? <EmptyState title={t('savedSearches.emptyTitle')} text={t('savedSearches.empty')} /> : null}
      {items?.length ? (
        <ul class="saved-list">
          {items.map((s) => (
            <SavedSearchCard
              key={s.id}
              saved={s}
              reference={reference}
              onChange={(next) => list.setData((d) => (d ? { ...d, items: d.items.map((i) => (i.id === next.id ? next : i)) } : d))}
              onRemoved={() => {
                setRemoved(s.name);
                list.setData((d) => (d ? { ...d, items: d.items.filter((i) => i.id !== s.id) } : d));
              }}
            />
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

function SavedSearchCard({
  saved,
  reference,
  onChange,
  onRemoved,
}: {
  saved: SavedSearch;
  reference: Reference | null;
  onChange: (next: SavedSearch) => void;
  onRemoved: () => void;
}) {
  const { t, lang } = useI18n();
  const { spaces } = useItemRoles();
  const headingId = useId();
  const notifyName = useId();
  const changing = useAction();
  const removing = useAction();
  const [confirming, setConfirming] = useState(false);
  const [showMatches, setShowMatches] = useState(false);
  const s = saved.search;
  const space = saved.spaceId ? spaces?.find((x) => x.id === saved.spaceId) : null;
  const facts: [string, string][] = [];
  if (s.q) facts.push([t('savedSearches.words'), `“${s.q}”`]);
  const named = (label: string, values: string[], name: (code: string) => string) => {
    if (values.length) facts.push([label, values.map(name).join(', ')]);
  };
  named(t('specimens.facet.type'), asList(s.type), (c) => termLabel(reference?.documentTypes, c, lang));
  named(t('specimens.facet.issuingCountry'), asList(s.issuingCountry), (c) => issuerName(reference, c, lang, t));
  named(t('specimens.facet.category'), asList(s.category), (c) => termLabel(reference?.categories, c, lang));
  named(t('specimens.facet.feature'), asList(s.feature), (c) => featureLabel(reference, c, lang));
  named(t('specimens.facet.detectionCountry'), asList(s.detectionCountry), (c) => countryName(c, lang, t));
  if (s.detectedFrom || s.detectedTo) {
    facts.push([
      t('savedSearches.period'),
      `${s.detectedFrom ? formatDay(s.detectedFrom, lang, 'medium') : '…'} – ${s.detectedTo ? formatDay(s.detectedTo, lang, 'medium') : '…'}`,
    ]);
  }
  facts.push([t('savedSearches.scope'), saved.spaceId ? (space ? nameIn(lang, space) : t('savedSearches.oneSpace')) : t('specimens.allSpaces')]);

  const choose = (mail: boolean) => changing.run(() => updateSavedSearch(saved.id, { mail }), onChange);
  return (
    <li class="panel saved-search" aria-labelledby={headingId}>
      <h2 id={headingId} class="saved-name">
        {saved.name}
      </h2>
      <dl class="facts facts-compact">
        {facts.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <fieldset class="field checks saved-notify">
        <legend>{t('savedSearches.notify')}</legend>
        {([false, true] as const).map((mail) => (
          <label key={String(mail)} class="check">
            <input
              type="radio"
              name={notifyName}
              value={mail ? 'mail' : 'portal'}
              checked={saved.mail === mail}
              aria-disabled={changing.busy ? 'true' : undefined}
              onChange={() => choose(mail)}
            />
            {t(mail ? 'savedSearches.notifyMail' : 'savedSearches.notifyPortal')}
          </label>
        ))}
      </fieldset>
      <ErrorAlert error={changing.error} />
      <div class="actions">
        <button type="button" class="button button-secondary button-small" aria-expanded={showMatches} onClick={() => setShowMatches(!showMatches)}>
          {t(showMatches ? 'savedSearches.hideMatches' : 'savedSearches.showMatches')}
        </button>
        <button type="button" class="button button-danger button-small" onClick={() => setConfirming(true)}>
          {t('savedSearches.remove')}
        </button>
      </div>
      {showMatches ? <Matches saved={saved} reference={reference} /> : null}
      {confirming ? (
        <ConfirmDialog
          title={t('savedSearches.removeTitle', { name: saved.name })}
          confirmLabel={t('savedSearches.remove')}
          busy={removing.busy}
          error={removing.error}
          onCancel={() => setConfirming(false)}
          onConfirm={() => removing.run(() => deleteSavedSearch(saved.id), onRemoved)}
        >
          <p>{t('savedSearches.removeText')}</p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}

/** What the saved search finds now (the first page), under my rights as they are today. */
function Matches({ saved, reference }: { saved: SavedSearch; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const result = useResource(
    () => searchSpecimens({ ...saved.search, ...(saved.spaceId ? { spaceId: saved.spaceId } : {}), status: 'published', pageSize: 20 }),
    [saved.id],
  );
  const data = result.data;
  return (
    <div class="saved-matches">
      <ErrorAlert error={result.error} />
      {data ? (
        <p class="results-count" role="status">
          {t(pluralKey(lang, 'savedSearches.matchCount', data.total), { count: data.total })}
        </p>
      ) : (
        <p class="loading">{t('app.loading')}</p>
      )}
      {data?.items.length ? (
        <ol class="specimen-list">
          {data.items.map((card) => (
            <SpecimenRow key={card.id} card={card} reference={reference} />
          ))}
        </ol>
      ) : null}
    </div>
  );
}
