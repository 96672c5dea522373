import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Ability, authorize } from '../../../policies/ability.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError, ErrorReply, fileTooLarge } from '../../platform/http/errors.ts';
import type { Language } from '../../platform/i18n/language.ts';
import { message } from '../../platform/i18n/messages.ts';
import { RETURN_FILE_LIMIT, rollupCsv, rollupXlsx, XLSX_UNPACKED_LIMIT, zipUnpackedSize } from './files.ts';
import { PRESETS } from './presets.ts';
import { history, lockReturn, returns, templates } from './queries.ts';
import {
  AmendBody,
  type CellError,
  CellsReply,
  FileQuery,
  History,
  IdParams,
  PresetList,
  ReturnCreate,
  ReturnList,
  ReturnPatch,
  ReturnQuery,
  ReturnView,
  Rollup,
  RollupExportQuery,
  RollupQuery,
  TemplateCreate,
  TemplateList,
  TemplatePatch,
  TemplateQuery,
  TemplateView,
  VersionQuery,
} from './schemas.ts';
import {
  amendReturn,
  authorizeReturn,
  buildRollup,
  canReadRollup,
  checkSections,
  createReturn,
  createTemplate,
  findReturn,
  findTemplate,
  layoutOf,
  returnView,
  saveRows,
  saveSections,
  submitReturn,
  summary,
  templateView,
  updateTemplate,
} from './service.ts';
import { blankCsv, blankXlsx, csvGrid, formGrid, type Grid, readGrid, sniff, xlsxGrid } from './sheet.ts';

/**
 * Periodic returns (issue 22): the Secretariat's templates, each country's returns filled in a form
 * or from a spreadsheet, submitted and amended with their history, and the roll-ups across countries
 * with their CSV and XLSX exports. A return is found under the policy first (404 for whoever may not
 * know it), then the action is checked (403); a form or file with one wrong cell is refused whole,
 * each wrong cell named (400 `return_cells_invalid`), and nothing is saved.
 */
export default async function returnRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  function refuseCells(request: FastifyRequest, reply: FastifyReply, cells: CellError[]) {
    request.audit.detail({ refusedCells: cells.length });
    const code = 'return_cells_invalid';
    return reply.code(400).send({ error: { code, message: message(request.language, code, { count: cells.length }), cells } });
  }

  app.get(
    '/api/returns/templates/presets',
    {
      config: { audit: false },
      schema: {
        tags: ['returns'],
        summary: 'The ready template definitions of the seeds (flows matrix, legislation matrix, Palermo report, country report)',
        response: { 200: PresetList },
      },
    },
    async (request) => {
      await request.access();
      return { items: PRESETS };
    },
  );

  app.get(
    '/api/returns/templates',
    {
      config: { audit: 'return_template.list' },
      schema: {
        tags: ['returns'],
        summary: 'The return templates I read (of my networks; every one for the Secretariat and the Presidency)',
        querystring: TemplateQuery,
        response: { 200: TemplateList },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      let query = templates(app.db, ability);
      if (request.query.networkId) query = query.where('returnTemplate.networkId', '=', request.query.networkId);
      const rows = await query.orderBy('returnTemplate.createdAt', 'desc').orderBy('returnTemplate.id').execute();
      request.audit.detail({ filters: request.query, total: rows.length });
      return { items: rows.map((row) => templateView(row, ability)) };
    },
  );

  app.post(
    '/api/returns/templates',
    {
      config: { audit: 'return_template.create' },
      schema: {
        tags: ['returns'],
        summary: 'Define a return template for a network (Secretariat): a matrix or a written report, its period, due date and countries',
        body: TemplateCreate,
        response: { 201: TemplateView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const id = await request.change(async (trx) => {
        const created = await createTemplate(trx, actor, ability, request.body, app.clock.now());
        request.audit.subjectType = 'return_template';
        request.audit.subjectId = created;
        request.audit.detail({ networkId: request.body.networkId, kind: request.body.kind, periodKind: request.body.periodKind });
        return created;
      });
      return reply.code(201).send(await findTemplate(app.db, ability, id));
    },
  );

  app.get(
    '/api/returns/templates/:id',
    {
      config: { audit: 'return_template.read' },
      schema: { tags: ['returns'], summary: 'A return template', params: IdParams, response: { 200: TemplateView } },
    },
    async (request) => {
      const { ability } = await request.access();
      return findTemplate(app.db, ability, request.params.id);
    },
  );

  app.patch(
    '/api/returns/templates/:id',
    {
      config: { audit: 'return_template.update' },
      schema: {
        tags: ['returns'],
        summary:
          'Edit a return template (Secretariat): titles, schedule, countries, observers, archived; its layout only while no return has been opened for it. Only the fields sent change',
        params: IdParams,
        body: TemplatePatch,
        response: { 200: TemplateView, 400: ErrorReply, 403: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      // Whoever may edit no template is refused before the template is looked for: the same 403 whether it exists or not.
      authorize(ability, 'update', 'ReturnTemplate');
      await request.change(async (trx) => {
        const { networkId, changed } = await updateTemplate(trx, ability, request.params.id, request.body, app.clock.now());
        request.audit.detail({ networkId, changed });
      });
      return findTemplate(app.db, ability, request.params.id);
    },
  );

  app.get(
    '/api/returns/templates/:id/file',
    {
      config: { audit: 'return_template.file' },
      schema: {
        tags: ['returns'],
        summary: 'The blank template to fill in (XLSX by default, or CSV), headers in my language',
        params: IdParams,
        querystring: FileQuery,
      },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      const template = await findTemplate(app.db, ability, request.params.id);
      if (template.kind !== 'matrix') throw new ApiError(400, 'return_not_a_matrix');
      const language = request.query.language ?? request.language;
      const format = request.query.format ?? 'xlsx';
      request.audit.detail({ format, language });
      const title = language === 'es' ? template.titleEs : template.titleEn;
      const name = `return-template-${template.id.slice(0, 8)}-${language}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(blankCsv(layoutOf(template), language));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await blankXlsx(title, layoutOf(template), language));
    },
  );

  app.get(
    '/api/returns',
    {
      config: { audit: 'return.list' },
      schema: {
        tags: ['returns'],
        summary:
          'The returns I read (metadata and status): my country’s, those I contribute to; every one for the Secretariat, the Presidency and auditors',
        querystring: ReturnQuery,
        response: { 200: ReturnList },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const q = request.query;
      let query = returns(app.db, ability);
      if (q.templateId) query = query.where('countryReturn.templateId', '=', q.templateId);
      if (q.networkId) query = query.where('countryReturn.networkId', '=', q.networkId);
      if (q.period) query = query.where('countryReturn.period', '=', q.period);
      if (q.country) query = query.where('countryReturn.country', '=', q.country);
      if (q.status) query = query.where('countryReturn.status', '=', q.status);
      const rows = await query
        .orderBy('countryReturn.dueOn', 'desc')
        .orderBy('countryReturn.country')
        .orderBy('countryReturn.id')
        .limit(1000)
        .execute();
      request.audit.detail({ filters: q, total: rows.length });
      const now = app.clock.now();
      return { items: rows.map((r) => summary(r, now)) };
    },
  );

  app.post(
    '/api/returns',
    {
      config: { audit: 'return.create' },
      schema: {
        tags: ['returns'],
        summary: 'Open my country’s return for a template and period (a draft; an observer names the country)',
        body: ReturnCreate,
        response: { 201: ReturnView, 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const now = app.clock.now();
      const id = await request.change(async (trx) => {
        const created = await createReturn(trx, actor, ability, request.body, now);
        request.audit.subjectType = 'return';
        request.audit.subjectId = created;
        request.audit.detail({ templateId: request.body.templateId, period: request.body.period, country: request.body.country ?? actor.country });
        return created;
      });
      return reply.code(201).send(await returnView(app.db, app.keyring, ability, await findReturn(app.db, ability, id), now));
    },
  );

  async function rollupFor(request: FastifyRequest, ability: Ability, query: RollupQuery, language: Language) {
    const template = await findTemplate(app.db, ability, query.templateId);
    request.audit.detail({ networkId: template.networkId, ...query });
    if (!canReadRollup(ability, template)) throw new ApiError(403, 'forbidden');
    const result = await buildRollup(app.db, ability, template, query, language);
    request.audit.detail({ rows: result.rows.length, submitted: result.periods.reduce((n, p) => n + p.submitted, 0) });
    return result;
  }

  app.get(
    '/api/returns/rollup',
    {
      config: { audit: 'return.rollup' },
      schema: {
        tags: ['returns'],
        summary:
          'A matrix template’s figures summed across the submitted returns (never drafts), per period and by a row dimension or country, adults and minors apart',
        querystring: RollupQuery,
        response: { 200: Rollup },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const { language, ...query } = request.query;
      return rollupFor(request, ability, query, language ?? request.language);
    },
  );

  app.get(
    '/api/returns/rollup/export',
    {
      config: { audit: 'return.rollup_export' },
      schema: {
        tags: ['returns'],
        summary: 'The same roll-up as a file: CSV (UTF-8) or XLSX, headers in my language',
        querystring: RollupExportQuery,
      },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      const { language: asked, format, ...query } = request.query;
      const language = asked ?? request.language;
      request.audit.detail({ format });
      const result = await rollupFor(request, ability, query, language);
      const name = `rollup-${result.template.id.slice(0, 8)}-${query.period ?? 'all'}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(rollupCsv(result, language));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await rollupXlsx(result, language));
    },
  );

  app.get(
    '/api/returns/:id',
    {
      config: { audit: 'return.read' },
      schema: {
        tags: ['returns'],
        summary:
          'A return: its metadata, what I may do, and a version’s figures or sections as far as I may read them (`version` for an earlier one)',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: ReturnView },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const row = await findReturn(app.db, ability, request.params.id);
      request.audit.detail({ networkId: row.networkId, country: row.country, period: row.period, version: request.query.version ?? null });
      const view = await returnView(app.db, app.keyring, ability, row, app.clock.now(), request.query.version);
      request.audit.detail({ shownVersion: view.shown?.version ?? null, content: view.shown !== null });
      return view;
    },
  );

  app.patch(
    '/api/returns/:id',
    {
      config: { audit: 'return.update' },
      schema: {
        tags: ['returns'],
        summary: 'Save the draft from the form: a matrix’s rows (every value as typed, checked cell by cell) or a written report’s sections',
        params: IdParams,
        body: ReturnPatch,
        response: { 200: ReturnView, 400: CellsReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const row = await findReturn(app.db, ability, request.params.id);
      authorizeReturn(ability, 'update', row);
      const template = await findTemplate(app.db, ability, row.templateId);
      const now = app.clock.now();
      const { rows, sections } = request.body;
      if (template.kind === 'matrix') {
        if (sections || !rows) throw new ApiError(400, 'return_not_written');
        const checked = readGrid(layoutOf(template), formGrid(layoutOf(template), rows), request.language);
        if ('errors' in checked) return refuseCells(request, reply, checked.errors);
        await request.change(async (trx) => {
          const locked = await lockedReturn(trx, ability, row.id);
          const cells = await saveRows(trx, actor, locked, checked.rows, 'form', now);
          request.audit.detail({ version: locked.version, rows: checked.rows.length, cells });
        });
      } else {
        if (rows || !sections) throw new ApiError(400, 'return_not_a_matrix');
        const checked = checkSections(template, sections);
        await request.change(async (trx) => {
          const locked = await lockedReturn(trx, ability, row.id);
          const filled = await saveSections(trx, app.keyring, actor, locked, checked, now);
          request.audit.detail({ version: locked.version, sections: filled });
        });
      }
      return returnView(app.db, app.keyring, ability, await findReturn(app.db, ability, row.id), now);
    },
  );

  /** The return again inside the change's transaction, locked, and the action checked again on what is now there. */
  async function lockedReturn(trx: Database, ability: Ability, id: string, action: 'update' | 'submit' | 'amend' = 'update') {
    await lockReturn(trx, id);
    const row = await findReturn(trx, ability, id);
    authorizeReturn(ability, action, row);
    return row;
  }

  app.post(
    '/api/returns/:id/upload',
    {
      config: { audit: 'return.upload' },
      schema: {
        tags: ['returns'],
        summary:
          'Fill the draft from the template file (multipart, one `file`: XLSX or CSV, sniffed from its bytes); refused whole, cell by cell, when any cell is wrong',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: ReturnView, 400: CellsReply, 413: ErrorReply, 415: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const row = await findReturn(app.db, ability, request.params.id);
      authorizeReturn(ability, 'update', row);
      const template = await findTemplate(app.db, ability, row.templateId);
      if (template.kind !== 'matrix') throw new ApiError(400, 'return_not_a_matrix');
      const file = await request.file({ limits: { fileSize: RETURN_FILE_LIMIT + 1, files: 1 } });
      if (!file) throw new ApiError(400, 'return_file_required');
      if (file.fieldname !== 'file') throw new ApiError(400, 'return_file_required');
      let data: Buffer;
      try {
        data = await file.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(RETURN_FILE_LIMIT);
        throw err;
      }
      if (data.length > RETURN_FILE_LIMIT) throw fileTooLarge(RETURN_FILE_LIMIT);
      if (data.length === 0) throw new ApiError(400, 'file_empty');
      const type = sniff(data);
      request.audit.detail({ type, bytes: data.length });
      if (!type) throw new ApiError(415, 'return_file_type');
      let grid: Grid;
      try {
        if (type === 'xlsx') {
          const unpacked = zipUnpackedSize(data);
          if (unpacked === null || unpacked > XLSX_UNPACKED_LIMIT) throw new ApiError(400, 'return_file_unreadable');
          grid = await xlsxGrid(data);
        } else {
          grid = csvGrid(data);
        }
      } catch (err) {
        if (err instanceof ApiError) throw err;
        request.log.info({ err: (err as Error).message }, 'return file could not be read');
        throw new ApiError(400, 'return_file_unreadable');
      }
      const checked = readGrid(layoutOf(template), grid, request.language);
      if ('errors' in checked) return refuseCells(request, reply, checked.errors);
      const now = app.clock.now();
      await request.change(async (trx) => {
        const locked = await lockedReturn(trx, ability, row.id);
        const cells = await saveRows(trx, actor, locked, checked.rows, type, now);
        request.audit.detail({ version: locked.version, rows: checked.rows.length, cells });
      });
      return returnView(app.db, app.keyring, ability, await findReturn(app.db, ability, row.id), now);
    },
  );

  app.post(
    '/api/returns/:id/submit',
    {
      config: { audit: 'return.submit' },
      schema: {
        tags: ['returns'],
        summary: 'Submit the working version (the country’s contact point or substitute): it is frozen and counted in the roll-ups',
        params: IdParams,
        response: { 200: ReturnView, 400: ErrorReply },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const row = await findReturn(app.db, ability, request.params.id);
      authorizeReturn(ability, 'submit', row);
      const template = await findTemplate(app.db, ability, row.templateId);
      const now = app.clock.now();
      await request.change(async (trx) => {
        const locked = await lockedReturn(trx, ability, row.id, 'submit');
        await submitReturn(trx, actor, template, locked, now);
        request.audit.detail({ version: locked.version, late: now.toISOString().slice(0, 10) > locked.dueOn });
      });
      return returnView(app.db, app.keyring, ability, await findReturn(app.db, ability, row.id), now);
    },
  );

  app.post(
    '/api/returns/:id/amend',
    {
      config: { audit: 'return.amend' },
      schema: {
        tags: ['returns'],
        summary:
          'Amend a submitted return: a new working version from the submitted one, with the reason (the submitted one stays counted until the amendment is submitted)',
        params: IdParams,
        body: AmendBody,
        response: { 200: ReturnView, 400: ErrorReply },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const row = await findReturn(app.db, ability, request.params.id);
      authorizeReturn(ability, 'amend', row);
      const now = app.clock.now();
      await request.change(async (trx) => {
        const locked = await lockedReturn(trx, ability, row.id, 'amend');
        const version = await amendReturn(trx, app.keyring, actor, locked, request.body.reason, now);
        request.audit.detail({ version });
      });
      return returnView(app.db, app.keyring, ability, await findReturn(app.db, ability, row.id), now);
    },
  );

  app.get(
    '/api/returns/:id/history',
    {
      config: { audit: 'return.history' },
      schema: {
        tags: ['returns'],
        summary: 'A return’s versions: who opened, edited and submitted each, when, and why it was amended',
        params: IdParams,
        response: { 200: History },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const row = await findReturn(app.db, ability, request.params.id);
      const items = await history(app.db, row.id);
      request.audit.detail({ versions: items.length });
      const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
      return {
        items: items.map((v) => ({ ...v, createdAt: iso(v.createdAt)!, updatedAt: iso(v.updatedAt)!, submittedAt: iso(v.submittedAt) })),
      };
    },
  );
}
