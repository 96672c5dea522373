import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authorize } from '../../../policies/ability.ts';
import { portalUrl } from '../../config.ts';
import { actorFor, cachedAbility } from '../../platform/access.ts';
import { downloadHeaders } from '../../platform/files/files.ts';
import { recordingFiles } from '../../platform/files/form.ts';
import { ApiError, ErrorReply } from '../../platform/http/errors.ts';
import { dropKey, keyOf, keyOwner, setKey } from './queries.ts';
import {
  AgreementBody,
  CalendarKeyStatus,
  CalendarKeyView,
  CalendarQuery,
  MeetingBody,
  MeetingDetail,
  MeetingDocumentParams,
  MeetingPage,
  MeetingParams,
  MeetingPatch,
  MeetingQuery,
  MeetingView,
  MinutesBody,
  TrainingBody,
  TrainingSummary,
  TrainingSummaryQuery,
} from './schemas.ts';
import {
  createMeeting,
  detailOf,
  documentIn,
  editableMeeting,
  editMeeting,
  feed,
  hashKey,
  listMeetings,
  newKey,
  readDocumentForm,
  readMeeting,
  recordAgreement,
  recordDocuments,
  recordMinutes,
  recordTrainings,
  removeDocument,
  summary,
  view,
} from './service.ts';

/**
 * Calendar and meetings. Permission before existence: a meeting the caller may not read answers
 * 404 like one that does not exist; only then is editing checked (403). The iCalendar feed takes a
 * secret key instead of a session: it is evaluated for the key's owner at each request, and a
 * wrong, revoked or deactivated owner's key all answer the same 404. The request logger keeps the
 * path only (server/app.ts), so the key never reaches a log.
 */
export default async function meetingRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const detail = async (ability: Parameters<typeof view>[0], id: string) =>
    detailOf(app.db, app.sealer, ability, await readMeeting(app.db, ability, id));

  app.get(
    '/api/meetings',
    {
      config: { audit: 'meeting.list' },
      schema: {
        tags: ['meetings'],
        summary: 'Meetings I may read, upcoming (soonest first) or past (latest first), by network and kind',
        querystring: MeetingQuery,
        response: { 200: MeetingPage },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const page = await listMeetings(app.db, ability, request.query, app.clock.now());
      request.audit.detail({ total: page.total, meetingIds: page.items.map((m) => m.id) });
      return page;
    },
  );

  app.post(
    '/api/meetings',
    {
      config: { audit: 'meeting.create' },
      schema: {
        tags: ['meetings'],
        summary: 'Create a meeting of a network, or conference-wide without `networkId` (Secretariat, Presidency)',
        body: MeetingBody,
        response: { 201: MeetingView, 400: ErrorReply, 403: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      authorize(ability, 'create', 'Meeting');
      const id = await request.change(async (trx) => {
        const created = await createMeeting(trx, app.sealer, actor.id, request.body, app.clock.now());
        request.audit.subjectId = created;
        request.audit.detail({ networkId: request.body.networkId ?? null, kind: request.body.kind });
        return created;
      });
      return reply.code(201).send(view(ability, await readMeeting(app.db, ability, id)));
    },
  );

  app.get(
    '/api/meetings/trainings',
    {
      config: { audit: 'meeting.trainings' },
      schema: {
        tags: ['meetings'],
        summary: 'Officials trained, by country and topic, over the workshops and trainings I may read (network, period)',
        querystring: TrainingSummaryQuery,
        response: { 200: TrainingSummary },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      return summary(app.db, ability, request.query);
    },
  );

  app.get(
    '/api/meetings/:id',
    {
      config: { audit: 'meeting.read' },
      schema: {
        tags: ['meetings'],
        summary: 'A meeting with its agenda, minutes (es/en), agreements and training counts',
        params: MeetingParams,
        response: { 200: MeetingDetail },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      return detail(ability, request.params.id);
    },
  );

  app.patch(
    '/api/meetings/:id',
    {
      config: { audit: 'meeting.update' },
      schema: {
        tags: ['meetings'],
        summary: 'Edit a meeting (Secretariat, Presidency): the fields sent replace theirs',
        params: MeetingParams,
        body: MeetingPatch,
        response: { 200: MeetingView, 400: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const current = await editableMeeting(app.db, ability, request.params.id);
      request.audit.detail({ fields: Object.keys(request.body) });
      await request.change((trx) => editMeeting(trx, app.sealer, current, request.body, app.clock.now()));
      return view(ability, await readMeeting(app.db, ability, current.id));
    },
  );

  app.put(
    '/api/meetings/:id/minutes',
    {
      config: { audit: 'meeting.minutes' },
      schema: {
        tags: ['meetings'],
        summary: 'Record the minutes in Spanish and English (Secretariat, Presidency; a network’s meeting)',
        params: MeetingParams,
        body: MinutesBody,
        response: { 200: MeetingDetail, 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const current = await editableMeeting(app.db, ability, request.params.id);
      await request.change((trx) => recordMinutes(trx, app.sealer, current, request.body, app.clock.now()));
      return detail(ability, current.id);
    },
  );

  app.post(
    '/api/meetings/:id/agreements',
    {
      config: { audit: 'meeting.agreement' },
      schema: {
        tags: ['meetings'],
        summary: 'Record an agreement of the minutes: it makes the network’s commitment (once, due date, responsible countries)',
        params: MeetingParams,
        body: AgreementBody,
        response: { 201: MeetingDetail, 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const current = await editableMeeting(app.db, ability, request.params.id);
      await request.change(async (trx) => {
        const made = await recordAgreement(trx, app.sealer, current, actor.id, request.body, app.clock.now());
        request.audit.detail({ ...made, responsibles: request.body.responsibles, dueOn: request.body.dueOn });
      });
      return reply.code(201).send(await detail(ability, current.id));
    },
  );

  app.put(
    '/api/meetings/:id/trainings',
    {
      config: { audit: 'meeting.trainings.update' },
      schema: {
        tags: ['meetings'],
        summary: 'Set how many officials each country trained (workshops and trainings): the list replaces the stored one',
        params: MeetingParams,
        body: TrainingBody,
        response: { 200: MeetingDetail, 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const current = await editableMeeting(app.db, ability, request.params.id);
      request.audit.detail({ counts: request.body.counts });
      await request.change((trx) => recordTrainings(trx, current, request.body));
      return detail(ability, current.id);
    },
  );

  app.post(
    '/api/meetings/:id/documents',
    {
      config: { audit: 'meeting.document.add' },
      schema: {
        tags: ['meetings'],
        summary:
          'Attach documents to a network’s meeting (Secretariat, Presidency; multipart: an optional `kind` agenda | presentation | minutes | report | participants | other, then 1–10 `file` parts: images or PDF)',
        consumes: ['multipart/form-data'],
        params: MeetingParams,
        response: {
          201: MeetingDetail,
          400: ErrorReply,
          403: ErrorReply,
          404: ErrorReply,
          409: ErrorReply,
          413: ErrorReply,
          415: ErrorReply,
          422: ErrorReply,
        },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const current = await editableMeeting(app.db, ability, request.params.id);
      const form = await readDocumentForm(app, request, current);
      await recordingFiles(app, form.files, () =>
        request.change(async (trx) => {
          const fileIds = await recordDocuments(trx, app, current, actor.id, form, app.clock.now());
          request.audit.detail({ kind: form.kind, fileIds });
        }),
      );
      return reply.code(201).send(await detail(ability, current.id));
    },
  );

  app.get(
    '/api/meetings/:id/documents/:fileId',
    {
      config: { audit: 'meeting.document' },
      schema: {
        tags: ['meetings'],
        summary: 'A document of a meeting, decrypted (images inline, documents downloaded)',
        params: MeetingDocumentParams,
      },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      const meeting = await readMeeting(app.db, ability, request.params.id);
      request.audit.detail({ meetingId: meeting.id });
      const document = await documentIn(app.db, meeting, request.params.fileId);
      const file = meeting.keySpaceId ? await app.files.find(meeting.keySpaceId, document.fileId) : undefined;
      if (!file) throw new ApiError(404, 'not_found');
      return reply.headers(downloadHeaders(file)).send(await app.files.open(file));
    },
  );

  app.delete(
    '/api/meetings/:id/documents/:fileId',
    {
      config: { audit: 'meeting.document.remove' },
      schema: {
        tags: ['meetings'],
        summary: 'Remove a document from a meeting (Secretariat, Presidency): its file and blobs are deleted',
        params: MeetingDocumentParams,
        response: { 200: MeetingDetail, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const current = await editableMeeting(app.db, ability, request.params.id);
      const document = await documentIn(app.db, current, request.params.fileId);
      request.audit.detail({ meetingId: current.id });
      const keys = await request.change((trx) => removeDocument(trx, app.files, document));
      await app.files.removeBlobs(keys);
      return detail(ability, current.id);
    },
  );

  app.get(
    '/api/me/calendar-key',
    {
      config: { audit: false },
      schema: {
        tags: ['meetings'],
        summary: 'Whether I have a calendar link (the key itself is never shown again)',
        response: { 200: CalendarKeyStatus },
      },
    },
    async (request) => {
      const { actor } = await request.access();
      const key = await keyOf(app.db, actor.id);
      return { active: Boolean(key), createdAt: key ? key.createdAt.toISOString() : null };
    },
  );

  app.post(
    '/api/me/calendar-key',
    {
      config: { audit: 'calendar.key.create' },
      schema: {
        tags: ['meetings'],
        summary: 'Make (or replace) my secret calendar link: shown once, the previous one stops working',
        response: { 201: CalendarKeyView },
      },
    },
    async (request, reply) => {
      const { actor } = await request.access();
      const { key, hash } = newKey();
      const now = app.clock.now();
      await request.change((trx) => setKey(trx, actor.id, hash, now));
      const url = `${portalUrl(app.config)}/api/calendar.ics?key=${key}`;
      return reply.code(201).headers({ 'cache-control': 'no-store' }).send({ key, url, createdAt: now.toISOString() });
    },
  );

  app.delete(
    '/api/me/calendar-key',
    {
      config: { audit: 'calendar.key.revoke' },
      schema: { tags: ['meetings'], summary: 'Revoke my calendar link', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const { actor } = await request.access();
      await request.change((trx) => dropKey(trx, actor.id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/calendar.ics',
    {
      config: { audit: 'calendar.feed', access: 'public' },
      schema: {
        tags: ['meetings'],
        summary: 'My meetings as an iCalendar feed (text/calendar), by secret key; 404 for a wrong or revoked key',
        querystring: CalendarQuery,
        response: { 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const owner = await keyOwner(app.db, hashKey(request.query.key));
      if (!owner) throw new ApiError(404, 'not_found');
      request.audit.actor = { id: owner.id, country: owner.country };
      const ability = cachedAbility(await actorFor(app.db, owner));
      const { body, count } = await feed(app.db, ability, owner.language, portalUrl(app.config), app.clock.now());
      request.audit.detail({ events: count });
      return reply
        .headers({ 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' })
        .send(body as never);
    },
  );
}
