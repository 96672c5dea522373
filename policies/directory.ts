import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import type { Actor } from './actor.ts';
import type { FieldMap } from './sql.ts';

/**
 * The network directory: per network, one entry per member country (its contact point and
 * substitute, phones, 24/7 line, languages, further contacts).
 * - Every member of a network (any role in any of its spaces, observers included) reads its
 *   directory; the Secretariat and the Presidency read every network's. Nobody else.
 * - The contact point and substitute of a country in a network edit and confirm their own country's
 *   entry there; the contact point appoints its country's substitute there.
 * - The Secretariat edits, confirms and appoints in any entry (it keeps the directory: DOMAIN.md).
 */
export function directoryRules(actor: Actor, { can }: AbilityBuilder<MongoAbility>): void {
  const networks = [...new Set(actor.memberships.map((m) => m.networkId))];
  if (networks.length) can('read', 'DirectoryEntry', { networkId: { $in: networks } });
  const leads = [...new Set(actor.memberships.filter((m) => m.role === 'contact_point' || m.role === 'substitute').map((m) => m.networkId))];
  if (leads.length) can(['update', 'confirm'], 'DirectoryEntry', { networkId: { $in: leads }, country: actor.country });
  const contactPoint = [...new Set(actor.memberships.filter((m) => m.role === 'contact_point').map((m) => m.networkId))];
  if (contactPoint.length) can('appoint', 'DirectoryEntry', { networkId: { $in: contactPoint }, country: actor.country });
  if (actor.roles.includes('secretariat')) can(['read', 'update', 'confirm', 'appoint'], 'DirectoryEntry');
  if (actor.roles.includes('presidency')) can('read', 'DirectoryEntry');
}

export const DIRECTORY_SQL_FIELDS: FieldMap = {
  networkId: { column: 'directory_entry.network_id', type: 'uuid' },
  country: { column: 'directory_entry.country', type: 'text' },
};
