import { useItemRoles } from '../../items/item-roles.ts';
import { ItemTabs } from '../../items/item-tabs.tsx';
import { useI18n } from '../../lib/i18n/index.tsx';
import type { Tab } from '../../ui/tabs.tsx';

/** The sections of the report screens: the search, the reports waiting for validation (contact points, substitutes), the map of routes, and "New report". */
export function ReportTabs({ current }: { current: 'search' | 'validation' | 'map' }) {
  const { t } = useI18n();
  const { validator } = useItemRoles();
  const tabs: (Tab | null)[] = [
    ['/reports', t('reports.searchTab'), current === 'search' && 'page'],
    validator ? ['/reports?status=submitted&space=all', t('reports.validationTab'), current === 'validation' && 'page'] : null,
    ['/reports/map', t('reports.mapTab'), current === 'map' && 'page'],
  ];
  return <ItemTabs label={t('reports.sections')} tabs={tabs} newItem={{ href: '/reports/new', label: t('reports.new') }} />;
}
