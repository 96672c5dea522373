import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { categoryLabel, imageLabel, type Reference, specimenTitle, termLabel } from '../../items/reference.ts';
import { StatusBadge } from '../../items/status-badge.tsx';
import { TlpBadge } from '../../items/tlp.tsx';
import { countryName } from '../../lib/countries.ts';
import { formatDay } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { imageUrl, type SpecimenCard } from './api.ts';

/** A thumbnail, or a placeholder when there is none (or it cannot be shown: a RED item before its purpose is stated). */
function Thumbnail({ card, reference }: { card: SpecimenCard; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const [failed, setFailed] = useState(false);
  if (!card.thumbnail || failed) {
    return (
      <div class="thumb thumb-empty">
        <span>{card.imageCount ? t('specimens.noPreview') : t('specimens.noImage')}</span>
      </div>
    );
  }
  const alt = t('specimens.thumbAlt', {
    view: imageLabel(reference, card.thumbnail, lang),
    type: termLabel(reference?.documentTypes, card.documentType, lang),
  });
  return (
    <div class="thumb">
      <img src={imageUrl(card.id, card.thumbnail.imageId, true)} alt={alt} loading="lazy" onError={() => setFailed(true)} />
    </div>
  );
}

/** One specimen in a list: thumbnail, TLP, status, what it is and where it was detected. */
export function SpecimenRow({
  card,
  reference,
  headingLevel = 2,
  children,
  href,
}: {
  card: SpecimenCard;
  reference: Reference | null;
  headingLevel?: 2 | 3;
  children?: ComponentChildren;
  href?: string;
}) {
  const { t, lang } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const detected = [
    card.detectedOn ? formatDay(card.detectedOn, lang, 'medium') : null,
    card.detectionCountry ? countryName(card.detectionCountry, lang, t) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li class="specimen-row">
      <Thumbnail card={card} reference={reference} />
      <div class="specimen-row-main">
        <Heading class="specimen-row-title">
          <a href={href ?? `/specimens/${card.id}`}>{specimenTitle(reference, card, lang, t)}</a>
        </Heading>
        <p class="specimen-tags">
          <TlpBadge tlp={card.tlp} />
          <StatusBadge status={card.status} />
          <span class="specimen-category">{categoryLabel(reference, card.category, card.forgeryKind, lang)}</span>
        </p>
        <dl class="specimen-meta">
          <div>
            <dt>{t('specimens.detected')}</dt>
            <dd>{detected || <span class="muted">{t('specimens.notGiven')}</span>}</dd>
          </div>
          {card.series ? (
            <div>
              <dt>{t('specimen.series')}</dt>
              <dd>{card.series}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('specimens.from')}</dt>
            <dd>{countryName(card.originatorCountry, lang, t)}</dd>
          </div>
          <div>
            <dt>{t('specimens.sightings')}</dt>
            <dd>{card.sightings}</dd>
          </div>
          <div>
            <dt>{t('specimens.images')}</dt>
            <dd>{card.imageCount}</dd>
          </div>
        </dl>
        {card.excerpt ? <p class="specimen-excerpt">{card.excerpt}</p> : null}
        {children}
      </div>
    </li>
  );
}
