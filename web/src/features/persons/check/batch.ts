/**
 * A list of persons to check, pasted or read from a CSV file, parsed here in the browser: one
 * person a line, `names;dateOfBirth;nationality` — several names (aliases) separated by `|`, the
 * date as YYYY-MM-DD, DD/MM/YYYY or a year, the nationality in alpha-3 or empty. A header line is
 * skipped, as are blank lines and lines starting with `#`. Nothing of it leaves the page but the
 * check's request body.
 */
import { BIRTH_DATE, birthDate } from '../form/values.ts';

export interface BatchEntry {
  /** The line of the text it came from (1 for the first). */
  line: number;
  names: string[];
  dateOfBirth: string;
  nationality: string;
}

export type BatchProblemKind = 'columns' | 'name' | 'date' | 'nationality' | 'tooMany';

export interface BatchProblem {
  line: number;
  kind: BatchProblemKind;
}

/** The most names one entry takes (the server's limit). */
const MAX_NAMES = 5;
const LETTERS = /\p{L}.*\p{L}/u;
const STATE = /^[A-Z]{3}$/;
const HEADER = /name|nombre|birth|nacim|fecha|date/i;

/** One line's fields: separated by `;` (or a tab), each maybe in double quotes (`""` inside for a quote). */
export function splitLine(line: string): string[] {
  const delimiter = line.includes(';') || !line.includes('\t') ? ';' : '\t';
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

export function parseBatch(text: string, max: number): { entries: BatchEntry[]; problems: BatchProblem[] } {
  const entries: BatchEntry[] = [];
  const problems: BatchProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let first = true;
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    const [names = '', date = '', nationality = '', ...rest] = splitLine(raw);
    const wasFirst = first;
    first = false;
    // A header: the first line, whose second column is no date but reads like a column's name.
    if (wasFirst && !/\d/.test(date) && HEADER.test(`${names} ${date}`)) continue;
    if (rest.some((r) => r !== '')) {
      problems.push({ line, kind: 'columns' });
      continue;
    }
    const nameList = names
      .split('|')
      .map((n) => n.trim())
      .filter(Boolean);
    const dateOfBirth = birthDate(date);
    const state = nationality.trim().toUpperCase();
    if (nameList.length === 0 || nameList.length > MAX_NAMES || !nameList.some((n) => LETTERS.test(n))) problems.push({ line, kind: 'name' });
    else if (!BIRTH_DATE.test(dateOfBirth)) problems.push({ line, kind: 'date' });
    else if (state && !STATE.test(state)) problems.push({ line, kind: 'nationality' });
    else if (entries.length >= max) {
      if (!problems.some((p) => p.kind === 'tooMany')) problems.push({ line, kind: 'tooMany' });
    } else entries.push({ line, names: nameList, dateOfBirth, nationality: state });
  }
  return { entries, problems };
}
