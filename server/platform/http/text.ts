import { type TSchema, Type } from 'typebox';
import type { INPUT_FORMATS } from './formats.ts';

/**
 * Text from clients, the same for every route: what the schemas let in, and what is stored of it.
 *
 * Refused at the door by the `line` and `text` formats (./formats.ts; a 400 naming the field, before
 * a handler runs): NUL and every other control character (a line break or a tab only in free text),
 * an unpaired UTF-16 surrogate (UTF-8 cannot carry it, PostgreSQL cannot store it), and — where a
 * value is required — a value with nothing visible in it (spaces, format characters). The
 * database's checks would refuse some of these with an error the caller could not act on.
 *
 * Cleaned on the way in (what is kept): format characters (bidi overrides, zero-width marks) become
 * spaces, so a stored name cannot reorder what is shown around it, and the ends are trimmed.
 * Deliberate differences: free text keeps its line breaks and tabs; a file name loses such
 * characters instead (`cleanName` in the attachments feature); the audit trail removes them
 * (server/platform/audit/trail.ts), since it keeps, bounded, whatever a refused request carried.
 */

/** Something visible: not only spaces, control or format characters. */
export const NON_BLANK = '[^\\s\\p{Cc}\\p{Cf}]';

interface TextOptions {
  /** Blank is a value (an optional description, a password of spaces); by default something visible is required. */
  blank?: boolean;
  /** At least this many characters (default: 1 unless blank is allowed). */
  minLength?: number;
}

const textSchema = (
  format: keyof typeof INPUT_FORMATS & ('line' | 'text'),
  maxLength: number,
  { blank = false, minLength = blank ? 0 : 1 }: TextOptions,
) => Type.String({ format, maxLength, ...(minLength > 0 ? { minLength } : {}), ...(blank ? {} : { pattern: NON_BLANK }) });

/** A one-line value (a name, a code a person types). */
export const Line = (maxLength: number, options: TextOptions = {}) => textSchema('line', maxLength, options);

/** Free text with line breaks (a description, a comment). */
export const Text = (maxLength: number, options: TextOptions = {}) => textSchema('text', maxLength, options);

const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** A line as stored: format and control characters become spaces, ends trimmed. */
export function cleanLine(value: string): string {
  return value.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim();
}

/** Free text as stored: line breaks and tabs kept, other control and format characters become spaces, ends trimmed. */
export function cleanText(value: string): string {
  return value
    .replace(FORMAT_CHARACTERS, ' ')
    .replace(/[^\P{Cc}\t\n]/gu, (c) => (c === '\r' ? '' : ' '))
    .trim();
}

/** An optional line: null when nothing is left once cleaned. */
export const lineOrNull = (value: string | null | undefined): string | null => (value == null ? null : cleanLine(value) || null);

/** Optional free text: null when nothing is left once cleaned. */
export const textOrNull = (value: string | null | undefined): string | null => (value == null ? null : cleanText(value) || null);

/**
 * A request schema as a reply carries it: the input-only formats (`line`, `text`: what the API
 * accepts from a caller) dropped, since the reply's serializer does not know them.
 */
export function asReply<T extends TSchema>(schema: T): T {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node as Record<string, unknown>)
        .filter(([k, v]) => !(k === 'format' && (v === 'line' || v === 'text')))
        .map(([k, v]) => [k, strip(v)]),
    );
  };
  return strip(schema) as T;
}
