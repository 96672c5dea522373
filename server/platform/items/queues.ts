import { type Expression, type SqlBool, sql } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { ITEM_SQL_FIELDS } from '../../../policies/items.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import type { Database } from '../db/database.ts';
import { type ItemKind, readableContent } from './base.ts';

/**
 * What waits for someone, as conditions in SQL under the policy: the validation and review queues,
 * the inbox. The alert screens and the home page of tasks count and list with the same conditions,
 * so a count beside a menu entry is what the queue behind it holds. Each is written against the
 * aliases the item queries use: `item`, and for alerts `a` (the alert row) and `r` (the reader's
 * alert_recipient row).
 */

/** Every item whose content the ability reads, of any kind (an originator's own items, say). */
export const readableContentOfAnyKind = (db: Database, ability: Ability) =>
  db.selectFrom('item').where(permittedCondition(ability, 'read', 'Item', ITEM_SQL_FIELDS, 'content'));

/**
 * Submitted items of a kind waiting for this reader's validation: content readable and theirs to
 * publish (the contact point and substitute of the originator's country, in its network).
 */
export const awaitingValidation = (db: Database, ability: Ability, kind: ItemKind) =>
  readableContent(db, ability, kind)
    .where('item.status', '=', 'submitted')
    .where(permittedCondition(ability, 'publish', 'Item', ITEM_SQL_FIELDS));

/** An urgent alert published at once and not yet reviewed, which this reader reviews (needs `a`). */
export const reviewPendingFor = (ability: Ability): Expression<SqlBool> =>
  sql<SqlBool>`(a.review_pending and ${permittedCondition(ability, 'review', 'Item', ITEM_SQL_FIELDS)})`;

/** In the reader's inbox: delivered to them, published and still valid (needs `a` and `r`). */
export const inInbox = (userId: string, now: Date): Expression<SqlBool> =>
  sql<SqlBool>`(r.user_id = ${userId}::uuid and item.status = 'published' and a.valid_until > ${now.toISOString()}::timestamptz)`;

/** A proposed correction of one of the reader's published items, theirs to accept or reject (needs `c`, the correction). */
export const correctionToDecide = (ability: Ability): Expression<SqlBool> =>
  sql<SqlBool>`(c.status = 'proposed' and ${permittedCondition(ability, 'amend', 'Item', ITEM_SQL_FIELDS)})`;

/** A draft of the reader's that a validator sent back (and not yet submitted again): theirs to edit. */
export const returnedToMe = (ability: Ability): Expression<SqlBool> =>
  sql<SqlBool>`(item.status = 'draft' and item.returned_at is not null and ${permittedCondition(ability, 'update', 'Item', ITEM_SQL_FIELDS)})`;
