import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import { type Actor, isMemberCountry } from './actor.ts';
import type { FieldMap } from './sql.ts';

/**
 * The entry-authorisation matrix: what a national of each country needs to enter each member country
 * (shared reference information, not restricted — DOMAIN.md — but for members only).
 * - Everyone signed in with a role — a global role or a membership of any space — reads the matrix,
 *   its history and its change feed.
 * - The Secretariat sets cells, imports the matrix and decides (accepts or rejects) proposals; it
 *   reads every proposal.
 * - The contact point or substitute of a member country (in any network) proposes changes to its own
 *   country's row only — the row where the country is the destination — and reads those proposals.
 */
export function entryRequirementRules(actor: Actor, { can }: AbilityBuilder<MongoAbility>): void {
  if (actor.roles.length > 0 || actor.memberships.length > 0) can('read', 'EntryRequirement');
  const leads = actor.memberships.some((m) => m.role === 'contact_point' || m.role === 'substitute');
  if (leads && isMemberCountry(actor.country)) {
    can('propose', 'EntryRequirement', { destination: actor.country });
    can('read', 'EntryRequirementProposal', { destination: actor.country });
  }
  if (actor.roles.includes('secretariat')) {
    can(['update', 'import'], 'EntryRequirement');
    can(['read', 'decide'], 'EntryRequirementProposal');
  }
}

export const ENTRY_REQUIREMENT_SQL_FIELDS: FieldMap = {
  destination: { column: 'entry_requirement.destination', type: 'text' },
};

export const ENTRY_PROPOSAL_SQL_FIELDS: FieldMap = {
  destination: { column: 'entry_requirement_proposal.destination', type: 'text' },
};

/** The history and the change feed are read as the matrix is. */
export const ENTRY_CHANGE_SQL_FIELDS: FieldMap = {
  destination: { column: 'entry_requirement_change.destination', type: 'text' },
};
