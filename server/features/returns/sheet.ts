import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import countries from 'i18n-iso-countries';
import type { Language } from '../../platform/i18n/language.ts';
import { type MessageCode, message } from '../../platform/i18n/messages.ts';
import type { CellError, Column, Dimension } from './schemas.ts';

/**
 * A matrix return as a grid of cells — from the form, an XLSX or a CSV file — checked cell by cell
 * against its template: every refusal names its cell (`C7`) and says why in the caller's language,
 * and a grid with one refusal is not saved at all. Also the blank template file to fill in.
 *
 * The grid's first row holds the headers: each a dimension or a column, by its key or its label in
 * either language (a file made from the Spanish template is read for an English-speaking user too).
 * Every data row gives each dimension and every column: a count is a whole number ≥ 0, and a blank
 * count is refused rather than taken for 0, so that a country says "0" and never forgets a figure.
 */
export type Raw = string | number | null;

export interface Grid {
  /** The sheet's name (XLSX), null for a CSV file, `form` for the form. */
  sheet: string | null;
  /** Row 1 first; each row's cells from column A. */
  rows: Raw[][];
}

export interface MatrixLayout {
  dimensions: Dimension[];
  columns: Column[];
}

export interface MatrixRow {
  dims: string[];
  values: Record<string, number>;
}

export const MAX_ROWS = 5000;
const MAX_ERRORS = 200;
const MAX_COUNT = 1_000_000_000;
const MAX_TEXT = 200;

/** `0 → A`, `27 → AB`. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const text = (raw: Raw): string => (raw === null ? '' : String(raw).trim());
const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();

export const isCountry = (code: string): boolean => /^[A-Z]{3}$/.test(code) && countries.alpha3ToAlpha2(code) !== undefined;

/** The template's headers as a grid's first row: the dimensions, then the columns, in a language. */
export function headers(layout: MatrixLayout, language: Language): string[] {
  const label = (x: { labelEs: string; labelEn: string }) => (language === 'es' ? x.labelEs : x.labelEn);
  return [...layout.dimensions.map(label), ...layout.columns.map(label)];
}

/** The form's rows as a grid: keys as headers, then each row's dimensions and values in the template's order (a value past the last column gets a header no template has). */
export function formGrid(layout: MatrixLayout, rows: { dims: string[]; values: string[] }[]): Grid {
  const width = Math.max(layout.columns.length, ...rows.map((r) => r.values.length));
  const header = [
    ...layout.dimensions.map((d) => d.key),
    ...Array.from({ length: width }, (_, i) => layout.columns[i]?.key ?? `(${columnLetter(layout.dimensions.length + i)})`),
  ];
  return {
    sheet: 'form',
    rows: [
      header,
      ...rows.map((r) => [...layout.dimensions.map((_, i) => r.dims[i] ?? null), ...Array.from({ length: width }, (_, i) => r.values[i] ?? null)]),
    ],
  };
}

/** Checks a grid against a matrix template: its rows, or every refused cell. */
export function readGrid(layout: MatrixLayout, grid: Grid, language: Language): { rows: MatrixRow[] } | { errors: CellError[] } {
  const errors: CellError[] = [];
  const refuse = (row: number, col: number, code: MessageCode, params: Record<string, string | number> = {}) => {
    if (errors.length < MAX_ERRORS) {
      const cell = `${columnLetter(col)}${row + 1}`;
      errors.push({ sheet: grid.sheet, cell, code, message: message(language, code, { cell, ...params }) });
    }
  };
  const label = (x: { labelEs: string; labelEn: string }) => (language === 'es' ? x.labelEs : x.labelEn);

  // The header row: which column of the grid holds which dimension or count.
  type Target = { kind: 'dimension'; index: number } | { kind: 'column'; key: string };
  const names = new Map<string, Target>();
  layout.dimensions.forEach((d, index) => {
    for (const n of [d.key, d.labelEs, d.labelEn]) names.set(fold(n), { kind: 'dimension', index });
  });
  for (const c of layout.columns) for (const n of [c.key, c.labelEs, c.labelEn]) names.set(fold(n), { kind: 'column', key: c.key });
  const header = grid.rows[0] ?? [];
  const at = new Map<number, Target>();
  const seen = new Set<string>();
  for (const [col, raw] of header.entries()) {
    const value = text(raw);
    if (!value) continue;
    const target = names.get(fold(value));
    const id = target && (target.kind === 'dimension' ? `d${target.index}` : `c${target.key}`);
    if (!target || !id) refuse(0, col, 'cell_header_unknown', { value: value.slice(0, 60) });
    else if (seen.has(id)) refuse(0, col, 'cell_header_repeated', { value: value.slice(0, 60) });
    else {
      seen.add(id);
      at.set(col, target);
    }
  }
  const missing = [...layout.dimensions.filter((_, i) => !seen.has(`d${i}`)), ...layout.columns.filter((c) => !seen.has(`c${c.key}`))];
  missing.forEach((m, i) => {
    refuse(0, header.length + i, 'cell_header_missing', { name: label(m) });
  });
  if (errors.length) return { errors };

  const dimensionCol = layout.dimensions.map((_, index) => [...at].find(([, t]) => t.kind === 'dimension' && t.index === index)![0]);
  const columnCol = layout.columns.map((c) => [...at].find(([, t]) => t.kind === 'column' && t.key === c.key)![0]);
  const rows: MatrixRow[] = [];
  const firstSeen = new Map<string, number>();
  const body = grid.rows.slice(1);
  if (body.filter((r) => r.some((c) => text(c) !== '')).length > MAX_ROWS) {
    refuse(MAX_ROWS + 1, 0, 'cell_too_many_rows', { limit: MAX_ROWS });
    return { errors };
  }
  body.forEach((cells, offset) => {
    const row = offset + 1;
    if (!cells.some((c) => text(c) !== '')) return;
    const dims = layout.dimensions.map((d, i) => {
      const col = dimensionCol[i]!;
      const value = text(cells[col] ?? null);
      if (!value) {
        refuse(row, col, 'cell_required', { name: label(d) });
        return '';
      }
      if (value.length > MAX_TEXT) refuse(row, col, 'cell_too_long', { limit: MAX_TEXT });
      if (d.type === 'country') {
        const code = value.toUpperCase();
        if (!isCountry(code)) refuse(row, col, 'cell_country_unknown', { value: value.slice(0, 60) });
        return code;
      }
      if (d.type === 'choice') {
        const choice = (d.values ?? []).find((v) => [v.key, v.labelEs, v.labelEn].some((n) => fold(n) === fold(value)));
        if (!choice) refuse(row, col, 'cell_choice_unknown', { value: value.slice(0, 60), values: (d.values ?? []).map(label).join(', ') });
        return choice?.key ?? '';
      }
      return value.replace(/\s+/g, ' ');
    });
    const values: Record<string, number> = {};
    for (const [i, c] of layout.columns.entries()) {
      const col = columnCol[i]!;
      const raw = cells[col] ?? null;
      const value = text(raw);
      const number = typeof raw === 'number' ? raw : /^[+-]?\d+([.,]\d+)?$/.test(value) ? Number(value.replace(',', '.')) : Number.NaN;
      if (!value) refuse(row, col, 'cell_required', { name: label(c) });
      else if (Number.isNaN(number)) refuse(row, col, 'cell_not_a_number', { value: value.slice(0, 40) });
      else if (number < 0) refuse(row, col, 'cell_negative');
      else if (!Number.isInteger(number)) refuse(row, col, 'cell_not_integer');
      else if (number > MAX_COUNT) refuse(row, col, 'cell_too_large', { limit: MAX_COUNT });
      else values[c.key] = number;
    }
    const identity = JSON.stringify(dims.map(fold));
    const earlier = firstSeen.get(identity);
    if (earlier !== undefined) refuse(row, dimensionCol[0]!, 'cell_row_repeated', { row: earlier + 1 });
    else firstSeen.set(identity, row);
    rows.push({ dims, values });
  });
  return errors.length ? { errors } : { rows };
}

/** What a file's first bytes say it is: an XLSX (a ZIP container), text taken for CSV, or neither. */
export function sniff(data: Buffer): 'xlsx' | 'csv' | null {
  if (data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  const head = data.subarray(0, 64 * 1024);
  if (head.includes(0)) return null;
  try {
    // `stream`: a character cut at the end of the sample is not a fault.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
  return 'csv';
}

/** An XLSX workbook's first sheet as a grid (a formula counts by its result). */
export async function xlsxGrid(data: Buffer): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { sheet: null, rows: [] };
  const rows: Raw[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Raw[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      cells[colNumber - 1] = cellValue(cell.value);
    });
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? null);
  });
  return { sheet: sheet.name, rows: Array.from(rows, (r) => r ?? []) };
}

function cellValue(value: ExcelJS.CellValue): Raw {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

/** A CSV file as a grid: UTF-8 (with or without BOM), comma or semicolon separated (what spreadsheets write in Spanish). */
export function csvGrid(data: Buffer): Grid {
  const textual = data.toString('utf8');
  const firstLine = textual.slice(0, textual.indexOf('\n') === -1 ? undefined : textual.indexOf('\n'));
  const delimiter = (firstLine.match(/;/g) ?? []).length > (firstLine.match(/,/g) ?? []).length ? ';' : ',';
  const records = parse(textual, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  return { sheet: null, rows: records.map((r) => r.map((c) => (c === '' ? null : c))) };
}

/** The blank template: the headers in the reader's language, and a second sheet with what each dimension takes. */
export async function blankXlsx(title: string, layout: MatrixLayout, language: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Enlace';
  const sheet = workbook.addWorksheet(language === 'es' ? 'Declaracion' : 'Return');
  const header = sheet.addRow(headers(layout, language));
  header.font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: layout.dimensions.length, ySplit: 1 }];
  sheet.columns.forEach((column) => {
    column.width = 22;
  });
  const help = workbook.addWorksheet(language === 'es' ? 'Ayuda' : 'Help');
  help.addRow([title]).font = { bold: true };
  for (const d of layout.dimensions) {
    const label = language === 'es' ? d.labelEs : d.labelEn;
    const accepted =
      d.type === 'country'
        ? language === 'es'
          ? 'Código de país ISO 3166-1 alfa-3 (p. ej. CHN, IND, CMR)'
          : 'ISO 3166-1 alpha-3 country code (e.g. CHN, IND, CMR)'
        : d.type === 'choice'
          ? (d.values ?? []).map((v) => (language === 'es' ? v.labelEs : v.labelEn)).join(' | ')
          : language === 'es'
            ? 'Texto'
            : 'Text';
    help.addRow([label, accepted]);
  }
  help.addRow([
    language === 'es' ? 'Cifras: números enteros ≥ 0 (escriba 0, no deje vacío)' : 'Figures: whole numbers ≥ 0 (write 0, do not leave blank)',
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function blankCsv(layout: MatrixLayout, language: Language): string {
  return `\uFEFF${stringify([headers(layout, language)])}`;
}
