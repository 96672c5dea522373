import { useItemRoles } from '../../items/item-roles.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { SectionBar, type Tab } from '../../ui/tabs.tsx';
import type { PersonForm } from './api.ts';

export const QUEUE = '/persons?status=submitted';

/**
 * The sections of the person screens: my country's records, those waiting for validation
 * (contact points, substitutes), the person check; and, for those who may write, the two forms.
 */
export function PersonTabs({ current }: { current: 'list' | 'validation' | 'check' | null }) {
  const { t } = useI18n();
  const { validator, creator } = useItemRoles();
  const tabs: (Tab | null)[] = [
    ['/persons', t('persons.listTab'), current === 'list' && 'page'],
    validator ? [QUEUE, t('persons.validationTab'), current === 'validation' && 'page'] : null,
    ['/persons/check', t('persons.checkTab'), current === 'check' && 'page'],
  ];
  return (
    <SectionBar
      label={t('persons.sections')}
      tabs={tabs}
      action={
        creator ? (
          <span class="section-actions">
            <a class="button" href="/persons/new?form=person">
              {t('persons.newPerson')}
            </a>
            <a class="button" href="/persons/new?form=minors">
              {t('persons.newMinors')}
            </a>
          </span>
        ) : null
      }
    />
  );
}

/** The blank form of a kind of record, to print for a border post without a connection (opens in a new tab). */
export function BlankFormLink({ form }: { form: PersonForm }) {
  const { t } = useI18n();
  return (
    <a href={`/persons/blank/${form}`} target="_blank" rel="noopener">
      {t(form === 'minors' ? 'persons.blankMinors' : 'persons.blankPerson')}
    </a>
  );
}
