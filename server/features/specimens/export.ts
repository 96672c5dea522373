import { stringify } from 'csv-stringify/sync';
import type { Ability } from '../../../policies/ability.ts';
import { ApiError } from '../../platform/http/errors.ts';
import type { Language } from '../../platform/i18n/language.ts';
import { placeName } from '../../platform/reference/countries.ts';
import { readableSpaceNames, type SearchPlan, searchAll } from './queries.ts';
import type { SpecimenDeps } from './service.ts';
import { CATEGORIES, DOCUMENT_TYPES, FORGERY_KINDS, ISSUING_ORGANISATIONS, label, PORT_KINDS, SECURITY_FEATURES } from './taxonomy.ts';

const TLP_ORDER = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

/** A spreadsheet must not run a cell as a formula: a value starting with = + - @ or a control gets a leading apostrophe (OWASP). */
const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

type Row = Awaited<ReturnType<typeof searchAll>>['rows'][number];

/** How a cell names what is coded: in the reader's language. */
interface Labels {
  term: (list: Parameters<typeof label>[0], code: string | null) => string;
  place: (code: string | null) => string;
  status: (status: string) => string;
  evaluation: (kind: 'source' | 'info', code: string | number | null) => string;
  /** The space's name, when the reader may read the space; otherwise words saying it is another one. */
  space: (id: string) => string;
}

type Bilingual = Record<string, { es: string; en: string }>;

const STATUSES: Bilingual = {
  draft: { es: 'Borrador', en: 'Draft' },
  submitted: { es: 'Pendiente de validación', en: 'Awaiting validation' },
  published: { es: 'Publicado', en: 'Published' },
  withdrawn: { es: 'Retirado', en: 'Withdrawn' },
  expired: { es: 'Vencido', en: 'Expired' },
};

/** The evaluation codes (source A/B/C/X, information 1–4), kept in the cell with their meaning. */
const EVALUATIONS: Record<'source' | 'info', Bilingual> = {
  source: {
    A: { es: 'Fuente fiable', en: 'Reliable source' },
    B: { es: 'Fuente generalmente fiable', en: 'Mostly reliable source' },
    C: { es: 'Fuente generalmente poco fiable', en: 'Mostly unreliable source' },
    X: { es: 'Fiabilidad no evaluable', en: 'Reliability cannot be assessed' },
  },
  info: {
    1: { es: 'Exactitud fuera de duda', en: 'Accuracy not in doubt' },
    2: { es: 'Conocida personalmente por la fuente', en: 'Known personally to the source' },
    3: { es: 'No conocida personalmente, pero corroborada', en: 'Not known personally, but corroborated' },
    4: { es: 'No conocida personalmente ni corroborada', en: 'Not known personally, not corroborated' },
  },
};

const OTHER_SPACE = { es: 'Otro espacio (no es miembro)', en: 'Another space (not a member)' };

function labels(language: Language, spaces: Map<string, { nameEs: string; nameEn: string }>): Labels {
  return {
    term: (list, code) => (code ? label(list, code, language) : ''),
    place: (code) =>
      !code ? '' : ISSUING_ORGANISATIONS.some((o) => o.code === code) ? label(ISSUING_ORGANISATIONS, code, language) : placeName(code, language),
    status: (status) => STATUSES[status]?.[language] ?? status,
    evaluation: (kind, code) => {
      if (code === null || code === '') return '';
      const meaning = EVALUATIONS[kind][String(code)];
      return meaning ? `${code} — ${meaning[language]}` : String(code);
    },
    space: (id) => {
      const space = spaces.get(id);
      return space ? (language === 'es' ? space.nameEs : space.nameEn) : OTHER_SPACE[language];
    },
  };
}

/** The CSV's columns: header in each language, and the cell of a row (codes named in the reader's language). */
const COLUMNS: { en: string; es: string; cell: (row: Row, l: Labels) => string | number }[] = [
  { en: 'id', es: 'id', cell: (r) => r.card.id },
  { en: 'TLP', es: 'TLP', cell: (r) => r.card.tlp },
  { en: 'status', es: 'estado', cell: (r, l) => l.status(r.card.status) },
  { en: 'space', es: 'espacio', cell: (r, l) => l.space(r.card.spaceId) },
  { en: 'originator country', es: 'país de origen', cell: (r, l) => l.place(r.card.originatorCountry) },
  { en: 'created', es: 'creado', cell: (r) => r.card.createdAt },
  { en: 'document type', es: 'tipo de documento', cell: (r, l) => l.term(DOCUMENT_TYPES, r.content.documentType) },
  { en: 'issuing country', es: 'país emisor', cell: (r, l) => l.place(r.content.issuingCountry) },
  { en: 'series', es: 'serie', cell: (r) => r.content.series ?? '' },
  { en: 'version', es: 'versión', cell: (r) => r.content.version ?? '' },
  { en: 'issued from', es: 'emitido desde', cell: (r) => r.content.issuedFrom ?? '' },
  { en: 'issued to', es: 'emitido hasta', cell: (r) => r.content.issuedTo ?? '' },
  { en: 'category', es: 'categoría', cell: (r, l) => l.term(CATEGORIES, r.content.category) },
  { en: 'forgery kind', es: 'tipo de alteración', cell: (r, l) => l.term(FORGERY_KINDS, r.content.forgeryKind) },
  {
    en: 'security features',
    es: 'medidas de seguridad',
    cell: (r, l) => r.content.features.map((f) => l.term(SECURITY_FEATURES, f.code) + (f.note ? `: ${f.note}` : '')).join('; '),
  },
  { en: 'detected on', es: 'detectado el', cell: (r) => r.content.detection.date ?? '' },
  { en: 'detection country', es: 'país de detección', cell: (r, l) => l.place(r.content.detection.country) },
  { en: 'port', es: 'puesto', cell: (r) => r.content.detection.port ?? '' },
  { en: 'port kind', es: 'tipo de puesto', cell: (r, l) => l.term(PORT_KINDS, r.content.detection.portKind) },
  { en: 'holder nationality', es: 'nacionalidad del titular', cell: (r, l) => l.place(r.content.detection.holderNationality) },
  { en: 'route', es: 'ruta', cell: (r) => r.content.detection.route ?? '' },
  { en: 'document number', es: 'número de documento', cell: (r) => r.content.documentNumber ?? '' },
  { en: 'holder names', es: 'nombres del titular', cell: (r) => r.content.holderNames.join('; ') },
  { en: 'description', es: 'descripción', cell: (r) => r.content.description },
  { en: 'source evaluation', es: 'evaluación de la fuente', cell: (r, l) => l.evaluation('source', r.sourceEvaluation) },
  { en: 'information evaluation', es: 'evaluación de la información', cell: (r, l) => l.evaluation('info', r.informationEvaluation) },
  { en: 'sightings', es: 'avistamientos', cell: (r) => r.card.sightings },
];

/**
 * An export of what a search selects, under the same policy: CSV (every code named in the
 * reader's language — status, countries, vocabularies, evaluations, the space — ISO dates,
 * formula-safe) or JSON (codes, and the names of the spaces the reader may read). The file name
 * and a header carry the most restrictive TLP label in it; every row carries its own. Refused
 * beyond `max` specimens.
 */
export async function exportFile(
  deps: SpecimenDeps,
  ability: Ability,
  plan: SearchPlan,
  format: 'csv' | 'json',
  language: Language,
  max: number,
  now: Date,
) {
  const { total, rows } = await searchAll(deps, ability, plan, max);
  if (total > max) throw new ApiError(422, 'export_too_large', { limit: max });
  const highest = rows.reduce((top, r) => (TLP_ORDER.indexOf(r.card.tlp) > TLP_ORDER.indexOf(top) ? r.card.tlp : top), 'CLEAR');
  const name = `enlace-specimens-${now.toISOString().slice(0, 10)}-TLP-${highest.replace('+', '-')}.${format}`;
  const spaces = await readableSpaceNames(
    deps.db,
    ability,
    rows.map((r) => r.card.spaceId),
  );
  let body: string;
  if (format === 'json') {
    body = JSON.stringify(
      {
        generatedAt: now.toISOString(),
        tlp: highest,
        count: rows.length,
        specimens: rows.map((r) => ({
          ...r.card,
          // Codes, as the API gives them; the space's names too when the reader may read it (null otherwise).
          space: spaces.get(r.card.spaceId) ?? null,
          specimen: r.content,
          sourceEvaluation: r.sourceEvaluation,
          informationEvaluation: r.informationEvaluation,
        })),
      },
      null,
      2,
    );
  } else {
    const l = labels(language, spaces);
    body = stringify([COLUMNS.map((c) => c[language]), ...rows.map((row) => COLUMNS.map((c) => inert(String(c.cell(row, l)))))], { bom: true });
  }
  return {
    count: rows.length,
    ids: rows.map((r) => r.card.id),
    body,
    headers: {
      'content-type': format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
      'x-enlace-tlp': highest,
    },
  };
}
