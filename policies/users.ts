import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import type { Actor } from './actor.ts';
import type { FieldMap } from './sql.ts';

/**
 * Accounts.
 * - Everyone reads and updates their own account.
 * - The Secretariat invites people, reads every account, and sets their status and global roles
 *   (it manages who is in the portal) — but never its own, so no one can lock out or promote themself.
 * - A contact point or substitute finds the active accounts of its own country (to add them to spaces).
 */
export function userRules(actor: Actor, { can, cannot }: AbilityBuilder<MongoAbility>): void {
  can(['read', 'update'], 'User', { id: actor.id });
  if (actor.memberships.some((m) => m.role === 'contact_point' || m.role === 'substitute')) {
    can(['list', 'read'], 'User', { country: actor.country, status: 'active' });
  }
  if (actor.roles.includes('secretariat')) {
    can(['invite', 'read', 'list', 'manage-access'], 'User');
    cannot('manage-access', 'User', { id: actor.id });
  }
}

export const USER_SQL_FIELDS: FieldMap = {
  id: { column: 'app_user.id', type: 'uuid' },
  country: { column: 'app_user.country', type: 'text' },
  status: { column: 'app_user.status', type: 'text' },
};
