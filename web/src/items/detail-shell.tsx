import type { ComponentChildren } from 'preact';
import { useI18n } from '../lib/i18n/index.tsx';
import { ResourcePage } from '../ui/page.tsx';
import { type ItemResource, PurposeDialog, type PurposeTexts } from './purpose.tsx';

/**
 * An item's page until the item shows: nothing at this address, loading, or (a RED item, a person
 * record) the purpose to state first; `onPurposeCancel` leaves instead.
 */
export function ItemDetailShell<T>({
  item,
  title,
  loadingText,
  notFound,
  onPurposeCancel,
  purposeTexts,
  children,
}: {
  item: ItemResource<T>;
  title: string;
  loadingText: string;
  notFound: { title: string; text: string; back: { href: string; label: string } };
  onPurposeCancel: () => void;
  /** The purpose dialog's words, when the kind has its own. */
  purposeTexts?: PurposeTexts;
  children: (data: T) => ComponentChildren;
}) {
  const { t } = useI18n();
  const pending = item.needsPurpose ? (
    <>
      <p class="panel muted">{t('purpose.waiting')}</p>
      <PurposeDialog onState={item.statePurpose} onCancel={onPurposeCancel} texts={purposeTexts} />
    </>
  ) : undefined;
  return (
    <ResourcePage resource={item} title={title} loadingText={loadingText} notFound={notFound} pending={pending}>
      {children}
    </ResourcePage>
  );
}
