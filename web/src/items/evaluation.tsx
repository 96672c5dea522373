/**
 * An item's evaluation (the Admiralty code): how reliable its source is (A, B, C or X) and how
 * accurate the information (1 to 4). Shown in words, and chosen with two selects.
 */
import { useI18n } from '../lib/i18n/index.tsx';
import { Options, SelectField } from '../ui/fields.tsx';
import type { Binder } from '../ui/form.tsx';
import { Empty } from '../ui/values.tsx';

export const SOURCE_EVALUATIONS = ['A', 'B', 'C', 'X'] as const;
export const INFORMATION_EVALUATIONS = [1, 2, 3, 4] as const;

export const SOURCE_KEYS = { A: 'evaluation.source.A', B: 'evaluation.source.B', C: 'evaluation.source.C', X: 'evaluation.source.X' } as const;
export const INFO_KEYS = { 1: 'evaluation.info.1', 2: 'evaluation.info.2', 3: 'evaluation.info.3', 4: 'evaluation.info.4' } as const;

/** An item's evaluation: the code, then both in words. */
export function Evaluation({ source, information }: { source: string | null; information: number | null }) {
  const { t } = useI18n();
  if (!source && !information) return <Empty />;
  return (
    <>
      <span class="code-tag">
        {source ?? '–'}
        {information ?? '–'}
      </span>{' '}
      {[
        source && source in SOURCE_KEYS ? t(SOURCE_KEYS[source as keyof typeof SOURCE_KEYS]) : null,
        information && information in INFO_KEYS ? t(INFO_KEYS[information as keyof typeof INFO_KEYS]) : null,
      ]
        .filter(Boolean)
        .join(' · ')}
    </>
  );
}

/** An item's evaluation as a term of its facts. */
export function EvaluationTerm({ source, information }: { source: string | null; information: number | null }) {
  const { t } = useI18n();
  return (
    <>
      <dt>{t('specimen.evaluation')}</dt>
      <dd>
        <Evaluation source={source} information={information} />
      </dd>
    </>
  );
}

/** The two parts of an evaluation, as the form's values of its fields ('' for none). */
export interface EvaluationValues {
  sourceEvaluation: string;
  informationEvaluation: string;
}

/**
 * The two selects of an evaluation. `kept` marks a part the server already stores: it can be
 * changed but not removed, so "not evaluated" is no longer offered for it.
 */
export function EvaluationFields({
  bind,
  kept = { source: false, information: false },
}: {
  bind: Binder<EvaluationValues>;
  kept?: { source: boolean; information: boolean };
}) {
  const { t } = useI18n();
  // The two parts, each a select of its codes with what they mean.
  const parts = [
    {
      part: 'source',
      name: 'sourceEvaluation',
      label: t('upload.sourceEvaluation'),
      hint: t('upload.sourceHint'),
      codes: SOURCE_EVALUATIONS,
      words: SOURCE_KEYS,
    },
    {
      part: 'information',
      name: 'informationEvaluation',
      label: t('upload.informationEvaluation'),
      hint: t('upload.informationHint'),
      codes: INFORMATION_EVALUATIONS,
      words: INFO_KEYS,
    },
  ] as const;
  return (
    <div class="field-pair">
      {parts.map(({ part, name, label, hint, codes, words }) => (
        <SelectField key={name} label={label} hint={kept[part] ? t('upload.evaluationKept') : hint} {...bind(name)}>
          <option value="" disabled={kept[part]}>
            {t('upload.notEvaluated')}
          </option>
          <Options items={codes as readonly (string | number)[]} label={(code) => `${code} — ${t(words[code as keyof typeof words])}`} />
        </SelectField>
      ))}
    </div>
  );
}
