import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { ITEM_SQL_FIELDS } from '../../../policies/items.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import type { Keyring } from '../crypto/master-key.ts';
import type { Database } from '../db/database.ts';
import type { NotificationKind, NotificationMail } from '../db/schema.ts';
import { notify } from '../events/bus.ts';

/**
 * Notifications: one notice to one user about one item (a new specimen matching their saved
 * search, so far), kept for the portal's bell and list, with its mail state. Features make them
 * (the specimens feature, from its saved searches); the notifications feature lists them, marks
 * them read and keeps each user's mail preferences. Nothing here knows a feature.
 *
 * A notice's label (the saved search's name) is the owner's restricted value: it is sealed under a
 * key of its own derived from the master key, bound to its user and row, never in a clear column.
 * Listing is under the policy: a notice about an item its user may no longer read (a membership
 * lost, the item withdrawn from their sight) is not shown nor counted, as if it did not exist.
 */
export const NOTIFICATION_KINDS = ['saved_search'] as const satisfies readonly NotificationKind[];

const LABEL_PURPOSE = 'notification-label';
const bound = (userId: string, id: string) => `${userId}:${id}`;

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  itemId: string;
  sourceId: string | null;
  /** Restricted (sealed): what the user called its source, e.g. the saved search's name. */
  label: string;
  /** A mail is wanted as well (the job that sends it is the caller's). */
  mail: boolean;
}

/**
 * Adds notices in the caller's transaction; a notice already there (same user, kind, item, source)
 * is not added again, so a job that runs twice notifies once. Returns the new ones; open browsers of
 * their users hear of them when the transaction commits.
 */
export async function addNotifications(
  trx: Database,
  keyring: Keyring,
  rows: NewNotification[],
  now: Date,
): Promise<{ id: string; userId: string; mail: NotificationMail }[]> {
  if (rows.length === 0) return [];
  const added = await trx
    .insertInto('notification')
    .values(
      rows.map((r) => {
        const id = randomUUID();
        return {
          id,
          userId: r.userId,
          kind: r.kind,
          itemId: r.itemId,
          sourceId: r.sourceId,
          label: keyring.seal(LABEL_PURPOSE, r.label, bound(r.userId, id)),
          mail: r.mail ? ('pending' as const) : ('none' as const),
          createdAt: now,
        };
      }),
    )
    .onConflict((oc) => oc.columns(['userId', 'kind', 'itemId', 'sourceId']).doNothing())
    .returning(['id', 'userId', 'mail'])
    .execute();
  if (added.length) await notify(trx, { type: 'notification', userIds: [...new Set(added.map((a) => a.userId))] });
  return added;
}

/** The notices of a user whose item the ability still reads (its content), as a query to narrow. */
function visible(db: Database, ability: Ability, userId: string) {
  return db
    .selectFrom('notification as n')
    .innerJoin('item', 'item.id', 'n.itemId')
    .where('n.userId', '=', userId)
    .where(permittedCondition(ability, 'read', 'Item', ITEM_SQL_FIELDS, 'content'));
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  itemId: string;
  itemKind: string;
  sourceId: string | null;
  label: string;
  createdAt: string;
  readAt: string | null;
}

/** One page of a user's notices, newest first, with the total and the unread count (both under the policy). */
export async function listNotifications(db: Database, keyring: Keyring, ability: Ability, userId: string, page: number, pageSize: number) {
  const counts = await visible(db, ability, userId)
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where n.read_at is null))::int`.as('unread')])
    .executeTakeFirstOrThrow();
  const rows = await visible(db, ability, userId)
    .select(['n.id', 'n.kind', 'n.itemId', 'item.kind as itemKind', 'n.sourceId', 'n.label', 'n.createdAt', 'n.readAt'])
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const items: NotificationRow[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    itemId: r.itemId,
    itemKind: r.itemKind,
    sourceId: r.sourceId,
    label: keyring.open(LABEL_PURPOSE, r.label, bound(userId, r.id)),
    createdAt: new Date(r.createdAt).toISOString(),
    readAt: r.readAt ? new Date(r.readAt).toISOString() : null,
  }));
  return { total: counts.total, unread: counts.unread, page, pageSize, items };
}

/**
 * Marks one of the user's notices read (a notice read already stays as it was). False when it is
 * not theirs to know — someone else's, or about an item they no longer read — exactly as when it
 * does not exist.
 */
export async function markNotificationRead(
  trx: Database,
  ability: Ability,
  userId: string,
  id: string,
  now: Date,
): Promise<{ itemId: string } | null> {
  const found = await visible(trx, ability, userId).select(['n.id', 'n.itemId']).where('n.id', '=', id).executeTakeFirst();
  if (!found) return null;
  await trx.updateTable('notification').set({ readAt: now }).where('id', '=', id).where('readAt', 'is', null).execute();
  return { itemId: found.itemId };
}

/** Whether the user wants mail for this kind of notice (on unless they turned it off). */
export async function mailWanted(db: Database, userId: string, kind: NotificationKind): Promise<boolean> {
  const row = await db.selectFrom('notificationPreference').select('mail').where('userId', '=', userId).where('kind', '=', kind).executeTakeFirst();
  return row?.mail ?? true;
}

/** Every kind with the user's mail choice. */
export async function preferencesOf(db: Database, userId: string): Promise<{ kind: NotificationKind; mail: boolean }[]> {
  const rows = await db.selectFrom('notificationPreference').select(['kind', 'mail']).where('userId', '=', userId).execute();
  const chosen = new Map(rows.map((r) => [r.kind, r.mail]));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, mail: chosen.get(kind) ?? true }));
}

export async function setPreferences(trx: Database, userId: string, choices: { kind: NotificationKind; mail: boolean }[]): Promise<void> {
  if (choices.length === 0) return;
  await trx
    .insertInto('notificationPreference')
    .values(choices.map((c) => ({ userId, kind: c.kind, mail: c.mail })))
    .onConflict((oc) => oc.columns(['userId', 'kind']).doUpdateSet((eb) => ({ mail: eb.ref('excluded.mail') })))
    .execute();
}

/** The mail state of a notice, for the job that mails it. */
export async function notificationForMail(db: Database, id: string) {
  return db
    .selectFrom('notification as n')
    .innerJoin('appUser as u', 'u.id', 'n.userId')
    .select(['n.id', 'n.userId', 'n.kind', 'n.itemId', 'n.mail', 'u.email', 'u.language', 'u.status'])
    .where('n.id', '=', id)
    .executeTakeFirst();
}

export async function setNotificationMail(db: Database, id: string, mail: NotificationMail): Promise<void> {
  await db.updateTable('notification').set({ mail }).where('id', '=', id).execute();
}
