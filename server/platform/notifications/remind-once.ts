import type { AuditTrail } from '../audit/trail.ts';
import type { Keyring } from '../crypto/master-key.ts';
import type { Database } from '../db/database.ts';
import type { Language } from '../i18n/language.ts';
import { addNotifications, type NewNotification } from './store.ts';

export interface RemindDeps {
  db: Database;
  keyring: Keyring;
  audit: AuditTrail;
}

/** What a run did: the reminders sent and the notices they made. */
export interface RemindTally {
  reminders: number;
  notices: number;
}

/** Someone a reminder goes to: an account and its language (the notice's label is in it). */
export interface Reminded {
  id: string;
  language: Language;
}

/**
 * One reminder that is sent at most once: a deadline's threshold, a directory entry's cycle, a
 * meeting's week or day.
 */
export interface Reminder {
  /**
   * Writes the row that says it was sent, under its unique key (`on conflict do nothing`); false
   * when the row was there (sent before, or by a run beside this one), and nothing else is done.
   */
  claim(trx: Database): Promise<boolean>;
  /** Who is reminded (active accounts), read in the same transaction. */
  recipients(trx: Database): Promise<readonly Reminded[]>;
  /** The notice one of them gets. */
  notice(user: Reminded): Omit<NewNotification, 'userId' | 'mail'>;
  /** The trail's entry: what the reminder is about, and its details (the recipients are added). */
  subject: { type: string; id: string; spaceId?: string | null; details: Record<string, unknown> };
}

/**
 * Sends each reminder once, each in its own transaction: the claim, the notices (bell, and mail by
 * each user's preference) and the trail's `notification.remind` entry commit together, so a run
 * repeated — or two at once, on two instances — sends nothing twice, and a reminder whose
 * transaction fails is sent by the next run. Returns the reminders sent and the notices they made.
 */
export async function remindOnce(deps: RemindDeps, reminders: Iterable<Reminder>, now: Date): Promise<RemindTally> {
  let sent = 0;
  let notices = 0;
  for (const reminder of reminders) {
    const made = await deps.audit.transaction(async (trx, record) => {
      if (!(await reminder.claim(trx))) return null;
      const users = await reminder.recipients(trx);
      const added = await addNotifications(
        trx,
        deps.keyring,
        users.map((u) => ({ ...reminder.notice(u), userId: u.id, mail: true })),
        now,
      );
      await record({
        actorId: null,
        actorCountry: null,
        action: 'notification.remind',
        outcome: 'allowed',
        subjectType: reminder.subject.type,
        subjectId: reminder.subject.id,
        spaceId: reminder.subject.spaceId ?? null,
        details: { ...reminder.subject.details, recipients: added.map((a) => a.userId) },
      });
      return added.length;
    });
    if (made === null) continue;
    sent += 1;
    notices += made;
  }
  return { reminders: sent, notices };
}
