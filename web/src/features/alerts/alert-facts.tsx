/** What an alert says: its message, its details and handling, and the specimens it links. */
import { EvaluationTerm } from '../../items/evaluation.tsx';
import { categoryLabel, specimenTitle, useReference } from '../../items/reference.ts';
import { TlpBadge, TlpTerm } from '../../items/tlp.tsx';
import { countryName } from '../../lib/countries.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { Panel } from '../../ui/panel.tsx';
import { Badge, Empty } from '../../ui/values.tsx';
import type { AlertView } from './api.ts';

export function AlertFacts({ view }: { view: AlertView }) {
  const { t, lang } = useI18n();
  const h = view.handling;
  return (
    <div class="alert-top">
      <Panel id="alert-body-title" class="alert-body" title={t('alert.message')}>
        <p class="prose">{view.body}</p>
      </Panel>
      <Panel id="alert-facts-title" title={t('alert.details')}>
        <dl class="facts">
          <dt>{t('alerts.from')}</dt>
          <dd>{countryName(view.originatorCountry, lang, t)}</dd>
          <dt>{t('alert.validFrom')}</dt>
          <dd>{formatDateTime(view.validFrom, lang)}</dd>
          <dt>{t('alert.validUntil')}</dt>
          <dd>
            {formatDateTime(view.validUntil, lang)}
            {view.expired ? (
              <>
                {' '}
                <Badge tone="item-expired">{t('alerts.expired')}</Badge>
              </>
            ) : null}
          </dd>
          <dt>{t('alerts.published')}</dt>
          <dd>{view.publishedAt ? formatDateTime(view.publishedAt, lang) : <span class="muted">{t('alert.notPublished')}</span>}</dd>
          <dt>{t('alert.targetCountries')}</dt>
          <dd>{view.targetCountries.length ? view.targetCountries.map((c) => countryName(c, lang, t)).join(', ') : <Empty />}</dd>
          <dt>{t('alert.targetOrganisations')}</dt>
          <dd>
            {view.targetOrganisations.length ? (
              <ul class="plain-list">
                {view.targetOrganisations.map((o) => (
                  <li key={o.id}>
                    {nameIn(lang, o)} <span class="code-tag">{o.code}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty />
            )}
          </dd>
          <dt>{t('alert.ports')}</dt>
          <dd>{view.ports.length ? view.ports.join(' · ') : <Empty />}</dd>
        </dl>
        <h3>{t('specimen.handling')}</h3>
        <dl class="facts">
          <TlpTerm tlp={view.tlp} />
          <EvaluationTerm source={h.sourceEvaluation} information={h.informationEvaluation} />
        </dl>
      </Panel>
    </div>
  );
}

export function LinkedSpecimens({ specimens }: { specimens: AlertView['specimens'] }) {
  const { t, lang } = useI18n();
  const { ref: reference } = useReference();
  return (
    <Panel id="alert-specimens-title" title={t('alert.specimens')}>
      {specimens.length === 0 ? (
        <p class="muted">{t('alert.noSpecimens')}</p>
      ) : (
        <ul class="linked-list">
          {specimens.map((s) => (
            <li key={s.id}>
              <TlpBadge tlp={s.tlp} /> <a href={`/specimens/${s.id}`}>{specimenTitle(reference, s, lang, t)}</a>{' '}
              <span class="muted">· {categoryLabel(reference, s.category, null, lang)}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** The intelligence reports the alert links (those this reader reads), by their titles. */
export function LinkedReports({ reports }: { reports: AlertView['reports'] }) {
  const { t } = useI18n();
  if (reports.length === 0) return null;
  return (
    <Panel id="alert-reports-title" title={t('alert.reports')}>
      <ul class="linked-list">
        {reports.map((r) => (
          <li key={r.id}>
            <TlpBadge tlp={r.tlp} /> <a href={`/reports/${r.id}`}>{r.title}</a>{' '}
            <span class="muted">· {t(`search.reportKind.${r.reportKind as 'route'}`)}</span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
