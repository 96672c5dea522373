import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import type { Actor } from './ability.ts';

/**
 * Accounts.
 * - Everyone reads and updates their own account.
 * - The Secretariat invites people and reads every account (it manages who is in the portal).
 */
export function userRules(actor: Actor, { can }: AbilityBuilder<MongoAbility>): void {
  can(['read', 'update'], 'User', { id: actor.id });
  if (actor.roles.includes('secretariat')) {
    can(['invite', 'read', 'list'], 'User');
  }
}
