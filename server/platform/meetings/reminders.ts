import { sql } from 'kysely';
import type { AuditTrail } from '../audit/trail.ts';
import type { Keyring } from '../crypto/master-key.ts';
import type { Database } from '../db/database.ts';
import { addNotifications } from '../notifications/store.ts';

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
export interface MeetingReminderDeps {
  db: Database;
  keyring: Keyring;
  audit: AuditTrail;
}

const DAY = 86_400_000;

export async function remindMeetings(deps: MeetingReminderDeps, now: Date): Promise<{ reminders: number; notices: number }> {
  const meetings = await deps.db
    .selectFrom('meeting')
    .select(['id', 'networkId', 'titleEs', 'titleEn', 'startsAt', sql<string>`to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD')`.as('day')])
    .where('startsAt', '>', now)
    .where('startsAt', '<=', new Date(now.getTime() + 7 * DAY))
    .orderBy('startsAt')
    .orderBy('id')
    .execute();
  let reminders = 0;
  let notices = 0;
  for (const meeting of meetings) {
    const threshold = new Date(meeting.startsAt).getTime() - now.getTime() <= DAY ? 'day' : 'week';
    const made = await deps.audit.transaction(async (trx, record) => {
      const fresh = await trx
        .insertInto('meetingReminder')
        .values({ meetingId: meeting.id, threshold, startsAt: meeting.startsAt, sentAt: now })
        .onConflict((oc) => oc.doNothing())
        .returning('meetingId')
        .executeTakeFirst();
      if (!fresh) return null;
      let readers = trx.selectFrom('appUser as u').select(['u.id', 'u.language']).where('u.status', '=', 'active');
      readers = meeting.networkId
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
          );
      const users = await readers.orderBy('u.id').execute();
      const added = await addNotifications(
        trx,
        deps.keyring,
        users.map((u) => ({
          userId: u.id,
          kind: 'meeting_reminder' as const,
          itemId: null,
          subjectId: meeting.id,
          dueOn: meeting.day,
          label: u.language === 'en' ? meeting.titleEn : meeting.titleEs,
          mail: true,
        })),
        now,
      );
      await record({
        actorId: null,
        actorCountry: null,
        action: 'notification.remind',
        outcome: 'allowed',
        subjectType: 'meeting',
        subjectId: meeting.id,
        details: { threshold, startsAt: new Date(meeting.startsAt).toISOString(), recipients: added.map((a) => a.userId) },
      });
      return added.length;
    });
    if (made === null) continue;
    reminders += 1;
    notices += made;
  }
  return { reminders, notices };
}
