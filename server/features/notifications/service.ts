import { sql } from 'kysely';
import { portalUrl } from '../../config.ts';
import { actorOf, cachedAbility } from '../../platform/access.ts';
import { onceAcrossInstances } from '../../platform/audit/operations.ts';
import { membershipsOf } from '../../platform/auth/sessions.ts';
import type { Database } from '../../platform/db/database.ts';
import { loadingDeadlines } from '../../platform/followup/obligations.ts';
import { type DeadlineSource, sendReminders } from '../../platform/notifications/reminders.ts';
import { NOTIFICATION_COLUMNS, NOTIFICATION_KINDS, notificationView, visibleNotifications } from '../../platform/notifications/store.ts';
import type { Services } from '../../services.ts';
import { digestMail, noticeMail } from './mail.ts';

/**
 * The notifications' scheduled work, run every `ENLACE_NOTIFICATION_SWEEP_SECONDS` by one instance
 * at a time, and once by `enlace notifications remind`:
 * - the deadline reminders (server/platform/notifications/reminders.ts) from every source;
 * - the mail of each notice its user wants at once (the sweep also runs as soon as such a notice
 *   is committed, on the events channel); a notice is mailed only if its user still may know of
 *   it (the policy, as for the list), and not after two days (a portal down longer, or a demo
 *   filled with past events, leaves old notices to the list);
 * - the weekly digest of each user who chose it for some kind.
 * Every mail says only the kind, the label and a link (./mail.ts). Each is recorded in the trail.
 */
export const DEADLINE_SOURCES: readonly DeadlineSource[] = [loadingDeadlines];

const SWEEP_LOCK = 0x656e6e74; // "ennt": one notifications sweep at a time across the cluster
const BATCH = 50;
const STALE_MS = 2 * 86_400_000;
const WEEK_MS = 7 * 86_400_000;
const SYSTEM = { actorId: null, actorCountry: null } as const;

/** A user as the policy sees them, with what their mail needs. */
async function recipient(db: Database, userId: string) {
  const user = await db
    .selectFrom('appUser as u')
    .select(['u.id', 'u.email', 'u.language', 'u.status', 'u.country', 'u.organisationId', 'u.roles', membershipsOf('u.id').as('memberships')])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return { ...user, ability: cachedAbility(actorOf(user, user.memberships)) };
}

/** Mails the notices waiting for their mail (not saved searches': theirs is their own job). Returns how many were sent. */
export async function mailPending(services: Services, now: Date = services.clock.now()): Promise<number> {
  const portal = portalUrl(services.config);
  let sent = 0;
  for (;;) {
    const done = await services.audit.transaction(async (trx, record) => {
      const pending = await trx
        .selectFrom('notification')
        .select(['id', 'userId', 'createdAt'])
        .where('mail', '=', 'pending')
        .where('kind', '<>', 'saved_search')
        .orderBy('createdAt')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const p of pending) {
        const user = await recipient(trx, p.userId);
        const row =
          user.status === 'active' && now.getTime() - new Date(p.createdAt).getTime() <= STALE_MS
            ? await visibleNotifications(trx, user.ability, user.id).select(NOTIFICATION_COLUMNS).where('n.id', '=', p.id).executeTakeFirst()
            : undefined;
        if (!row) {
          await trx.updateTable('notification').set({ mail: 'none' }).where('id', '=', p.id).execute();
          continue;
        }
        const notice = notificationView(services.keyring, row);
        try {
          await services.mail.send({ to: user.email, ...noticeMail(portal, notice, user.language) });
        } catch (err) {
          services.log.warn({ err, notification: p.id }, 'notification mail not sent');
          await trx.updateTable('notification').set({ mail: 'failed' }).where('id', '=', p.id).execute();
          continue;
        }
        await trx.updateTable('notification').set({ mail: 'sent' }).where('id', '=', p.id).execute();
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
  const due = await services.db
    .selectFrom('notificationDigest as d')
    .innerJoin('appUser as u', 'u.id', 'd.userId')
    .select('d.userId')
    .where('u.status', '=', 'active')
    .where('d.lastAt', '<=', new Date(now.getTime() - WEEK_MS))
    .orderBy('d.userId')
    .execute();
  let mailed = 0;
  for (const { userId } of due) {
    const sent = await services.audit.transaction(async (trx, record) => {
      // Taken again under a lock: another run may have made it meanwhile.
      const still = await trx
        .selectFrom('notificationDigest')
        .select('userId')
        .where('userId', '=', userId)
        .where('lastAt', '<=', new Date(now.getTime() - WEEK_MS))
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!still) return false;
      const user = await recipient(trx, userId);
      const rows = await visibleNotifications(trx, user.ability, userId)
        .select(NOTIFICATION_COLUMNS)
        .where('n.mail', '=', 'digest')
        .where('n.readAt', 'is', null)
        .orderBy(sql`array_position(${sql.val([...NOTIFICATION_KINDS])}::text[], n.kind)`)
        .orderBy('n.createdAt')
        .execute();
      const notices = rows.map((r) => notificationView(services.keyring, r));
      if (notices.length) await services.mail.send({ to: user.email, ...digestMail(portal, notices, user.language) });
      // What was read meanwhile is not mailed at all.
      await trx
        .updateTable('notification')
        .set({ mail: 'none' })
        .where('userId', '=', userId)
        .where('mail', '=', 'digest')
        .where('readAt', 'is not', null)
        .execute();
      if (notices.length)
        await trx
          .updateTable('notification')
          .set({ mail: 'sent' })
          .where(
            'id',
            'in',
            notices.map((n) => n.id),
          )
          .execute();
      await trx.updateTable('notificationDigest').set({ lastAt: now }).where('userId', '=', userId).execute();
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
  mailed: number;
  digests: number;
}

/** The whole sweep once, as of `now`; undefined when another instance is running it. */
export async function runNotifications(services: Services, now: Date = services.clock.now()): Promise<SweepResult | undefined> {
  return onceAcrossInstances(services.db, SWEEP_LOCK, async () => {
    const { reminders, notices } = await sendReminders(services, DEADLINE_SOURCES, now);
    const mailed = await mailPending(services, now);
    const digests = await sendDigests(services, now);
    return { reminders, notices, mailed, digests };
  });
}
