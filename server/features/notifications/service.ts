import { portalUrl } from '../../config.ts';
import { onceAcrossInstances } from '../../platform/audit/operations.ts';
import { remindUnconfirmed } from '../../platform/directory/confirmation.ts';
import { loadingDeadlines } from '../../platform/followup/obligations.ts';
import { returnDeadlines } from '../../platform/followup/returns.ts';
import { remindMeetings } from '../../platform/meetings/reminders.ts';
import { type DeadlineSource, sendReminders } from '../../platform/notifications/reminders.ts';
import { notificationView } from '../../platform/notifications/store.ts';
import type { Services } from '../../services.ts';
import { digestMail, noticeMail } from './mail.ts';
import { closeDigest, digestNotices, digestsDue, lockDigest, pendingMail, recipient, setMail, visibleNotice } from './queries.ts';

/**
 * The notifications' scheduled work, run every `ENLACE_NOTIFICATION_SWEEP_SECONDS` by one instance
 * at a time, and once by `enlace notifications remind`:
 * - the deadline reminders (server/platform/notifications/reminders.ts) from every source;
 * - the directory's reminders: an entry unconfirmed for six months, once per confirmation cycle
 *   (server/platform/directory/confirmation.ts);
 * - the mail of each notice its user wants at once (the sweep also runs as soon as such a notice
 *   is committed, on the events channel); a notice is mailed only if its user still may know of
 *   it (the policy, as for the list), and not after two days (a portal down longer, or a demo
 *   filled with past events, leaves old notices to the list);
 * - the weekly digest of each user who chose it for some kind.
 * Every mail says only the kind, the label and a link (./mail.ts). Each is recorded in the trail.
 */
export const DEADLINE_SOURCES: readonly DeadlineSource[] = [loadingDeadlines, returnDeadlines];

const SWEEP_LOCK = 0x656e6e74; // "ennt": one notifications sweep at a time across the cluster
const BATCH = 50;
const STALE_MS = 2 * 86_400_000;
const WEEK_MS = 7 * 86_400_000;
const SYSTEM = { actorId: null, actorCountry: null } as const;

/** Mails the notices waiting for their mail (not saved searches': theirs is their own job). Returns how many were sent. */
export async function mailPending(services: Services, now: Date = services.clock.now()): Promise<number> {
  const portal = portalUrl(services.config);
  let sent = 0;
  for (;;) {
    const done = await services.audit.transaction(async (trx, record) => {
      const pending = await pendingMail(trx, BATCH);
      for (const p of pending) {
        const user = await recipient(trx, p.userId);
        const row =
          user.status === 'active' && now.getTime() - new Date(p.createdAt).getTime() <= STALE_MS
            ? await visibleNotice(trx, user.ability, user.id, p.id)
            : undefined;
        if (!row) {
          await setMail(trx, [p.id], 'none');
          continue;
        }
        const notice = notificationView(services.keyring, row);
        try {
          await services.mail.send({ to: user.email, ...noticeMail(portal, notice, user.language) });
        } catch (err) {
          services.log.warn({ err, notification: p.id }, 'notification mail not sent');
          await setMail(trx, [p.id], 'failed');
          continue;
        }
        await setMail(trx, [p.id], 'sent');
        await record({
          ...SYSTEM,
          action: 'notification.mail',
          outcome: 'allowed',
          subjectType: 'notification',
          subjectId: p.id,
          details: { recipient: user.id, kind: notice.kind, itemId: notice.itemId },
        });
        sent += 1;
      }
      return pending.length;
    });
    if (done < BATCH) return sent;
  }
}

/**
 * The weekly digest: for each user whose last digest is a week old, one mail listing their unread
 * notices left for it (the kinds they chose to have in the digest), by kind, each with its link —
 * only those they still may know of; none when there is nothing. Their week starts again either way.
 */
export async function sendDigests(services: Services, now: Date = services.clock.now()): Promise<number> {
  const portal = portalUrl(services.config);
  const since = new Date(now.getTime() - WEEK_MS);
  const due = await digestsDue(services.db, since);
  let mailed = 0;
  for (const { userId } of due) {
    const sent = await services.audit.transaction(async (trx, record) => {
      const still = await lockDigest(trx, userId, since);
      if (!still) return false;
      const user = await recipient(trx, userId);
      const rows = await digestNotices(trx, user.ability, userId);
      const notices = rows.map((r) => notificationView(services.keyring, r));
      if (notices.length) await services.mail.send({ to: user.email, ...digestMail(portal, notices, user.language) });
      await setMail(
        trx,
        notices.map((n) => n.id),
        'sent',
      );
      await closeDigest(trx, userId, now);
      if (notices.length)
        await record({
          ...SYSTEM,
          action: 'notification.digest',
          outcome: 'allowed',
          subjectType: 'user',
          subjectId: userId,
          details: { notifications: notices.map((n) => n.id) },
        });
      return notices.length > 0;
    });
    if (sent) mailed += 1;
  }
  return mailed;
}

export interface SweepResult {
  reminders: number;
  notices: number;
  /** Directory entries reminded (their notices are counted in `notices`). */
  directoryReminders: number;
  /** Meeting reminders sent (a week and a day before; their notices are counted in `notices`). */
  meetingReminders: number;
  mailed: number;
  digests: number;
}

/** The whole sweep once, as of `now`; undefined when another instance is running it. */
export async function runNotifications(services: Services, now: Date = services.clock.now()): Promise<SweepResult | undefined> {
  return onceAcrossInstances(services.db, SWEEP_LOCK, async () => {
    const { reminders, notices } = await sendReminders(services, DEADLINE_SOURCES, now);
    const directory = await remindUnconfirmed(services, now);
    const meetings = await remindMeetings(services, now);
    const mailed = await mailPending(services, now);
    const digests = await sendDigests(services, now);
    return {
      reminders,
      notices: notices + directory.notices + meetings.notices,
      directoryReminders: directory.reminders,
      meetingReminders: meetings.reminders,
      mailed,
      digests,
    };
  });
}
