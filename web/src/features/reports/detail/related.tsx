import { RelatedItems } from '../../../items/related.tsx';
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
  );
}
