import { isoDay } from '../clock.ts';
import type { Database } from '../db/database.ts';
import type { Obligation } from '../db/schema.ts';
import type { Language } from '../i18n/language.ts';
import { type RemindDeps, type Reminder, type RemindTally, remindOnce } from './remind-once.ts';

/**
 * Deadline reminders: an obligation of a country not met yet is reminded to its recipients (the
 * country's contact point and substitute) 14 days before it is due, 3 days before, and once late
 * (from the day after). Each reminder is sent once per obligation, subject, country, threshold and
 * due date: the `deadline_reminder` row is written in the transaction that makes the notices, under
 * its unique key, so a run repeated — or two at once — sends nothing twice; a deadline moved is
 * reminded again for its new date. When a run finds an obligation past several thresholds at once
 * (the portal was down), only the latest is sent. Late reminders are sent for deadlines passed
 * within the last 30 days, so that old spaces do not flood their members the first time.
 *
 * What is due comes from sources — one per kind of obligation (a space's loading deadline:
 * server/platform/followup/obligations.ts; periodic returns plug in the same way).
 */
export interface DueObligation {
  obligation: Obligation;
  /** The space (loading) or the return the obligation is about. */
  subjectId: string;
  /** The space a notice leads to, when there is one. */
  spaceId: string | null;
  country: string;
  dueOn: string;
  /** The obligation's name in each language (a space's name): the notice's label, sealed. */
  label: Record<Language, string>;
  /** Who is reminded (active accounts). */
  recipients: readonly string[];
}

export interface DeadlineSource {
  obligation: Obligation;
  /** The obligations not met whose due date is in the window (YYYY-MM-DD, inclusive), as of `today`. */
  due(db: Database, window: { today: string; from: string; to: string }): Promise<DueObligation[]>;
}

export type Threshold = 'due_14' | 'due_3' | 'late';

export const LATE_WINDOW_DAYS = 30;
const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** The reminder due for a deadline today: 14 days or less before, 3 days or less, late; none further away. */
export function thresholdOf(dueOn: string, today: string): Threshold | null {
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'late';
  if (left <= 3) return 'due_3';
  if (left <= 14) return 'due_14';
  return null;
}

/** One run over every source, as of `now`: the reminders sent and the notices they made. */
export async function sendReminders(deps: RemindDeps, sources: readonly DeadlineSource[], now: Date): Promise<RemindTally> {
  const today = isoDay(now);
  const window = { today, from: isoDay(new Date(now.getTime() - LATE_WINDOW_DAYS * DAY)), to: isoDay(new Date(now.getTime() + 14 * DAY)) };
  const total: RemindTally = { reminders: 0, notices: 0 };
  for (const source of sources) {
    const reminders = (await source.due(deps.db, window)).flatMap((due): Reminder[] => {
      const threshold = thresholdOf(due.dueOn, today);
      return threshold ? [deadlineReminder(due, threshold, now)] : [];
    });
    const sent = await remindOnce(deps, reminders, now);
    total.reminders += sent.reminders;
    total.notices += sent.notices;
  }
  return total;
}

function deadlineReminder(due: DueObligation, threshold: Threshold, now: Date): Reminder {
  return {
    claim: async (trx) =>
      Boolean(
        await trx
          .insertInto('deadlineReminder')
          .values({ obligation: due.obligation, subjectId: due.subjectId, country: due.country, threshold, dueOn: due.dueOn, sentAt: now })
          .onConflict((oc) => oc.doNothing())
          .returning('subjectId')
          .executeTakeFirst(),
      ),
    recipients: (trx) =>
      due.recipients.length
        ? trx
            .selectFrom('appUser')
            .select(['id', 'language'])
            .where('id', 'in', [...due.recipients])
            .where('status', '=', 'active')
            .execute()
        : Promise.resolve([]),
    notice: (u) => ({
      kind: threshold === 'late' ? 'deadline_late' : 'deadline_due',
      itemId: null,
      subjectId: due.subjectId,
      obligation: due.obligation,
      spaceId: due.spaceId,
      dueOn: due.dueOn,
      label: due.label[u.language],
    }),
    subject: {
      type: due.obligation === 'loading' ? 'space' : due.obligation,
      id: due.subjectId,
      spaceId: due.spaceId,
      details: { obligation: due.obligation, country: due.country, threshold, dueOn: due.dueOn },
    },
  };
}
