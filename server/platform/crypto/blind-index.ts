import { createHmac } from 'node:crypto';
import snowball from 'snowball-stemmers';
import type { Keyring } from './master-key.ts';

/**
 * Blind indexes: how the database finds what it cannot read. Exact identifiers (document numbers,
 * names) are normalised and MACed with a key of their own space; free text is cut into words,
 * normalised, stemmed in Spanish and in English, and each stem MACed the same way. Equal inputs
 * give equal MACs within a space and unrelated ones across spaces; the database holds no word.
 */
const STEMMERS = [snowball.newStemmer('spanish'), snowball.newStemmer('english')];

/** NFKD, accents and everything that is not a letter or digit removed, upper case: "Núñez-Pérez" → "NUNEZPEREZ". */
export function normaliseExact(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase();
}

/** Words of a text as the index sees them: lower case, unaccented, two characters or more. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2);
}

/** Index keys derived from a keyring, by space (HKDF once per space and keyring, not per value or call). */
const indexKeys = new WeakMap<Keyring, Map<string, Buffer>>();
function indexKey(keyring: Keyring, spaceId: string): Buffer {
  let keys = indexKeys.get(keyring);
  if (!keys) indexKeys.set(keyring, (keys = new Map()));
  let key = keys.get(spaceId);
  if (!key) keys.set(spaceId, (key = keyring.derive(`blind-index:${spaceId}`)));
  return key;
}

/** The space's index MAC for one purpose. */
function macFor(keyring: Keyring, spaceId: string, purpose: string): (value: string) => Buffer {
  const key = indexKey(keyring, spaceId);
  return (value) => createHmac('sha256', key).update(`${purpose}\u0000${value}`).digest();
}

const stemsOf = (word: string): string[] => (/^\p{N}+$/u.test(word) ? [word] : [...new Set(STEMMERS.map((stemmer) => stemmer.stem(word)))]);

/** The exact-match index of an identifier in a field (e.g. 'document-number'); null when nothing is left of it. */
export function exactIndex(keyring: Keyring, spaceId: string, field: string, value: string): Buffer | null {
  return exactIndexer(keyring, spaceId, field)(value);
}

/** `exactIndex` for many values of one field and space: the key derived once. */
export function exactIndexer(keyring: Keyring, spaceId: string, field: string): (value: string) => Buffer | null {
  const mac = macFor(keyring, spaceId, `exact:${field}`);
  return (value) => {
    const normal = normaliseExact(value);
    return normal ? mac(normal) : null;
  };
}

/**
 * The token index of a text: one MAC (16 bytes, hex) per distinct stem, both languages' stems, for a
 * GIN-indexed text[] column. A query's tokens are made the same way and must all be present.
 */
export function tokenIndex(keyring: Keyring, spaceId: string, text: string): string[] {
  const token = macFor(keyring, spaceId, 'token');
  const stems = new Set(words(text).flatMap(stemsOf));
  return [...stems].map((stem) => token(stem).subarray(0, 16).toString('hex')).sort();
}

/**
 * A query's tokens: for each word, the stems it may have been indexed under. A row matches when,
 * for every word, one of its stems is present (Spanish or English reading of the word).
 */
export function queryTokens(keyring: Keyring, spaceId: string, query: string): string[][] {
  const token = macFor(keyring, spaceId, 'token');
  return words(query).map((word) => stemsOf(word).map((stem) => token(stem).subarray(0, 16).toString('hex')));
}

/**
 * How a searched word or identifier appears in the audit trail: a MAC under a portal-wide audit
 * key (not a space's), so that auditors can see the same term asked twice, or asked by two people,
 * without the trail holding the term.
 */
export function auditForm(keyring: Keyring, field: string, value: string): string {
  return macFor(keyring, 'audit', `audit:${field}`)(normaliseExact(value)).subarray(0, 12).toString('hex');
}
