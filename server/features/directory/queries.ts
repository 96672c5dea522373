import { type SelectQueryBuilder, sql } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { DIRECTORY_SQL_FIELDS } from '../../../policies/directory.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { type SealedRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { unconfirmed } from '../../platform/directory/confirmation.ts';

/**
 * Every statement of the directory feature. Each read of entries starts from `permitted`, which
 * carries the policy as SQL. An entry is listed while its country has a member in one of the
 * network's spaces; its contact point and substitute are read from the memberships.
 */

type From = SelectQueryBuilder<DB, 'directoryEntry', object>;

/** The entries on which the ability may do `action` (read, update, confirm, appoint). */
export const permitted = (db: Database, ability: Ability, action: string): From =>
  db
    .selectFrom('directoryEntry')
    .where(permittedCondition(ability, action, 'DirectoryEntry', DIRECTORY_SQL_FIELDS))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership as m')
          .select(sql`1`.as('one'))
          .whereRef('m.networkId', '=', 'directoryEntry.networkId')
          .whereRef('m.country', '=', 'directoryEntry.country'),
      ),
    );

function withView(query: From, now: Date) {
  return query.select([
    'directoryEntry.id',
    'directoryEntry.networkId',
    'directoryEntry.country',
    'directoryEntry.keySpaceId',
    'directoryEntry.createdAt',
    'directoryEntry.updatedAt',
    'directoryEntry.confirmedAt',
    sealedRecord('directory_entry.content_id').as('content'),
    sql<string | null>`(select u.display_name from app_user u where u.id = directory_entry.confirmed_by)`.as('confirmedBy'),
    unconfirmed(now).as('unconfirmed'),
    sql<{
      userId: string;
      displayName: string;
      email: string;
    } | null>`(select row_to_json(h) from (select u.id as "userId", u.display_name as "displayName", u.email
      from membership m join app_user u on u.id = m.user_id
      where m.network_id = directory_entry.network_id and m.country = directory_entry.country and m.role = 'contact_point'
      order by m.created_at limit 1) h)`.as('contactPoint'),
    sql<{
      userId: string;
      displayName: string;
      email: string;
    } | null>`(select row_to_json(h) from (select u.id as "userId", u.display_name as "displayName", u.email
      from membership m join app_user u on u.id = m.user_id
      where m.network_id = directory_entry.network_id and m.country = directory_entry.country and m.role = 'substitute'
      order by m.created_at limit 1) h)`.as('substitute'),
  ]);
}

export type EntryRow = Awaited<ReturnType<ReturnType<typeof withView>['execute']>>[number] & { content: SealedRecord | null };

/** The readable entries of a network, by country. */
export function entriesOf(db: Database, ability: Ability, networkId: string, now: Date): Promise<EntryRow[]> {
  return withView(permitted(db, ability, 'read').where('directoryEntry.networkId', '=', networkId), now)
    .orderBy('directoryEntry.country')
    .execute() as Promise<EntryRow[]>;
}

/** One entry on which the ability may do `action`, or undefined (not there, or not the caller's: alike). */
export function findEntry(db: Database, ability: Ability, action: string, id: string, now: Date): Promise<EntryRow | undefined> {
  return withView(permitted(db, ability, action).where('directoryEntry.id', '=', id), now).executeTakeFirst() as Promise<EntryRow | undefined>;
}

export function networkOf(db: Database, networkId: string) {
  return db.selectFrom('network').select(['id', 'code', 'nameEs', 'nameEn']).where('id', '=', networkId).executeTakeFirst();
}

/** The networks with an entry the ability reads. */
export function readableNetworks(db: Database, ability: Ability) {
  return db
    .selectFrom('network')
    .select(['network.id', 'network.code', 'network.nameEs', 'network.nameEn'])
    .where((eb) => eb.exists(permitted(db, ability, 'read').select(sql`1`.as('one')).where(sql<boolean>`directory_entry.network_id = network.id`)))
    .orderBy('network.nameEs')
    .execute();
}

/** The space whose key seals a network's directory: its first space. */
export function keySpaceOf(db: Database, networkId: string) {
  return db.selectFrom('space').select('id').where('networkId', '=', networkId).orderBy('createdAt').orderBy('id').limit(1).executeTakeFirst();
}

/** Locks the entry for a change (two edits at once: the second sees the first's content). */
export function lockEntry(trx: Database, id: string) {
  return trx
    .selectFrom('directoryEntry')
    .select(['directoryEntry.id', 'directoryEntry.keySpaceId', 'directoryEntry.contentId', sealedRecord('directory_entry.content_id').as('content')])
    .where('directoryEntry.id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function setContent(trx: Database, id: string, keySpaceId: string, contentId: string, by: string, now: Date): Promise<void> {
  await trx.updateTable('directoryEntry').set({ keySpaceId, contentId, updatedAt: now, updatedBy: by }).where('id', '=', id).execute();
}

/** The content a new version replaced: nothing keeps it (the audit entry names the fields changed, never their values). */
export async function dropSealed(trx: Database, sealedId: string): Promise<void> {
  await trx.deleteFrom('sealed').where('id', '=', sealedId).execute();
}

export async function confirmEntry(trx: Database, id: string, by: string, now: Date): Promise<void> {
  await trx.updateTable('directoryEntry').set({ confirmedAt: now, confirmedBy: by }).where('id', '=', id).execute();
}

/** The country's members of the network who may be appointed substitute (active, not its contact point), by name. */
export function candidatesOf(db: Database, networkId: string, country: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('appUser as u', 'u.id', 'm.userId')
    .select(['u.id as userId', 'u.displayName'])
    .distinct()
    .where('m.networkId', '=', networkId)
    .where('m.country', '=', country)
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('membership as c')
            .select(sql`1`.as('one'))
            .whereRef('c.userId', '=', 'm.userId')
            .where('c.networkId', '=', networkId)
            .where('c.role', '=', 'contact_point'),
        ),
      ),
    )
    .orderBy('u.displayName')
    .execute();
}

/** The spaces of the network where a user holds a membership, with the role. */
export function membershipsIn(db: Database, networkId: string, userId: string) {
  return db
    .selectFrom('membership')
    .select(['spaceId', 'role'])
    .where('networkId', '=', networkId)
    .where('userId', '=', userId)
    .orderBy('spaceId')
    .execute();
}

/** The spaces where someone of the country is the substitute in the network. */
export function substitutesOf(db: Database, networkId: string, country: string) {
  return db
    .selectFrom('membership')
    .select(['spaceId', 'userId'])
    .where('networkId', '=', networkId)
    .where('country', '=', country)
    .where('role', '=', 'substitute')
    .orderBy('spaceId')
    .execute();
}
