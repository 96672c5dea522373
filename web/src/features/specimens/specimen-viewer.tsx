import { type Reference, termLabel } from '../../items/reference.ts';
import { TlpBadge } from '../../items/tlp.tsx';
import { useI18n } from '../../lib/i18n/index.tsx';
import { ImageViewer, type ViewTransform } from '../../ui/viewer.tsx';
import { type ImageView, imageUrl, type SpecimenView } from './api.ts';

/** One image of a specimen in the viewer: its view named, the specimen's TLP in the corner (key it by the image). */
export function SpecimenImageViewer({
  view,
  image,
  title,
  reference,
  transform,
  onTransform,
}: {
  view: SpecimenView;
  image: ImageView;
  /** The specimen's name, for the image's text alternative. */
  title: string;
  reference: Reference | null;
  transform?: ViewTransform;
  onTransform?: (next: ViewTransform) => void;
}) {
  const { t, lang } = useI18n();
  const viewName = termLabel(reference?.views, image.view, lang);
  return (
    <ImageViewer
      src={imageUrl(view.id, image.id)}
      alt={t('specimen.imageAlt', { view: viewName, title })}
      viewLabel={viewName}
      badge={<TlpBadge tlp={view.tlp} />}
      caption={image.caption}
      transform={transform}
      onTransform={onTransform}
    />
  );
}
