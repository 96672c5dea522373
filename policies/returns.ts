import type { AbilityBuilder, MongoAbility } from '@casl/ability';
import type { Actor } from './actor.ts';
import type { FieldMap } from './sql.ts';

/**
 * Periodic returns: templates made by the Secretariat, one return per template, period and country.
 * A return's actions: `read` (its metadata: template, period, country, status, dates), `figures`
 * (the matrix figures of its submitted version), `content` (everything of its submitted version,
 * written text included), `draft` (the version being worked on), `update`, `submit`, `amend`.
 * - The Secretariat defines the templates, edits and archives them, and reads every return, drafts
 *   included, and the roll-ups.
 * - The Presidency reads every return's metadata and the figures of submitted returns — never a
 *   written text nor a draft — and the roll-ups.
 * - Auditors read returns' and templates' metadata.
 * - A network's members read its templates and its roll-ups (which count submitted versions only).
 * - The contact point and substitute of a country in a network open, edit and submit their country's
 *   returns there, and amend them once submitted; their country's other members read them.
 * - Where a template says so, the network's observers read and edit the returns of that template
 *   (IOM's legislation matrix) — the country's contact point or substitute submits them.
 * - Nobody else reads another country's return: a country never sees another's drafts.
 */
const WORKING = ['draft', 'amending'];
const SUBMITTED = ['submitted', 'amending'];

export function returnRules(actor: Actor, { can }: AbilityBuilder<MongoAbility>): void {
  const networks = [...new Set(actor.memberships.map((m) => m.networkId))];
  if (networks.length) {
    can('read', 'ReturnTemplate', { networkId: { $in: networks } });
    can('read', 'ReturnRollup', { networkId: { $in: networks } });
  }
  const member = [...new Set(actor.memberships.filter((m) => m.role !== 'observer').map((m) => m.networkId))];
  if (member.length) can(['read', 'figures', 'content', 'draft'], 'Return', { networkId: { $in: member }, country: actor.country });
  const leads = [...new Set(actor.memberships.filter((m) => m.role === 'contact_point' || m.role === 'substitute').map((m) => m.networkId))];
  if (leads.length) {
    const own = { networkId: { $in: leads }, country: actor.country };
    can('create', 'Return', own);
    can(['update', 'submit'], 'Return', { ...own, status: { $in: WORKING } });
    can('amend', 'Return', { ...own, status: 'submitted' });
  }
  const observes = [...new Set(actor.memberships.filter((m) => m.role === 'observer').map((m) => m.networkId))];
  if (observes.length) {
    const contributed = { networkId: { $in: observes }, observersContribute: true };
    can(['read', 'figures', 'content', 'draft', 'create'], 'Return', contributed);
    can('update', 'Return', { ...contributed, status: { $in: WORKING } });
  }
  if (actor.roles.includes('secretariat')) {
    can(['create', 'read', 'update'], 'ReturnTemplate');
    can(['read', 'figures', 'content', 'draft'], 'Return');
    can('read', 'ReturnRollup');
  }
  if (actor.roles.includes('presidency')) {
    can('read', 'ReturnTemplate');
    can('read', 'Return');
    can('figures', 'Return', { status: { $in: SUBMITTED } });
    can('read', 'ReturnRollup');
  }
  if (actor.roles.includes('auditor')) {
    can('read', 'ReturnTemplate');
    can('read', 'Return');
  }
}

export const RETURN_TEMPLATE_SQL_FIELDS: FieldMap = {
  networkId: { column: 'return_template.network_id', type: 'uuid' },
};

/** A return's fields, for queries joining `country_return` with its `return_template`. */
export const RETURN_SQL_FIELDS: FieldMap = {
  networkId: { column: 'country_return.network_id', type: 'uuid' },
  country: { column: 'country_return.country', type: 'text' },
  status: { column: 'country_return.status', type: 'text' },
  observersContribute: { column: 'return_template.observers_contribute', type: 'boolean' },
};

export const RETURN_ROLLUP_SQL_FIELDS: FieldMap = {
  networkId: { column: 'country_return.network_id', type: 'uuid' },
};
