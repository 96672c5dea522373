import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import { type Actor, isMemberCountry } from './actor.ts';
import type { FieldMap } from './sql.ts';

/** What auditors see of a commitment: everything but its updates' notes and evidence (the field `content`). */
export const COMMITMENT_METADATA_FIELDS = [
  'id',
  'networkId',
  'plan',
  'source',
  'activity',
  'indicator',
  'calendar',
  'responsibles',
  'statuses',
  'createdAt',
  'updatedAt',
] as const;

/**
 * Commitments of a network's plan of action (not restricted intelligence, but not public either).
 * - Every member of a network, observers included, reads its commitments and their updates.
 * - The Secretariat and the Presidency read every commitment, create them and edit them.
 * - Auditors read every commitment's metadata, never the notes and evidence of its updates.
 * - A responsible member country reports on a commitment through its contact point or substitute in
 *   the network; a responsible organisation (IOM, UNHCR, RROCM) through any of its members in the
 *   network; the Secretariat (SV) reports for itself where it is named responsible.
 */
export function commitmentRules(actor: Actor, { can }: AbilityBuilder<MongoAbility>): void {
  for (const networkId of new Set(actor.memberships.map((m) => m.networkId))) {
    can('read', 'Commitment', { networkId });
  }
  for (const m of actor.memberships) {
    const validator = m.role === 'contact_point' || m.role === 'substitute';
    if (isMemberCountry(actor.country) ? validator : true) {
      can('report', 'Commitment', { networkId: m.networkId, responsibles: actor.country });
    }
  }
  if (actor.roles.includes('secretariat') || actor.roles.includes('presidency')) {
    can(['read', 'create', 'update'], 'Commitment');
  }
  if (actor.roles.includes('secretariat') && actor.country === 'SV') {
    can('report', 'Commitment', { responsibles: 'SV' });
  }
  if (actor.roles.includes('auditor')) {
    can('read', 'Commitment', [...COMMITMENT_METADATA_FIELDS]);
  }
}

export const COMMITMENT_SQL_FIELDS: FieldMap = {
  networkId: { column: 'commitment.network_id', type: 'uuid' },
};
