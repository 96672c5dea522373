import { subject } from '@casl/ability';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Ability, permissions } from '../../../policies/ability.ts';
import { type CommitmentRow, insertCommitment, keySpaceOf } from '../../platform/commitments/create.ts';
import { insertSealed, openRecord } from '../../platform/crypto/sealed-records.ts';
import type { Sealer } from '../../platform/crypto/sealer.ts';
import type { Database } from '../../platform/db/database.ts';
import type { CommitmentStatus } from '../../platform/db/schema.ts';
import { DOCUMENT_TYPES, type FileService, IMAGE_TYPES, type MediaType } from '../../platform/files/files.ts';
import { type FormFile, readFileForm } from '../../platform/files/form.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanText, lineOrNull, textOrNull } from '../../platform/http/text.ts';
import type { Language } from '../../platform/i18n/language.ts';
import { firstUnknownPlace, placeNamer } from '../../platform/reference/places.ts';
import {
  exportRows,
  type Filters,
  findCommitment,
  insertEvidence,
  insertUpdate,
  listPage,
  networkExists,
  setResponsibles,
  type UpdateRow,
  updateCommitment,
  updatesOf,
  type ViewRow,
} from './queries.ts';
import {
  type CommitmentBody,
  type CommitmentPage,
  type CommitmentPatch,
  type CommitmentView,
  NOTE_MAX,
  STATUSES,
  type UpdateView,
} from './schemas.ts';

/**
 * Commitments: what the routes do, between the schemas and the SQL. The activity and its calendar
 * are in clear; an update's note and its evidence files are sealed under the network's key space
 * (SECURITY.md: free text a country writes about its own work may carry operational detail, and a
 * leaked database must not reveal it), so readers of metadata only (auditors) never get them.
 */

/** What evidence may be: images (re-encoded, metadata dropped) and PDF documents, as item attachments. */
const ACCEPTED: readonly MediaType[] = [...IMAGE_TYPES, ...DOCUMENT_TYPES];

/** The day in UTC (the clock's, so tests move it). */
export const dayOf = (now: Date): string => now.toISOString().slice(0, 10);

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The policy's view of a commitment (its network and responsible), for single checks. */
const subjectOf = (row: Pick<ViewRow, 'networkId' | 'responsibles'>) => ({
  networkId: row.networkId,
  responsibles: row.responsibles.map((r) => r.responsible),
});

export function view(ability: Ability, row: ViewRow): CommitmentView {
  const allowed = permissions(ability, 'Commitment', subjectOf(row), ['update', 'report'] as const);
  return {
    id: row.id,
    network: { id: row.networkId, code: row.networkCode, nameEs: row.networkNameEs, nameEn: row.networkNameEn },
    plan: row.plan,
    source: row.source,
    agreementId: row.agreementId,
    meetingId: row.meetingId,
    activityEs: row.activityEs,
    activityEn: row.activityEn,
    indicatorEs: row.indicatorEs,
    indicatorEn: row.indicatorEn,
    calendar: row.calendar,
    dueOn: row.dueOn,
    startsOn: row.startsOn,
    currentDueOn: row.currentDueOn,
    responsibles: row.responsibles.map((r) => ({
      responsible: r.responsible,
      status: r.status,
      statusAt: iso(r.statusAt),
      overdue: Boolean(r.overdue),
    })),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    permissions: { ...allowed, readContent: readsContent(ability, row) },
  };
}

/** Notes and evidence: the field `content`, which readers of metadata only lack. */
const readsContent = (ability: Ability, row: Pick<ViewRow, 'networkId' | 'responsibles'>) =>
  ability.can('read', subject('Commitment', subjectOf(row)), 'content');

/** A readable commitment, or 404 — the same whether it does not exist or is not the caller's to read. */
export async function readCommitment(db: Database, ability: Ability, id: string, now: Date): Promise<ViewRow> {
  const row = await findCommitment(db, ability, id, dayOf(now));
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

export async function listCommitments(
  db: Database,
  ability: Ability,
  query: Filters & { page?: number | undefined; pageSize?: number | undefined },
  now: Date,
): Promise<CommitmentPage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const found = await listPage(db, ability, query, dayOf(now), page, pageSize);
  const counts = found.counts ?? { notStarted: 0, inProgress: 0, done: 0, overdue: 0 };
  return {
    total: found.total,
    page,
    pageSize,
    counts: { not_started: counts.notStarted, in_progress: counts.inProgress, done: counts.done, overdue: counts.overdue },
    plans: found.plans,
    items: found.items.map((row) => view(ability, row)),
  };
}

/** The calendar's dates and the texts, as stored: checked together, since each depends on the others. */
function commitmentFields(input: Omit<CommitmentBody, 'networkId' | 'responsibles'>): Omit<CommitmentRow, 'networkId' | 'keySpaceId'> {
  const fields = {
    plan: lineOrNull(input.plan),
    source: lineOrNull(input.source),
    activityEs: textOrNull(input.activityEs),
    activityEn: textOrNull(input.activityEn),
    indicatorEs: textOrNull(input.indicatorEs),
    indicatorEn: textOrNull(input.indicatorEn),
    calendar: input.calendar,
    dueOn: input.dueOn ?? null,
    startsOn: input.startsOn ?? null,
  };
  if (!fields.activityEs && !fields.activityEn) throw new ApiError(400, 'commitment_activity_required', {}, 'body.activityEs');
  if (fields.dueOn && fields.calendar !== 'once') throw new ApiError(400, 'commitment_due_once_only', {}, 'body.dueOn');
  const periodic = fields.calendar === 'semiannual' || fields.calendar === 'annual';
  if (periodic && !fields.startsOn) throw new ApiError(400, 'commitment_start_required', {}, 'body.startsOn');
  if (!periodic && fields.startsOn) throw new ApiError(400, 'commitment_start_periodic_only', {}, 'body.startsOn');
  return fields;
}

/** Responsible: member countries, the Secretariat or registered organisations (the table says which). */
async function checkResponsibles(trx: Database, codes: readonly string[]): Promise<void> {
  const unknown = await firstUnknownPlace(trx, codes);
  if (unknown) throw new ApiError(400, 'invalid_country', { code: unknown }, 'body.responsibles');
}

export async function createCommitment(trx: Database, actorId: string, body: CommitmentBody, now: Date): Promise<string> {
  const fields = commitmentFields(body);
  if (!(await networkExists(trx, body.networkId))) throw new ApiError(400, 'network_unknown', {}, 'body.networkId');
  await checkResponsibles(trx, body.responsibles);
  const keySpace = await keySpaceOf(trx, body.networkId);
  if (!keySpace) throw new ApiError(409, 'network_without_space');
  return insertCommitment(trx, { ...fields, networkId: body.networkId, keySpaceId: keySpace.id }, body.responsibles, actorId, now);
}

/** A patch over the stored commitment: a new calendar brings its own dates (those not sent are cleared). */
export async function editCommitment(trx: Database, current: ViewRow, patch: CommitmentPatch, now: Date): Promise<void> {
  const has = (key: keyof CommitmentPatch) => key in patch;
  const pick = <K extends keyof CommitmentPatch>(key: K, stored: CommitmentPatch[K]) => (has(key) ? patch[key] : stored);
  const calendarChanged = has('calendar') && patch.calendar !== current.calendar;
  const fields = commitmentFields({
    plan: pick('plan', current.plan),
    source: pick('source', current.source),
    activityEs: pick('activityEs', current.activityEs),
    activityEn: pick('activityEn', current.activityEn),
    indicatorEs: pick('indicatorEs', current.indicatorEs),
    indicatorEn: pick('indicatorEn', current.indicatorEn),
    calendar: patch.calendar ?? current.calendar,
    dueOn: calendarChanged ? (patch.dueOn ?? null) : pick('dueOn', current.dueOn),
    startsOn: calendarChanged ? (patch.startsOn ?? null) : pick('startsOn', current.startsOn),
  });
  await updateCommitment(trx, current.id, fields, now);
  if (patch.responsibles) {
    await checkResponsibles(trx, patch.responsibles);
    const kept = await setResponsibles(trx, current.id, current.networkId, patch.responsibles);
    if (kept.length) throw new ApiError(409, 'responsible_has_updates', { responsibles: kept.join(', ') }, 'body.responsibles');
  }
}

export interface UpdateForm {
  status: CommitmentStatus;
  note: string | null;
  files: FormFile[];
}

/**
 * Reads a status update sent as multipart/form-data: `status`, an optional `note`, and `file` parts
 * (evidence), each file ingested through the file pipeline as it streams. If anything fails, the
 * files already written are removed.
 */
export async function readUpdateForm(app: FastifyInstance, request: FastifyRequest, keySpaceId: string): Promise<UpdateForm> {
  // Typed as the union from the start: the field callback sets it, which TypeScript does not follow.
  let status = null as CommitmentStatus | null;
  let note: string | null = null;
  const files = await readFileForm(app, request, {
    keySpaceId,
    accept: ACCEPTED,
    unknown: 'form_field_unknown_update',
    field: (name, value) => {
      if (name === 'status') {
        const given = value.trim();
        if (!(STATUSES as readonly string[]).includes(given))
          throw new ApiError(400, 'commitment_status_unknown', { values: STATUSES.join(', ') }, 'body.status');
        status = given as CommitmentStatus;
      } else if (name === 'note') {
        const cleaned = cleanText(value);
        if (cleaned.length > NOTE_MAX) throw new ApiError(400, 'commitment_note_too_long', { limit: NOTE_MAX }, 'body.note');
        note = cleaned || null;
      } else {
        return false;
      }
      return true;
    },
    check: () => {
      if (!status) throw new ApiError(400, 'commitment_status_required', {}, 'body.status');
    },
  });
  // `check` refused the form without a status.
  return { status: status as CommitmentStatus, note, files };
}

/** Records an update, its sealed note and its evidence in the caller's transaction; the trigger makes it the responsible's status. */
export async function recordUpdate(
  trx: Database,
  deps: { sealer: Sealer; files: FileService },
  commitment: Pick<ViewRow, 'id' | 'keySpaceId'>,
  author: { id: string; country: string },
  form: UpdateForm,
  now: Date,
): Promise<{ updateId: string; fileIds: string[] }> {
  const owner = { spaceId: commitment.keySpaceId, itemId: null, now };
  const noteId = form.note === null ? null : await insertSealed(trx, deps.sealer, owner, { note: form.note });
  const updateId = await insertUpdate(trx, {
    commitmentId: commitment.id,
    responsible: author.country,
    status: form.status,
    noteId,
    authorId: author.id,
    authorCountry: author.country,
    createdAt: now,
  });
  const fileIds: string[] = [];
  for (const file of form.files) {
    const fileId = await deps.files.record(trx, file.pending, { ...owner, createdBy: author.id });
    const detailsId = await insertSealed(trx, deps.sealer, owner, { name: file.name });
    await insertEvidence(trx, { fileId, updateId, detailsId });
    fileIds.push(fileId);
  }
  return { updateId, fileIds };
}

/** A commitment's history; notes and evidence opened only for those who may read them. */
export async function historyOf(db: Database, sealer: Sealer, ability: Ability, commitment: ViewRow): Promise<UpdateView[]> {
  const content = readsContent(ability, commitment);
  const rows = await updatesOf(db, commitment.id);
  return Promise.all(
    rows.map(async (row: UpdateRow) => ({
      id: row.id,
      responsible: row.responsible,
      status: row.status,
      note: content && row.note ? (await openRecord<{ note: string }>(sealer, commitment.keySpaceId, row.note)).note : null,
      authorName: row.authorName,
      authorCountry: row.authorCountry,
      createdAt: iso(row.createdAt)!,
      evidenceCount: row.evidence.length,
      evidence: content
        ? await Promise.all(
            row.evidence.map(async (e) => ({
              id: e.id,
              name: (await openRecord<{ name: string }>(sealer, commitment.keySpaceId, e.details)).name,
              mediaType: e.mediaType,
              byteSize: Number(e.byteSize),
            })),
          )
        : [],
    })),
  );
}

export const EXPORT_LIMIT = 5000;

const WORDS: Record<string, { es: string; en: string }> = {
  once: { es: 'Una vez', en: 'Once' },
  semiannual: { es: 'Cada seis meses', en: 'Every six months' },
  annual: { es: 'Anual', en: 'Annual' },
  continuous: { es: 'Continuo', en: 'Continuous' },
  not_started: { es: 'No iniciado', en: 'Not started' },
  in_progress: { es: 'En curso', en: 'In progress' },
  done: { es: 'Cumplido', en: 'Done' },
};

/** A spreadsheet must not run a cell as a formula (OWASP): a leading = + - @ or control gets an apostrophe. */
const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The filtered list as CSV, one line per commitment and responsible, ISO dates, words in the language asked. */
export async function exportCsv(
  db: Database,
  ability: Ability,
  filters: Filters,
  language: Language,
  now: Date,
): Promise<{ body: string; count: number }> {
  const rows = await exportRows(db, ability, filters, dayOf(now), EXPORT_LIMIT + 1);
  if (rows.length > EXPORT_LIMIT) throw new ApiError(413, 'commitment_export_too_large', { limit: EXPORT_LIMIT });
  const en = language === 'en';
  const place = await placeNamer(
    db,
    rows.flatMap((row) => row.responsibles.map((r) => r.responsible)),
    language,
  );
  const header = en
    ? ['id', 'network', 'plan', 'activity', 'indicator', 'calendar', 'due', 'responsible', 'status', 'status since', 'overdue']
    : ['id', 'red', 'plan', 'actividad', 'indicador', 'calendario', 'vence', 'responsable', 'estado', 'estado desde', 'atrasado'];
  const lines: string[][] = [];
  for (const row of rows) {
    const text = (es: string | null, english: string | null) => (en ? (english ?? es) : (es ?? english)) ?? '';
    for (const r of row.responsibles) {
      lines.push([
        row.id,
        row.networkCode,
        row.plan ?? '',
        text(row.activityEs, row.activityEn),
        text(row.indicatorEs, row.indicatorEn),
        WORDS[row.calendar]![language],
        row.currentDueOn ?? '',
        place(r.responsible),
        WORDS[r.status]![language],
        iso(r.statusAt) ?? '',
        r.overdue ? (en ? 'yes' : 'sí') : 'no',
      ]);
    }
  }
  return { body: stringify([header, ...lines.map((l) => l.map(inert))]), count: rows.length };
}
