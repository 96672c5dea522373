import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import { type Actor, isMemberCountry } from './actor.ts';

/**
 * The library (issue 23). Reading a document is reading an item (policies/items.ts): library
 * documents are items of kind `library`, published when added, so their TLP decides — CLEAR for the
 * conference-wide documents (every signed-in user but the metadata-only readers), GREEN for every
 * member of the space (observers included), AMBER for its member-country authorities, RED for the
 * named recipients. Lists and searches carry that rule as SQL.
 * - Adding a document to a space: its members from a member country's authority, not observers.
 * - Editing a document and adding versions: the members of the space from the document's own
 *   country (not observers) — a country keeps its documents, whoever of it added them.
 * The Secretariat does not add documents here: it keeps spaces, not their content (SECURITY.md).
 */
export function libraryRules(actor: Actor, { can }: AbilityBuilder<MongoAbility>): void {
  if (!isMemberCountry(actor.country)) return;
  const spaces = actor.memberships.filter((m) => m.role !== 'observer').map((m) => m.spaceId);
  if (spaces.length === 0) return;
  can('create', 'LibraryDocument', { spaceId: { $in: spaces } });
  can('update', 'LibraryDocument', { spaceId: { $in: spaces }, originatorCountry: actor.country });
}
