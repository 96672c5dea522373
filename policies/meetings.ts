import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import type { Actor } from './actor.ts';
import type { FieldMap } from './sql.ts';

/**
 * Meetings and events of the calendar.
 * - Members of a network (any role in any of its spaces, observers included) read its meetings,
 *   their agenda, minutes, agreements and training counts.
 * - Conference-wide meetings (no network) are read by every user with a global role or a
 *   membership.
 * - The Secretariat and the Presidency read every meeting, create and edit them, and record
 *   minutes, agreements and training counts (they convene and chair the conference: DOMAIN.md).
 */
export function meetingRules(actor: Actor, { can }: AbilityBuilder<MongoAbility>): void {
  const networks = [...new Set(actor.memberships.map((m) => m.networkId))];
  if (networks.length) can('read', 'Meeting', { networkId: { $in: networks } });
  if (networks.length || actor.roles.length) can('read', 'Meeting', { networkId: null });
  if (actor.roles.includes('secretariat') || actor.roles.includes('presidency')) can(['read', 'create', 'update'], 'Meeting');
}

export const MEETING_SQL_FIELDS: FieldMap = {
  networkId: { column: 'meeting.network_id', type: 'uuid' },
};
