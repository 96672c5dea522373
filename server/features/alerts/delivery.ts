import { sql } from 'kysely';
import * as openpgp from 'openpgp';
import { abilityFor } from '../../../policies/ability.ts';
import { portalUrl } from '../../config.ts';
import { actorOf } from '../../platform/access.ts';
import { onceAcrossInstances } from '../../platform/audit/operations.ts';
import { membershipsOf } from '../../platform/auth/sessions.ts';
import { openRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import { portalKeys } from '../../platform/crypto/signing-keys.ts';
import { notify } from '../../platform/events/bus.ts';
import { readsContent } from '../../platform/items/base.ts';
import type { JobContext } from '../../platform/jobs/queue.ts';
import { placeNamer } from '../../platform/reference/places.ts';
import type { Services } from '../../services.ts';
import { ALERT_JOBS } from './jobs.ts';
import { alertMail, escalationMail, type Language, reminderMail } from './mail.ts';
import type { AlertContent } from './schemas.ts';
import { targeted } from './targets.ts';

/**
 * Delivery of a published alert, at least once and never lost (jobs in pg-boss, sent in the
 * transaction that caused them; every step idempotent):
 *
 * 1. `alert-fanout`: the recipients — the alert's targets (./targets.ts: members of the alert's
 *    space in its target countries, and the users of its target organisations) who may read it —
 *    each get one inbox row (the primary key makes a rerun
 *    harmless), and, for each new row, a mail job; each active webhook of a targeted organisation
 *    gets a delivery row and a job; open browsers hear of it (NOTIFY, on commit). One transaction.
 * 2. `alert-mail`: OpenPGP-encrypted to the recipient's key and signed by the portal key, in the
 *    recipient's language; a plain notice with a link when they registered no key. Never content
 *    in the subject. A mail already sent is not sent again by a rerun (the row says so), though a
 *    worker dying between the send and that write sends it twice: at least once.
 * 3. `alert-webhook`: the alert as JSON, POSTed with a detached OpenPGP signature (README, "Webhooks").
 * 4. The sweep (every `alertSweepSeconds`, one instance at a time): reminders to targeted recipients
 *    of urgent alerts still unacknowledged after `alertReminderMinutes`, and escalation to their country's
 *    contact point and substitute after `alertEscalationMinutes`.
 */
const SWEEP_LOCK = 0x656e7377; // "ensw" (not "enla": the audit trail holds that one)

const SYSTEM = { actorId: null, actorCountry: null } as const;

async function loadAlert(services: Services, alertId: string) {
  return services.db
    .selectFrom('item')
    .innerJoin('alert as a', 'a.itemId', 'item.id')
    .selectAll('item')
    .select([
      'a.severity',
      'a.targetCountries',
      'a.targetOrganisations',
      'a.validFrom',
      'a.validUntil',
      'a.publishedAt',
      sealedRecord('a.contentId').as('content'),
    ])
    .where('item.id', '=', alertId)
    .executeTakeFirst();
}
type LoadedAlert = NonNullable<Awaited<ReturnType<typeof loadAlert>>>;

async function contentOf(services: Services, alert: LoadedAlert): Promise<AlertContent> {
  return openRecord<AlertContent>(services.sealer, alert.spaceId, alert.content);
}

/** Step 1: recipients, inbox rows, mail and webhook jobs, the live notice — one transaction. */
/** Seconds from the alert's publication to now, for the delivery-latency metric (none before publication). */
function sincePublished(services: Services, publishedAt: Date | string | null | undefined): number | null {
  return publishedAt ? Math.max(0, (services.clock.now().getTime() - new Date(publishedAt).getTime()) / 1000) : null;
}

export async function fanOut(services: Services, alertId: string): Promise<number> {
  const now = services.clock.now();
  let publishedAt: Date | null = null;
  const delivered = await services.audit.transaction(async (trx, record) => {
    // Locked: two workers running the same fan-out (a retried job) queue each mail once.
    const item = await trx.selectFrom('item').selectAll().where('id', '=', alertId).forUpdate().executeTakeFirst();
    if (item?.status !== 'published') return 0;
    const alert = await trx
      .selectFrom('alert')
      .select(['targetOrganisations', 'publishedAt'])
      .where('itemId', '=', alertId)
      .executeTakeFirstOrThrow();
    const targets = alert.targetOrganisations;
    publishedAt = alert.publishedAt;
    // The alert's targets only (./targets.ts): the space's members of the target countries and the
    // users of the target organisations. Other members may read it, but are not notified.
    const candidates = await trx
      .selectFrom(['appUser as u', 'alert as a'])
      .select([
        'u.id',
        'u.country',
        'u.organisationId',
        'u.roles',
        sql<boolean>`exists (select 1 from membership m where m.user_id = u.id and m.space_id = ${item.spaceId}::uuid)`.as('member'),
        membershipsOf('u.id').as('memberships'),
      ])
      .where('a.itemId', '=', alertId)
      .where('u.status', '=', 'active')
      .where('u.id', '<>', item.originatorId)
      .where(targeted({ user: 'u.id', country: 'u.country', organisation: 'u.organisation_id', alert: 'a' }))
      .where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('membership as m').select('m.userId').whereRef('m.userId', '=', 'u.id').where('m.spaceId', '=', item.spaceId)),
          ...(targets.length ? [eb('u.organisationId', 'in', targets)] : []),
        ]),
      )
      .execute();
    // Each candidate's own ability decides, exactly as it will when they open the alert.
    const recipients = candidates.filter((c) => readsContent(abilityFor(actorOf(c, c.memberships)), item));
    let added: { userId: string }[] = [];
    if (recipients.length) {
      added = await trx
        .insertInto('alertRecipient')
        .values(recipients.map((r) => ({ alertId, userId: r.id, via: r.member ? ('member' as const) : ('organisation' as const), deliveredAt: now })))
        .onConflict((oc) => oc.doNothing())
        .returning('userId')
        .execute();
    }
    await services.jobs.sendMany(
      trx,
      ALERT_JOBS.mail,
      added.map((r) => ({ alertId, userId: r.userId, kind: 'alert' })),
    );
    if (targets.length) {
      const hooks = await trx
        .insertInto('webhookDelivery')
        .columns(['alertId', 'webhookId'])
        .expression((eb) =>
          eb
            .selectFrom('webhook')
            .select([sql.val(alertId).as('alertId'), 'id'])
            .where('organisationId', 'in', targets)
            .where('disabledAt', 'is', null),
        )
        .onConflict((oc) => oc.doNothing())
        .returning('webhookId')
        .execute();
      await services.jobs.sendMany(
        trx,
        ALERT_JOBS.webhook,
        hooks.map((h) => ({ alertId, webhookId: h.webhookId })),
      );
    }
    await notify(trx, { type: 'alert', alertId });
    await notify(trx, { type: 'delivered', alertId, originatorId: item.originatorId, recipients: added.length });
    await record({
      ...SYSTEM,
      action: 'alert.deliver',
      outcome: 'allowed',
      subjectType: 'alert',
      subjectId: alertId,
      spaceId: item.spaceId,
      details: { recipients: added.length },
    });
    return added.length;
  });
  // Committed: each recipient's inbox entry counts once in the delivery latency.
  const seconds = sincePublished(services, publishedAt);
  if (seconds !== null) for (let i = 0; i < delivered; i++) services.metrics.alertDelivery.observe({ channel: 'inbox' }, seconds);
  return delivered;
}

/** The alert's target organisations by name, in the recipient's language. */
async function organisationNames(services: Services, alert: LoadedAlert, language: Language): Promise<string[]> {
  if (alert.targetOrganisations.length === 0) return [];
  const rows = await services.db
    .selectFrom('organisation')
    .select(['nameEs', 'nameEn'])
    .where('id', 'in', alert.targetOrganisations)
    .orderBy(language === 'es' ? 'nameEs' : 'nameEn')
    .execute();
  return rows.map((r) => (language === 'es' ? r.nameEs : r.nameEn));
}

async function composeFor(
  services: Services,
  language: Language,
  kind: 'alert' | 'reminder',
  alert: LoadedAlert,
  content: AlertContent,
  link: string,
) {
  const organisations = await organisationNames(services, alert, language);
  return kind === 'alert' ? alertMail(language, alert, content, link, organisations) : reminderMail(language, alert, content, link, organisations);
}

/** Step 2: one recipient's mail (a new alert, or a reminder). */
export async function mailRecipient(
  services: Services,
  data: { alertId: string; userId: string; kind: 'alert' | 'reminder' },
  context: JobContext,
): Promise<void> {
  const row = await services.db
    .selectFrom('alertRecipient as r')
    .innerJoin('appUser as u', 'u.id', 'r.userId')
    .select(['r.mail', 'r.acknowledgedAt', 'u.email', 'u.language', 'u.status', 'u.pgpPublicKey'])
    .where('r.alertId', '=', data.alertId)
    .where('r.userId', '=', data.userId)
    .executeTakeFirst();
  const alert = await loadAlert(services, data.alertId);
  if (!row || !alert || alert.status !== 'published' || row.status !== 'active') return;
  if (data.kind === 'alert' && row.mail !== 'pending') return;
  if (data.kind === 'reminder' && row.acknowledgedAt) return;
  const link = `${portalUrl(services.config)}/alerts/${alert.id}`;
  try {
    const content = await contentOf(services, alert);
    const mail = await composeFor(services, row.language, data.kind, alert, content, link);
    let text = mail.plain;
    if (row.pgpPublicKey) {
      const now = services.clock.now();
      const { key } = await portalKeys.signing(services.db, services.keyring, now);
      // Dated a little early (portalKeys' leeway): a recipient whose clock lags still verifies it.
      const date = portalKeys.signatureDate(now);
      // Dated early for lagging receivers, but never before the recipient's key (a key registered a
      // minute ago must already be valid at the message's date).
      const recipientKey = await openpgp.readKey({ armoredKey: row.pgpPublicKey });
      const keyMade = Math.max(...recipientKey.getKeys().map((k) => k.getCreationTime().getTime()));
      const at = new Date(Math.min(now.getTime(), Math.max(date.getTime(), keyMade)));
      const armored = await openpgp.encrypt({
        message: await openpgp.createMessage({ text: mail.secret, date: at }),
        encryptionKeys: recipientKey,
        signingKeys: key,
        date: at,
        format: 'armored',
      });
      text = `${mail.encryptedPreamble}\n\n${armored}`;
    }
    await services.mail.send({ to: row.email, subject: mail.subject, text });
    await services.audit.transaction(async (trx, record) => {
      if (data.kind === 'alert') {
        await trx
          .updateTable('alertRecipient')
          .set({ mail: row.pgpPublicKey ? 'encrypted' : 'plain', mailedAt: services.clock.now() })
          .where('alertId', '=', data.alertId)
          .where('userId', '=', data.userId)
          .execute();
      }
      await record({
        ...SYSTEM,
        action: 'alert.mail',
        outcome: 'allowed',
        subjectType: 'alert',
        subjectId: alert.id,
        spaceId: alert.spaceId,
        details: { recipient: data.userId, kind: data.kind, encrypted: !!row.pgpPublicKey },
      });
    });
    const seconds = data.kind === 'alert' ? sincePublished(services, alert.publishedAt) : null;
    if (seconds !== null) services.metrics.alertDelivery.observe({ channel: 'mail' }, seconds);
  } catch (err) {
    if (context.lastTry && data.kind === 'alert') {
      await services.db
        .updateTable('alertRecipient')
        .set({ mail: 'failed' })
        .where('alertId', '=', data.alertId)
        .where('userId', '=', data.userId)
        .execute();
    }
    throw err;
  }
}

/** What a webhook receives: the alert, with a delivery id and time a receiver may check for replays. */
export function webhookBody(alert: LoadedAlert, content: AlertContent, webhookId: string, link: string, now: Date): string {
  return JSON.stringify({
    type: 'alert.published',
    deliveryId: `${alert.id}:${webhookId}`,
    sentAt: now.toISOString(),
    alert: {
      id: alert.id,
      url: link,
      severity: alert.severity,
      tlp: alert.tlp,
      originatorCountry: alert.originatorCountry,
      title: content.title,
      body: content.body,
      ports: content.ports,
      targetCountries: alert.targetCountries,
      validFrom: new Date(alert.validFrom).toISOString(),
      validUntil: new Date(alert.validUntil).toISOString(),
      publishedAt: alert.publishedAt ? new Date(alert.publishedAt).toISOString() : null,
    },
  });
}

/** Step 3: one webhook delivery, signed; a non-2xx answer or no answer is a failure, retried. */
export async function deliverWebhook(services: Services, data: { alertId: string; webhookId: string }, context: JobContext): Promise<void> {
  const delivery = await services.db
    .selectFrom('webhookDelivery as d')
    .innerJoin('webhook as w', 'w.id', 'd.webhookId')
    .select(['d.status', 'w.url', 'w.disabledAt'])
    .where('d.alertId', '=', data.alertId)
    .where('d.webhookId', '=', data.webhookId)
    .executeTakeFirst();
  const alert = await loadAlert(services, data.alertId);
  if (delivery?.status !== 'pending' || !alert || alert.status !== 'published') return;
  const mark = (status: 'pending' | 'delivered' | 'failed', lastStatus: number | null, db = services.db) =>
    db
      .updateTable('webhookDelivery')
      .set({ status, lastStatus, attempts: sql`attempts + 1`, deliveredAt: status === 'delivered' ? services.clock.now() : null })
      .where('alertId', '=', data.alertId)
      .where('webhookId', '=', data.webhookId)
      .execute();
  if (delivery.disabledAt) {
    await mark('failed', null);
    return;
  }
  const now = services.clock.now();
  const body = webhookBody(alert, await contentOf(services, alert), data.webhookId, `${portalUrl(services.config)}/alerts/${alert.id}`, now);
  const { fingerprint, key } = await portalKeys.signing(services.db, services.keyring, now);
  const date = portalKeys.signatureDate(now);
  const signature = await openpgp.sign({
    message: await openpgp.createMessage({ binary: Buffer.from(body, 'utf8'), date }),
    signingKeys: key,
    detached: true,
    date,
    format: 'binary',
  });
  let status: number | null = null;
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Enlace-Webhook/1',
        'enlace-delivery': `${alert.id}:${data.webhookId}`,
        'enlace-signature': Buffer.from(signature as Uint8Array).toString('base64'),
        'enlace-key': fingerprint,
      },
      body,
      redirect: 'manual',
      // Its own timeout, or the job's end (ENLACE_JOB_EXPIRE_SECONDS) if that comes first.
      signal: AbortSignal.any([AbortSignal.timeout(services.config.webhookTimeoutMs), context.signal]),
    });
    status = response.status;
    await response.body?.cancel();
  } catch (err) {
    await mark(context.lastTry ? 'failed' : 'pending', null);
    throw err;
  }
  if (status >= 200 && status < 300) {
    await services.audit.transaction(async (trx, record) => {
      await mark('delivered', status, trx);
      await record({
        ...SYSTEM,
        action: 'alert.webhook',
        outcome: 'allowed',
        subjectType: 'alert',
        subjectId: alert.id,
        spaceId: alert.spaceId,
        details: { webhook: data.webhookId, status },
      });
    });
    const seconds = sincePublished(services, alert.publishedAt);
    if (seconds !== null) services.metrics.alertDelivery.observe({ channel: 'webhook' }, seconds);
    return;
  }
  await mark(context.lastTry ? 'failed' : 'pending', status);
  throw new Error(`webhook answered ${status}`);
}

/** Step 4: reminders and escalations that are due; returns how many of each were queued. */
export async function sweep(services: Services): Promise<{ reminders: number; escalations: number } | undefined> {
  return onceAcrossInstances(services.db, SWEEP_LOCK, () =>
    services.audit.transaction(async (trx, record) => {
      const now = services.clock.now();
      const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
      const due = (column: 'remindedAt' | 'escalatedAt', minutes: number) =>
        trx
          .updateTable('alertRecipient as r')
          .set(column, now)
          .from('alert as a')
          .innerJoin('item as i', 'i.id', 'a.itemId')
          .whereRef('a.itemId', '=', 'r.alertId')
          .where('a.severity', '=', 'urgent')
          .where('i.status', '=', 'published')
          .where('a.validUntil', '>', now)
          .where('r.acknowledgedAt', 'is', null)
          .where(`r.${column}`, 'is', null)
          .where('r.deliveredAt', '<=', minutesAgo(minutes))
          // The fan-out's recipient set: an inbox row of someone no longer (or never) targeted — an
          // alert delivered before targeting, a user who changed country — is not reminded.
          .where(({ exists, selectFrom }) =>
            exists(
              selectFrom('appUser as u')
                .select('u.id')
                .whereRef('u.id', '=', 'r.userId')
                .where(targeted({ user: 'u.id', country: 'u.country', organisation: 'u.organisation_id', alert: 'a' })),
            ),
          );
      let reminders: { alertId: string; userId: string }[] = [];
      if (services.config.alertReminderMinutes > 0) {
        reminders = await due('remindedAt', services.config.alertReminderMinutes).returning(['r.alertId', 'r.userId']).execute();
        await services.jobs.sendMany(
          trx,
          ALERT_JOBS.mail,
          reminders.map((r) => ({ ...r, kind: 'reminder' })),
        );
      }
      let escalated: { alertId: string; country: string; networkId: string }[] = [];
      if (services.config.alertEscalationMinutes > 0) {
        escalated = await due('escalatedAt', services.config.alertEscalationMinutes)
          .returning(['r.alertId', 'i.networkId', sql<string>`(select u.country from app_user u where u.id = r.user_id)`.as('country')])
          .execute();
      }
      // Per alert and country: the country's contact point and substitute in the alert's network.
      const groups = new Map<string, { alertId: string; networkId: string; country: string; count: number }>();
      for (const e of escalated) {
        const key = `${e.alertId}:${e.country}`;
        const group = groups.get(key) ?? { ...e, count: 0 };
        group.count += 1;
        groups.set(key, group);
      }
      let escalations = 0;
      for (const g of groups.values()) {
        const leads = await trx
          .selectFrom('membership')
          .select('userId')
          .distinct()
          .where('networkId', '=', g.networkId)
          .where('country', '=', g.country)
          .where('role', 'in', ['contact_point', 'substitute'])
          .execute();
        await services.jobs.sendMany(
          trx,
          ALERT_JOBS.escalation,
          leads.map((l) => ({ alertId: g.alertId, userId: l.userId, country: g.country, unacknowledged: g.count })),
        );
        escalations += leads.length;
        await record({
          ...SYSTEM,
          action: 'alert.escalate',
          outcome: 'allowed',
          subjectType: 'alert',
          subjectId: g.alertId,
          details: { country: g.country, unacknowledged: g.count, contacts: leads.length },
        });
      }
      return { reminders: reminders.length, escalations };
    }),
  );
}

/** A contact point told that recipients of their country have not acknowledged an urgent alert (no content). */
export async function mailEscalation(
  services: Services,
  data: { alertId: string; userId: string; country: string; unacknowledged: number },
): Promise<void> {
  const user = await services.db.selectFrom('appUser').select(['email', 'language', 'status']).where('id', '=', data.userId).executeTakeFirst();
  if (user?.status !== 'active') return;
  const place = await placeNamer(services.db, [data.country], user.language);
  const mail = escalationMail(user.language, place(data.country), data.unacknowledged, `${portalUrl(services.config)}/alerts/${data.alertId}`);
  await services.mail.send({ to: user.email, subject: mail.subject, text: mail.plain });
}

/** The fingerprint and armored public half of the portal key (what verifies mail and webhooks). */
export async function portalPublicKey(services: Services): Promise<{ fingerprint: string; publicKey: string }> {
  return portalKeys.current(services.db, services.keyring, services.clock.now());
}
