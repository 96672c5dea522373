import { useItemRoles } from '../../items/item-roles.ts';
import { ItemTabs } from '../../items/item-tabs.tsx';
import { useI18n } from '../../lib/i18n/index.tsx';

/** The sections of the alert screens, and "New alert" for those who may raise one. */
export function AlertTabs({ current }: { current: 'inbox' | 'search' | 'validation' }) {
  const { t } = useI18n();
  const { validator } = useItemRoles();
  const tab = (name: typeof current, href: string, label: string) => [href, label, current === name && 'page'] as const;
  const tabs = [
    tab('inbox', '/alerts', t('alerts.inboxTab')),
    tab('search', '/alerts/search', t('alerts.searchTab')),
    validator ? tab('validation', '/alerts/validation', t('alerts.validationTab')) : null,
  ];
  return <ItemTabs label={t('alerts.sections')} tabs={tabs} newItem={{ href: '/alerts/new', label: t('alerts.new') }} />;
}
