import { countryName } from '../lib/countries.ts';
import { formatDate } from '../lib/dates.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { EvaluationTerm } from './evaluation.tsx';
import { type Tlp, TlpTerm } from './tlp.tsx';

/** What every kind's item answers about itself, its content or not (the handling only to those who may see it). */
export interface ItemFacts {
  tlp: Tlp;
  originatorCountry: string;
  createdAt: string;
  updatedAt: string;
  handling?: {
    releasableTo: readonly string[];
    namedRecipients: readonly unknown[];
    sourceEvaluation: string | null;
    informationEvaluation: number | null;
  } | null;
}

/** What anyone who may see an item sees, its content or not: its label, its originator, its handling. */
export function ItemMetadata({ view }: { view: ItemFacts }) {
  const { t, lang } = useI18n();
  const h = view.handling;
  return (
    <dl class="facts">
      <TlpTerm tlp={view.tlp} />
      <dt>{t('specimen.originator')}</dt>
      <dd>{countryName(view.originatorCountry, lang, t)}</dd>
      <dt>{t('specimen.created')}</dt>
      <dd>{formatDate(view.createdAt, lang)}</dd>
      <dt>{t('specimen.updated')}</dt>
      <dd>{formatDate(view.updatedAt, lang)}</dd>
      {h ? (
        <>
          <dt>{t('specimen.releasableTo')}</dt>
          <dd>{h.releasableTo.length ? h.releasableTo.map((c) => countryName(c, lang, t)).join(', ') : t('specimen.releasableAll')}</dd>
          {view.tlp === 'RED' ? (
            <>
              <dt>{t('specimen.namedRecipients')}</dt>
              <dd>{t('specimen.recipientsCount', { count: h.namedRecipients.length })}</dd>
            </>
          ) : null}
          <EvaluationTerm source={h.sourceEvaluation} information={h.informationEvaluation} />
        </>
      ) : null}
    </dl>
  );
}
