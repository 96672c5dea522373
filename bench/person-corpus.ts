/**
 * The person records the `person-check` entry measures: generated (fictional, deterministic —
 * record `i` of a corpus is the same on every run), with invented names (server/demo/names.ts).
 *
 * Most records are a person detected (travellers with false documents, smugglers, facilitators);
 * one in seven is the minors' common format (one to three minors, one or two adults). Names are
 * drawn from pools of invented given and family names, the first of each pool more often (as real
 * names are), so that a name part is shared by many records and a record is told apart by the date
 * of birth the keys carry. Every label a person record may have (AMBER, AMBER+STRICT, RED), every
 * status, three originators: the checker (a Guatemalan officer) reads AMBER, its own AMBER+STRICT
 * and RED records that name it — the rest of what matches is withheld.
 *
 * The checks (`personChecks`): 5% are holders of a corpus specimen's document (their name as on it);
 * of the rest, 40% are people of the corpus, written another way (order, case, accents, one given
 * and one family name, a single family name; a full date, or the year only) and one in four of
 * those spelled another way that sounds the same (a phonetic match); 60% are invented people nobody
 * recorded — a passenger list screened is mostly unknown people.
 */
import { createHash } from 'node:crypto';
import * as vocabulary from '../server/demo/data.ts';
import { namePool } from '../server/demo/names.ts';
import { Random } from '../server/demo/random.ts';
import type { PersonCheck, PersonCreate } from '../server/features/persons/schemas.ts';

const DAY = 86_400_000;

/** The checker is originator 0: records it may read are AMBER, or its own, or RED naming it. */
export interface PersonRow {
  body: PersonCreate;
  status: 'draft' | 'submitted' | 'published' | 'withdrawn';
  /** Index into the originators (0: the checker, a Guatemalan officer; 1: a Costa Rican officer; 2: their contact point). */
  originator: 0 | 1 | 2;
  /** A RED record that names the checker among its recipients. */
  namesChecker: boolean;
  createdAt: Date;
}

/** Whether the checker may open a record (what the policy decides; the bench checks it agrees). */
export const checkerReads = (row: Pick<PersonRow, 'status' | 'originator' | 'namesChecker'> & { tlp: string }): boolean =>
  row.status === 'published' && (row.tlp === 'AMBER' || row.originator === 0 || (row.tlp === 'RED' && row.namesChecker));

const POOLS = (() => {
  const r = new Random(20_261_203);
  return { F: namePool(r, 'F', 2500), M: namePool(r, 'M', 2500), family: namePool(r, 'family', 8000) };
})();

/** A pool's element, the first more often (quadratic skew: the first tenth holds about a third of the draws). */
const skewed = (r: Random, pool: readonly string[]) => pool[Math.floor(r.next() ** 2 * pool.length)]!;

function nameOf(r: Random, sex: 'F' | 'M'): string {
  const given = [skewed(r, POOLS[sex]), ...(r.chance(0.4) ? [skewed(r, POOLS[sex])] : [])];
  const family = [skewed(r, POOLS.family), ...(r.chance(0.8) ? [skewed(r, POOLS.family)] : [])];
  return [...given, ...family].join(' ');
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const sexOf = (r: Random): 'F' | 'M' => (r.chance(0.5) ? 'F' : 'M');
const nationality = (r: Random) => r.weighted(vocabulary.NATIONALITIES);

/** A birth date between two years (a full date, or only the year one time in eight). */
function birth(r: Random, from: number, to: number, yearOnly = 0.12): string {
  const year = r.int(from, to);
  if (r.chance(yearOnly)) return String(year);
  return iso(new Date(Date.UTC(year, r.int(0, 11), r.int(1, 28))));
}

function individual(r: Random, born: string) {
  const sex = sexOf(r);
  const name = nameOf(r, sex);
  // An alias now and then: the family names the other way round, or another spelling of the given name.
  const names = r.chance(0.15) ? [name, name.split(' ').reverse().join(' ')] : [name];
  return {
    names,
    sex,
    dateOfBirth: born,
    placeOfBirth: r.chance(0.5) ? `Municipio ${r.int(1, 400)}` : null,
    nationalities: [nationality(r)],
    documents: r.chance(0.8) ? [{ documentType: 'passport' as const, issuer: nationality(r), number: `${r.letters(2)}${r.digits(7)}` }] : [],
  };
}

/** Record `i` of a corpus of `size`, created before `end` (the newest last). */
export function personRow(i: number, size: number, end: Date): PersonRow {
  const r = new Random(i * 2_246_822_519 + 31);
  const createdAt = new Date(end.getTime() - (size - i) * ((700 * DAY) / size) - r.int(0, 3600) * 1000);
  const detected = new Date(createdAt.getTime() - r.int(0, 10) * DAY);
  const detectedYear = detected.getUTCFullYear();
  const country = r.pick(['GTM', 'CRI', 'HND', 'SLV', 'MEX', 'PAN', 'NIC', 'DOM', 'BLZ']);
  const [port] = r.pick(vocabulary.PORTS[country]!);
  const detection = {
    date: iso(detected),
    country,
    port,
    route: r.pick(vocabulary.ROUTES),
    carrier: r.chance(0.5) ? `Vuelo ${r.letters(2)} ${r.int(100, 999)}` : null,
  };
  const tlp = r.weighted<PersonCreate['tlp']>([
    ['AMBER+STRICT', 55],
    ['AMBER', 40],
    ['RED', 5],
  ]);
  const status = r.weighted<PersonRow['status']>([
    ['published', 88],
    ['submitted', 5],
    ['draft', 4],
    ['withdrawn', 3],
  ]);
  const originator = r.weighted<0 | 1 | 2>([
    [0, 30],
    [1, 50],
    [2, 20],
  ]);
  const common = { detection, tlp, sourceEvaluation: r.pick(['A', 'B', 'C'] as const), informationEvaluation: r.int(1, 3) };
  let body: PersonCreate;
  if (r.chance(1 / 7)) {
    const minors = Array.from({ length: r.int(1, 3) }, () => {
      const sex = sexOf(r);
      const age = r.int(1, 16);
      const known = r.chance(0.75);
      return {
        names: [nameOf(r, sex)],
        sex,
        dateOfBirth: known ? birth(r, detectedYear - age, detectedYear - age, 0) : null,
        age: known ? null : age,
        nationalities: [nationality(r)],
      };
    });
    // The date of birth must be before the detection: a minor born later in the year of detection is made a year older.
    for (const m of minors)
      if (m.dateOfBirth && m.dateOfBirth > detection.date) m.dateOfBirth = `${Number(m.dateOfBirth.slice(0, 4)) - 1}${m.dateOfBirth.slice(4)}`;
    const adults = Array.from({ length: r.int(1, 2) }, () => ({
      ...individual(r, birth(r, detectedYear - 60, detectedYear - 20)),
      relationship: r.pick(['parent', 'relative', 'carer', 'none_stated'] as const),
      support: r.pick(['parental_authorisation', 'notarised_permit', 'none'] as const),
    }));
    body = {
      form: 'minors',
      ...common,
      outcome: r.pick(['referred', 'refused_entry', 'returned'] as const),
      group: {
        minors,
        adults,
        destination: r.pick(['USA', 'MEX', 'CAN']),
        indicators: r.sample(['inconsistent_story', 'documents_held_by_adult', 'minor_coached', 'no_knowledge_of_destination'] as const, r.int(1, 3)),
        referral: r.pick(['child_protection', 'consulate', 'police'] as const),
        referralNote: null,
      },
      notes: `Grupo detectado en ${port}.`,
    };
  } else {
    body = {
      form: 'person',
      ...common,
      role: r.weighted<NonNullable<PersonCreate['role']>>([
        ['traveller', 60],
        ['smuggler', 25],
        ['facilitator', 12],
        ['corrupted_official', 3],
      ]),
      outcome: r.pick(['refused_entry', 'detained', 'referred', 'returned', 'released'] as const),
      person: individual(r, birth(r, detectedYear - 70, detectedYear - 18)),
      notes: r.pick([
        'Presentó un pasaporte con la página de datos sustituida.',
        'Viajaba con un visado falsificado.',
        'Reconocido como guía en el tramo anterior.',
        'Documento auténtico obtenido con una partida de nacimiento falsa.',
      ]),
    };
  }
  return { body, status, originator, namesChecker: tlp === 'RED' && r.chance(0.5), createdAt };
}

/** The space of record `i`: one in four in the second space of persons, the rest in the first. */
export const personSpace = (i: number): 0 | 1 => (i % 4 === 3 ? 1 : 0);

/** Specimens with holder names beside the records (bench/person-seed.ts): one in two is a person of the corpus. */
export const HOLDER_SPECIMENS = 2000;

/** The record whose first person holds specimen `k`'s document, if one does. */
export const holderRecord = (k: number, size: number): number | null => (k % 2 === 0 ? (k * 7919) % size : null);

/** The first person of record `i` (the holder of a specimen's document, now and then). */
export function firstPerson(i: number, size: number, end: Date) {
  const { body } = personRow(i, size, end);
  return body.person ?? body.group!.adults[0] ?? body.group!.minors[0]!;
}

/** A stable UUID (v4 layout) for a name, so that a corpus has the same ids on every run. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const personId = (i: number) => stableUuid(`person:${i}`);

const unaccent = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '');

/** Another spelling that sounds the same (Spanish): what a phonetic match is for. */
const RESPELL: [RegExp, string][] = [
  [/z/i, 's'],
  [/v/i, 'b'],
  [/b/i, 'v'],
  [/ll/i, 'y'],
  [/y/i, 'll'],
  [/gue/i, 'ge'],
  [/qu/i, 'k'],
  [/ñ/i, 'ni'],
  [/x/i, 'ks'],
  [/ch/i, 'sh'],
];

function respell(word: string): string | null {
  for (const [from, to] of RESPELL) if (from.test(word)) return word.replace(from, to);
  return null;
}

/**
 * `count` checks as an officer would type them (see the file's head): a mix of people recorded
 * (any status; the check itself finds only what is published) and people nobody recorded.
 */
export function personChecks(size: number, end: Date, count: number, seed = 1): PersonCheck[] {
  const r = new Random(seed * 7919 + 11);
  const out: PersonCheck[] = [];
  while (out.length < count) {
    // Now and then the holder of a specimen, by the name on the document and a date of birth.
    if (r.chance(0.05)) {
      const record = holderRecord(2 * r.int(0, HOLDER_SPECIMENS / 2 - 1), size)!;
      const person = firstPerson(record, size, end);
      if (person.dateOfBirth) out.push({ names: [person.names[0]!], dateOfBirth: person.dateOfBirth });
      continue;
    }
    if (r.chance(0.6)) {
      out.push({ names: [nameOf(r, sexOf(r))], dateOfBirth: birth(r, 1950, 2008, 0.05) });
      continue;
    }
    const row = personRow(r.int(0, size - 1), size, end);
    const people = [row.body.person, ...(row.body.group?.minors ?? []), ...(row.body.group?.adults ?? [])].filter(
      (p): p is NonNullable<typeof p> & { dateOfBirth: string } => !!p?.dateOfBirth,
    );
    if (people.length === 0) continue;
    const person = r.pick(people);
    const words = person.names[0]!.split(' ');
    // Given names first, then one or two family names: the family name(s) are the last one or two words.
    const family = words.length >= 3 ? words.slice(-2) : words.slice(-1);
    const given = words.slice(0, words.length - family.length);
    let parts = r.weighted<string[]>([
      [words, 50],
      [[given[0]!, family[0]!], 30],
      [[family[0]!], 20],
    ]);
    if (r.chance(0.25)) {
      const k = r.int(0, parts.length - 1);
      const other = respell(parts[k]!);
      if (other) parts = parts.map((p, j) => (j === k ? other : p));
    }
    let name = r.chance(0.4) ? [...parts.slice(given.length > 0 ? 1 : 0), parts[0]!].join(' ') : parts.join(' ');
    if (r.chance(0.3)) name = unaccent(name);
    if (r.chance(0.3)) name = r.chance(0.5) ? name.toUpperCase() : name.toLowerCase();
    const dateOfBirth = person.dateOfBirth.length === 10 && r.chance(0.1) ? person.dateOfBirth.slice(0, 4) : person.dateOfBirth;
    out.push({ names: [name], dateOfBirth });
  }
  return out;
}
