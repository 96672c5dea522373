import { type Insertable, type SelectQueryBuilder, sql, type Updateable } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { MEETING_SQL_FIELDS } from '../../../policies/meetings.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB, MeetingTable } from '../../platform/db/schema.ts';

/**
 * Every statement of the meetings feature. Each read starts from `readable`, which carries the
 * policy as SQL; the iCalendar feed uses the same condition, built for the key's owner.
 */
type From = SelectQueryBuilder<DB, 'meeting', object>;

export const readable = (db: Database, ability: Ability): From =>
  db.selectFrom('meeting').where(permittedCondition(ability, 'read', 'Meeting', MEETING_SQL_FIELDS));

export interface Filters {
  networkId?: string | undefined;
  kind?: string | undefined;
  when?: 'upcoming' | 'past' | undefined;
}

function filtered(db: Database, ability: Ability, filters: Filters, now: Date): From {
  let query = readable(db, ability);
  if (filters.networkId) query = query.where('meeting.networkId', '=', filters.networkId);
  if (filters.kind) query = query.where('meeting.kind', '=', filters.kind as MeetingTable['kind']);
  if (filters.when === 'upcoming') query = query.where('meeting.endsAt', '>=', now);
  if (filters.when === 'past') query = query.where('meeting.endsAt', '<', now);
  return query;
}

const withView = (query: From) =>
  query
    .leftJoin('network', 'network.id', 'meeting.networkId')
    .select([
      'meeting.id',
      'meeting.networkId',
      'meeting.keySpaceId',
      'network.code as networkCode',
      'network.nameEs as networkNameEs',
      'network.nameEn as networkNameEn',
      'meeting.kind',
      'meeting.titleEs',
      'meeting.titleEn',
      'meeting.startsAt',
      'meeting.endsAt',
      'meeting.place',
      'meeting.link',
      'meeting.languages',
      'meeting.participants',
      'meeting.topic',
      'meeting.agendaId',
      'meeting.minutesId',
      'meeting.createdAt',
      'meeting.updatedAt',
    ]);

export type ViewRow = Awaited<ReturnType<ReturnType<typeof withView>['executeTakeFirstOrThrow']>>;

export async function listPage(db: Database, ability: Ability, filters: Filters, now: Date, page: number, pageSize: number) {
  const base = filtered(db, ability, filters, now);
  const { total } = await base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  const order = filters.when === 'past' ? 'desc' : 'asc';
  const items = await withView(base)
    .orderBy('meeting.startsAt', order)
    .orderBy('meeting.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total), items };
}

/** The meetings the ability reads for a calendar feed: from 90 days ago on, at most `limit`. */
export const feedRows = (db: Database, ability: Ability, since: Date, limit: number) =>
  withView(readable(db, ability).where('meeting.endsAt', '>=', since))
    .orderBy('meeting.startsAt')
    .orderBy('meeting.id')
    .limit(limit)
    .execute();

export const findMeeting = (db: Database, ability: Ability, id: string) =>
  withView(readable(db, ability).where('meeting.id', '=', id)).executeTakeFirst();

export const sealedOf = (db: Database, meetingId: string) =>
  db
    .selectFrom('meeting')
    .select([sealedRecord('meeting.agenda_id').as('agenda'), sealedRecord('meeting.minutes_id').as('minutes')])
    .where('meeting.id', '=', meetingId)
    .executeTakeFirstOrThrow();

export const agreementsOf = (db: Database, meetingId: string) =>
  db
    .selectFrom('meetingAgreement')
    .select([
      'id',
      'responsibles',
      sql<string>`due_on::text`.as('dueOn'),
      'commitmentId',
      'createdAt',
      sealedRecord('meeting_agreement.content_id').as('content'),
    ])
    .where('meetingId', '=', meetingId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();

export const trainingsOf = (db: Database, meetingId: string) =>
  db.selectFrom('meetingTraining').select(['country', 'officials']).where('meetingId', '=', meetingId).orderBy('country').execute();

export async function insertMeeting(trx: Database, row: Insertable<MeetingTable>): Promise<string> {
  const { id } = await trx.insertInto('meeting').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateMeeting(trx: Database, id: string, row: Updateable<MeetingTable>): Promise<void> {
  await trx.updateTable('meeting').set(row).where('id', '=', id).execute();
}

/** A sealed record replaced by another: the one before goes (no stale copy of minutes or agenda is kept). */
export async function dropSealed(trx: Database, id: string | null): Promise<void> {
  if (id) await trx.deleteFrom('sealed').where('id', '=', id).execute();
}

export async function insertAgreement(
  trx: Database,
  row: { meetingId: string; contentId: string; responsibles: string[]; dueOn: string; createdBy: string; createdAt: Date },
): Promise<string> {
  const { id } = await trx.insertInto('meetingAgreement').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export const linkCommitment = (trx: Database, agreementId: string, commitmentId: string) =>
  trx.updateTable('meetingAgreement').set({ commitmentId }).where('id', '=', agreementId).execute();

export async function setTrainings(trx: Database, meetingId: string, counts: { country: string; officials: number }[]): Promise<void> {
  await trx.deleteFrom('meetingTraining').where('meetingId', '=', meetingId).execute();
  if (counts.length)
    await trx
      .insertInto('meetingTraining')
      .values(counts.map((c) => ({ meetingId, ...c })))
      .execute();
}

/** Officials trained by country and topic, over the meetings the ability reads (networks, period). */
export function trainingSummary(
  db: Database,
  ability: Ability,
  filters: { networkId?: string | undefined; from?: string | undefined; to?: string | undefined },
) {
  let query = readable(db, ability).innerJoin('meetingTraining as t', 't.meetingId', 'meeting.id').where('meeting.topic', 'is not', null);
  if (filters.networkId) query = query.where('meeting.networkId', '=', filters.networkId);
  if (filters.from) query = query.where(sql<boolean>`meeting.starts_at >= ${filters.from}::date`);
  if (filters.to) query = query.where(sql<boolean>`meeting.starts_at < ${filters.to}::date + 1`);
  return query
    .select((eb) => [
      't.country',
      sql<string>`meeting.topic`.as('topic'),
      eb.fn.sum<string>('t.officials').as('officials'),
      eb.fn.count<string>('meeting.id').distinct().as('meetings'),
    ])
    .groupBy(['t.country', 'meeting.topic'])
    .orderBy('t.country')
    .orderBy('meeting.topic')
    .execute();
}

export const networkExists = async (db: Database, networkId: string) =>
  Boolean(await db.selectFrom('network').select('id').where('id', '=', networkId).executeTakeFirst());

/** The calendar key's owner, if the key is live and the owner active. */
export const keyOwner = (db: Database, keyHash: Buffer) =>
  db
    .selectFrom('calendarKey as k')
    .innerJoin('appUser as u', 'u.id', 'k.userId')
    .select(['u.id', 'u.country', 'u.organisationId', 'u.roles', 'u.language'])
    .where('k.keyHash', '=', keyHash)
    .where('u.status', '=', 'active')
    .executeTakeFirst();

export const keyOf = (db: Database, userId: string) =>
  db.selectFrom('calendarKey').select(['createdAt']).where('userId', '=', userId).executeTakeFirst();

export async function setKey(trx: Database, userId: string, keyHash: Buffer, now: Date): Promise<void> {
  await trx
    .insertInto('calendarKey')
    .values({ userId, keyHash, createdAt: now })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ keyHash, createdAt: now }))
    .execute();
}

export const dropKey = (trx: Database, userId: string) => trx.deleteFrom('calendarKey').where('userId', '=', userId).executeTakeFirst();

/** A meeting's documents, oldest first, each with its sealed name and its file's type and size. */
export const documentsOf = (db: Database, meetingId: string) =>
  db
    .selectFrom('meetingDocument as d')
    .innerJoin('storedFile as f', 'f.id', 'd.fileId')
    .innerJoin('appUser as a', 'a.id', 'd.createdBy')
    .select([
      'd.fileId',
      'd.kind',
      'd.createdAt',
      'f.mediaType',
      'f.byteSize',
      'a.displayName as authorName',
      sealedRecord('d.details_id').as('details'),
    ])
    .where('d.meetingId', '=', meetingId)
    .orderBy('d.seq')
    .execute();

/** One document of a meeting, or undefined (another meeting's file is not this one's). */
export const documentOf = (db: Database, meetingId: string, fileId: string) =>
  db.selectFrom('meetingDocument').select(['fileId', 'detailsId']).where('meetingId', '=', meetingId).where('fileId', '=', fileId).executeTakeFirst();

export const insertDocument = (trx: Database, row: Insertable<DB['meetingDocument']>) => trx.insertInto('meetingDocument').values(row).execute();

export const deleteDocument = (trx: Database, fileId: string) => trx.deleteFrom('meetingDocument').where('fileId', '=', fileId).execute();
