/**
 * The facets beside a list of items, as every kind shows them: a group of checkboxes per facet
 * with the count of each value, and the workflow (status, mine). Each kind says how its values are
 * named and what else it filters by.
 */
import { useState } from 'preact/hooks';
import { useI18n } from '../lib/i18n/index.tsx';
import { Options, SelectField } from '../ui/fields.tsx';
import type { ItemStatus } from './status-badge.tsx';

/** What a kind's facets are given: its filters, the last result (with the counts), its vocabularies, and how to go on. */
export interface FacetsProps<Filters, Result, Reference> {
  filters: Filters;
  result: Result | null;
  reference: Reference | null;
  go: (next: Partial<Filters>) => void;
}

/** A value of a facet and how many results have it. */
type FacetCount = { value: string; count: number };

const SHOWN = 8;

/** One facet: a checkbox per value with its count; values chosen but absent from the counts stay, at zero. */
function FacetGroup({
  name,
  legend,
  counts,
  chosen,
  label,
  onChange,
}: {
  name: string;
  legend: string;
  counts: readonly FacetCount[];
  chosen: string[];
  /** A value in words (a code named by the kind's vocabularies). */
  label: (value: string) => string;
  onChange: (values: string[]) => void;
}) {
  const { t, lang } = useI18n();
  const [all, setAll] = useState(false);
  const values = [...counts];
  for (const value of chosen) if (!values.some((v) => v.value === value)) values.push({ value, count: 0 });
  const labelled = values.map((v) => ({ ...v, label: label(v.value) })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, lang));
  const shown = all ? labelled : labelled.filter((v, i) => i < SHOWN || chosen.includes(v.value));
  if (labelled.length === 0) return null;
  return (
    <fieldset class="facet">
      <legend>{legend}</legend>
      <ul>
        {shown.map((v) => (
          <li key={v.value}>
            <label class="check facet-check">
              <input
                type="checkbox"
                name={name}
                value={v.value}
                checked={chosen.includes(v.value)}
                onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, v.value] : chosen.filter((c) => c !== v.value))}
              />
              <span class="facet-label">{v.label}</span>
              <span class="facet-count">{v.count}</span>
            </label>
          </li>
        ))}
      </ul>
      {labelled.length > shown.length || all ? (
        <button type="button" class="button-link facet-more" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('specimens.facetFewer') : t('specimens.facetAll', { count: labelled.length })}
        </button>
      ) : null}
    </fieldset>
  );
}

/** A group for each of a kind's list facets: the values counted in the result, those chosen in the filters. */
export function FacetGroups<F extends string>({
  facets,
  filters,
  result,
  go,
  legend,
  label,
}: {
  facets: readonly F[];
  filters: Record<F, string[]>;
  result: { facets: Partial<Record<F, readonly FacetCount[]>> } | null;
  go: (next: Partial<Record<F, string[]>>) => void;
  legend: (facet: F) => string;
  label: (facet: F, value: string) => string;
}) {
  return (
    <>
      {facets.map((facet) => (
        <FacetGroup
          key={facet}
          name={facet}
          legend={legend(facet)}
          counts={result?.facets[facet] ?? []}
          chosen={filters[facet]}
          label={(value) => label(facet, value)}
          onChange={(values) => go({ [facet]: values } as Partial<Record<F, string[]>>)}
        />
      ))}
    </>
  );
}

/** The workflow facet: one status (or any), and only the reader's own items; `mineLabel` in the kind's words. */
export function WorkflowFacet<S extends ItemStatus>({
  statuses,
  status,
  mine,
  mineLabel,
  go,
}: {
  statuses: readonly S[];
  status: S | '';
  mine: boolean;
  mineLabel: string;
  go: (next: { status?: S | ''; mine?: boolean }) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset class="facet">
      <legend>{t('specimens.workflow')}</legend>
      <SelectField label={t('specimens.status')} name="status" value={status} onValue={(v) => go({ status: v as S | '' })}>
        <Options items={statuses} label={(s) => t(`itemStatus.${s}`)} empty={t('specimens.anyStatus')} />
      </SelectField>
      <label class="check">
        <input type="checkbox" name="mine" checked={mine} onChange={(e) => go({ mine: e.currentTarget.checked })} />
        {mineLabel}
      </label>
    </fieldset>
  );
}
