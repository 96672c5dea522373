import { featureLabel, type Reference } from '../../../items/reference.ts';
import { RelatedItems } from '../../../items/related.tsx';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { useResource } from '../../../lib/use-resource.ts';
import { fetchRelated, type SpecimenView } from '../api.ts';
import { SpecimenRow } from '../specimen-row.tsx';

/** Specimens that share a document number, a series or features with this one, and why. */
export function RelatedSpecimens({ view, reference }: { view: SpecimenView; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const related = useResource(() => fetchRelated(view.id), [view.id]);
  return (
    <RelatedItems
      id="related-title"
      title={t('related.title')}
      lead={t('related.lead')}
      none={t('related.none')}
      error={related.error}
      items={related.data?.items}
      row={({ card, reasons, features }) => (
        <SpecimenRow key={card.id} card={card} reference={reference} headingLevel={3}>
          <p class="related-reasons">
            <strong>{t('related.why')}</strong>{' '}
            {reasons
              .map((r) =>
                r === 'feature'
                  ? t('related.reason.feature', { features: features.map((f) => featureLabel(reference, f, lang)).join(', ') })
                  : t(`related.reason.${r}`),
              )
              .join(' · ')}
          </p>
          {(view.images?.length ?? 0) > 0 && card.imageCount > 0 ? (
            <p>
              <a href={`/specimens/compare?a=${view.id}&b=${card.id}`}>{t('related.compare')}</a>
            </p>
          ) : null}
        </SpecimenRow>
      )}
    />
  );
}
