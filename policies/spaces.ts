import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import type { Actor } from './actor.ts';
import type { FieldMap } from './sql.ts';

/**
 * Networks and spaces.
 * - Everyone signed in reads the list of networks (names only).
 * - A member reads the spaces they belong to, and who else belongs to them.
 * - The Secretariat creates networks and spaces, reads every space, and manages members.
 * - A contact point or substitute manages the members of their own country in their network's spaces
 *   (officers and observers, not other contact points); the contact point also appoints and
 *   removes its country's substitute there (the directory's "appoint substitute").
 * - The Secretariat registers organisations (authorities, observers, partners), renames them and
 *   deactivates them; everyone signed in reads them.
 * - The Secretariat registers the webhooks of national systems (per organisation) that alerts are
 *   delivered to.
 */
export function spaceRules(actor: Actor, { can }: AbilityBuilder<MongoAbility>): void {
  can('read', 'Network');
  const memberOf = actor.memberships.map((m) => m.spaceId);
  if (memberOf.length) {
    can('read', 'Space', { id: { $in: memberOf } });
    can('read', 'Membership', { spaceId: { $in: memberOf } });
  }
  const leads = actor.memberships.filter((m) => m.role === 'contact_point' || m.role === 'substitute');
  for (const networkId of new Set(leads.map((m) => m.networkId))) {
    can('read', 'Space', { networkId });
    can('read', 'Membership', { networkId });
    can(['add', 'remove'], 'Membership', { networkId, country: actor.country, role: { $in: ['officer', 'observer'] } });
  }
  for (const networkId of new Set(actor.memberships.filter((m) => m.role === 'contact_point').map((m) => m.networkId))) {
    can(['add', 'remove'], 'Membership', { networkId, country: actor.country, role: 'substitute' });
  }
  if (actor.roles.includes('secretariat')) {
    can(['create', 'read'], 'Network');
    can(['create', 'read', 'update'], 'Space');
    can(['read', 'add', 'remove'], 'Membership');
    can(['create', 'read', 'update'], 'Organisation');
    can(['create', 'read', 'remove'], 'Webhook');
  }
  can('read', 'Organisation');
}

export const SPACE_SQL_FIELDS: FieldMap = {
  id: { column: 'space.id', type: 'uuid' },
  networkId: { column: 'space.network_id', type: 'uuid' },
};

export const MEMBERSHIP_SQL_FIELDS: FieldMap = {
  spaceId: { column: 'membership.space_id', type: 'uuid' },
  networkId: { column: 'membership.network_id', type: 'uuid' },
  country: { column: 'membership.country', type: 'text' },
  role: { column: 'membership.role', type: 'text' },
};
