import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import type { Actor } from './ability.ts';

/**
 * Accounts.
 * - Everyone reads and updates their own account.
 * - The Secretariat invites people, reads every account, and sets their status and global roles
 *   (it manages who is in the portal) — but never its own, so no one can lock out or promote themself.
 */
export function userRules(actor: Actor, { can, cannot }: AbilityBuilder<MongoAbility>): void {
  can(['read', 'update'], 'User', { id: actor.id });
  if (actor.roles.includes('secretariat')) {
    can(['invite', 'read', 'list', 'manage-access'], 'User');
    cannot('manage-access', 'User', { id: actor.id });
  }
}
