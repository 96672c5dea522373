import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import { type Actor, isMemberCountry } from './actor.ts';
import type { FieldMap } from './sql.ts';

/** What auditors and the Presidency may see of an item: never content, identifiers, files or names. */
export const ITEM_METADATA_FIELDS = ['id', 'kind', 'spaceId', 'originatorCountry', 'status', 'tlp', 'createdAt', 'updatedAt'] as const;

/**
 * Restricted items (specimens, reports, alerts): who reads and acts on what (SECURITY.md).
 *
 * Reading a published item, by its TLP label:
 * - CLEAR: every signed-in user, except the metadata-only readers (below).
 * - GREEN: every member of the item's space, observers included.
 * - AMBER: members of the space from a member country's authority (observers excluded).
 * - AMBER+STRICT: members of the space from the originator's own organisation.
 * - RED: the named recipients.
 * The originator reads their own items, whatever their label or status.
 * Drafts and submitted items: the originator, and the contact point and substitute of the
 * originator's country in that network. Withdrawn items: the members of the originator's country
 * (a withdrawn RED item: its originator alone).
 * RED: the validators read a draft or submitted item only (and, like every reader of RED content
 * but the originator, after stating a purpose: server/platform/items/purpose.ts); once it is
 * published only the originator and the named recipients read it.
 * Releasable-to narrows every label: a reader from a country not listed is refused, unless
 * the item comes from the reader's own country.
 * Validators may also return a submitted item to its originator (back to draft), and withdraw
 * their country's published CLEAR, GREEN or AMBER items in the spaces they belong to.
 * Published items: members of the item's space from a member country's authority propose
 * corrections (not to their own items), which the originator accepts or rejects ("amend");
 * anyone holding a non-observer membership from a member country reports a sighting of what
 * they can read. The document-number check may answer "known" (no id, no content) for a
 * published item that is not RED in a network where the asker holds a non-observer membership,
 * within releasability ("detect").
 * Person records (kind 'person') follow the same rules, never labelled CLEAR or GREEN (the database
 * refuses it), with no corrections proposed by others; every content read but the originator's
 * needs a stated purpose (server/platform/items/purpose.ts).
 * Alerts: users of an organisation an item is addressed to (a migration authority an alert
 * targets, for the alert and what it links to) read it when it is published under CLEAR, GREEN
 * or AMBER — whether or not they belong to the network. The originator and the country's contact
 * point and substitute follow an alert's deliveries ("track"); the validators review an urgent
 * alert that was published at once ("review").
 * A member country's contact point and substitute also send urgent operational messages ("message"):
 * alerts for the contact points and substitutes of their space.
 * The Secretariat gets nothing here: it manages spaces, it does not read their content.
 * Auditors and the Presidency read metadata only, of every item, whatever its label (CLEAR
 * included) and whatever else they hold (a membership, an organisation an alert targets, a named
 * recipient's place, their own items): the last rule takes the field `content` from them.
 */
export function itemRules(actor: Actor, { can, cannot }: AbilityBuilder<MongoAbility>): void {
  const published = 'published';
  const pending = { $in: ['draft', 'submitted'] };

  can('read', 'Item', { status: published, tlp: 'CLEAR' });
  can('read', 'Item', { status: published, tlp: 'RED', namedRecipients: actor.id });

  for (const m of actor.memberships) {
    can('read', 'Item', { spaceId: m.spaceId, status: published, tlp: 'GREEN' });
    if (m.role !== 'observer' && isMemberCountry(actor.country)) {
      can('read', 'Item', { spaceId: m.spaceId, status: published, tlp: 'AMBER' });
      can('create', 'Item', { spaceId: m.spaceId, originatorId: actor.id, originatorCountry: actor.country });
      // A withdrawn RED item stays with its originator alone (once published, RED is never the country's).
      can('read', 'Item', { spaceId: m.spaceId, status: 'withdrawn', originatorCountry: actor.country, tlp: { $ne: 'RED' } });
      can('correct', 'Item', { spaceId: m.spaceId, status: published });
      // The hit check may say "known" for what a member's networks hold under a label they do not read.
      can('detect', 'Item', { networkId: m.networkId, status: published, tlp: { $in: ['GREEN', 'AMBER', 'AMBER+STRICT'] } });
      can('sight', 'Item', { status: published });
    }
    if ((m.role === 'contact_point' || m.role === 'substitute') && isMemberCountry(actor.country)) {
      // The country's validators withdraw its published items in the spaces they are in, under a label
      // they read there (a RED or AMBER+STRICT item is withdrawn by its originator).
      can('withdraw', 'Item', { spaceId: m.spaceId, status: published, originatorCountry: actor.country, tlp: { $in: ['CLEAR', 'GREEN', 'AMBER'] } });
      // An urgent operational message to the contact points and substitutes of the space (an alert
      // whose audience is them; server/features/alerts/targets.ts).
      can('message', 'Item', { spaceId: m.spaceId, kind: 'alert' });
    }
    if (m.role !== 'observer' && actor.organisationId) {
      can('read', 'Item', { spaceId: m.spaceId, status: published, tlp: 'AMBER+STRICT', originatorOrganisationId: actor.organisationId });
    }
    if (m.role === 'contact_point' || m.role === 'substitute') {
      // The country's validators, in every space of their network.
      can('read', 'Item', { networkId: m.networkId, status: pending, originatorCountry: actor.country });
      can('publish', 'Item', { networkId: m.networkId, status: 'submitted', originatorCountry: actor.country });
      can('return', 'Item', { networkId: m.networkId, status: 'submitted', originatorCountry: actor.country });
      can('review', 'Item', { networkId: m.networkId, kind: 'alert', status: published, originatorCountry: actor.country });
      can('track', 'Item', { networkId: m.networkId, kind: 'alert', originatorCountry: actor.country });
    }
  }

  if (actor.organisationId) {
    can('read', 'Item', { status: published, tlp: { $in: ['CLEAR', 'GREEN', 'AMBER'] }, audienceOrganisations: actor.organisationId });
  }

  // Releasability narrows everything above; it never hides a country's own items from it.
  cannot(['read', 'detect'], 'Item', {
    releasabilityRestricted: true,
    releasableTo: { $nin: [actor.country] },
    originatorCountry: { $ne: actor.country },
  });

  // The originator: always their own, and the workflow steps that are theirs.
  can('read', 'Item', { originatorId: actor.id });
  can('update', 'Item', { originatorId: actor.id, status: 'draft' });
  can('submit', 'Item', { originatorId: actor.id, status: 'draft' });
  can('withdraw', 'Item', { originatorId: actor.id, status: published });
  can('amend', 'Item', { originatorId: actor.id, status: published });
  can('track', 'Item', { originatorId: actor.id, kind: 'alert' });
  cannot('correct', 'Item', { originatorId: actor.id });
  // Person records are corrected by their originator (a draft edit), never by proposals from others.
  cannot('correct', 'Item', { kind: 'person' });

  if (isMetadataReader(actor)) {
    can('read', 'Item', [...ITEM_METADATA_FIELDS]);
    // Last, so it outranks every `can` above (CASL: a later rule wins). It names the field
    // `content`, which content reads ask for (`ability.can('read', item, 'content')`, and
    // `permittedCondition(…, 'content')` in SQL, where it becomes `false`); a read of metadata
    // asks for no field, and an inverted field rule does not answer such a question, so the
    // item stays known. Without conditions: no membership or other grant gets past it.
    cannot('read', 'Item', ['content']);
  }
}

/** Auditors and the Presidency: metadata-only readers of items (SECURITY.md, access control). */
export const isMetadataReader = (actor: Pick<Actor, 'roles'>): boolean => actor.roles.includes('auditor') || actor.roles.includes('presidency');

/** Where the rules' fields live in SQL, for the translator (policies/sql.ts). Queries alias the table `item`. */
export const ITEM_SQL_FIELDS: FieldMap = {
  id: { column: 'item.id', type: 'uuid' },
  kind: { column: 'item.kind', type: 'text' },
  spaceId: { column: 'item.space_id', type: 'uuid' },
  networkId: { column: 'item.network_id', type: 'uuid' },
  originatorId: { column: 'item.originator_id', type: 'uuid' },
  originatorCountry: { column: 'item.originator_country', type: 'text' },
  originatorOrganisationId: { column: 'item.originator_organisation_id', type: 'uuid' },
  status: { column: 'item.status', type: 'text' },
  tlp: { column: 'item.tlp', type: 'text' },
  releasableTo: { column: 'item.releasable_to', type: 'text', array: true },
  releasabilityRestricted: { column: 'item.releasability_restricted', type: 'boolean' },
  namedRecipients: { column: 'item.named_recipients', type: 'uuid', array: true },
  audienceOrganisations: { column: 'item.audience_organisations', type: 'uuid', array: true },
};
