/**
 * The specimens the `read`, `search` and `search-scale` entries measure: generated (fictional,
 * deterministic — specimen `i` of a corpus is the same on every run), with the demo's vocabulary.
 *
 * The search workload is `{ q: KEYWORD, type: 'passport', issuingCountry: 'GTM', pageSize: 50 }`.
 * KEYWORD is a word no other text of the corpus contains, placed in KEYWORD_ROWS specimens spread
 * evenly over the corpus whatever its size (1,000 of 10,000, of 100,000 or of 200,000): the
 * result set stays the same size while the corpus grows, which is what makes `search-scale`
 * meaningful (a search whose cost follows the corpus and not its result does not scale). Every
 * keyword specimen is published GREEN or AMBER in the space, without releasability: the officer
 * searching reads all of them, so the policy-free floor finds exactly the same total and facet
 * counts. Half of them are GTM passports (≈ 500 results, the page is 50), the other half other
 * types and issuers (they show in the facet counts). The rest of the corpus has every label,
 * drafts and withdrawn items, and passports of GTM in plenty (the facets alone select ~9%).
 */
import { createHash } from 'node:crypto';
import * as vocabulary from '../server/demo/data.ts';
import { Random } from '../server/demo/random.ts';
import type { SpecimenContent, SpecimenCreate } from '../server/features/specimens/schemas.ts';

export const KEYWORD = 'zafiro';
export const KEYWORD_ROWS = 1000;
export const SEARCH = { q: KEYWORD, type: 'passport', issuingCountry: 'GTM', pageSize: 50 } as const;
const DAY = 86_400_000;

export interface CorpusRow {
  input: SpecimenCreate;
  status: 'draft' | 'submitted' | 'published' | 'withdrawn';
  /** Index into the originators (0: the searching officer's colleague abroad, 1: the officer, 2: the contact point). */
  originator: 0 | 1 | 2;
  createdAt: Date;
  keyword: boolean;
}

/** Which rows carry the keyword: one every `size / KEYWORD_ROWS`. */
export const keywordIndex = (i: number, size: number): number | null => {
  const stride = Math.max(1, Math.floor(size / KEYWORD_ROWS));
  return i % stride === 0 && i / stride < KEYWORD_ROWS ? i / stride : null;
};

/** Specimen `i` of a corpus of `size`, created before `end` (the newest last). */
export function corpusRow(i: number, size: number, end: Date): CorpusRow {
  const r = new Random(i * 2_654_435_761 + 97);
  const k = keywordIndex(i, size);
  const keyword = k !== null;
  const passportOfGtm = keyword && k % 2 === 0;
  const createdAt = new Date(end.getTime() - (size - i) * ((730 * DAY) / size) - r.int(0, 3600) * 1000);
  const detected = new Date(createdAt.getTime() - r.int(0, 12) * DAY);
  const country = r.pick(['GTM', 'CRI', 'HND', 'SLV', 'MEX', 'PAN', 'NIC', 'DOM', 'BLZ', 'USA', 'CAN']);
  const documentType = passportOfGtm ? 'passport' : r.weighted(vocabulary.DOCUMENT_TYPES);
  const issuingCountry = passportOfGtm ? 'GTM' : r.weighted(vocabulary.ISSUERS);
  const category = r.weighted(vocabulary.CATEGORIES);
  const language = r.chance(0.8) ? 'es' : 'en';
  const features = r
    .sample(vocabulary.FEATURES_BY_CATEGORY[category]!, r.int(1, 3))
    .map((code) => ({ code, note: r.pick(vocabulary.FEATURE_NOTES[code]![language]) }));
  const [port, portKind] = r.pick(vocabulary.PORTS[country]!);
  const route = r.pick(vocabulary.ROUTES);
  const sentences = [
    `${vocabulary.DOCUMENT_WORDS[documentType]![language]} ${issuingCountry}.`,
    category === 'forgery' ? '' : vocabulary.CATEGORY_SENTENCES[category]![language],
    r
      .pick(vocabulary.CONTEXT_SENTENCES)
      [language].replace('{amount}', String(r.int(8, 60) * 100))
      .replace('{count}', String(r.int(3, 14))),
    keyword
      ? language === 'es'
        ? `Presenta la microimpresión ${KEYWORD} característica de este taller de falsificación.`
        : `Shows the ${KEYWORD} microprint typical of this counterfeiting workshop.`
      : '',
    language === 'es' ? `Ruta declarada: ${route}.` : `Declared route: ${route}.`,
  ];
  const forgeryKind = category === 'forgery' ? r.pick(vocabulary.FORGERY_KINDS) : null;
  if (forgeryKind) sentences[1] = vocabulary.FORGERY_SENTENCES[forgeryKind]![language];
  const given = r.pick(vocabulary.GIVEN_NAMES[r.chance(0.5) ? 'F' : 'M']);
  const [a, b] = r.sample(vocabulary.SURNAMES, 2);
  const tlp = keyword
    ? r.weighted<SpecimenCreate['tlp']>([
        ['GREEN', 60],
        ['AMBER', 40],
      ])
    : r.weighted<SpecimenCreate['tlp']>([
        ['GREEN', 45],
        ['AMBER', 35],
        ['CLEAR', 7],
        ['AMBER+STRICT', 8],
        ['RED', 5],
      ]);
  const status = keyword
    ? 'published'
    : r.weighted<CorpusRow['status']>([
        ['published', 88],
        ['draft', 5],
        ['submitted', 4],
        ['withdrawn', 3],
      ]);
  const issuedFrom = r.int(2008, 2022);
  return {
    input: {
      documentType: documentType as SpecimenCreate['documentType'],
      issuingCountry,
      series: r.chance(0.6) ? r.pick(vocabulary.SERIES[documentType]!) : null,
      version: r.chance(0.4) ? String(r.int(1, 4)) : null,
      issuedFrom,
      issuedTo: issuedFrom + r.int(0, 6),
      category: category as SpecimenCreate['category'],
      forgeryKind,
      features: features as SpecimenCreate['features'],
      detection: {
        date: detected.toISOString().slice(0, 10),
        country,
        port,
        portKind,
        holderNationality: r.weighted(vocabulary.NATIONALITIES),
        route,
      },
      documentNumber: `${r.letters(1)}${r.digits(8)}`,
      holderNames: [`${given} ${a} ${b}`],
      description: sentences.filter(Boolean).join(' '),
      tlp,
      sourceEvaluation: r.pick(['A', 'B', 'C']),
      informationEvaluation: r.int(1, 3),
    },
    status,
    originator: keyword
      ? r.chance(0.5)
        ? 0
        : 1
      : r.weighted<0 | 1 | 2>([
          [0, 50],
          [1, 35],
          [2, 15],
        ]),
    createdAt,
    keyword,
  };
}

/** A stable UUID (v4 layout) for a name, so that a corpus has the same ids on every run. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const itemId = (i: number) => stableUuid(`item:${i}`);

/** The words the keyword search finds (what service.ts's searchableText indexes), for the plaintext copy. */
export const plainText = (c: SpecimenContent) =>
  [c.description, c.series, c.version, c.detection.port, c.detection.route, ...c.features.map((f) => f.note)].filter(Boolean).join('\n');
