import { subject } from '@casl/ability';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authorize } from '../../../policies/ability.ts';
import { NO_SECRETS } from '../../platform/http/compression.ts';
import { ApiError, ErrorReply, fileTooLarge } from '../../platform/http/errors.ts';
import { message } from '../../platform/i18n/messages.ts';
import {
  type Cell,
  changesSince,
  clearCell,
  decideProposal,
  exportCells,
  findCell,
  findProposal,
  historyOf,
  insertProposal,
  listCells,
  listProposals,
  setCell,
} from './queries.ts';
import {
  CellBody,
  CellPage,
  CellParams,
  CellView,
  ChangesQuery,
  ChangesReply,
  DecisionBody,
  ExportQuery,
  HistoryReply,
  ImportRefusal,
  ImportReply,
  ListQuery,
  ProposalBody,
  ProposalPage,
  ProposalParams,
  ProposalQuery,
  ProposalView,
} from './schemas.ts';
import {
  cellValues,
  cellView,
  changeView,
  checkCell,
  EXPORT_LIMIT,
  exportCsv,
  matrixPermissions,
  noticeChanges,
  proposalView,
  readImport,
} from './service.ts';

/** An import file: a CSV of the whole matrix is some 2,700 lines, well under this. */
const IMPORT_FILE_LIMIT = 2 * 1024 * 1024;
const FEED_DAYS = 30;

/**
 * The entry-authorisation matrix (issue 23): read by every signed-in user with a role, in either view
 * (a destination's row, a nationality's column); set, imported and decided by the Secretariat;
 * changes proposed by a member country's contact point or substitute for its own row only. The
 * permission is checked before anything is looked up (403 alike whether a cell or proposal exists).
 */
export default async function entryRequirementRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/entry-requirements',
    {
      compress: NO_SECRETS,
      config: { audit: 'entry_requirement.list' },
      schema: {
        tags: ['entry-requirements'],
        summary:
          'Cells of the entry-authorisation matrix: a destination’s row (`destination`), a nationality’s column (`nationality`), filtered by `requirement`; a cell not listed has no information',
        querystring: ListQuery,
        response: { 200: CellPage },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      authorize(ability, 'read', 'EntryRequirement');
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 100;
      const found = await listCells(app.db, ability, request.query, page, pageSize);
      request.audit.detail({ total: found.total, destination: request.query.destination, nationality: request.query.nationality });
      return { total: found.total, page, pageSize, items: found.items.map(cellView), permissions: matrixPermissions(ability) };
    },
  );

  app.get(
    '/api/entry-requirements/export',
    {
      compress: NO_SECRETS,
      config: { audit: 'entry_requirement.export' },
      schema: {
        tags: ['entry-requirements'],
        summary: 'The filtered matrix as CSV (codes, ISO dates), in the columns the import takes',
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      authorize(ability, 'read', 'EntryRequirement');
      const rows = await exportCells(app.db, ability, request.query, EXPORT_LIMIT + 1);
      if (rows.length > EXPORT_LIMIT) throw new ApiError(413, 'entry_export_too_large', { limit: EXPORT_LIMIT });
      request.audit.detail({ count: rows.length });
      return reply
        .headers({
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="entry-requirements.csv"',
          'cache-control': 'private, no-store',
        })
        .send(exportCsv(rows));
    },
  );

  app.get(
    '/api/entry-requirements/changes',
    {
      config: { audit: 'entry_requirement.changes' },
      schema: {
        tags: ['entry-requirements'],
        summary: 'The change feed: every change of a cell at or after `since` (default: the last 30 days), oldest first',
        querystring: ChangesQuery,
        response: { 200: ChangesReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      authorize(ability, 'read', 'EntryRequirement');
      const since = request.query.since ? new Date(request.query.since) : new Date(app.clock.now().getTime() - FEED_DAYS * 86_400_000);
      const limit = request.query.limit ?? 100;
      const rows = await changesSince(app.db, ability, since, limit);
      request.audit.detail({ count: Math.min(rows.length, limit) });
      return { items: rows.slice(0, limit).map(changeView), more: rows.length > limit };
    },
  );

  app.post(
    '/api/entry-requirements/import',
    {
      config: { audit: 'entry_requirement.import' },
      schema: {
        tags: ['entry-requirements'],
        summary:
          'Import cells from a CSV file (Secretariat; multipart, one `file`, the export’s columns): refused whole, each wrong cell named by row and column, when any is wrong; cells already as given are left alone',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReply, 400: ImportRefusal, 413: ErrorReply, 415: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      authorize(ability, 'import', 'EntryRequirement');
      if (!request.isMultipart()) throw new ApiError(415, 'multipart_expected');
      const file = await request.file({ limits: { fileSize: IMPORT_FILE_LIMIT + 1, files: 1 } });
      if (file?.fieldname !== 'file') throw new ApiError(400, 'entry_import_file_required');
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(IMPORT_FILE_LIMIT);
        throw err;
      }
      if (data.length > IMPORT_FILE_LIMIT) throw fileTooLarge(IMPORT_FILE_LIMIT);
      if (data.length === 0 || data.includes(0)) throw new ApiError(400, 'entry_import_unreadable');
      const read = readImport(data, request.language);
      if ('errors' in read) {
        request.audit.detail({ refusedCells: read.errors.length });
        const code = 'entry_import_invalid';
        return reply.code(400).send({ error: { code, message: message(request.language, code, { count: read.errors.length }), rows: read.errors } });
      }
      const now = app.clock.now();
      return request.change(async (trx) => {
        const changed: Cell[] = [];
        for (const { destination, nationality, ...values } of read.cells) {
          const id = await setCell(trx, { destination, nationality }, values, { source: 'import', by: actor.id, now });
          if (id) changed.push({ destination, nationality });
        }
        const notices = await noticeChanges(trx, app.keyring, actor.id, changed, now);
        request.audit.detail({ rows: read.cells.length, changed: changed.length, notices });
        return { rows: read.cells.length, changed: changed.length, unchanged: read.cells.length - changed.length };
      });
    },
  );

  app.get(
    '/api/entry-requirements/proposals',
    {
      config: { audit: 'entry_requirement.proposals' },
      schema: {
        tags: ['entry-requirements'],
        summary: 'Proposed changes: every one for the Secretariat, its own country’s for a contact point or substitute; newest first',
        querystring: ProposalQuery,
        response: { 200: ProposalPage },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 20;
      const found = await listProposals(app.db, ability, request.query, page, pageSize);
      request.audit.detail({ total: found.total });
      return { total: found.total, page, pageSize, items: found.items.map(proposalView) };
    },
  );

  app.post(
    '/api/entry-requirements/proposals',
    {
      config: { audit: 'entry_requirement.propose' },
      schema: {
        tags: ['entry-requirements'],
        summary: 'Propose a change to a cell of one’s own country’s row (a member country’s contact point or substitute)',
        body: ProposalBody,
        response: { 201: ProposalView, 400: ErrorReply, 403: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const { destination, nationality, reason, ...body } = request.body;
      if (!ability.can('propose', subject('EntryRequirement', { destination }))) throw new ApiError(403, 'entry_requirement_not_own_row');
      checkCell({ destination, nationality }, 'body.nationality');
      const values = cellValues(body);
      const id = await request.change(async (trx) => {
        const created = await insertProposal(trx, {
          destination,
          nationality,
          ...values,
          reason: reason == null ? null : reason.trim() || null,
          proposedBy: actor.id,
          proposedCountry: actor.country,
          proposedAt: app.clock.now(),
        });
        request.audit.subjectId = created;
        request.audit.detail({ destination, nationality, requirement: values.requirement });
        return created;
      });
      const row = await findProposal(app.db, ability, id);
      return reply.code(201).send(proposalView(row!));
    },
  );

  for (const decision of ['accept', 'reject'] as const) {
    app.post(
      `/api/entry-requirements/proposals/:id/${decision}`,
      {
        config: { audit: `entry_requirement.${decision}` },
        schema: {
          tags: ['entry-requirements'],
          summary:
            decision === 'accept'
              ? 'Accept a pending proposal (Secretariat): the cell is set as proposed, with its history'
              : 'Reject a pending proposal (Secretariat): the cell stays as it is',
          params: ProposalParams,
          body: DecisionBody,
          response: { 200: ProposalView, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
        },
      },
      async (request) => {
        const { actor, ability } = await request.access();
        authorize(ability, 'decide', 'EntryRequirementProposal');
        const id = request.params.id;
        const now = app.clock.now();
        await request.change(async (trx) => {
          const proposal = await findProposal(trx, ability, id, true);
          if (!proposal) throw new ApiError(404, 'not_found');
          if (proposal.status !== 'pending') throw new ApiError(409, 'entry_proposal_decided');
          request.audit.subjectId = id;
          const note = request.body.note == null ? null : request.body.note.trim() || null;
          await decideProposal(trx, id, { status: decision === 'accept' ? 'accepted' : 'rejected', by: actor.id, at: now, note });
          if (decision === 'reject') return;
          const cell = { destination: proposal.destination, nationality: proposal.nationality };
          const changeId = await setCell(trx, cell, proposalView(proposal).proposed, { source: 'proposal', proposalId: id, by: actor.id, now });
          const notices = changeId ? await noticeChanges(trx, app.keyring, actor.id, [cell], now) : 0;
          request.audit.detail({ ...cell, changeId, notices });
        });
        return proposalView((await findProposal(app.db, ability, id))!);
      },
    );
  }

  app.get(
    '/api/entry-requirements/:destination/:nationality',
    {
      config: { audit: 'entry_requirement.read' },
      schema: {
        tags: ['entry-requirements'],
        summary: 'One cell (404 when it holds no information)',
        params: CellParams,
        response: { 200: CellView, 404: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      authorize(ability, 'read', 'EntryRequirement');
      const row = await findCell(app.db, ability, request.params);
      if (!row) throw new ApiError(404, 'not_found');
      return cellView(row);
    },
  );

  app.put(
    '/api/entry-requirements/:destination/:nationality',
    {
      config: { audit: 'entry_requirement.set' },
      schema: {
        tags: ['entry-requirements'],
        summary: 'Set a cell (Secretariat): its history keeps the values before and after; the contact points are told',
        params: CellParams,
        body: CellBody,
        response: { 200: CellView, 400: ErrorReply, 403: ErrorReply },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      authorize(ability, 'update', 'EntryRequirement');
      const cell = request.params;
      checkCell(cell);
      const values = cellValues(request.body);
      const now = app.clock.now();
      await request.change(async (trx) => {
        const changeId = await setCell(trx, cell, values, { source: 'edit', by: actor.id, now });
        const notices = changeId ? await noticeChanges(trx, app.keyring, actor.id, [cell], now) : 0;
        request.audit.detail({ ...cell, requirement: values.requirement, changeId, notices });
      });
      return cellView((await findCell(app.db, ability, cell))!);
    },
  );

  app.delete(
    '/api/entry-requirements/:destination/:nationality',
    {
      config: { audit: 'entry_requirement.clear' },
      schema: {
        tags: ['entry-requirements'],
        summary: 'Clear a cell (Secretariat): it holds no information again; its history keeps what was removed; the contact points are told',
        params: CellParams,
        response: { 204: Type.Null(), 400: ErrorReply, 403: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      authorize(ability, 'update', 'EntryRequirement');
      const cell = request.params;
      checkCell(cell);
      const now = app.clock.now();
      await request.change(async (trx) => {
        // A cell with no information is cleared already: nothing changes, no one is told.
        const changeId = await clearCell(trx, cell, { source: 'edit', by: actor.id, now });
        const notices = changeId ? await noticeChanges(trx, app.keyring, actor.id, [cell], now) : 0;
        request.audit.detail({ ...cell, changeId, notices });
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/entry-requirements/:destination/:nationality/history',
    {
      config: { audit: 'entry_requirement.history' },
      schema: {
        tags: ['entry-requirements'],
        summary: 'A cell’s history, newest first: who changed it, when, how (edit, proposal, import), the values before and after',
        params: CellParams,
        response: { 200: HistoryReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      authorize(ability, 'read', 'EntryRequirement');
      const rows = await historyOf(app.db, ability, request.params);
      return { items: rows.map(changeView) };
    },
  );
}
