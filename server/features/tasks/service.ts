import { type SelectQueryBuilder, sql } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { SPACE_SQL_FIELDS } from '../../../policies/spaces.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import {
  awaitingValidation,
  correctionToDecide,
  inInbox,
  readableContentOfAnyKind,
  returnedToMe,
  reviewPendingFor,
} from '../../platform/items/queues.ts';
import type { TaskItem, Tasks } from './schemas.ts';

/**
 * What waits for the signed-in person, for the home page and the counts beside the menu: every
 * count and list is one query under the policy, with the conditions the queues and the inbox use
 * (server/platform/items/queues.ts). Nothing sealed is opened: the rows carry metadata and the
 * facets kept in clear.
 */

/** How many of each list the home page shows (the counts are exact). */
export const LIST_SIZE = 5;

type Rows = SelectQueryBuilder<DB & { sp: DB['specimen']; a: DB['alert']; rp: DB['report'] }, 'item' | 'sp' | 'a' | 'rp', object>;

/** A query over items, with the specimen, alert and report rows its facets come from. */
const withFacets = (query: SelectQueryBuilder<DB, 'item', object>): Rows =>
  query
    .leftJoin('specimen as sp', 'sp.itemId', 'item.id')
    .leftJoin('alert as a', 'a.itemId', 'item.id')
    .leftJoin('report as rp', 'rp.itemId', 'item.id') as unknown as Rows;

const count = async (query: Rows): Promise<number> => (await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst())?.n ?? 0;

function list(query: Rows, order: 'oldest' | 'newest') {
  return query
    .select([
      'item.id',
      'item.kind',
      'item.spaceId',
      'item.status',
      'item.tlp',
      'item.originatorCountry',
      'item.createdAt',
      'item.updatedAt',
      'sp.documentType',
      'sp.issuingCountry',
      'sp.category',
      'a.severity',
      'a.validUntil',
      'rp.kind as reportKind',
    ])
    .orderBy('item.updatedAt', order === 'oldest' ? 'asc' : 'desc')
    .orderBy('item.id')
    .limit(LIST_SIZE);
}

type Row = Awaited<ReturnType<ReturnType<typeof list>['execute']>>[number];

const iso = (value: Date | string) => new Date(value).toISOString();

const taskItem = (row: Row, corrections = 0): TaskItem => ({
  id: row.id,
  kind: row.kind,
  spaceId: row.spaceId,
  status: row.status,
  tlp: row.tlp,
  originatorCountry: row.originatorCountry,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
  documentType: row.documentType ?? null,
  issuingCountry: row.issuingCountry ?? null,
  category: row.category ?? null,
  severity: row.severity ?? null,
  validUntil: row.validUntil ? iso(row.validUntil) : null,
  reportKind: row.reportKind ?? null,
  corrections,
});

export async function tasksOf(db: Database, ability: Ability, userId: string, now: Date): Promise<Tasks> {
  const specimens = () => withFacets(awaitingValidation(db, ability, 'specimen'));
  const alerts = () => withFacets(awaitingValidation(db, ability, 'alert'));
  const reports = () => withFacets(awaitingValidation(db, ability, 'report'));
  const persons = () => withFacets(awaitingValidation(db, ability, 'person'));
  const review = () => withFacets(readableContentOfAnyKind(db, ability).where('item.kind', '=', 'alert')).where(reviewPendingFor(ability));
  const mine = () => withFacets(readableContentOfAnyKind(db, ability)).where('item.originatorId', '=', userId);
  const corrected = () =>
    withFacets(readableContentOfAnyKind(db, ability)).where(({ exists, selectFrom }) =>
      exists(selectFrom('correction as c').select(sql`1`.as('one')).whereRef('c.itemId', '=', 'item.id').where(correctionToDecide(ability))),
    );
  const returned = () => withFacets(readableContentOfAnyKind(db, ability)).where(returnedToMe(ability));

  const [specimensToValidate, alertsToValidate, reportsToValidate, personsToValidate, alertsToReview, returnedCount, drafts, inbox, proposals] =
    await Promise.all([
      count(specimens()),
      count(alerts()),
      count(reports()),
      count(persons()),
      count(review()),
      count(returned()),
      count(mine().where('item.status', '=', 'draft')),
      withFacets(readableContentOfAnyKind(db, ability).where('item.kind', '=', 'alert'))
        .innerJoin('alertRecipient as r', (join) => join.onRef('r.alertId', '=', 'item.id').on('r.userId', '=', userId))
        .where(inInbox(userId, now))
        .select([
          sql<number>`(count(*) filter (where r.read_at is null))::int`.as('unread'),
          sql<number>`(count(*) filter (where r.acknowledged_at is null))::int`.as('unacknowledged'),
        ])
        .executeTakeFirst(),
      withFacets(readableContentOfAnyKind(db, ability))
        .innerJoin('correction as c', 'c.itemId', 'item.id')
        .where(correctionToDecide(ability))
        .select(['item.id', sql<number>`count(*)::int`.as('n')])
        .groupBy('item.id')
        .execute(),
    ]);
  const proposed = new Map(proposals.map((p) => [p.id, p.n]));

  const [toValidateSpecimens, toValidateAlerts, toValidateReports, toValidatePersons, toReview, corrections, returnedItems, recent, spaces] =
    await Promise.all([
      list(specimens(), 'oldest').execute(),
      list(alerts(), 'oldest').execute(),
      list(reports(), 'oldest').execute(),
      list(persons(), 'oldest').execute(),
      list(review(), 'oldest').execute(),
      list(corrected(), 'oldest').execute(),
      list(returned(), 'oldest').execute(),
      list(mine().where('item.status', '<>', 'withdrawn'), 'newest').execute(),
      // My spaces (those the policy lets me read), with their loading deadlines, the nearest first.
      db
        .selectFrom('membership')
        .innerJoin('space', 'space.id', 'membership.spaceId')
        .where('membership.userId', '=', userId)
        .where(permittedCondition(ability, 'read', 'Space', SPACE_SQL_FIELDS))
        .select(['space.id', 'space.networkId', 'space.nameEs', 'space.nameEn', 'membership.role', 'space.opensOn', 'space.loadingDeadline'])
        .orderBy('space.loadingDeadline')
        .orderBy('space.id')
        .execute(),
    ]);

  // Specimens, alerts, reports and person records to validate: one list, the longest waiting first
  // (a person record by its kind alone: nothing of it is opened here).
  const toValidate = [...toValidateSpecimens, ...toValidateAlerts, ...toValidateReports, ...toValidatePersons]
    .sort((x, y) => new Date(x.updatedAt).getTime() - new Date(y.updatedAt).getTime() || x.id.localeCompare(y.id))
    .slice(0, LIST_SIZE);

  return {
    counts: {
      specimensToValidate,
      alertsToValidate,
      reportsToValidate,
      personsToValidate,
      alertsToReview,
      corrections: [...proposed.values()].reduce((a, b) => a + b, 0),
      returned: returnedCount,
      drafts,
      unread: inbox?.unread ?? 0,
      unacknowledged: inbox?.unacknowledged ?? 0,
    },
    toValidate: toValidate.map((row) => taskItem(row)),
    toReview: toReview.map((row) => taskItem(row)),
    corrections: corrections.map((row) => taskItem(row, proposed.get(row.id) ?? 0)),
    returned: returnedItems.map((row) => taskItem(row)),
    recent: recent.map((row) => taskItem(row)),
    spaces: spaces.map((s) => ({ ...s, opensOn: String(s.opensOn), loadingDeadline: String(s.loadingDeadline) })),
  };
}

/** Who, among the users connected to this instance, has a task that an item's workflow step changes: its originator and its validators. */
export async function concernedBy(db: Database, itemId: string, connected: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('item')
    .innerJoin('membership as m', (join) =>
      join
        .onRef('m.networkId', '=', 'item.networkId')
        .onRef('m.country', '=', 'item.originatorCountry')
        .on('m.role', 'in', ['contact_point', 'substitute']),
    )
    .select('m.userId')
    .where('item.id', '=', itemId)
    .where('m.userId', '=', sql<string>`any(${sql.val(connected)}::uuid[])`)
    .union(
      db
        .selectFrom('item')
        .select('item.originatorId as userId')
        .where('item.id', '=', itemId)
        .where('item.originatorId', '=', sql<string>`any(${sql.val(connected)}::uuid[])`),
    )
    .execute();
  return rows.map((r) => r.userId);
}
