import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../../policies/ability.ts';
import { downloadHeaders } from '../../platform/files/files.ts';
import { recordingFiles } from '../../platform/files/form.ts';
import { ApiError, ErrorReply } from '../../platform/http/errors.ts';
import { evidenceOf } from './queries.ts';
import {
  CommitmentBody,
  CommitmentDetail,
  CommitmentPage,
  CommitmentParams,
  CommitmentPatch,
  CommitmentQuery,
  CommitmentView,
  EvidenceParams,
  ExportQuery,
} from './schemas.ts';
import {
  createCommitment,
  editCommitment,
  exportCsv,
  historyOf,
  listCommitments,
  readCommitment,
  readUpdateForm,
  recordUpdate,
  view,
} from './service.ts';

/**
 * Commitments of the networks' plans of action and their status updates. Permission before
 * existence: a commitment the caller may not read answers 404 like one that does not exist, and
 * only then is the action checked (403).
 */
export default async function commitmentRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  const detail = async (ability: Parameters<typeof view>[0], id: string) => {
    const row = await readCommitment(app.db, ability, id, app.clock.now());
    return { commitment: view(ability, row), updates: await historyOf(app.db, app.sealer, ability, row) };
  };

  app.get(
    '/api/commitments',
    {
      config: { audit: 'commitment.list' },
      schema: {
        tags: ['commitments'],
        summary: 'Commitments I may read, filtered (network, plan, responsible, status, overdue), with the counts by status of the whole list',
        querystring: CommitmentQuery,
        response: { 200: CommitmentPage },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const page = await listCommitments(app.db, ability, request.query, app.clock.now());
      request.audit.detail({ total: page.total, commitmentIds: page.items.map((c) => c.id) });
      return page;
    },
  );

  app.post(
    '/api/commitments',
    {
      config: { audit: 'commitment.create' },
      schema: {
        tags: ['commitments'],
        summary: 'Create a commitment in a network (Secretariat, Presidency)',
        body: CommitmentBody,
        response: { 201: CommitmentView, 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      authorize(ability, 'create', 'Commitment');
      const id = await request.change(async (trx) => {
        const created = await createCommitment(trx, actor.id, request.body, app.clock.now());
        request.audit.subjectId = created;
        request.audit.detail({ networkId: request.body.networkId, responsibles: request.body.responsibles });
        return created;
      });
      return reply.code(201).send(view(ability, await readCommitment(app.db, ability, id, app.clock.now())));
    },
  );

  app.get(
    '/api/commitments/export.csv',
    {
      config: { audit: 'commitment.export' },
      schema: {
        tags: ['commitments'],
        summary: 'The filtered list as CSV: one line per commitment and responsible (`lang`: the words’ language)',
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      const language = request.query.lang ?? request.language;
      const { body, count } = await exportCsv(app.db, ability, request.query, language, app.clock.now());
      request.audit.detail({ count });
      return reply
        .headers({
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="commitments.csv"',
          'cache-control': 'private, no-store',
        })
        .send(body);
    },
  );

  app.get(
    '/api/commitments/:id',
    {
      config: { audit: 'commitment.read' },
      schema: {
        tags: ['commitments'],
        summary: 'A commitment and its updates, newest first (notes and evidence for its readers; metadata for auditors)',
        params: CommitmentParams,
        response: { 200: CommitmentDetail },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      return detail(ability, request.params.id);
    },
  );

  app.patch(
    '/api/commitments/:id',
    {
      config: { audit: 'commitment.update' },
      schema: {
        tags: ['commitments'],
        summary: 'Edit a commitment (Secretariat, Presidency); a responsible that has reported cannot be removed',
        params: CommitmentParams,
        body: CommitmentPatch,
        response: { 200: CommitmentView, 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const current = await readCommitment(app.db, ability, request.params.id, app.clock.now());
      if (!view(ability, current).permissions.update) throw new ApiError(403, 'forbidden');
      request.audit.detail({ fields: Object.keys(request.body) });
      await request.change((trx) => editCommitment(trx, current, request.body, app.clock.now()));
      return view(ability, await readCommitment(app.db, ability, current.id, app.clock.now()));
    },
  );

  app.post(
    '/api/commitments/:id/updates',
    {
      config: { audit: 'commitment.report' },
      schema: {
        tags: ['commitments'],
        summary:
          'Post a status update as a responsible (multipart: `status` not_started | in_progress | done, an optional `note`, evidence as `file` parts: images or PDF)',
        consumes: ['multipart/form-data'],
        params: CommitmentParams,
        response: { 201: CommitmentDetail, 400: ErrorReply, 403: ErrorReply, 413: ErrorReply, 415: ErrorReply, 422: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const commitment = await readCommitment(app.db, ability, request.params.id, app.clock.now());
      if (!view(ability, commitment).permissions.report) throw new ApiError(403, 'not_responsible');
      const form = await readUpdateForm(app, request, commitment.keySpaceId);
      await recordingFiles(app, form.files, () =>
        request.change(async (trx) => {
          const { updateId, fileIds } = await recordUpdate(trx, app, commitment, actor, form, app.clock.now());
          request.audit.detail({ updateId, responsible: actor.country, status: form.status, fileIds });
        }),
      );
      return reply.code(201).send(await detail(ability, commitment.id));
    },
  );

  app.get(
    '/api/commitments/:id/evidence/:fileId',
    {
      config: { audit: 'commitment.evidence' },
      schema: { tags: ['commitments'], summary: 'An evidence file, decrypted (images inline, documents downloaded)', params: EvidenceParams },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      const commitment = await readCommitment(app.db, ability, request.params.id, app.clock.now());
      request.audit.detail({ commitmentId: commitment.id });
      if (!view(ability, commitment).permissions.readContent) throw new ApiError(403, 'forbidden');
      const evidence = await evidenceOf(app.db, commitment.id, request.params.fileId);
      const file = evidence && (await app.files.find(commitment.keySpaceId, evidence.fileId));
      if (!file) throw new ApiError(404, 'not_found');
      return reply.headers(downloadHeaders(file)).send(await app.files.open(file));
    },
  );
}
