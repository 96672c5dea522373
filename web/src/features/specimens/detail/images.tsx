import { useState } from 'preact/hooks';
import { type Reference, termLabel } from '../../../items/reference.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { imageUrl, type SpecimenView } from '../api.ts';
import { SpecimenImageViewer } from '../specimen-viewer.tsx';

/** A specimen's images: the one chosen in the viewer, and a gallery of them all to choose from. */
export function ImagesPanel({ view, title, reference }: { view: SpecimenView; title: string; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const [shown, setShown] = useState<string | null>(null);
  const images = view.images ?? [];
  const current = images.find((i) => i.id === shown) ?? images[0] ?? null;
  return (
    <Panel id="images-title" class="specimen-images" title={t('specimen.imagesTitle', { count: images.length })}>
      {images.length === 0 ? <p class="muted">{t('specimen.noImages')}</p> : null}
      {current ? <SpecimenImageViewer key={current.id} view={view} image={current} title={title} reference={reference} /> : null}
      {images.length ? (
        <ul class="gallery">
          {images.map((image) => {
            const viewName = termLabel(reference?.views, image.view, lang);
            return (
              <li key={image.id}>
                <button
                  type="button"
                  class="gallery-item"
                  aria-pressed={image.id === current?.id}
                  aria-label={t('specimen.openImage', { view: viewName })}
                  onClick={() => setShown(image.id)}
                >
                  <img src={imageUrl(view.id, image.id, true)} alt="" loading="lazy" />
                  <span class="gallery-view">{viewName}</span>
                </button>
                {image.caption ? <span class="gallery-caption">{image.caption}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </Panel>
  );
}
