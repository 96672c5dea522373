import { type MySpace, useSession } from '../lib/session.tsx';

/**
 * What my memberships let me do with items (specimens, alerts): read them, write them (not as an
 * observer), validate them (a contact point or a substitute).
 */
export function useItemRoles(): { member: boolean; creator: boolean; validator: boolean; creatable: MySpace[]; spaces: MySpace[] | null } {
  const { spaces } = useSession();
  const list = spaces ?? [];
  const creatable = list.filter((s) => s.role !== 'observer');
  return {
    member: list.length > 0,
    creator: creatable.length > 0,
    validator: list.some((s) => s.role === 'contact_point' || s.role === 'substitute'),
    creatable,
    spaces,
  };
}
