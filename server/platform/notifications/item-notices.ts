import { sql } from 'kysely';
import { ITEM_SQL_FIELDS } from '../../../policies/items.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { actorOf, cachedAbility } from '../access.ts';
import { membershipsOf } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import type { ItemTable, NotificationKind } from '../db/schema.ts';
import { addItemNotices } from './store.ts';

/**
 * The workflow's notices, raised where the workflow happens (server/platform/items: a step, a
 * correction; each kind's sighting), in the same transaction as the change:
 * - `validation_waiting`: an item submitted, to its validators — the contact points and substitutes
 *   of the originator's country in the item's network (policies/items.ts, `publish`);
 * - `returned_to_draft`: to the originator;
 * - `correction_proposed`: to the originator; `correction_decided`: to the originator and the proposer;
 * - `sighting`: to the originator.
 * Never to the actor themself, never to a user who is not active, and only to users whose ability
 * reads the item's content now: each candidate's ability, built from their memberships as they are,
 * is put to the database as SQL in one statement (the policy's single translation, policies/sql.ts).
 * A notice carries the item's kind and id, never its content, whatever the kind (a person record too).
 */
export type ItemNoticeKind = Extract<
  NotificationKind,
  'validation_waiting' | 'returned_to_draft' | 'correction_proposed' | 'correction_decided' | 'sighting'
>;

type NoticeItem = Pick<ItemTable, 'kind' | 'spaceId' | 'networkId' | 'originatorId' | 'originatorCountry'> & { id: string };

export interface ItemNotice {
  kind: ItemNoticeKind;
  item: NoticeItem;
  /** Who acted (never notified); null when the actor is not known to be anyone in `to`. */
  actorId: string | null;
  /** The users concerned, or the item's validators. */
  to: readonly string[] | 'validators';
  /** The correction or sighting the notice is about. */
  subjectId?: string;
}

export async function noticeItem(trx: Database, notice: ItemNotice, now: Date): Promise<number> {
  const { item } = notice;
  const candidates = await trx
    .selectFrom('appUser as u')
    .select(['u.id', 'u.country', 'u.organisationId', 'u.roles', membershipsOf('u.id').as('memberships')])
    .where('u.status', '=', 'active')
    .$if(notice.actorId !== null, (q) => q.where('u.id', '<>', notice.actorId as string))
    .where((eb) =>
      notice.to === 'validators'
        ? eb(
            'u.id',
            'in',
            eb
              .selectFrom('membership as m')
              .select('m.userId')
              .where('m.networkId', '=', item.networkId)
              .where('m.country', '=', item.originatorCountry)
              .where('m.role', 'in', ['contact_point', 'substitute']),
          )
        : notice.to.length
          ? eb('u.id', 'in', [...notice.to])
          : eb.val(false),
    )
    .orderBy('u.id')
    .execute();
  if (candidates.length === 0) return 0;
  // One statement: for each candidate, whether their ability reads this item's content.
  const readers = candidates.map(
    (c) =>
      sql<
        string | null
      >`case when ${permittedCondition(cachedAbility(actorOf(c, c.memberships)), 'read', 'Item', ITEM_SQL_FIELDS, 'content')} then ${c.id}::uuid end`,
  );
  const found = await trx
    .selectFrom('item')
    .select(sql<string[]>`array_remove(array[${sql.join(readers)}], null)`.as('readers'))
    .where('item.id', '=', item.id)
    .executeTakeFirst();
  const added = await addItemNotices(
    trx,
    (found?.readers ?? []).map((userId) => ({ userId, kind: notice.kind, itemId: item.id, subjectId: notice.subjectId ?? null, mail: true })),
    now,
  );
  return added.length;
}
