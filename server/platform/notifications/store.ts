import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { ITEM_SQL_FIELDS } from '../../../policies/items.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import type { Keyring } from '../crypto/master-key.ts';
import type { Database } from '../db/database.ts';
import type { NotificationDelivery, NotificationKind, NotificationMail, Obligation } from '../db/schema.ts';
import { notify } from '../events/bus.ts';

/**
 * Notifications: one notice to one user, kept for the portal's bell and list, with its mail state.
 * An item notice is about one item: a new specimen matching a saved search (raised by the specimens
 * feature), an item waiting for validation, returned to draft, a correction proposed or decided, a
 * sighting (raised where the workflow happens: ./item-notices.ts). A deadline notice is about an
 * obligation due or late (./reminders.ts): no item, the obligation's subject and due date. A
 * reference notice says a cell of the entry-authorisation matrix changed: no item, the cell's
 * destination and nationality (codes, in clear: the matrix is not restricted). The
 * directory notice (./directory-reminders.ts) says a country's directory entry waits for its
 * confirmation: no item, the entry as subject, the network's name as label. The
 * notifications feature lists them, marks them read, mails them and keeps each user's choices.
 * Nothing here knows a feature.
 *
 * A notice's label — what the user called its source (a saved search's name), or the obligation's
 * name in their language — is sealed under a key of its own derived from the master key, bound to
 * its user and row, never in a clear column; an item notice has none (its item is named by kind and
 * id). Listing is under the policy: a notice about an item its user may no longer read (a membership
 * lost, the item withdrawn from their sight) is not shown nor counted, as if it did not exist; a
 * deadline notice is its user's own.
 */
export const NOTIFICATION_KINDS = [
  'saved_search',
  'validation_waiting',
  'returned_to_draft',
  'correction_proposed',
  'correction_decided',
  'sighting',
  'deadline_due',
  'deadline_late',
  'entry_requirement_changed',
  'directory_unconfirmed',
  'meeting_reminder',
] as const satisfies readonly NotificationKind[];
export const DELIVERIES = ['immediate', 'digest', 'off'] as const satisfies readonly NotificationDelivery[];

const LABEL_PURPOSE = 'notification-label';
const bound = (userId: string, id: string) => `${userId}:${id}`;

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  /** The item of an item notice (null: a deadline notice). */
  itemId: string | null;
  sourceId?: string | null;
  /** The correction or sighting; for a deadline, the space or return. */
  subjectId?: string | null;
  obligation?: Obligation | null;
  spaceId?: string | null;
  dueOn?: string | null;
  /** The matrix cell a reference notice is about (null: several). */
  destination?: string | null;
  nationality?: string | null;
  /** Restricted (sealed): what the user called its source, or the obligation's name; none for an item notice. */
  label: string | null;
  /** A mail is wanted as well, as the user's choice for the kind says (immediate, in the digest, or none). */
  mail: boolean;
}

/** The mail state a new notice starts in, from its user's choice for the kind (no choice: immediate). */
const mailState = (userId: string, kind: NotificationKind) =>
  sql<NotificationMail>`coalesce((select case p.delivery when 'immediate' then 'pending' when 'digest' then 'digest' else 'none' end
    from notification_preference p where p.user_id = ${userId} and p.kind = ${kind}), 'pending')`;

/**
 * Adds notices in the caller's transaction; a notice already there (same user, kind, item, source)
 * is not added again, so a job that runs twice notifies once. Returns the new ones; open browsers of
 * their users hear of them when the transaction commits, and so does the mail sweep when one is to
 * be mailed now (server/features/notifications).
 */
export async function addNotifications(
  trx: Database,
  keyring: Keyring,
  rows: NewNotification[],
  now: Date,
): Promise<{ id: string; userId: string; mail: NotificationMail }[]> {
  return insertNotices(trx, rows, now, (r, id) => (r.label === null ? null : keyring.seal(LABEL_PURPOSE, r.label, bound(r.userId, id))));
}

/** Item notices of the workflow: no label (the item is named by its kind and id), so no key is needed. */
export async function addItemNotices(
  trx: Database,
  rows: Omit<NewNotification, 'label'>[],
  now: Date,
): Promise<{ id: string; userId: string; mail: NotificationMail }[]> {
  return insertNotices(
    trx,
    rows.map((r) => ({ ...r, label: null })),
    now,
    () => null,
  );
}

async function insertNotices(
  trx: Database,
  rows: NewNotification[],
  now: Date,
  seal: (row: NewNotification, id: string) => string | null,
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
          sourceId: r.sourceId ?? null,
          subjectId: r.subjectId ?? null,
          obligation: r.obligation ?? null,
          spaceId: r.spaceId ?? null,
          dueOn: r.dueOn ?? null,
          destination: r.destination ?? null,
          nationality: r.nationality ?? null,
          label: seal(r, id),
          mail: r.mail ? mailState(r.userId, r.kind) : ('none' as const),
          createdAt: now,
        };
      }),
    )
    .onConflict((oc) => oc.columns(['userId', 'kind', 'itemId', 'sourceId']).doNothing())
    .returning(['id', 'userId', 'kind', 'mail'])
    .execute();
  if (added.length) {
    // Saved searches mail their notices through their own job; the sweep mails the others.
    const mail = added.some((a) => a.mail === 'pending' && a.kind !== 'saved_search');
    await notify(trx, { type: 'notification', userIds: [...new Set(added.map((a) => a.userId))], mail });
  }
  return added.map(({ id, userId, mail }) => ({ id, userId, mail }));
}

/**
 * The notices of a user that they may still know of, as a query to narrow: their deadline notices,
 * and their item notices whose item the ability still reads (its content).
 */
export function visibleNotifications(db: Database, ability: Ability, userId: string) {
  return db
    .selectFrom('notification as n')
    .leftJoin('item', 'item.id', 'n.itemId')
    .where('n.userId', '=', userId)
    .where((eb) => eb.or([eb('n.itemId', 'is', null), permittedCondition(ability, 'read', 'Item', ITEM_SQL_FIELDS, 'content')]));
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  itemId: string | null;
  itemKind: string | null;
  sourceId: string | null;
  subjectId: string | null;
  obligation: Obligation | null;
  spaceId: string | null;
  dueOn: string | null;
  destination: string | null;
  nationality: string | null;
  label: string | null;
  createdAt: string;
  readAt: string | null;
}

export const NOTIFICATION_COLUMNS = [
  'n.id',
  'n.userId',
  'n.kind',
  'n.itemId',
  'item.kind as itemKind',
  'n.sourceId',
  'n.subjectId',
  'n.obligation',
  'n.spaceId',
  sql<string | null>`to_char(n.due_on, 'YYYY-MM-DD')`.as('dueOn'),
  'n.destination',
  'n.nationality',
  'n.label',
  'n.createdAt',
  'n.readAt',
] as const;

type SelectedRow = {
  id: string;
  userId: string;
  kind: NotificationKind;
  itemId: string | null;
  itemKind: string | null;
  sourceId: string | null;
  subjectId: string | null;
  obligation: Obligation | null;
  spaceId: string | null;
  dueOn: string | null;
  destination: string | null;
  nationality: string | null;
  label: string | null;
  createdAt: Date;
  readAt: Date | null;
};

/** A notice as its user reads it (the label opened). */
export function notificationView(keyring: Keyring, r: SelectedRow): NotificationRow {
  return {
    id: r.id,
    kind: r.kind,
    itemId: r.itemId,
    itemKind: r.itemKind,
    sourceId: r.sourceId,
    subjectId: r.subjectId,
    obligation: r.obligation,
    spaceId: r.spaceId,
    dueOn: r.dueOn,
    destination: r.destination,
    nationality: r.nationality,
    label: r.label === null ? null : keyring.open(LABEL_PURPOSE, r.label, bound(r.userId, r.id)),
    createdAt: new Date(r.createdAt).toISOString(),
    readAt: r.readAt ? new Date(r.readAt).toISOString() : null,
  };
}

/** One page of a user's notices, newest first, with the total and the unread count (both under the policy). */
export async function listNotifications(db: Database, keyring: Keyring, ability: Ability, userId: string, page: number, pageSize: number) {
  const counts = await visibleNotifications(db, ability, userId)
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where n.read_at is null))::int`.as('unread')])
    .executeTakeFirstOrThrow();
  const rows = await visibleNotifications(db, ability, userId)
    .select(NOTIFICATION_COLUMNS)
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: counts.total, unread: counts.unread, page, pageSize, items: rows.map((r) => notificationView(keyring, r)) };
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
): Promise<{ itemId: string | null } | null> {
  const found = await visibleNotifications(trx, ability, userId).select(['n.id', 'n.itemId']).where('n.id', '=', id).executeTakeFirst();
  if (!found) return null;
  await trx.updateTable('notification').set({ readAt: now }).where('id', '=', id).where('readAt', 'is', null).execute();
  return { itemId: found.itemId };
}

/** How the user wants this kind of notice mailed (immediately unless they chose otherwise). */
export async function deliveryOf(db: Database, userId: string, kind: NotificationKind): Promise<NotificationDelivery> {
  const row = await db
    .selectFrom('notificationPreference')
    .select('delivery')
    .where('userId', '=', userId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.delivery ?? 'immediate';
}

/** Whether the user wants this kind of notice mailed one by one. */
export async function mailWanted(db: Database, userId: string, kind: NotificationKind): Promise<boolean> {
  return (await deliveryOf(db, userId, kind)) === 'immediate';
}

/** Every kind with the user's mail choice. */
export async function preferencesOf(db: Database, userId: string): Promise<{ kind: NotificationKind; mail: NotificationDelivery }[]> {
  const rows = await db.selectFrom('notificationPreference').select(['kind', 'delivery']).where('userId', '=', userId).execute();
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, mail: chosen.get(kind) ?? 'immediate' }));
}

/** Keeps the user's choices; the first time one kind goes to the digest, its week starts now. */
export async function setPreferences(
  trx: Database,
  userId: string,
  choices: { kind: NotificationKind; mail: NotificationDelivery }[],
  now: Date,
): Promise<void> {
  if (choices.length === 0) return;
  await trx
    .insertInto('notificationPreference')
    .values(choices.map((c) => ({ userId, kind: c.kind, delivery: c.mail })))
    .onConflict((oc) => oc.columns(['userId', 'kind']).doUpdateSet((eb) => ({ delivery: eb.ref('excluded.delivery') })))
    .execute();
  if (choices.some((c) => c.mail === 'digest'))
    await trx
      .insertInto('notificationDigest')
      .values({ userId, lastAt: now })
      .onConflict((oc) => oc.column('userId').doNothing())
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
