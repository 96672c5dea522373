import { type MySpace, type User, useSession } from '../lib/session.tsx';

/**
 * Who has the alert screens: anyone in a space, and anyone without a global role (a migration
 * authority's officer receives alerts without belonging to any space); not an account that is only
 * the Secretariat's, the Presidency's or an auditor's.
 */
export const mayReceiveAlerts = (user: User, spaces: MySpace[] | null): boolean => (spaces?.length ?? 0) > 0 || user.roles.length === 0;

/**
 * What my memberships let me do with items (specimens, alerts): read them, write them (where the
 * server's policy says so: `createItems` of GET /api/me — not as an observer, not from outside the
 * member countries), validate them (a contact point or a substitute).
 */
export function useItemRoles(): { member: boolean; creator: boolean; validator: boolean; creatable: MySpace[]; spaces: MySpace[] | null } {
  const { spaces } = useSession();
  const list = spaces ?? [];
  const creatable = list.filter((s) => s.createItems);
  return {
    member: list.length > 0,
    creator: creatable.length > 0,
    validator: list.some((s) => s.role === 'contact_point' || s.role === 'substitute'),
    creatable,
    spaces,
  };
}
