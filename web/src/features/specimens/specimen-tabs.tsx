import { useItemRoles } from '../../items/item-roles.ts';
import { ItemTabs } from '../../items/item-tabs.tsx';
import { useI18n } from '../../lib/i18n/index.tsx';
import type { Tab } from '../../ui/tabs.tsx';

/** The sections of the specimen screens: search, my saved searches, and the validation queue for contact points and substitutes. */
export function SpecimenTabs({ current }: { current: 'search' | 'saved' | 'validation' }) {
  const { t } = useI18n();
  const { validator } = useItemRoles();
  const tabs: (Tab | null)[] = [
    ['/specimens', t('specimens.searchTab'), current === 'search' && 'page'],
    ['/specimens/saved', t('savedSearches.tab'), current === 'saved' && 'page'],
    validator ? ['/specimens/validation', t('specimens.validationTab'), current === 'validation' && 'page'] : null,
    ['/checks', t('nav.checks')],
  ];
  return <ItemTabs label={t('specimens.sections')} tabs={tabs} newItem={{ href: '/specimens/new', label: t('specimens.new') }} />;
}
