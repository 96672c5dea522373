import { type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Ability } from '../../../policies/ability.ts';
import { COMMITMENT_SQL_FIELDS } from '../../../policies/commitments.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import type { CommitmentRow } from '../../platform/commitments/create.ts';
import { type SealedRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Database } from '../../platform/db/database.ts';
import type { CommitmentStatus, DB } from '../../platform/db/schema.ts';

/**
 * Every statement of the commitments feature. Each read starts from `readable`, which carries the
 * policy as SQL; status and lateness per responsible come from the database's own definitions
 * (`commitment_due`, `commitment_overdue`, migration 0020) with the day passed in from the clock.
 */

type From = SelectQueryBuilder<DB, 'commitment', object>;

/** The commitments the ability may read (metadata readers included). */
export const readable = (db: Database, ability: Ability): From =>
  db.selectFrom('commitment').where(permittedCondition(ability, 'read', 'Commitment', COMMITMENT_SQL_FIELDS));

const overdueOf = (today: string) =>
  sql<boolean>`commitment_overdue(commitment.calendar, commitment.due_on, commitment.starts_on, r.status, r.status_at, ${today}::date)`;

export interface Filters {
  networkId?: string | undefined;
  plan?: string | undefined;
  responsible?: string | undefined;
  status?: CommitmentStatus | undefined;
  overdue?: boolean | undefined;
}

/** A responsible row of the commitment in scope, narrowed to the responsible filter when there is one. */
function responsibleRows(eb: ExpressionBuilder<DB, 'commitment'>, responsible: string | undefined) {
  let rows = eb.selectFrom('commitmentResponsible as r').select(sql`1`.as('one')).whereRef('r.commitmentId', '=', 'commitment.id');
  if (responsible) rows = rows.where('r.responsible', '=', responsible);
  return rows;
}

/** The list's filters: the status and lateness filters look at the responsible filtered on, if any. */
export function filtered(db: Database, ability: Ability, filters: Filters, today: string): From {
  let query = readable(db, ability);
  if (filters.networkId) query = query.where('commitment.networkId', '=', filters.networkId);
  if (filters.plan) query = query.where('commitment.plan', '=', filters.plan);
  if (filters.responsible || filters.status) {
    query = query.where((eb) => {
      let rows = responsibleRows(eb, filters.responsible);
      if (filters.status) rows = rows.where('r.status', '=', filters.status);
      return eb.exists(rows);
    });
  }
  if (filters.overdue !== undefined) {
    const late = (eb: ExpressionBuilder<DB, 'commitment'>) => eb.exists(responsibleRows(eb, filters.responsible).where(overdueOf(today)));
    query = query.where((eb) => (filters.overdue ? late(eb) : eb.not(late(eb))));
  }
  return query;
}

/** What a view of a commitment is made of: its row, its network, its responsible with their status and lateness. */
export function withView(query: From, today: string) {
  return query.innerJoin('network', 'network.id', 'commitment.networkId').select((eb) => [
    'commitment.id',
    'commitment.keySpaceId',
    'commitment.networkId',
    'network.code as networkCode',
    'network.nameEs as networkNameEs',
    'network.nameEn as networkNameEn',
    'commitment.plan',
    'commitment.source',
    'commitment.agreementId',
    // The meeting whose agreement made it (migration 0026), read in SQL: features do not import each other.
    sql<string | null>`(select a.meeting_id from meeting_agreement a where a.id = commitment.agreement_id)`.as('meetingId'),
    'commitment.activityEs',
    'commitment.activityEn',
    'commitment.indicatorEs',
    'commitment.indicatorEn',
    'commitment.calendar',
    'commitment.dueOn',
    'commitment.startsOn',
    'commitment.createdAt',
    'commitment.updatedAt',
    sql<string | null>`commitment_due(commitment.calendar, commitment.due_on, commitment.starts_on, ${today}::date)::text`.as('currentDueOn'),
    jsonArrayFrom(
      eb
        .selectFrom('commitmentResponsible as r')
        .select(['r.responsible', 'r.status', 'r.statusAt', overdueOf(today).as('overdue')])
        .whereRef('r.commitmentId', '=', 'commitment.id')
        .orderBy('r.responsible'),
    ).as('responsibles'),
  ]);
}

export type ViewRow = Awaited<ReturnType<ReturnType<typeof withView>['execute']>>[number];

const ORDER = sql`commitment.created_at desc, commitment.id`;

/**
 * One statement: the filtered commitments' total, their responsible by status (and how many are
 * late), the plans the caller may filter on, and one page of views.
 */
export async function listPage(db: Database, ability: Ability, filters: Filters, today: string, page: number, pageSize: number) {
  const ids = filtered(db, ability, filters, today).select('commitment.id');
  const pageRows = withView(readable(db, ability).where('commitment.id', 'in', ids), today)
    .orderBy(ORDER)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  let plans = readable(db, ability).where('commitment.plan', 'is not', null);
  if (filters.networkId) plans = plans.where('commitment.networkId', '=', filters.networkId);
  const statuses = db
    .selectFrom('commitmentResponsible as r')
    .innerJoin('commitment', 'commitment.id', 'r.commitmentId')
    .where('r.commitmentId', 'in', ids)
    .$if(Boolean(filters.responsible), (q) => q.where('r.responsible', '=', filters.responsible!))
    .select([
      sql<number>`count(*) filter (where r.status = 'not_started')::int`.as('notStarted'),
      sql<number>`count(*) filter (where r.status = 'in_progress')::int`.as('inProgress'),
      sql<number>`count(*) filter (where r.status = 'done')::int`.as('done'),
      sql<number>`count(*) filter (where ${overdueOf(today)})::int`.as('overdue'),
    ]);
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom(ids.as('f')).select(sql<number>`count(*)::int`.as('n')).as('total'),
      sql<{ notStarted: number; inProgress: number; done: number; overdue: number }>`(select row_to_json(s) from (${statuses}) s)`.as('counts'),
      plans.select(sql<string[]>`coalesce(array_agg(distinct commitment.plan order by commitment.plan), '{}')`.as('plans')).as('plans'),
      jsonArrayFrom(pageRows).as('items'),
    ])
    .executeTakeFirstOrThrow();
  return {
    total: row.total ?? 0,
    counts: row.counts,
    plans: row.plans ?? [],
    items: row.items as unknown as ViewRow[],
  };
}

/** One readable commitment's view, or undefined (not there, or not the caller's to read: alike). */
export function findCommitment(db: Database, ability: Ability, id: string, today: string) {
  return withView(readable(db, ability).where('commitment.id', '=', id), today).executeTakeFirst();
}

/** Every filtered commitment's view, for the export (at most `limit`, the caller checks for more). */
export function exportRows(db: Database, ability: Ability, filters: Filters, today: string, limit: number) {
  return withView(filtered(db, ability, filters, today), today)
    .orderBy(ORDER)
    .limit(limit)
    .execute();
}

/** A commitment's updates, newest first, each with its sealed note and its evidence (names sealed). */
export function updatesOf(db: Database, commitmentId: string) {
  return db
    .selectFrom('commitmentUpdate as u')
    .innerJoin('appUser as a', 'a.id', 'u.authorId')
    .select((eb) => [
      'u.id',
      'u.responsible',
      'u.status',
      'u.authorCountry',
      'u.createdAt',
      'a.displayName as authorName',
      sealedRecord('u.noteId').as('note'),
      jsonArrayFrom(
        eb
          .selectFrom('commitmentEvidence as e')
          .innerJoin('storedFile as f', 'f.id', 'e.fileId')
          .select(['f.id', 'f.mediaType', 'f.byteSize', sealedRecord('e.detailsId').as('details')])
          .whereRef('e.updateId', '=', 'u.id')
          .orderBy('f.createdAt')
          .orderBy('f.id'),
      ).as('evidence'),
    ])
    .where('u.commitmentId', '=', commitmentId)
    .orderBy('u.seq', 'desc')
    .execute();
}

export type UpdateRow = Awaited<ReturnType<typeof updatesOf>>[number];
export type { SealedRecord };

/** The evidence file of one of a commitment's updates, or undefined. */
export function evidenceOf(db: Database, commitmentId: string, fileId: string) {
  return db
    .selectFrom('commitmentEvidence as e')
    .innerJoin('commitmentUpdate as u', 'u.id', 'e.updateId')
    .select('e.fileId')
    .where('u.commitmentId', '=', commitmentId)
    .where('e.fileId', '=', fileId)
    .executeTakeFirst();
}

/** The space whose key seals a network's commitments: its first space. */
export const networkExists = async (db: Database, networkId: string) =>
  Boolean(await db.selectFrom('network').select('id').where('id', '=', networkId).executeTakeFirst());

export async function updateCommitment(trx: Database, id: string, row: Omit<CommitmentRow, 'networkId' | 'keySpaceId'>, now: Date): Promise<void> {
  await trx
    .updateTable('commitment')
    .set({ ...row, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Sets a commitment's responsible: new ones added (not started), dropped ones removed unless they
 * have reported (their history stays): returns those that could not be removed.
 */
export async function setResponsibles(trx: Database, id: string, networkId: string, responsibles: string[]): Promise<string[]> {
  const current = (await trx.selectFrom('commitmentResponsible').select('responsible').where('commitmentId', '=', id).forUpdate().execute()).map(
    (r) => r.responsible,
  );
  const dropped = current.filter((r) => !responsibles.includes(r));
  if (dropped.length) {
    const reported = await trx
      .selectFrom('commitmentUpdate')
      .select('responsible')
      .distinct()
      .where('commitmentId', '=', id)
      .where('responsible', 'in', dropped)
      .execute();
    if (reported.length) return reported.map((r) => r.responsible);
    await trx.deleteFrom('commitmentResponsible').where('commitmentId', '=', id).where('responsible', 'in', dropped).execute();
  }
  const added = responsibles.filter((r) => !current.includes(r));
  if (added.length) {
    await trx
      .insertInto('commitmentResponsible')
      .values(added.map((responsible) => ({ commitmentId: id, responsible, networkId })))
      .execute();
  }
  return [];
}

export async function insertUpdate(
  trx: Database,
  values: {
    commitmentId: string;
    responsible: string;
    status: CommitmentStatus;
    noteId: string | null;
    authorId: string;
    authorCountry: string;
    createdAt: Date;
  },
): Promise<string> {
  const { id } = await trx.insertInto('commitmentUpdate').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertEvidence(trx: Database, values: { fileId: string; updateId: string; detailsId: string }): Promise<void> {
  await trx.insertInto('commitmentEvidence').values(values).execute();
}

export type { SqlBool };
