import { GIVEN_NAMES, SURNAMES } from './data.ts';
import type { Random } from './random.ts';

/**
 * Invented names for the people of demo person records and of the bench's person corpus: built from
 * syllables (an onset and a vowel, two or three times, then an ending), so that no real person is
 * likely to hold one — a given name may happen to exist somewhere, a whole name (given names and two
 * family names) of this make hardly. Any word that is one of the demo's everyday names (data.ts,
 * used on specimens' holder lines) is drawn again. Spanish spelling throughout (ñ, ll, qu, accents),
 * so that the person check's normalisation and phonetic keys have something to do.
 */
const ONSETS = ['b', 'br', 'ch', 'd', 'f', 'g', 'gu', 'j', 'l', 'll', 'm', 'n', 'ñ', 'p', 'qu', 'r', 's', 't', 'tr', 'v', 'x', 'y', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'a', 'i', 'ia', 'ue'];
const ENDINGS = {
  F: ['a', 'ela', 'ina', 'enia', 'isa', 'ora', 'elis', 'ira'],
  M: ['o', 'el', 'in', 'ero', 'ando', 'iel', 'or', 'ustin'],
  family: ['ez', 'ar', 'oza', 'uela', 'ida', 'en', 'ales', 'ano', 'eda', 'illa', 'orte', 'anza'],
} as const;
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };

const REAL = new Set([...GIVEN_NAMES.F, ...GIVEN_NAMES.M, ...SURNAMES].map((n) => n.toLowerCase()));

export type NameKind = 'F' | 'M' | 'family';

/** One invented word: one or two syllables, then an onset and an ending; perhaps an accent on the last vowel before the ending. */
export function inventedWord(random: Random, kind: NameKind): string {
  for (;;) {
    let stem = '';
    const syllables = random.chance(0.3) ? 2 : 1;
    for (let s = 0; s < syllables; s++) stem += random.pick(ONSETS) + random.pick(VOWELS);
    stem += random.pick(ONSETS);
    if (random.chance(0.2)) {
      const at = stem.search(/[aeiou][^aeiou]*$/);
      if (at >= 0) stem = stem.slice(0, at) + ACCENTED[stem[at]!]! + stem.slice(at + 1);
    }
    // "qu" before a, o or u, or a doubled u, would not read as Spanish.
    const word = `${stem}${random.pick(ENDINGS[kind])}`.replace(/qu([aouáóú])/g, 'cu$1').replace(/u([uú])/g, '$1');
    if (!REAL.has(word) && !REAL.has(word.normalize('NFKD').replace(/\p{M}/gu, ''))) return word[0]!.toUpperCase() + word.slice(1);
  }
}

/** A whole invented name: one or two given names, then one or two family names. */
export function inventedName(random: Random, sex: 'F' | 'M'): string {
  const given = [inventedWord(random, sex), ...(random.chance(0.4) ? [inventedWord(random, sex)] : [])];
  const family = [inventedWord(random, 'family'), ...(random.chance(0.75) ? [inventedWord(random, 'family')] : [])];
  return [...given, ...family].join(' ');
}

/** `count` distinct invented words of a kind, in the order drawn (a pool to draw names from, the first more often). */
export function namePool(random: Random, kind: NameKind, count: number): string[] {
  const pool = new Set<string>();
  while (pool.size < count) pool.add(inventedWord(random, kind));
  return [...pool];
}
