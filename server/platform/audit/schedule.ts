import type { FastifyInstance } from 'fastify';
import { portalUrl } from '../../config.ts';
import { makeCheckpoint } from './checkpoints.ts';
import { lastVerification, onceAcrossInstances, verificationEvent, verifyLive } from './operations.ts';
import type { Verdict } from './verify.ts';

const VERIFY_LOCK = 0x656e6c76; // "enlv": one verification at a time across the cluster

const ALERT = {
  en: {
    subject: 'Enlace: the audit trail failed verification',
    body: (seq: number | null, link: string) =>
      `The scheduled verification of the audit trail found it broken at entry ${seq}.\n\nEntries from there on cannot be trusted until the cause is known. Open the audit console to see the details and export the evidence:\n${link}\n\nThis message is sent to every auditor once for each break found.`,
  },
  es: {
    subject: 'Enlace: la bitácora de auditoría no superó la verificación',
    body: (seq: number | null, link: string) =>
      `La verificación programada de la bitácora de auditoría la encontró rota en la entrada ${seq}.\n\nLas entradas desde ahí no son fiables hasta conocer la causa. Abra la consola de auditoría para ver los detalles y exportar la evidencia:\n${link}\n\nEste mensaje se envía a cada auditor una vez por cada ruptura encontrada.`,
  },
} as const;

/** Every active auditor, by mail in their language: no content, a link to the console. */
async function alertAuditors(app: FastifyInstance, verdict: Verdict): Promise<void> {
  const auditors = await app.db
    .selectFrom('appUser')
    .select(['email', 'language'])
    .where('status', '=', 'active')
    .where((eb) => eb(eb.val('auditor'), '=', eb.fn.any('roles')))
    .execute();
  const link = `${portalUrl(app.config)}/audit`;
  for (const auditor of auditors) {
    const text = ALERT[auditor.language];
    await app.mail.send({ to: auditor.email, subject: text.subject, text: text.body(verdict.firstBad, link) });
  }
}

/**
 * The server's own verification: the whole trail, as `enlace audit verify` does, recorded in the
 * trail; auditors are alerted when it is broken, once per break (not again at every run while the
 * same break stands). One instance at a time; undefined when another is already verifying.
 */
export async function scheduledVerification(app: FastifyInstance): Promise<Verdict | undefined> {
  return onceAcrossInstances(app.db, VERIFY_LOCK, async () => {
    const previous = await lastVerification(app.db);
    const verdict = await verifyLive(app.db);
    await app.audit.record(verificationEvent(verdict, { details: { scheduled: true } }));
    if (!verdict.ok && !(previous && !previous.ok && previous.firstBad === verdict.firstBad)) await alertAuditors(app, verdict);
    return verdict;
  });
}

/** Checkpoints at an interval and at shutdown; verification at an interval. */
export function startAuditSchedules(app: FastifyInstance): void {
  // Entries a crashed instance left queued are chained here at the latest, before the head is signed.
  const checkpoint = () =>
    app.audit
      .settle()
      .then(() => makeCheckpoint(app.db, app.keyring, app.clock.now()))
      .catch((err: unknown) => {
        app.log.error({ err }, 'audit checkpoint failed');
        return null;
      });
  const timers: NodeJS.Timeout[] = [];
  if (app.config.auditCheckpointSeconds > 0) timers.push(setInterval(checkpoint, app.config.auditCheckpointSeconds * 1000));
  if (app.config.auditVerifyMinutes > 0) {
    timers.push(
      setInterval(() => {
        scheduledVerification(app).then(
          (verdict) =>
            verdict && !verdict.ok && app.log.error({ firstBad: verdict.firstBad, reason: verdict.reason }, 'audit trail verification failed'),
          (err: unknown) => app.log.error({ err }, 'audit verification could not run'),
        );
      }, app.config.auditVerifyMinutes * 60_000),
    );
  }
  for (const timer of timers) timer.unref();
  app.addHook('onClose', async () => {
    for (const timer of timers) clearInterval(timer);
    await checkpoint();
  });
}
