import { useState } from 'preact/hooks';
import { imageLabel, type Reference, termLabel } from '../../../items/reference.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { IDENTITY, PLAIN, type ViewLook, type ViewTransform } from '../../../ui/viewer.tsx';
import { imageUrl, type SpecimenView } from '../api.ts';
import { pageKey, SpecimenImageViewer } from '../specimen-viewer.tsx';
import { MarksPanel, useMarks } from './annotations.tsx';

interface Place {
  transform: ViewTransform;
  look: ViewLook;
}

/**
 * A specimen's images: the one chosen in the viewer, the other lights of its page one press away
 * (the zoom, the position and the rotation stay: the same detail under another light), the regions
 * marked on it, and a gallery of them all to choose from.
 */
export function ImagesPanel({ view, title, reference }: { view: SpecimenView; title: string; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const [shown, setShown] = useState<string | null>(null);
  // Where the viewer stands on each page; another page starts fitted.
  const [places, setPlaces] = useState<Record<string, Place>>({});
  const images = view.images ?? [];
  const current = images.find((i) => i.id === shown) ?? images[0] ?? null;
  const page = current ? pageKey(current) : '';
  const place = places[page] ?? { transform: IDENTITY, look: PLAIN };
  const setPlace = (change: Partial<Place>) => setPlaces((all) => ({ ...all, [page]: { ...(all[page] ?? place), ...change } }));
  const lights = images.filter((i) => pageKey(i) === page);
  const marks = useMarks(view, current);
  const lightTools =
    lights.length > 1 ? (
      <span class="viewer-group" role="group" aria-label={t('specimen.lightsOf')}>
        {lights.map((image) => (
          <button
            key={image.id}
            type="button"
            class={image.id === current?.id ? 'button button-secondary button-small button-pressed' : 'button button-secondary button-small'}
            aria-pressed={image.id === current?.id}
            onClick={() => setShown(image.id)}
          >
            {termLabel(reference?.lights, image.light, lang)}
          </button>
        ))}
      </span>
    ) : null;
  return (
    <Panel id="images-title" class="specimen-images" title={t('specimen.imagesTitle', { count: images.length })}>
      {images.length === 0 ? <p class="muted">{t('specimen.noImages')}</p> : null}
      {current ? (
        <>
          {lights.length > 1 ? <p class="hint">{t('specimen.lightsHint')}</p> : null}
          <SpecimenImageViewer
            key={page}
            view={view}
            image={current}
            title={title}
            reference={reference}
            transform={place.transform}
            onTransform={(transform) => setPlace({ transform })}
            look={place.look}
            onLook={(look) => setPlace({ look })}
            overlay={marks.overlay}
            drawing={marks.drawing}
            onDraw={marks.onDraw}
            tools={
              <>
                {lightTools}
                {marks.tools}
              </>
            }
          />
          <MarksPanel view={view} image={current} marks={marks} reference={reference} />
        </>
      ) : null}
      {images.length ? (
        <ul class="gallery">
          {images.map((image) => {
            const viewName = imageLabel(reference, image, lang);
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
