/** The TLP 2.0 label every item carries: its badge, and the choice of one when an item is written. */
import type { Reply } from '../lib/api-schema.ts';
import { useI18n } from '../lib/i18n/index.tsx';

export type Tlp = Reply<'/api/specimens/{id}', 'get'>['tlp'] | Reply<'/api/alerts/{id}', 'get'>['tlp'];
export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const satisfies readonly Tlp[];

/** The TLP 2.0 label of an item, in FIRST's colours on black: on every row, page, viewer and pane that shows one. */
export function TlpBadge({ tlp }: { tlp: string }) {
  const { t } = useI18n();
  const tone = tlp.toLowerCase().replace('+', '-');
  return (
    <span class={`tlp tlp-${tone}`}>
      <span class="visually-hidden">{t('tlp.label')} </span>
      TLP:{tlp}
    </span>
  );
}

/** The TLP labels to choose from, each with what it means. */
export function TlpChoices({
  labels,
  value,
  onChoose,
  invalid,
}: {
  labels: readonly Tlp[];
  value: string;
  onChoose: (tlp: Tlp) => void;
  invalid?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      {labels.map((tlp) => (
        <label key={tlp} class="pick tlp-choice">
          <input
            type="radio"
            name="tlp"
            value={tlp}
            checked={value === tlp}
            onChange={() => onChoose(tlp)}
            aria-invalid={invalid ? 'true' : undefined}
          />
          <span class="pick-text">
            <TlpBadge tlp={tlp} />
            <span class="tlp-explain">{t(`tlp.explain.${tlp}`)}</span>
          </span>
        </label>
      ))}
    </>
  );
}

/** An item's label as a term of its facts: the badge, then what it means. */
export function TlpTerm({ tlp }: { tlp: Tlp }) {
  const { t } = useI18n();
  return (
    <>
      <dt>{t('specimen.tlp')}</dt>
      <dd>
        <TlpBadge tlp={tlp} /> <span class="hint">{t(`tlp.explain.${tlp}`)}</span>
      </dd>
    </>
  );
}
