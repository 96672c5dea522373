import { sql } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { actorOf, cachedAbility } from '../../platform/access.ts';
import { membershipsOf } from '../../platform/auth/sessions.ts';
import type { Database } from '../../platform/db/database.ts';
import type { NotificationMail } from '../../platform/db/schema.ts';
import { NOTIFICATION_COLUMNS, NOTIFICATION_KINDS, visibleNotifications } from '../../platform/notifications/store.ts';

/** The statements of the notifications' sweep (./service.ts): the mail waiting, the digests due, the user as the policy sees them. */

/** A user as the policy sees them now, with what their mail needs. */
export async function recipient(db: Database, userId: string) {
  const user = await db
    .selectFrom('appUser as u')
    .select(['u.id', 'u.email', 'u.language', 'u.status', 'u.country', 'u.organisationId', 'u.roles', membershipsOf('u.id').as('memberships')])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return { ...user, ability: cachedAbility(actorOf(user, user.memberships)) };
}

/** A batch of notices waiting for their mail, oldest first, locked (another sweep takes the next ones). */
export const pendingMail = (trx: Database, limit: number) =>
  trx
    .selectFrom('notification')
    .select(['id', 'userId', 'createdAt'])
    .where('mail', '=', 'pending')
    .where('kind', '<>', 'saved_search')
    .orderBy('createdAt')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();

/** One of the user's notices, if they still may know of it (the list's policy). */
export const visibleNotice = (trx: Database, ability: Ability, userId: string, id: string) =>
  visibleNotifications(trx, ability, userId).select(NOTIFICATION_COLUMNS).where('n.id', '=', id).executeTakeFirst();

export async function setMail(trx: Database, ids: string[], mail: NotificationMail): Promise<void> {
  if (ids.length) await trx.updateTable('notification').set({ mail }).where('id', 'in', ids).execute();
}

/** Users whose last digest was made on or before `since` (active accounts). */
export const digestsDue = (db: Database, since: Date) =>
  db
    .selectFrom('notificationDigest as d')
    .innerJoin('appUser as u', 'u.id', 'd.userId')
    .select('d.userId')
    .where('u.status', '=', 'active')
    .where('d.lastAt', '<=', since)
    .orderBy('d.userId')
    .execute();

/** The user's digest row, locked, if it is still due (another run may have made it meanwhile). */
export const lockDigest = (trx: Database, userId: string, since: Date) =>
  trx
    .selectFrom('notificationDigest')
    .select('userId')
    .where('userId', '=', userId)
    .where('lastAt', '<=', since)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();

/** The user's unread notices left for the digest that they still may know of, by kind, oldest first. */
export const digestNotices = (trx: Database, ability: Ability, userId: string) =>
  visibleNotifications(trx, ability, userId)
    .select(NOTIFICATION_COLUMNS)
    .where('n.mail', '=', 'digest')
    .where('n.readAt', 'is', null)
    .orderBy(sql`array_position(${sql.val([...NOTIFICATION_KINDS])}::text[], n.kind)`)
    .orderBy('n.createdAt')
    .execute();

/** What was read before its digest is not mailed at all; the week starts again. */
export async function closeDigest(trx: Database, userId: string, now: Date): Promise<void> {
  await trx
    .updateTable('notification')
    .set({ mail: 'none' })
    .where('userId', '=', userId)
    .where('mail', '=', 'digest')
    .where('readAt', 'is not', null)
    .execute();
  await trx.updateTable('notificationDigest').set({ lastAt: now }).where('userId', '=', userId).execute();
}
