import { ItemMetadata } from '../../../items/metadata.tsx';
import { countryName } from '../../../lib/countries.ts';
import { formatDate, formatDay } from '../../../lib/dates.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { Panel } from '../../../ui/panel.tsx';
import type { PersonView } from '../api.ts';
import { type PersonReference, term } from '../reference.tsx';

/**
 * What every reader who may know the record sees, its content or not — the clear facets SECURITY.md
 * allows for persons (form, role, outcome, detection country and year), its retention, and the
 * metadata of every item (label, originator, dates; the handling to content readers).
 */
export function ClearFacets({ view, reference }: { view: PersonView; reference: PersonReference | null }) {
  const { t, lang } = useI18n();
  return (
    <Panel id="person-facets-title" title={t('person.facets')}>
      <p class="hint">{t('person.facetsHint')}</p>
      <div class="person-facts">
        <dl class="facts">
          <dt>{t('person.form')}</dt>
          <dd>{term(reference, 'forms', view.form, lang)}</dd>
          {view.role ? (
            <>
              <dt>{t('person.role')}</dt>
              <dd>{term(reference, 'roles', view.role, lang)}</dd>
            </>
          ) : null}
          {view.outcome ? (
            <>
              <dt>{t('person.outcome')}</dt>
              <dd>{term(reference, 'outcomes', view.outcome, lang)}</dd>
            </>
          ) : null}
          <dt>{t('person.detectionCountry')}</dt>
          <dd>{countryName(view.detectionCountry, lang, t)}</dd>
          <dt>{t('person.detectionYear')}</dt>
          <dd>{view.detectionYear}</dd>
          <dt>{t('person.retainUntil')}</dt>
          <dd>{formatDay(view.retainUntil, lang)}</dd>
          {view.publishedAt ? (
            <>
              <dt>{t('report.publishedAt')}</dt>
              <dd>{formatDate(view.publishedAt, lang)}</dd>
            </>
          ) : null}
        </dl>
        <ItemMetadata view={view} />
      </div>
    </Panel>
  );
}
