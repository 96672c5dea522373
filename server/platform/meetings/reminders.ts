import { sql } from 'kysely';
import { type RemindDeps, type Reminder, type RemindTally, remindOnce } from '../notifications/remind-once.ts';

/**
 * Meeting reminders, from the notifications' sweep: a week before a meeting starts and a day
 * before, each reader of the meeting gets a `meeting_reminder` notice (bell, and mail by their
 * preference) with its title in their language and its day. Each is sent once per meeting,
 * threshold and start (`meeting_reminder` row, written in the transaction that makes the notices),
 * so a run repeated sends nothing twice and a meeting moved is reminded again; when a run finds a
 * meeting inside both thresholds (created late, or the portal was down), only the day's is sent.
 *
 * Readers, as policies/meetings.ts says in SQL: a network's meeting, the active members of its
 * spaces; a conference-wide one, every active user with a global role or a membership. Only the
 * title and the day are in the notice — no agenda or minutes.
 */
const DAY = 86_400_000;

export async function remindMeetings(deps: RemindDeps, now: Date): Promise<RemindTally> {
  const meetings = await deps.db
    .selectFrom('meeting')
    .select(['id', 'networkId', 'titleEs', 'titleEn', 'startsAt', sql<string>`to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD')`.as('day')])
    .where('startsAt', '>', now)
    .where('startsAt', '<=', new Date(now.getTime() + 7 * DAY))
    .orderBy('startsAt')
    .orderBy('id')
    .execute();
  return remindOnce(
    deps,
    meetings.map((meeting): Reminder => {
      const threshold = new Date(meeting.startsAt).getTime() - now.getTime() <= DAY ? 'day' : 'week';
      return {
        claim: async (trx) =>
          Boolean(
            await trx
              .insertInto('meetingReminder')
              .values({ meetingId: meeting.id, threshold, startsAt: meeting.startsAt, sentAt: now })
              .onConflict((oc) => oc.doNothing())
              .returning('meetingId')
              .executeTakeFirst(),
          ),
        recipients: (trx) => {
          const readers = trx.selectFrom('appUser as u').select(['u.id', 'u.language']).where('u.status', '=', 'active');
          return (
            meeting.networkId
              ? readers.where((eb) =>
                  eb.exists(
                    eb
                      .selectFrom('membership as m')
                      .select(sql`1`.as('one'))
                      .whereRef('m.userId', '=', 'u.id')
                      .where('m.networkId', '=', meeting.networkId),
                  ),
                )
              : readers.where((eb) =>
                  eb.or([
                    sql<boolean>`cardinality(u.roles) > 0`,
                    eb.exists(eb.selectFrom('membership as m').select(sql`1`.as('one')).whereRef('m.userId', '=', 'u.id')),
                  ]),
                )
          )
            .orderBy('u.id')
            .execute();
        },
        notice: (u) => ({
          kind: 'meeting_reminder',
          itemId: null,
          subjectId: meeting.id,
          dueOn: meeting.day,
          label: u.language === 'en' ? meeting.titleEn : meeting.titleEs,
        }),
        subject: { type: 'meeting', id: meeting.id, details: { threshold, startsAt: new Date(meeting.startsAt).toISOString() } },
      };
    }),
    now,
  );
}
