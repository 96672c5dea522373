import { EvaluationTerm } from '../../../items/evaluation.tsx';
import { TlpTerm } from '../../../items/tlp.tsx';
import { countryName } from '../../../lib/countries.ts';
import { formatDate } from '../../../lib/dates.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import type { SpecimenView } from '../api.ts';

/** What anyone who may see a specimen sees, its content or not: its label, its originator, its handling. */
export function Metadata({ view }: { view: SpecimenView }) {
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
