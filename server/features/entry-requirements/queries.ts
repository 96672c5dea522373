import { sql } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { MEMBER_COUNTRIES } from '../../../policies/actor.ts';
import { ENTRY_CHANGE_SQL_FIELDS, ENTRY_PROPOSAL_SQL_FIELDS, ENTRY_REQUIREMENT_SQL_FIELDS } from '../../../policies/entry-requirements.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import type { Database } from '../../platform/db/database.ts';
import type { EntryProposalStatus, EntryRequirementKind } from '../../platform/db/schema.ts';

/**
 * Every statement of the entry-requirements feature. Lists start from the policy as SQL (the read
 * rule of the matrix, the read rule of proposals: the Secretariat's all, a country's own).
 */

export interface Values {
  requirement: EntryRequirementKind;
  daysAllowed: number | null;
  exceptionsEs: string | null;
  exceptionsEn: string | null;
  legalSource: string | null;
  effectiveOn: string | null;
  note: string | null;
}

export interface Cell {
  destination: string;
  nationality: string;
}

export interface Filters {
  destination?: string | undefined;
  nationality?: string | undefined;
  requirement?: EntryRequirementKind | undefined;
}

const CELL_COLUMNS = [
  'entryRequirement.destination',
  'entryRequirement.nationality',
  'entryRequirement.requirement',
  'entryRequirement.daysAllowed',
  'entryRequirement.exceptionsEs',
  'entryRequirement.exceptionsEn',
  'entryRequirement.legalSource',
  'entryRequirement.effectiveOn',
  'entryRequirement.note',
  'entryRequirement.version',
  'entryRequirement.updatedAt',
] as const;

function filtered(db: Database, ability: Ability, filters: Filters) {
  return db
    .selectFrom('entryRequirement')
    .where(permittedCondition(ability, 'read', 'EntryRequirement', ENTRY_REQUIREMENT_SQL_FIELDS))
    .$if(Boolean(filters.destination), (q) => q.where('entryRequirement.destination', '=', filters.destination!))
    .$if(Boolean(filters.nationality), (q) => q.where('entryRequirement.nationality', '=', filters.nationality!))
    .$if(Boolean(filters.requirement), (q) => q.where('entryRequirement.requirement', '=', filters.requirement!));
}

/** One page of cells, ordered by destination then nationality, with the total. */
export async function listCells(db: Database, ability: Ability, filters: Filters, page: number, pageSize: number) {
  const { total } = await filtered(db, ability, filters).select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const items = await filtered(db, ability, filters)
    .select(CELL_COLUMNS)
    .orderBy('entryRequirement.destination')
    .orderBy('entryRequirement.nationality')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items };
}

export type CellRow = Awaited<ReturnType<typeof listCells>>['items'][number];

/** Every filtered cell (the export), at most `limit`. */
export function exportCells(db: Database, ability: Ability, filters: Filters, limit: number) {
  return filtered(db, ability, filters)
    .select(CELL_COLUMNS)
    .orderBy('entryRequirement.destination')
    .orderBy('entryRequirement.nationality')
    .limit(limit)
    .execute();
}

/** A cell, locked for the change being made. */
function lockedCell(trx: Database, cell: Cell) {
  return trx
    .selectFrom('entryRequirement')
    .select(CELL_COLUMNS)
    .where('destination', '=', cell.destination)
    .where('nationality', '=', cell.nationality)
    .forUpdate()
    .executeTakeFirst();
}

export const valuesOf = (row: Values): Values => ({
  requirement: row.requirement,
  daysAllowed: row.daysAllowed,
  exceptionsEs: row.exceptionsEs,
  exceptionsEn: row.exceptionsEn,
  legalSource: row.legalSource,
  effectiveOn: row.effectiveOn,
  note: row.note,
});

const same = (a: Values, b: Values) => JSON.stringify(valuesOf(a)) === JSON.stringify(valuesOf(b));

export interface ChangeSource {
  source: 'edit' | 'proposal' | 'import';
  proposalId?: string;
  by: string;
  now: Date;
}

/**
 * Sets a cell and writes its history in the caller's transaction. A cell set to what it holds
 * already changes nothing and leaves no history: returns the change's id, or null.
 */
export async function setCell(trx: Database, cell: Cell, values: Values, how: ChangeSource): Promise<string | null> {
  const current = await lockedCell(trx, cell);
  if (current && same(current, values)) return null;
  await trx
    .insertInto('entryRequirement')
    .values({ ...cell, ...values, updatedBy: how.by, updatedAt: how.now })
    .onConflict((oc) =>
      oc.columns(['destination', 'nationality']).doUpdateSet({
        ...values,
        updatedBy: how.by,
        updatedAt: how.now,
        version: sql<number>`entry_requirement.version + 1`,
      }),
    )
    .execute();
  return recordChange(trx, cell, current ?? null, values, how);
}

/** One entry of a cell's history (null on a side: no information), its id returned. */
async function recordChange(trx: Database, cell: Cell, before: Values | null, after: Values | null, how: ChangeSource): Promise<string> {
  const { id } = await trx
    .insertInto('entryRequirementChange')
    .values({
      ...cell,
      oldValue: before ? JSON.stringify(valuesOf(before)) : null,
      newValue: after ? JSON.stringify(valuesOf(after)) : null,
      source: how.source,
      proposalId: how.proposalId ?? null,
      changedBy: how.by,
      changedAt: how.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Clears a cell in the caller's transaction: its row goes, and the history records the values
 * removed with a null new value. A cell that holds no information changes nothing: returns the
 * change's id, or null.
 */
export async function clearCell(trx: Database, cell: Cell, how: ChangeSource): Promise<string | null> {
  const current = await lockedCell(trx, cell);
  if (!current) return null;
  await trx.deleteFrom('entryRequirement').where('destination', '=', cell.destination).where('nationality', '=', cell.nationality).execute();
  return recordChange(trx, cell, current, null, how);
}

/** The current values of a cell, or undefined (no information). */
export function findCell(db: Database, ability: Ability, cell: Cell) {
  return filtered(db, ability, cell).select(CELL_COLUMNS).executeTakeFirst();
}

function changes(db: Database, ability: Ability) {
  return db
    .selectFrom('entryRequirementChange')
    .innerJoin('appUser as u', 'u.id', 'entryRequirementChange.changedBy')
    .select([
      'entryRequirementChange.id',
      'entryRequirementChange.destination',
      'entryRequirementChange.nationality',
      'entryRequirementChange.oldValue',
      'entryRequirementChange.newValue',
      'entryRequirementChange.source',
      'entryRequirementChange.proposalId',
      'u.displayName as changedByName',
      'u.country as changedByCountry',
      'entryRequirementChange.changedAt',
    ])
    .where(permittedCondition(ability, 'read', 'EntryRequirement', ENTRY_CHANGE_SQL_FIELDS));
}

/** A cell's history, newest first. */
export function historyOf(db: Database, ability: Ability, cell: Cell) {
  return changes(db, ability)
    .where('entryRequirementChange.destination', '=', cell.destination)
    .where('entryRequirementChange.nationality', '=', cell.nationality)
    .orderBy('entryRequirementChange.seq', 'desc')
    .execute();
}

/** The changes at or after `since`, oldest first (one more than `limit`, so the caller knows there are more). */
export function changesSince(db: Database, ability: Ability, since: Date, limit: number) {
  return changes(db, ability)
    .where('entryRequirementChange.changedAt', '>=', since)
    .orderBy('entryRequirementChange.changedAt')
    .orderBy('entryRequirementChange.seq')
    .limit(limit + 1)
    .execute();
}

export type ChangeRow = Awaited<ReturnType<typeof historyOf>>[number];

export async function insertProposal(
  trx: Database,
  values: Cell & Values & { reason: string | null; proposedBy: string; proposedCountry: string; proposedAt: Date },
): Promise<string> {
  const { id } = await trx.insertInto('entryRequirementProposal').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

function proposals(db: Database, ability: Ability) {
  return db
    .selectFrom('entryRequirementProposal')
    .innerJoin('appUser as u', 'u.id', 'entryRequirementProposal.proposedBy')
    .leftJoin('entryRequirement as cur', (join) =>
      join
        .onRef('cur.destination', '=', 'entryRequirementProposal.destination')
        .onRef('cur.nationality', '=', 'entryRequirementProposal.nationality'),
    )
    .where(permittedCondition(ability, 'read', 'EntryRequirementProposal', ENTRY_PROPOSAL_SQL_FIELDS));
}

const PROPOSAL_COLUMNS = [
  'entryRequirementProposal.id',
  'entryRequirementProposal.destination',
  'entryRequirementProposal.nationality',
  'entryRequirementProposal.requirement',
  'entryRequirementProposal.daysAllowed',
  'entryRequirementProposal.exceptionsEs',
  'entryRequirementProposal.exceptionsEn',
  'entryRequirementProposal.legalSource',
  'entryRequirementProposal.effectiveOn',
  'entryRequirementProposal.note',
  'entryRequirementProposal.reason',
  'entryRequirementProposal.status',
  'entryRequirementProposal.proposedCountry',
  'entryRequirementProposal.proposedAt',
  'entryRequirementProposal.decidedAt',
  'entryRequirementProposal.decisionNote',
  'u.displayName as proposedByName',
  sql<Values | null>`case when cur.destination is null then null else json_build_object(
    'requirement', cur.requirement, 'daysAllowed', cur.days_allowed, 'exceptionsEs', cur.exceptions_es,
    'exceptionsEn', cur.exceptions_en, 'legalSource', cur.legal_source, 'effectiveOn', cur.effective_on,
    'note', cur.note) end`.as('current'),
] as const;

export async function listProposals(
  db: Database,
  ability: Ability,
  filters: { status?: EntryProposalStatus | undefined; destination?: string | undefined },
  page: number,
  pageSize: number,
) {
  const base = proposals(db, ability)
    .$if(Boolean(filters.status), (q) => q.where('entryRequirementProposal.status', '=', filters.status!))
    .$if(Boolean(filters.destination), (q) => q.where('entryRequirementProposal.destination', '=', filters.destination!));
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const items = await base
    .select(PROPOSAL_COLUMNS)
    .orderBy('entryRequirementProposal.proposedAt', 'desc')
    .orderBy('entryRequirementProposal.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items };
}

export type ProposalRow = Awaited<ReturnType<typeof listProposals>>['items'][number];

/** A proposal the ability reads, locked when `lock` (a decision being made), or undefined. */
export function findProposal(db: Database, ability: Ability, id: string, lock = false) {
  return proposals(db, ability)
    .select(PROPOSAL_COLUMNS)
    .where('entryRequirementProposal.id', '=', id)
    .$if(lock, (q) => q.forUpdate('entryRequirementProposal'))
    .executeTakeFirst();
}

export async function decideProposal(
  trx: Database,
  id: string,
  decision: { status: 'accepted' | 'rejected'; by: string; at: Date; note: string | null },
): Promise<void> {
  await trx
    .updateTable('entryRequirementProposal')
    .set({ status: decision.status, decidedBy: decision.by, decidedAt: decision.at, decisionNote: decision.note })
    .where('id', '=', id)
    .execute();
}

/**
 * Who hears of a change: the active contact points and substitutes of the member countries (in any
 * network), but not the person who made it.
 */
export async function contactPoints(db: Database, except: string): Promise<string[]> {
  const rows = await db
    .selectFrom('appUser as u')
    .select('u.id')
    .where('u.status', '=', 'active')
    .where('u.id', '<>', except)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership as m')
          .select(sql`1`.as('one'))
          .whereRef('m.userId', '=', 'u.id')
          .where('m.role', 'in', ['contact_point', 'substitute'])
          .where('m.country', 'in', [...MEMBER_COUNTRIES]),
      ),
    )
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}
