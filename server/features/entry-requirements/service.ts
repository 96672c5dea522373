import { subject } from '@casl/ability';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Ability } from '../../../policies/ability.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanLine, cleanText, lineOrNull, textOrNull } from '../../platform/http/text.ts';
import type { Language } from '../../platform/i18n/language.ts';
import { type MessageCode, message } from '../../platform/i18n/messages.ts';
import { addNotifications } from '../../platform/notifications/store.ts';
import { MEMBER_COUNTRIES } from '../../platform/reference/countries.ts';
import { STATE_CODES } from '../../platform/reference/terms.ts';
import { type Cell, type CellRow, type ChangeRow, contactPoints, type ProposalRow, type Values, valuesOf } from './queries.ts';
import {
  type CellBody,
  type CellView,
  type ChangeView,
  DAYS_MAX,
  EXCEPTIONS_MAX,
  type ImportError,
  NOTE_MAX,
  type ProposalView,
  REQUIREMENTS,
  SOURCE_MAX,
} from './schemas.ts';

/**
 * The entry-authorisation matrix: what the routes do, between the schemas and the SQL. Everything
 * is in clear (reference information); every change writes its history (queries.ts `setCell`) and
 * tells the member countries' contact points and substitutes (a notice of kind
 * `entry_requirement_changed`, mailed as each chose), in the same transaction.
 */

const iso = (value: Date | string): string => new Date(value).toISOString();

/** What the caller may do with the matrix, for the web application. */
export function matrixPermissions(ability: Ability) {
  const proposeFor = MEMBER_COUNTRIES.find((destination) => ability.can('propose', subject('EntryRequirement', { destination }))) ?? null;
  return {
    update: ability.can('update', 'EntryRequirement'),
    import: ability.can('import', 'EntryRequirement'),
    decide: ability.can('decide', 'EntryRequirementProposal'),
    proposeFor,
  };
}

export const cellView = (row: CellRow): CellView => ({
  destination: row.destination,
  nationality: row.nationality,
  ...valuesOf(row),
  version: row.version,
  updatedAt: iso(row.updatedAt),
});

export const changeView = (row: ChangeRow): ChangeView => ({
  id: row.id,
  destination: row.destination,
  nationality: row.nationality,
  oldValue: (row.oldValue as Values | null) ?? null,
  newValue: (row.newValue as Values | null) ?? null,
  source: row.source,
  proposalId: row.proposalId,
  changedByName: row.changedByName,
  changedByCountry: row.changedByCountry,
  changedAt: iso(row.changedAt),
});

export const proposalView = (row: ProposalRow): ProposalView => ({
  id: row.id,
  destination: row.destination,
  nationality: row.nationality,
  proposed: valuesOf(row),
  current: row.current,
  reason: row.reason,
  status: row.status,
  proposedByName: row.proposedByName,
  proposedCountry: row.proposedCountry,
  proposedAt: iso(row.proposedAt),
  decidedAt: row.decidedAt ? iso(row.decidedAt) : null,
  decisionNote: row.decisionNote,
});

/** A member country's own nationals need nothing to enter it: that cell is not part of the matrix. */
export function checkCell(cell: Cell, field = 'params.nationality'): void {
  if (cell.destination === cell.nationality) throw new ApiError(400, 'entry_requirement_own_nationals', {}, field);
}

/** The values as stored: texts cleaned, days only with `none`. */
export function cellValues(body: CellBody, prefix = 'body'): Values {
  if (body.requirement !== 'none' && body.daysAllowed != null)
    throw new ApiError(400, 'entry_requirement_days_none_only', {}, `${prefix}.daysAllowed`);
  return {
    requirement: body.requirement,
    daysAllowed: body.daysAllowed ?? null,
    exceptionsEs: textOrNull(body.exceptionsEs),
    exceptionsEn: textOrNull(body.exceptionsEn),
    legalSource: lineOrNull(body.legalSource),
    effectiveOn: body.effectiveOn ?? null,
    note: textOrNull(body.note),
  };
}

/**
 * Tells the member countries' contact points and substitutes that cells changed: one notice each per
 * change made (an import is one change), naming the cell — or, when several changed, what they share.
 */
export async function noticeChanges(trx: Database, keyring: Keyring, actorId: string, cells: Cell[], now: Date): Promise<number> {
  if (cells.length === 0) return 0;
  const common = (key: keyof Cell) => (cells.every((c) => c[key] === cells[0]![key]) ? cells[0]![key] : null);
  const destination = common('destination');
  const nationality = common('nationality');
  const users = await contactPoints(trx, actorId);
  const added = await addNotifications(
    trx,
    keyring,
    users.map((userId) => ({
      userId,
      kind: 'entry_requirement_changed' as const,
      itemId: null,
      destination,
      nationality,
      label: null,
      mail: true,
    })),
    now,
  );
  return added.length;
}

export const EXPORT_LIMIT = 5000;
export const IMPORT_ROWS = 5000;
const MAX_ERRORS = 100;

/** The CSV's columns, in order: the same for export and import, so a file exported comes back as it went. */
export const COLUMNS = [
  'destination',
  'nationality',
  'requirement',
  'days_allowed',
  'exceptions_es',
  'exceptions_en',
  'legal_source',
  'effective_on',
  'note',
] as const;
type Column = (typeof COLUMNS)[number];

/** A spreadsheet must not run a cell as a formula (OWASP): a leading = + - @ or control gets an apostrophe, taken off on import. */
const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const uninert = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

export function exportCsv(rows: CellRow[]): string {
  const lines = rows.map((r) =>
    [
      r.destination,
      r.nationality,
      r.requirement,
      r.daysAllowed === null ? '' : String(r.daysAllowed),
      r.exceptionsEs ?? '',
      r.exceptionsEn ?? '',
      r.legalSource ?? '',
      r.effectiveOn ?? '',
      r.note ?? '',
    ].map(inert),
  );
  return stringify([[...COLUMNS], ...lines]);
}

export type ImportResult = { cells: (Cell & Values)[] } | { errors: ImportError[] };

const STATES = new Set(STATE_CODES);
const DESTINATIONS = new Set<string>(MEMBER_COUNTRIES);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (value: string) =>
  DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * Reads an import file: the header names the columns (any order; destination, nationality and
 * requirement required), each row one cell. Every cell is checked; any wrong one refuses the whole
 * file, each named by its row (the header is row 1) and column, in the caller's language.
 */
export function readImport(data: Buffer, language: Language): ImportResult {
  const errors: ImportError[] = [];
  const refuse = (row: number, column: string, code: MessageCode, params: Record<string, string | number> = {}) => {
    if (errors.length < MAX_ERRORS) errors.push({ row, column, code, message: message(language, code, { row, column, ...params }) });
  };
  let records: string[][];
  try {
    const text = data.toString('utf8');
    const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
    const delimiter = (firstLine.match(/;/g) ?? []).length > (firstLine.match(/,/g) ?? []).length ? ';' : ',';
    records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    throw new ApiError(400, 'entry_import_unreadable');
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const at = new Map<Column, number>();
  header.forEach((name, i) => {
    if (!(COLUMNS as readonly string[]).includes(name)) refuse(1, name.slice(0, 40) || `#${i + 1}`, 'entry_import_column_unknown');
    else if (at.has(name as Column)) refuse(1, name, 'entry_import_column_repeated');
    else at.set(name as Column, i);
  });
  for (const required of ['destination', 'nationality', 'requirement'] as const)
    if (!at.has(required)) refuse(1, required, 'entry_import_column_missing');
  if (errors.length) return { errors };
  if (records.length - 1 > IMPORT_ROWS) {
    refuse(IMPORT_ROWS + 2, 'destination', 'entry_import_too_many_rows', { limit: IMPORT_ROWS });
    return { errors };
  }
  if (records.length < 2) throw new ApiError(400, 'entry_import_empty');

  const cells: (Cell & Values)[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, index) => {
    const row = index + 2;
    const value = (column: Column) => {
      const i = at.get(column);
      return i === undefined ? '' : uninert((record[i] ?? '').trim());
    };
    const destination = value('destination').toUpperCase();
    const nationality = value('nationality').toUpperCase();
    const requirement = value('requirement');
    if (!DESTINATIONS.has(destination)) refuse(row, 'destination', 'entry_import_destination_unknown', { value: destination.slice(0, 20) });
    if (!STATES.has(nationality)) refuse(row, 'nationality', 'entry_import_nationality_unknown', { value: nationality.slice(0, 20) });
    else if (nationality === destination) refuse(row, 'nationality', 'entry_import_own_nationals');
    if (!(REQUIREMENTS as readonly string[]).includes(requirement))
      refuse(row, 'requirement', 'entry_import_requirement_unknown', { value: requirement.slice(0, 40), values: REQUIREMENTS.join(', ') });
    const daysText = value('days_allowed');
    let daysAllowed: number | null = null;
    if (daysText) {
      daysAllowed = Number(daysText);
      if (!/^\d+$/.test(daysText) || daysAllowed < 1 || daysAllowed > DAYS_MAX)
        refuse(row, 'days_allowed', 'entry_import_days_invalid', { limit: DAYS_MAX });
      else if (requirement !== 'none') refuse(row, 'days_allowed', 'entry_import_days_none_only');
    }
    const effectiveOn = value('effective_on');
    if (effectiveOn && !validDay(effectiveOn)) refuse(row, 'effective_on', 'entry_import_date_invalid', { value: effectiveOn.slice(0, 20) });
    const texts: [Column, number, boolean][] = [
      ['exceptions_es', EXCEPTIONS_MAX, true],
      ['exceptions_en', EXCEPTIONS_MAX, true],
      ['legal_source', SOURCE_MAX, false],
      ['note', NOTE_MAX, true],
    ];
    const cleaned: Partial<Record<Column, string | null>> = {};
    for (const [column, limit, multiline] of texts) {
      const raw = value(column);
      // Unpaired surrogates cannot be stored: they refuse the cell (a NUL refused the whole file already).
      if (!raw.isWellFormed()) refuse(row, column, 'entry_import_text_invalid');
      const text = multiline ? cleanText(raw) : cleanLine(raw);
      if (text.length > limit) refuse(row, column, 'entry_import_text_too_long', { limit });
      cleaned[column] = text || null;
    }
    const key = `${destination}:${nationality}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) refuse(row, 'nationality', 'entry_import_row_repeated', { earlier });
    seen.set(key, row);
    cells.push({
      destination,
      nationality,
      requirement: requirement as Values['requirement'],
      daysAllowed,
      exceptionsEs: cleaned.exceptions_es ?? null,
      exceptionsEn: cleaned.exceptions_en ?? null,
      legalSource: cleaned.legal_source ?? null,
      effectiveOn: effectiveOn || null,
      note: cleaned.note ?? null,
    });
  });
  return errors.length ? { errors } : { cells };
}
