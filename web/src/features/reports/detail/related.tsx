import { specimenTitle, useReference } from '../../../items/reference.ts';
import { RelatedItems } from '../../../items/related.tsx';
import { TlpBadge } from '../../../items/tlp.tsx';
import { countryName } from '../../../lib/countries.ts';
import { formatDate } from '../../../lib/dates.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { useResource } from '../../../lib/use-resource.ts';
import { fetchRelated, type RelatedReport, type ReportView } from '../api.ts';
import type { ReportReference } from '../reference.ts';
import { ReportRow } from '../report-row.tsx';

const SHARED = ['crossings', 'legs', 'names', 'nationalities', 'links'] as const;

/** Reports that share crossing points, legs, names, nationalities or links with this one, and what they share. */
export function RelatedReports({ view, reference }: { view: ReportView; reference: ReportReference | null }) {
  const { t } = useI18n();
  const related = useResource(() => fetchRelated(view.id), [view.id]);
  const shared = (r: RelatedReport) =>
    SHARED.filter((k) => r.shared[k] > 0)
      .map((k) => t(`report.shared.${k}`, { count: r.shared[k] }))
      .join(' · ');
  return (
    <>
      <RelatedItems
        id="report-related-title"
        title={t('report.related')}
        lead={t('report.relatedLead')}
        none={t('report.relatedNone')}
        error={related.error}
        items={related.data?.reports}
        row={(r) => (
          <ReportRow key={r.id} card={r} reference={reference} headingLevel={3}>
            <p class="related-reasons">
              <strong>{t('report.sharedWhat')}</strong> {shared(r)}
            </p>
          </ReportRow>
        )}
      />
      {view.reportKind === 'route' || related.data?.specimens.length ? (
        <RelatedItems
          id="report-specimens-title"
          title={t('report.relatedSpecimens')}
          lead={t('report.relatedSpecimensLead')}
          none={t('report.relatedSpecimensNone')}
          error={related.error}
          items={related.data?.specimens}
          row={(s) => <SpecimenRow key={s.id} specimen={s} />}
        />
      ) : null}
    </>
  );
}

type RelatedSpecimen = NonNullable<Awaited<ReturnType<typeof fetchRelated>>['specimens']>[number];

/** A specimen by its type and issuer, where and when it was detected, and why it is here (a crossing, a link). */
function SpecimenRow({ specimen: s }: { specimen: RelatedSpecimen }) {
  const { t, lang } = useI18n();
  const { ref } = useReference();
  const why = [
    ...s.crossings.map((c) => t('report.detectedAt', { crossing: c })),
    ...s.nationalities.map((c) => t('report.carriedBy', { nationality: countryName(c, lang, t) })),
    ...(s.linked ? [t('report.linkedSpecimen')] : []),
  ].join(' · ');
  return (
    <li class="hit-row">
      <p class="alert-tags">
        <TlpBadge tlp={s.tlp} />
      </p>
      <h3>
        <a href={`/specimens/${s.id}`}>{specimenTitle(ref, s, lang, t)}</a>
      </h3>
      <p class="muted">
        {s.detectionCountry ? countryName(s.detectionCountry, lang, t) : null}
        {s.detectedOn ? ` · ${formatDate(s.detectedOn, lang)}` : null}
      </p>
      <p class="related-reasons">{why}</p>
    </li>
  );
}
