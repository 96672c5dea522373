import anyAscii from 'any-ascii';
import { doubleMetaphone } from 'double-metaphone';
import { exactIndexer } from '../../platform/crypto/blind-index.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';

/**
 * How people in person records are found without being readable (SECURITY.md: exact matching over
 * blind indexes only). A name is cut into parts — transliterated to Latin letters (any-ascii:
 * "Мухаммед" → "MUKHAMMED"), unaccented, upper case, particles ("de", "la", "y"…) and initials
 * dropped — so that order, case, accents and hyphens do not matter. Each part is keyed with the
 * date of birth, and so is each of its Double Metaphone codes, so that "Yohana Gonsales" finds
 * "Johanna González" as a weaker match. Every key is a 16-byte MAC under the space's index key: the
 * database holds no name, no code and no date, and a key cannot be asked for without the date.
 *
 * Dates: a record with a full date of birth is keyed under the date (`d`) and its year (`y`); one
 * with only a year, under the year (`y`) and as year-only (`o`). A check with a full date looks for
 * `d` and `o` (a record that knows only the year is still a candidate); one with a year, for `y`.
 */
const PARTICLES = new Set(['DE', 'DEL', 'LA', 'LAS', 'LOS', 'Y', 'E', 'DA', 'DO', 'DOS', 'DAS', 'DI', 'VAN', 'VON', 'DER', 'EL', 'AL']);

export function nameParts(name: string): string[] {
  const latin = anyAscii(name.normalize('NFKC')).normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
  const parts = latin.split(/[^A-Z]+/).filter((p) => p.length >= 2 && !PARTICLES.has(p));
  return [...new Set(parts)];
}

/** The phonetic codes of a part (Double Metaphone's primary and alternate). */
export const phoneticCodes = (part: string): string[] => [...new Set(doubleMetaphone(part))].filter(Boolean);

/** A date of birth as given: a full date (YYYY-MM-DD) or a year (YYYY). */
export const isFullDate = (date: string): boolean => date.length === 10;

/**
 * A date of birth that names a real day (a year alone always does). The schema's pattern lets
 * 1991-02-30 through, and so does Date.parse (it rolls it over to March): the day must come back.
 */
export function isRealDate(date: string): boolean {
  if (!isFullDate(date)) return true;
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date;
}

type DateForm = 'd' | 'y' | 'o';

const recordForms = (date: string): [DateForm, string][] =>
  isFullDate(date)
    ? [
        ['d', date],
        ['y', date.slice(0, 4)],
      ]
    : [
        ['y', date],
        ['o', date],
      ];
const checkForms = (date: string): [DateForm, string][] =>
  isFullDate(date)
    ? [
        ['d', date],
        ['o', date.slice(0, 4)],
      ]
    : [['y', date]];

/** One space's key makers for persons (the index key derived once per field). */
export class PersonKeys {
  readonly #fields = new Map<string, (value: string) => Buffer | null>();
  constructor(
    private readonly keyring: Keyring,
    private readonly spaceId: string,
  ) {}

  #key(kind: 'name' | 'sound' | 'nationality', form: DateForm, value: string, date: string): Buffer {
    const field = `person-${kind}:${form}`;
    let mac = this.#fields.get(field);
    if (!mac) {
      mac = exactIndexer(this.keyring, this.spaceId, field);
      this.#fields.set(field, mac);
    }
    // Letters, then the date's digits: normalisation keeps both and nothing else.
    return mac(`${value}${date}`)!.subarray(0, 16);
  }

  /** Every key of one person in a record (none without a date of birth: such a person is not findable). */
  ofPerson(person: { names: string[]; dateOfBirth: string | null; nationalities: string[] }): Buffer[] {
    if (!person.dateOfBirth) return [];
    const keys: Buffer[] = [];
    for (const [form, date] of recordForms(person.dateOfBirth)) {
      for (const part of new Set(person.names.flatMap(nameParts))) {
        keys.push(this.#key('name', form, part, date));
        for (const code of phoneticCodes(part)) keys.push(this.#key('sound', form, code, date));
      }
      for (const nationality of person.nationalities.length ? person.nationalities : ['NONE'])
        keys.push(this.#key('nationality', form, nationality, date));
    }
    return keys;
  }

  /** A check's keys: per part, its exact keys and its phonetic ones; and the nationality's, if given. */
  ofCheck(parts: string[], dateOfBirth: string, nationality: string | null) {
    const forms = checkForms(dateOfBirth);
    return {
      exact: parts.map((part) => forms.map(([form, date]) => this.#key('name', form, part, date))),
      sound: parts.map((part) => forms.flatMap(([form, date]) => phoneticCodes(part).map((code) => this.#key('sound', form, code, date)))),
      // A record that gives no nationality for the person is not excluded by one asked for ('NONE').
      nationality: nationality ? forms.flatMap(([form, date]) => [nationality, 'NONE'].map((n) => this.#key('nationality', form, n, date))) : null,
    };
  }
}

/** Unique keys, in a stable order (what a row stores). */
export const uniqueKeys = (keys: Buffer[]): Buffer[] => {
  const seen = new Map(keys.map((k) => [k.toString('hex'), k]));
  return [...seen.keys()].sort().map((hex) => seen.get(hex)!);
};
