import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import ical from 'ical-generator';
import { type Ability, permissions } from '../../../policies/ability.ts';
import { insertCommitment, keySpaceOf } from '../../platform/commitments/create.ts';
import { insertSealed, openRecord, type SealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Sealer } from '../../platform/crypto/sealer.ts';
import type { Database } from '../../platform/db/database.ts';
import type { MeetingDocumentKind } from '../../platform/db/schema.ts';
import { DOCUMENT_TYPES, type FileService, IMAGE_TYPES, type MediaType } from '../../platform/files/files.ts';
import { type FormFile, readFileForm } from '../../platform/files/form.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { lineOrNull, textOrNull } from '../../platform/http/text.ts';
import type { Language } from '../../platform/i18n/language.ts';
import {
  agreementsOf,
  deleteDocument,
  documentOf,
  documentsOf,
  dropSealed,
  type Filters,
  feedRows,
  findMeeting,
  insertAgreement,
  insertDocument,
  insertMeeting,
  linkCommitment,
  listPage,
  networkExists,
  sealedOf,
  setTrainings,
  trainingSummary,
  trainingsOf,
  updateMeeting,
  type ViewRow,
} from './queries.ts';
import type {
  AgreementBody,
  MeetingBody,
  MeetingDetail,
  MeetingPage,
  MeetingPatch,
  MeetingView,
  MinutesBody,
  TrainingBody,
  TrainingSummary,
} from './schemas.ts';

/**
 * Meetings: what the routes do, between the schemas and the SQL. Calendar metadata is clear; the
 * agenda, minutes and agreements' texts are sealed under the network's key space. An agreement
 * makes its network's commitment (calendar `once`, its due date and responsible) in the same
 * transaction, through server/platform/commitments.
 */
const iso = (value: Date | string): string => new Date(value).toISOString();

export function view(ability: Ability, row: ViewRow): MeetingView {
  return {
    id: row.id,
    network: row.networkId ? { id: row.networkId, code: row.networkCode!, nameEs: row.networkNameEs!, nameEn: row.networkNameEn! } : null,
    kind: row.kind,
    titleEs: row.titleEs,
    titleEn: row.titleEn,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    place: row.place,
    link: row.link,
    languages: row.languages,
    participants: row.participants,
    topic: row.topic,
    hasMinutes: row.minutesId !== null,
    permissions: permissions(ability, 'Meeting', { networkId: row.networkId }, ['update'] as const),
  };
}

/** A readable meeting, or 404 — the same whether it does not exist or is not the caller's to read. */
export async function readMeeting(db: Database, ability: Ability, id: string): Promise<ViewRow> {
  const row = await findMeeting(db, ability, id);
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

/** A meeting the caller may edit: 404 when not readable, then 403. */
export async function editableMeeting(db: Database, ability: Ability, id: string): Promise<ViewRow> {
  const row = await readMeeting(db, ability, id);
  if (!view(ability, row).permissions.update) throw new ApiError(403, 'forbidden');
  return row;
}

export async function listMeetings(
  db: Database,
  ability: Ability,
  query: Filters & { page?: number | undefined; pageSize?: number | undefined },
  now: Date,
): Promise<MeetingPage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const found = await listPage(db, ability, query, now, page, pageSize);
  return { total: found.total, page, pageSize, items: found.items.map((row) => view(ability, row)) };
}

interface Fields {
  kind: ViewRow['kind'];
  startsAt: string | Date;
  endsAt: string | Date;
  topic: ViewRow['topic'];
}

function checkFields(fields: Fields): void {
  if (new Date(fields.endsAt) < new Date(fields.startsAt)) throw new ApiError(400, 'meeting_ends_before_start', {}, 'body.endsAt');
  if (fields.topic && fields.kind !== 'workshop' && fields.kind !== 'training')
    throw new ApiError(400, 'meeting_topic_training_only', {}, 'body.topic');
}

export async function createMeeting(trx: Database, sealer: Sealer, actorId: string, body: MeetingBody, now: Date): Promise<string> {
  const networkId = body.networkId ?? null;
  checkFields({ kind: body.kind, startsAt: body.startsAt, endsAt: body.endsAt, topic: body.topic ?? null });
  let keySpaceId: string | null = null;
  if (networkId) {
    if (!(await networkExists(trx, networkId))) throw new ApiError(400, 'network_unknown', {}, 'body.networkId');
    const space = await keySpaceOf(trx, networkId);
    if (!space) throw new ApiError(409, 'network_without_space');
    keySpaceId = space.id;
  }
  const agenda = textOrNull(body.agenda);
  if (agenda && !keySpaceId) throw new ApiError(400, 'meeting_content_needs_network', {}, 'body.agenda');
  const id = await insertMeeting(trx, {
    networkId,
    keySpaceId,
    kind: body.kind,
    titleEs: lineOrNull(body.titleEs) ?? body.titleEs,
    titleEn: lineOrNull(body.titleEn) ?? body.titleEn,
    startsAt: body.startsAt,
    endsAt: body.endsAt,
    place: lineOrNull(body.place),
    link: body.link ?? null,
    languages: body.languages ?? [],
    participants: body.participants ?? [],
    topic: body.topic ?? null,
    createdBy: actorId,
    createdAt: now,
    updatedAt: now,
  });
  if (agenda && keySpaceId) {
    const agendaId = await insertSealed(trx, sealer, { spaceId: keySpaceId, itemId: null, now }, { text: agenda });
    await updateMeeting(trx, id, { agendaId });
  }
  return id;
}

export async function editMeeting(trx: Database, sealer: Sealer, current: ViewRow, patch: MeetingPatch, now: Date): Promise<void> {
  const kind = patch.kind ?? current.kind;
  const topic = 'topic' in patch ? (patch.topic ?? null) : kind === 'workshop' || kind === 'training' ? current.topic : null;
  checkFields({ kind, startsAt: patch.startsAt ?? current.startsAt, endsAt: patch.endsAt ?? current.endsAt, topic });
  const row: Parameters<typeof updateMeeting>[2] = { kind, topic, updatedAt: now };
  if (patch.titleEs !== undefined) row.titleEs = lineOrNull(patch.titleEs) ?? patch.titleEs;
  if (patch.titleEn !== undefined) row.titleEn = lineOrNull(patch.titleEn) ?? patch.titleEn;
  if (patch.startsAt !== undefined) row.startsAt = patch.startsAt;
  if (patch.endsAt !== undefined) row.endsAt = patch.endsAt;
  if ('place' in patch) row.place = lineOrNull(patch.place);
  if ('link' in patch) row.link = patch.link ?? null;
  if (patch.languages) row.languages = patch.languages;
  if (patch.participants) row.participants = patch.participants;
  if ('agenda' in patch) {
    const agenda = textOrNull(patch.agenda);
    if (agenda && !current.keySpaceId) throw new ApiError(400, 'meeting_content_needs_network', {}, 'body.agenda');
    row.agendaId =
      agenda && current.keySpaceId ? await insertSealed(trx, sealer, { spaceId: current.keySpaceId, itemId: null, now }, { text: agenda }) : null;
  }
  await updateMeeting(trx, current.id, row);
  if ('agendaId' in row) await dropSealed(trx, current.agendaId);
}

export async function recordMinutes(trx: Database, sealer: Sealer, current: ViewRow, body: MinutesBody, now: Date): Promise<void> {
  if (!current.keySpaceId) throw new ApiError(409, 'meeting_content_needs_network');
  const minutes = { es: textOrNull(body.es), en: textOrNull(body.en) };
  const minutesId = minutes.es || minutes.en ? await insertSealed(trx, sealer, { spaceId: current.keySpaceId, itemId: null, now }, minutes) : null;
  await updateMeeting(trx, current.id, { minutesId, updatedAt: now });
  await dropSealed(trx, current.minutesId);
}

/** Records an agreement and makes the network's commitment from it (one transaction: the caller's). */
export async function recordAgreement(
  trx: Database,
  sealer: Sealer,
  current: ViewRow,
  actorId: string,
  body: AgreementBody,
  now: Date,
): Promise<{ agreementId: string; commitmentId: string }> {
  if (!current.keySpaceId || !current.networkId) throw new ApiError(409, 'meeting_content_needs_network');
  const textEs = textOrNull(body.textEs);
  const textEn = textOrNull(body.textEn);
  if (!textEs && !textEn) throw new ApiError(400, 'agreement_text_required', {}, 'body.textEs');
  const contentId = await insertSealed(trx, sealer, { spaceId: current.keySpaceId, itemId: null, now }, { textEs, textEn });
  const agreementId = await insertAgreement(trx, {
    meetingId: current.id,
    contentId,
    responsibles: body.responsibles,
    dueOn: body.dueOn,
    createdBy: actorId,
    createdAt: now,
  });
  // The commitment's activity is the agreement's text, in clear like every commitment's activity:
  // a plan's activity is what the network agreed to do, not operational detail.
  const commitmentId = await insertCommitment(
    trx,
    {
      networkId: current.networkId,
      keySpaceId: current.keySpaceId,
      plan: null,
      source: `${current.titleEs} (${iso(current.startsAt).slice(0, 10)})`.slice(0, 300),
      agreementId,
      activityEs: textEs,
      activityEn: textEn,
      indicatorEs: null,
      indicatorEn: null,
      calendar: 'once',
      dueOn: body.dueOn,
      startsOn: null,
    },
    body.responsibles,
    actorId,
    now,
  );
  await linkCommitment(trx, agreementId, commitmentId);
  return { agreementId, commitmentId };
}

export async function recordTrainings(trx: Database, current: ViewRow, body: TrainingBody): Promise<void> {
  if (current.kind !== 'workshop' && current.kind !== 'training') throw new ApiError(409, 'meeting_not_training');
  const countries = body.counts.map((c) => c.country);
  if (new Set(countries).size !== countries.length) throw new ApiError(400, 'training_country_repeated', {}, 'body.counts');
  await setTrainings(trx, current.id, body.counts);
}

const open = async <T>(sealer: Sealer, spaceId: string | null, record: SealedRecord | null): Promise<T | null> =>
  spaceId && record ? openRecord<T>(sealer, spaceId, record) : null;

export async function detailOf(db: Database, sealer: Sealer, ability: Ability, row: ViewRow): Promise<MeetingDetail> {
  const sealed = await sealedOf(db, row.id);
  const agenda = await open<{ text: string }>(sealer, row.keySpaceId, sealed.agenda);
  const minutes = await open<{ es: string | null; en: string | null }>(sealer, row.keySpaceId, sealed.minutes);
  const agreements = await Promise.all(
    (await agreementsOf(db, row.id)).map(async (a) => {
      const content = await open<{ textEs: string | null; textEn: string | null }>(sealer, row.keySpaceId, a.content);
      return {
        id: a.id,
        textEs: content?.textEs ?? null,
        textEn: content?.textEn ?? null,
        responsibles: a.responsibles,
        dueOn: a.dueOn,
        commitmentId: a.commitmentId,
        createdAt: iso(a.createdAt),
      };
    }),
  );
  const documents = await Promise.all(
    (await documentsOf(db, row.id)).map(async (d) => ({
      id: d.fileId,
      kind: d.kind,
      name: (await open<{ name: string }>(sealer, row.keySpaceId, d.details))?.name ?? '',
      mediaType: d.mediaType,
      byteSize: Number(d.byteSize),
      authorName: d.authorName,
      createdAt: iso(d.createdAt),
    })),
  );
  return {
    meeting: view(ability, row),
    agenda: agenda?.text ?? null,
    minutes: { es: minutes?.es ?? null, en: minutes?.en ?? null },
    agreements,
    trainings: await trainingsOf(db, row.id),
    documents,
  };
}

/** What a meeting's documents may be: images (re-encoded, metadata dropped) and PDF documents. */
const DOCUMENT_ACCEPTED: readonly MediaType[] = [...IMAGE_TYPES, ...DOCUMENT_TYPES];
export const DOCUMENT_KINDS = [
  'agenda',
  'presentation',
  'minutes',
  'report',
  'participants',
  'other',
] as const satisfies readonly MeetingDocumentKind[];
/** Files in one upload: a meeting's papers are sent together, not a whole archive. */
export const DOCUMENTS_PER_UPLOAD = 10;

export interface DocumentForm {
  kind: MeetingDocumentKind;
  files: FormFile[];
}

/**
 * Reads documents sent as multipart/form-data: an optional `kind` (before the files; `other` when
 * absent) and one to ten `file` parts, each ingested through the file pipeline as it streams,
 * sealed under the meeting's key space. A meeting without a network has no key space and takes
 * none (409 before a byte is read). If anything fails, the files already written are removed.
 */
export async function readDocumentForm(app: FastifyInstance, request: FastifyRequest, meeting: ViewRow): Promise<DocumentForm> {
  if (!meeting.keySpaceId) throw new ApiError(409, 'meeting_content_needs_network');
  let kind: MeetingDocumentKind = 'other';
  const files = await readFileForm(app, request, {
    keySpaceId: meeting.keySpaceId,
    accept: DOCUMENT_ACCEPTED,
    unknown: 'form_field_unknown_meeting_document',
    field: (name, value) => {
      if (name !== 'kind') return false;
      const given = value.trim();
      if (!(DOCUMENT_KINDS as readonly string[]).includes(given))
        throw new ApiError(400, 'meeting_document_kind_unknown', { values: DOCUMENT_KINDS.join(', ') }, 'body.kind');
      kind = given as MeetingDocumentKind;
      return true;
    },
    check: (read) => {
      if (read.length === 0) throw new ApiError(400, 'meeting_document_file_required', { limit: DOCUMENTS_PER_UPLOAD }, 'body.file');
      if (read.length > DOCUMENTS_PER_UPLOAD) throw new ApiError(400, 'meeting_documents_too_many', { limit: DOCUMENTS_PER_UPLOAD }, 'body.file');
    },
  });
  return { kind, files };
}

/** Records the documents read by `readDocumentForm` in the caller's transaction; their names sealed. */
export async function recordDocuments(
  trx: Database,
  deps: { sealer: Sealer; files: FileService },
  meeting: ViewRow,
  actorId: string,
  form: DocumentForm,
  now: Date,
): Promise<string[]> {
  if (!meeting.keySpaceId) throw new ApiError(409, 'meeting_content_needs_network');
  const owner = { spaceId: meeting.keySpaceId, itemId: null, now };
  const fileIds: string[] = [];
  for (const file of form.files) {
    const fileId = await deps.files.record(trx, file.pending, { ...owner, createdBy: actorId });
    const detailsId = await insertSealed(trx, deps.sealer, owner, { name: file.name });
    await insertDocument(trx, { fileId, meetingId: meeting.id, kind: form.kind, detailsId, createdBy: actorId, createdAt: now });
    fileIds.push(fileId);
  }
  return fileIds;
}

/** A document of this meeting, or 404 (the same for another meeting's file and for none). */
export async function documentIn(db: Database, meeting: ViewRow, fileId: string): Promise<{ fileId: string; detailsId: string }> {
  const found = await documentOf(db, meeting.id, fileId);
  if (!found) throw new ApiError(404, 'not_found');
  return found;
}

/**
 * Removes a document in the caller's transaction: its row, its sealed name and its file's rows;
 * returns the blob keys to delete once the transaction has committed.
 */
export async function removeDocument(trx: Database, files: FileService, document: { fileId: string; detailsId: string }): Promise<string[]> {
  await deleteDocument(trx, document.fileId);
  await dropSealed(trx, document.detailsId);
  return files.deleteRows(trx, [document.fileId]);
}

export async function summary(db: Database, ability: Ability, query: Parameters<typeof trainingSummary>[2]): Promise<TrainingSummary> {
  const rows = await trainingSummary(db, ability, query);
  return {
    rows: rows.map((r) => ({
      country: r.country,
      topic: r.topic as TrainingSummary['rows'][number]['topic'],
      officials: Number(r.officials),
      meetings: Number(r.meetings),
    })),
  };
}

/** A new calendar key: 32 random bytes, base64url; only its SHA-256 is stored. */
export function newKey(): { key: string; hash: Buffer } {
  const key = randomBytes(32).toString('base64url');
  return { key, hash: hashKey(key) };
}

export const hashKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

export const FEED_PAST_DAYS = 90;
export const FEED_LIMIT = 1000;

/** The iCalendar feed of the meetings the ability reads (metadata only: no agenda, minutes or agreements). */
export async function feed(db: Database, ability: Ability, language: Language, portal: string, now: Date): Promise<{ body: string; count: number }> {
  const rows = await feedRows(db, ability, new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000), FEED_LIMIT);
  const calendar = ical({ name: 'Enlace', prodId: { company: 'Enlace', product: 'calendar', language: language.toUpperCase() } });
  for (const row of rows) {
    const title = language === 'en' ? row.titleEn : row.titleEs;
    calendar.createEvent({
      id: `${row.id}@enlace`,
      stamp: new Date(row.updatedAt),
      start: new Date(row.startsAt),
      end: new Date(row.endsAt),
      summary: row.networkCode ? `${title} — ${row.networkCode}` : title,
      location: row.place ?? row.link ?? null,
      url: `${portal}/meetings/${row.id}`,
      description: row.link ?? null,
    });
  }
  return { body: calendar.toString(), count: rows.length };
}
