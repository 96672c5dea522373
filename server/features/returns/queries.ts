import { type Expression, type SqlBool, sql } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { RETURN_ROLLUP_SQL_FIELDS, RETURN_SQL_FIELDS, RETURN_TEMPLATE_SQL_FIELDS } from '../../../policies/returns.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import type { Database } from '../../platform/db/database.ts';
import type { ReturnStatus } from '../../platform/db/schema.ts';

/**
 * The returns' SQL. Every list and every single read carries the policy as a where-clause
 * (policies/returns.ts through policies/sql.ts); the roll-ups are aggregates over the cells of
 * submitted versions only, so no draft is ever counted, whoever asks.
 */

const TEMPLATE_COLUMNS = [
  'returnTemplate.id',
  'returnTemplate.networkId',
  'returnTemplate.kind',
  'returnTemplate.titleEs',
  'returnTemplate.titleEn',
  'returnTemplate.periodKind',
  'returnTemplate.dueDays',
  'returnTemplate.dueOn',
  'returnTemplate.countries',
  'returnTemplate.observersContribute',
  'returnTemplate.definition',
  'returnTemplate.archivedAt',
  'returnTemplate.createdAt',
  'returnTemplate.updatedAt',
] as const;

export function templates(db: Database, ability: Ability) {
  return db
    .selectFrom('returnTemplate')
    .select(TEMPLATE_COLUMNS)
    .select((eb) =>
      eb
        .exists(eb.selectFrom('countryReturn').select('countryReturn.id').whereRef('countryReturn.templateId', '=', 'returnTemplate.id'))
        .as('opened'),
    )
    .where(permittedCondition(ability, 'read', 'ReturnTemplate', RETURN_TEMPLATE_SQL_FIELDS));
}

/**
 * A template's row locked for the rest of the transaction: `update` by its edit, `share` by the
 * opening of a return, so that no return is opened for a country, or under a layout, that an edit
 * running at the same time takes away.
 */
export async function lockTemplate(trx: Database, id: string, mode: 'update' | 'share'): Promise<void> {
  const query = trx.selectFrom('returnTemplate').select('id').where('id', '=', id);
  await (mode === 'update' ? query.forUpdate() : query.forShare()).execute();
}

/** Which of these countries have a return (in any status) for the template. */
export async function countriesWithReturns(db: Database, templateId: string, countries: string[]): Promise<string[]> {
  if (countries.length === 0) return [];
  const rows = await db
    .selectFrom('countryReturn')
    .select('country')
    .distinct()
    .where('templateId', '=', templateId)
    .where('country', 'in', countries)
    .orderBy('country')
    .execute();
  return rows.map((r) => r.country);
}

/** The template's returns never submitted, with their period: their due dates follow the template's schedule. */
export async function draftsOf(db: Database, templateId: string) {
  return db.selectFrom('countryReturn').select(['id', 'period']).where('templateId', '=', templateId).where('status', '=', 'draft').execute();
}
export type TemplateRow = Awaited<ReturnType<ReturnType<typeof templates>['executeTakeFirstOrThrow']>>;

/** Returns the ability reads (their metadata), with their template's titles and kind. */
export function returns(db: Database, ability: Ability) {
  return db
    .selectFrom('countryReturn')
    .innerJoin('returnTemplate', 'returnTemplate.id', 'countryReturn.templateId')
    .select([
      'countryReturn.id',
      'countryReturn.templateId',
      'countryReturn.networkId',
      'returnTemplate.kind',
      'returnTemplate.titleEs',
      'returnTemplate.titleEn',
      'returnTemplate.observersContribute',
      'countryReturn.period',
      'countryReturn.country',
      'countryReturn.status',
      'countryReturn.version',
      'countryReturn.submittedVersion',
      'countryReturn.dueOn',
      'countryReturn.createdAt',
      'countryReturn.updatedAt',
    ])
    .where(permittedCondition(ability, 'read', 'Return', RETURN_SQL_FIELDS));
}
export type ReturnRow = Awaited<ReturnType<ReturnType<typeof returns>['executeTakeFirstOrThrow']>>;

/** A return's row locked for a change (the policy was checked on it already in the same transaction). */
export async function lockReturn(trx: Database, id: string): Promise<void> {
  await trx.selectFrom('countryReturn').select('id').where('id', '=', id).forUpdate().execute();
}

export async function versionOf(db: Database, returnId: string, version: number) {
  return db.selectFrom('returnVersion').selectAll().where('returnId', '=', returnId).where('version', '=', version).executeTakeFirst();
}

export async function cellsOf(db: Database, versionId: string) {
  return db
    .selectFrom('returnCell')
    .select(['rowNo', 'dim1', 'dim2', 'columnKey', 'value'])
    .where('versionId', '=', versionId)
    .orderBy('rowNo')
    .orderBy('columnKey')
    .execute();
}

export async function sectionsOf(db: Database, versionId: string) {
  return db.selectFrom('returnSection').select(['key', 'body']).where('versionId', '=', versionId).orderBy('key').execute();
}

export async function history(db: Database, returnId: string) {
  return db
    .selectFrom('returnVersion as v')
    .innerJoin('appUser as c', 'c.id', 'v.createdBy')
    .innerJoin('appUser as u', 'u.id', 'v.updatedBy')
    .leftJoin('appUser as s', 's.id', 'v.submittedBy')
    .select([
      'v.version',
      'v.reason',
      'v.source',
      'c.displayName as createdBy',
      'v.createdAt',
      'u.displayName as updatedBy',
      'v.updatedAt',
      's.displayName as submittedBy',
      'v.submittedAt',
    ])
    .where('v.returnId', '=', returnId)
    .orderBy('v.version', 'desc')
    .execute();
}

export async function setStatus(
  trx: Database,
  id: string,
  changes: { status: ReturnStatus; version?: number; submittedVersion?: number },
  now: Date,
) {
  await trx
    .updateTable('countryReturn')
    .set({ ...changes, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

/** Which column of `return_cell` holds a grouping: a row dimension's, or the reporting country. */
export type Grouping = 'dim1' | 'dim2' | 'country';

const groupExpression = (by: Grouping) =>
  by === 'country'
    ? sql<string>`country_return.country`
    : by === 'dim1'
      ? sql<string>`return_cell.dim1`
      : sql<string>`coalesce(return_cell.dim2, '')`;

/**
 * The roll-up: per period and group, each column's sum, and the totals of adults and of minors
 * (the columns whose template says so), over the latest submitted version of every return the
 * policy lets the reader count (`ReturnRollup`). Drafts and versions being amended are never in it.
 */
export async function rollup(
  db: Database,
  ability: Ability,
  templateId: string,
  period: string | undefined,
  by: Grouping,
  minors: string[],
  adults: string[],
) {
  const submitted = () => {
    let query = db
      .selectFrom('countryReturn')
      .innerJoin('returnVersion', (join) =>
        join.onRef('returnVersion.returnId', '=', 'countryReturn.id').onRef('returnVersion.version', '=', 'countryReturn.submittedVersion'),
      )
      .innerJoin('returnCell', 'returnCell.versionId', 'returnVersion.id')
      .where('countryReturn.templateId', '=', templateId)
      .where(permittedCondition(ability, 'read', 'ReturnRollup', RETURN_ROLLUP_SQL_FIELDS) as Expression<SqlBool>);
    if (period) query = query.where('countryReturn.period', '=', period);
    return query;
  };
  const group = groupExpression(by);
  const [cells, totals] = await Promise.all([
    submitted()
      .select(['countryReturn.period', group.as('key'), 'returnCell.columnKey', sql<number>`sum(return_cell.value)::int`.as('total')])
      .groupBy(['countryReturn.period', sql`2`, 'returnCell.columnKey'])
      .orderBy('countryReturn.period')
      .orderBy(sql`2`)
      .execute(),
    submitted()
      .select([
        'countryReturn.period',
        group.as('key'),
        sql<number>`sum(return_cell.value)::int`.as('total'),
        sql<number>`coalesce(sum(return_cell.value) filter (where return_cell.column_key = any(${sql.val(minors)}::text[])), 0)::int`.as('minors'),
        sql<number>`coalesce(sum(return_cell.value) filter (where return_cell.column_key = any(${sql.val(adults)}::text[])), 0)::int`.as('adults'),
      ])
      .groupBy(['countryReturn.period', sql`2`])
      .orderBy('countryReturn.period')
      .orderBy(sql`3`, 'desc')
      .orderBy(sql`2`)
      .execute(),
  ]);
  return { cells, totals };
}

/** Per period, how many of the template's returns the reader may count are submitted. */
export async function submittedPerPeriod(db: Database, ability: Ability, templateId: string, period: string | undefined) {
  let query = db
    .selectFrom('countryReturn')
    .select(['countryReturn.period', sql<number>`count(*)::int`.as('submitted')])
    .where('countryReturn.templateId', '=', templateId)
    .where('countryReturn.submittedVersion', 'is not', null)
    .where(permittedCondition(ability, 'read', 'ReturnRollup', RETURN_ROLLUP_SQL_FIELDS))
    .groupBy('countryReturn.period')
    .orderBy('countryReturn.period');
  if (period) query = query.where('countryReturn.period', '=', period);
  return query.execute();
}
