import { FacetGroups, type FacetsProps, WorkflowFacet } from '../../items/facets.tsx';
import { StateOptions } from '../../items/states.tsx';
import { countryName } from '../../lib/countries.ts';
import { type Language, type Translate, useI18n } from '../../lib/i18n/index.tsx';
import { SelectField } from '../../ui/fields.tsx';
import type { SearchResult } from './api.ts';
import { type Filters, LIST_FACETS, type ListFacet, STATUS_FILTERS } from './filters.ts';
import { categoryLabel, type ReportReference, term } from './reference.ts';

function facetLabel(facet: ListFacet, value: string, reference: ReportReference | null, lang: Language, t: Translate): string {
  switch (facet) {
    case 'kind':
      return term(reference, 'kinds', value, lang);
    case 'mode':
      return term(reference, 'transportModes', value, lang);
    case 'category':
      return categoryLabel(reference, value, lang);
    case 'country':
      return countryName(value, lang, t);
  }
}

/** The facets beside the results: a group of checkboxes each, the nationality moved, the workflow. */
export function Facets({ filters, result, reference, go }: FacetsProps<Filters, SearchResult, ReportReference>) {
  const { t, lang } = useI18n();
  return (
    <div class="facets">
      <FacetGroups
        facets={LIST_FACETS}
        filters={filters}
        result={result}
        go={go}
        legend={(facet) => t(`reports.facet.${facet}`)}
        label={(facet, value) => facetLabel(facet, value, reference, lang, t)}
      />
      <fieldset class="facet">
        <legend>{t('reports.facet.nationality')}</legend>
        <SelectField
          label={t('reports.nationality')}
          name="nationality"
          hint={t('reports.nationalityHint')}
          value={filters.nationality}
          onValue={(v) => go({ nationality: v })}
        >
          <option value="">{t('reports.anyNationality')}</option>
          <StateOptions />
        </SelectField>
      </fieldset>
      <WorkflowFacet statuses={STATUS_FILTERS} status={filters.status} mine={filters.mine} mineLabel={t('reports.mine')} go={go} />
    </div>
  );
}
