import { useId, useState } from 'preact/hooks';
import { type Reference, specimenTitle, termLabel } from '../../../items/reference.ts';
import { StatusBadge } from '../../../items/status-badge.tsx';
import { TlpBadge } from '../../../items/tlp.tsx';
import { useI18n } from '../../../lib/i18n/index.tsx';
import type { ViewTransform } from '../../../ui/viewer.tsx';
import { imageUrl, type SpecimenView } from '../api.ts';
import { SpecimenImageViewer } from '../specimen-viewer.tsx';

/** One side: the specimen's name and label, a choice of its images, and the viewer. */
export function Pane({
  side,
  view,
  reference,
  transform,
  onTransform,
  onChange,
}: {
  side: 'a' | 'b';
  view: SpecimenView;
  reference: Reference | null;
  transform: ViewTransform;
  onTransform: (next: ViewTransform) => void;
  onChange?: () => void;
}) {
  const { t, lang } = useI18n();
  const images = view.images ?? [];
  const [imageId, setImageId] = useState(images[0]?.id ?? '');
  const headingId = useId();
  const image = images.find((i) => i.id === imageId) ?? images[0];
  const title = view.specimen ? specimenTitle(reference, view.specimen, lang, t) : t('specimen.title');
  return (
    <section class="panel compare-pane" aria-labelledby={headingId}>
      <h2 id={headingId} class="compare-title">
        <span class="compare-side">{t(side === 'a' ? 'compare.left' : 'compare.right')}</span>
        <a href={`/specimens/${view.id}`}>{title}</a>
      </h2>
      <p class="specimen-tags">
        <TlpBadge tlp={view.tlp} />
        <StatusBadge status={view.status} />
        {onChange ? (
          <button type="button" class="button-link" onClick={onChange}>
            {t('compare.change')}
          </button>
        ) : null}
      </p>
      {images.length === 0 ? (
        <p class="muted">{t('specimen.noImages')}</p>
      ) : (
        <>
          <fieldset class="compare-images">
            <legend>{t('compare.image')}</legend>
            {images.map((i) => (
              <label key={i.id} class={i.id === image?.id ? 'compare-image compare-image-current' : 'compare-image'}>
                <input type="radio" name={`${headingId}-image`} value={i.id} checked={i.id === image?.id} onChange={() => setImageId(i.id)} />
                <img src={imageUrl(view.id, i.id, true)} alt="" loading="lazy" />
                <span>{termLabel(reference?.views, i.view, lang)}</span>
              </label>
            ))}
          </fieldset>
          {image ? (
            <SpecimenImageViewer
              key={image.id}
              view={view}
              image={image}
              title={title}
              reference={reference}
              transform={transform}
              onTransform={onTransform}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
