import { useId } from 'preact/hooks';
import { imageLabel, type Reference, specimenTitle } from '../../../items/reference.ts';
import { StatusBadge } from '../../../items/status-badge.tsx';
import { TlpBadge } from '../../../items/tlp.tsx';
import { useI18n } from '../../../lib/i18n/index.tsx';
import type { ViewLook, ViewTransform } from '../../../ui/viewer.tsx';
import { type ImageView, imageUrl, type SpecimenView } from '../api.ts';
import { SpecimenImageViewer } from '../specimen-viewer.tsx';

/** The image a side shows: the one chosen, else the `fallback`-th (the second side of one specimen starts on its second image). */
export const chosenImage = (view: SpecimenView, imageId: string | undefined, fallback = 0): ImageView | undefined => {
  const images = view.images ?? [];
  return images.find((i) => i.id === imageId) ?? images[Math.min(fallback, images.length - 1)];
};

/** One side: the specimen's name and label, a choice of its images, and (side by side) the viewer. */
export function Pane({
  side,
  view,
  image,
  onImage,
  reference,
  transform,
  onTransform,
  look,
  onLook,
  showViewer = true,
  onChange,
}: {
  side: 'a' | 'b';
  view: SpecimenView;
  image: ImageView | undefined;
  onImage: (imageId: string) => void;
  reference: Reference | null;
  transform: ViewTransform;
  onTransform: (next: ViewTransform) => void;
  look: ViewLook;
  onLook: (next: ViewLook) => void;
  showViewer?: boolean;
  onChange?: () => void;
}) {
  const { t, lang } = useI18n();
  const images = view.images ?? [];
  const headingId = useId();
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
                <input type="radio" name={`${headingId}-image`} value={i.id} checked={i.id === image?.id} onChange={() => onImage(i.id)} />
                <img src={imageUrl(view.id, i.id, true)} alt="" loading="lazy" />
                <span>{imageLabel(reference, i, lang)}</span>
              </label>
            ))}
          </fieldset>
          {image && showViewer ? (
            <SpecimenImageViewer
              key={image.id}
              view={view}
              image={image}
              title={title}
              reference={reference}
              transform={transform}
              onTransform={onTransform}
              look={look}
              onLook={onLook}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
