import { SectionBar, type Tab } from '../ui/tabs.tsx';
import { useItemRoles } from './item-roles.ts';

/**
 * The sections of an item kind's screens (a search, an inbox, the validation queue…), and the
 * button to write a new one for those who may (not an observer).
 */
export function ItemTabs({ label, tabs, newItem }: { label: string; tabs: (Tab | null)[]; newItem: { href: string; label: string } }) {
  const { creator } = useItemRoles();
  return (
    <SectionBar
      label={label}
      tabs={tabs}
      action={
        creator ? (
          <a class="button" href={newItem.href}>
            {newItem.label}
          </a>
        ) : null
      }
    />
  );
}
