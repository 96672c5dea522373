import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { type RemindDeps, type Reminder, type RemindTally, remindOnce } from '../notifications/remind-once.ts';

/**
 * A directory entry's confirmation (issue 23). Each country confirms its entry in a network; an
 * entry never confirmed, or last confirmed six months ago or more, is flagged. When a confirmation
 * cycle — from the last confirmation, or from the entry's creation when it was never confirmed —
 * passes six months, the country's contact point and substitute in the network are reminded once:
 * the `directory_reminder` row for the entry and cycle is written in the transaction that makes the
 * notices, under its unique key, so a sweep repeated (or two at once) reminds nothing twice; a new
 * confirmation opens a new cycle. The notice says only its kind, the network's name and a link.
 *
 * Shared by the directory feature (the flag) and the notifications' sweep (the reminders), so both
 * read the one definition of "six months".
 */
export const CONFIRMATION_VALID = sql`interval '6 months'`;

/** Whether the entry in scope (`directory_entry`) is flagged as of `now`. */
export const unconfirmed = (now: Date): RawBuilder<boolean> =>
  sql<boolean>`(directory_entry.confirmed_at is null or directory_entry.confirmed_at + ${CONFIRMATION_VALID} <= ${now}::timestamptz)`;

/** The start of the entry's current confirmation cycle. */
const cycleStart = sql<Date>`coalesce(directory_entry.confirmed_at, directory_entry.created_at)`;

/** Entries whose cycle passed six months without a reminder, with their network's names and the people to remind. */
function due(db: Database, now: Date) {
  return db
    .selectFrom('directoryEntry')
    .innerJoin('network', 'network.id', 'directoryEntry.networkId')
    .select((eb) => [
      'directoryEntry.id',
      'directoryEntry.networkId',
      'directoryEntry.country',
      cycleStart.as('cycleStart'),
      'network.nameEs',
      'network.nameEn',
      eb
        .selectFrom('membership as m')
        .innerJoin('appUser as u', 'u.id', 'm.userId')
        .select(sql<string[]>`coalesce(array_agg(distinct m.user_id), '{}')`.as('ids'))
        .whereRef('m.networkId', '=', 'directoryEntry.networkId')
        .whereRef('m.country', '=', 'directoryEntry.country')
        .where('m.role', 'in', ['contact_point', 'substitute'])
        .where('u.status', '=', 'active')
        .as('recipients'),
    ])
    .where(sql<boolean>`${cycleStart} + ${CONFIRMATION_VALID} <= ${now}::timestamptz`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('directoryReminder as r')
            .select(sql`1`.as('one'))
            .whereRef('r.entryId', '=', 'directoryEntry.id')
            .where(sql<boolean>`r.cycle_start = ${cycleStart}`),
        ),
      ),
    )
    .orderBy('directoryEntry.id')
    .execute();
}

/** One run as of `now`: the reminders sent (one per entry and cycle) and the notices they made. */
export async function remindUnconfirmed(deps: RemindDeps, now: Date): Promise<RemindTally> {
  const entries = await due(deps.db, now);
  return remindOnce(
    deps,
    entries.map(
      (entry): Reminder => ({
        claim: async (trx) =>
          Boolean(
            await trx
              .insertInto('directoryReminder')
              .values({ entryId: entry.id, cycleStart: entry.cycleStart, sentAt: now })
              .onConflict((oc) => oc.doNothing())
              .returning('entryId')
              .executeTakeFirst(),
          ),
        recipients: (trx) => {
          const ids = entry.recipients ?? [];
          return ids.length ? trx.selectFrom('appUser').select(['id', 'language']).where('id', 'in', ids).execute() : Promise.resolve([]);
        },
        notice: (u) => ({
          kind: 'directory_unconfirmed',
          itemId: null,
          subjectId: entry.id,
          label: u.language === 'es' ? entry.nameEs : entry.nameEn,
        }),
        subject: {
          type: 'directory_entry',
          id: entry.id,
          details: { networkId: entry.networkId, country: entry.country, cycleStart: new Date(entry.cycleStart).toISOString() },
        },
      }),
    ),
    now,
  );
}
