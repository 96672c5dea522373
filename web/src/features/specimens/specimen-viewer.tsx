import type { ComponentChildren } from 'preact';
import { imageLabel, type Reference } from '../../items/reference.ts';
import { TlpBadge } from '../../items/tlp.tsx';
import { useI18n } from '../../lib/i18n/index.tsx';
import { type ImageRegion, ImageViewer, type ViewLook, type ViewTransform } from '../../ui/viewer.tsx';
import { type ImageView, imageUrl, type SpecimenView } from './api.ts';

/** The images of one page, in their order: the page as a key ('' when not stated). */
export const pageKey = (image: Pick<ImageView, 'page'>): string => image.page ?? '';

/** One image of a specimen in the viewer: its page and light named, the specimen's TLP in the corner (key it by the image). */
export function SpecimenImageViewer({
  view,
  image,
  title,
  reference,
  transform,
  onTransform,
  look,
  onLook,
  overlay,
  drawing,
  onDraw,
  tools,
}: {
  view: SpecimenView;
  image: ImageView;
  /** The specimen's name, for the image's text alternative. */
  title: string;
  reference: Reference | null;
  transform?: ViewTransform;
  onTransform?: (next: ViewTransform) => void;
  look?: ViewLook;
  onLook?: (next: ViewLook) => void;
  overlay?: ComponentChildren;
  drawing?: boolean;
  onDraw?: (region: ImageRegion) => void;
  tools?: ComponentChildren;
}) {
  const { t, lang } = useI18n();
  const viewName = imageLabel(reference, image, lang);
  return (
    <ImageViewer
      src={imageUrl(view.id, image.id)}
      alt={t('specimen.imageAlt', { view: viewName, title })}
      viewLabel={viewName}
      badge={<TlpBadge tlp={view.tlp} />}
      caption={image.caption}
      transform={transform}
      onTransform={onTransform}
      look={look}
      onLook={onLook}
      overlay={overlay}
      drawing={drawing}
      onDraw={onDraw}
      tools={tools}
    />
  );
}
