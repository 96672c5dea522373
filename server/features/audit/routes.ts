import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize } from '../../../policies/ability.ts';
import { checkpointView, ensureAuditKey, listCheckpoints } from '../../platform/audit/checkpoints.ts';
import { exportLines, lastVerification, verificationEvent, verifyLive } from '../../platform/audit/operations.ts';
import { trailHead } from '../../platform/audit/trail.ts';
import {
  Anomalies,
  AnomalyQuery,
  AuditQuery,
  CheckpointPage,
  CheckpointQuery,
  EntryPage,
  ExportQuery,
  Facets,
  Integrity,
  VerificationView,
} from './schemas.ts';
import { anomalies, facets, searchEntries } from './service.ts';

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * The auditors' view of the trail: entries (metadata only — the trail holds no content), exports,
 * checkpoints, the public key, integrity and anomaly flags. Every read of the trail is itself
 * recorded; the console's reference lists (facets, integrity, the public key) are not.
 */
export default async function auditRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const auditor = async (request: FastifyRequest, action: 'read' | 'export' | 'verify' = 'read') => {
    const { ability } = await request.access();
    authorize(ability, action, 'AuditTrail');
  };

  app.get(
    '/api/audit',
    {
      config: { audit: 'audit.search' },
      schema: { tags: ['audit'], summary: 'Audit entries, newest first, filtered (auditors)', querystring: AuditQuery, response: { 200: EntryPage } },
    },
    async (request) => {
      await auditor(request);
      const { before, limit, ...filters } = request.query;
      request.audit.detail({ filters });
      return searchEntries(app.db, filters, before, limit);
    },
  );

  app.get(
    '/api/audit/export',
    {
      config: { audit: 'audit.export' },
      schema: {
        tags: ['audit'],
        summary: 'The filtered entries as JSONL, with the public key and the checkpoints inside their range (auditors)',
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      await auditor(request, 'export');
      request.audit.detail({ filters: request.query });
      const stamp = app.clock.now().toISOString().slice(0, 19).replaceAll(':', '');
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="enlace-audit-${stamp}.jsonl"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(exportLines(app.db, app.keyring, app.clock, request.query)));
    },
  );

  app.get(
    '/api/audit/facets',
    {
      config: { audit: false },
      schema: { tags: ['audit'], summary: 'People, spaces and actions to filter by (auditors)', response: { 200: Facets } },
    },
    async (request) => {
      await auditor(request);
      return facets(app.db, app.auditActions);
    },
  );

  app.get(
    '/api/audit/integrity',
    {
      config: { audit: false },
      schema: { tags: ['audit'], summary: 'Head, last signed checkpoint, last verification (auditors)', response: { 200: Integrity } },
    },
    async (request) => {
      await auditor(request);
      const [head, last, verification, key] = await Promise.all([
        trailHead(app.db),
        listCheckpoints(app.db, { newestFirst: true, limit: 1 }),
        lastVerification(app.db),
        ensureAuditKey(app.db, app.keyring, app.clock.now()),
      ]);
      const cp = last[0] && checkpointView(last[0]);
      return {
        head: head ? { seq: head.seq, at: head.at.toISOString() } : null,
        lastCheckpoint: cp ? { seq: cp.seq, hash: cp.hash, at: cp.at, fingerprint: cp.fingerprint } : null,
        lastVerification: verification,
        fingerprint: key.fingerprint,
      };
    },
  );

  app.post(
    '/api/audit/verify',
    {
      config: { audit: 'audit.verify', readOnly: true },
      schema: { tags: ['audit'], summary: 'Verify the whole trail now (auditors); the result is recorded', response: { 200: VerificationView } },
    },
    async (request) => {
      await auditor(request, 'verify');
      const verdict = await verifyLive(app.db);
      // Recorded as the scheduled verification is: details of the verdict, error when broken.
      const event = verificationEvent(verdict);
      request.audit.detail(event.details ?? {});
      request.audit.outcome = event.outcome;
      return {
        at: app.clock.now().toISOString(),
        ok: verdict.ok,
        throughSeq: verdict.throughSeq,
        firstBad: verdict.firstBad,
        reason: verdict.reason,
      };
    },
  );

  app.get(
    '/api/audit/checkpoints',
    {
      config: { audit: 'audit.checkpoints' },
      schema: {
        tags: ['audit'],
        summary: 'Signed checkpoints, newest first (auditors)',
        querystring: CheckpointQuery,
        response: { 200: CheckpointPage },
      },
    },
    async (request) => {
      await auditor(request);
      const { before, limit } = request.query;
      const rows = await listCheckpoints(app.db, { ...(before !== undefined ? { before } : {}), limit: limit + 1, newestFirst: true });
      const page = rows.slice(0, limit);
      return {
        checkpoints: page.map(checkpointView),
        nextBefore: rows.length > limit ? page[page.length - 1]!.seq : null,
      };
    },
  );

  app.get(
    '/api/audit/public-key',
    {
      config: { audit: false },
      schema: { tags: ['audit'], summary: 'The audit public key (armored OpenPGP), which verifies every checkpoint (auditors)' },
    },
    async (request, reply) => {
      await auditor(request);
      const key = await ensureAuditKey(app.db, app.keyring, app.clock.now());
      return reply
        .type('application/pgp-keys')
        .header('content-disposition', `attachment; filename="enlace-audit-${key.fingerprint.slice(-16)}.asc"`)
        .send(key.publicKey);
    },
  );

  app.get(
    '/api/audit/anomalies',
    {
      config: { audit: 'audit.anomalies' },
      schema: {
        tags: ['audit'],
        summary: 'Anomaly flags in a window (default: the last 7 days) (auditors)',
        querystring: AnomalyQuery,
        response: { 200: Anomalies },
      },
    },
    async (request) => {
      await auditor(request);
      const to = request.query.to ? new Date(request.query.to) : app.clock.now();
      const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - WEEK_MS);
      return anomalies(app.db, app.config, from, to);
    },
  );
}
