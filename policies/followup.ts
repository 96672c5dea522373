import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import type { Actor } from './actor.ts';

/**
 * The follow-up of the plans (the Pro Tempore Presidency's work through the Virtual Secretariat).
 * - The Presidency and the Secretariat see the follow-up figures of every network: what each
 *   member country has loaded in each space against its deadline, acknowledgement times of alerts,
 *   activity over time — counts and dates, never content, never a draft (a country's drafts are
 *   its own until submitted: nobody counts them, not even for the country itself).
 * - The Presidency reads the networks and spaces it follows (names and deadlines), as the
 *   Secretariat does; it manages none of them.
 * - Nobody else sees the dashboard.
 */
export function followupRules(actor: Actor, { can }: AbilityBuilder<MongoAbility>): void {
  if (actor.roles.includes('presidency') || actor.roles.includes('secretariat')) {
    can('read', 'FollowUp');
    can('count', 'Item', { status: { $in: ['submitted', 'published', 'withdrawn', 'expired'] } });
  }
  if (actor.roles.includes('presidency')) can('read', ['Network', 'Space']);
}
