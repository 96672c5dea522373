import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Language } from '../../platform/i18n/language.ts';
import type { Rollup } from './schemas.ts';

/**
 * The files of returns besides the blank template (sheet.ts): the bound on what an uploaded XLSX
 * may unpack to, and the roll-up's CSV and XLSX exports — the figures of the chart, one row per
 * period and group, every column, then the totals of adults and minors.
 */

/** What an uploaded return may weigh, and what its XLSX container may unpack to (a decompression bomb is refused unread). */
export const RETURN_FILE_LIMIT = 2 * 1024 * 1024;
export const XLSX_UNPACKED_LIMIT = 64 * 1024 * 1024;

/**
 * The sum of the uncompressed sizes a ZIP container's central directory declares, or null when
 * there is no readable directory. The XLSX reader unpacks in memory, so this is asked first.
 */
export function zipUnpackedSize(data: Buffer): number | null {
  const END = 0x06054b50;
  const ENTRY = 0x02014b50;
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (data.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== ENTRY) return null;
    total += data.readUInt32LE(offset + 24);
    offset += 46 + data.readUInt16LE(offset + 28) + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return total;
}

function table(rollup: Rollup, language: Language): (string | number)[][] {
  const es = language === 'es';
  const by = rollup.by === 'country' ? (es ? 'País' : 'Country') : rollup.template.dimensions.find((d) => d.key === rollup.by);
  const byLabel = typeof by === 'string' ? by : es ? (by?.labelEs ?? rollup.by) : (by?.labelEn ?? rollup.by);
  const header = [
    es ? 'Periodo' : 'Period',
    byLabel,
    es ? 'Código' : 'Code',
    ...rollup.template.columns.map((c) => (es ? c.labelEs : c.labelEn)),
    es ? 'Adultos' : 'Adults',
    es ? 'Menores' : 'Minors',
    'Total',
  ];
  return [
    header,
    ...rollup.rows.map((r) => [r.period, r.label, r.key, ...rollup.template.columns.map((c) => r.values[c.key] ?? 0), r.adults, r.minors, r.total]),
  ];
}

export function rollupCsv(rollup: Rollup, language: Language): string {
  return `\uFEFF${stringify(table(rollup, language))}`;
}

export async function rollupXlsx(rollup: Rollup, language: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Enlace';
  const sheet = workbook.addWorksheet(language === 'es' ? 'Consolidado' : 'Roll-up');
  const rows = table(rollup, language);
  sheet.addRow([language === 'es' ? rollup.template.titleEs : rollup.template.titleEn]).font = { bold: true };
  sheet.addRow(rows[0]!).font = { bold: true };
  for (const row of rows.slice(1)) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
