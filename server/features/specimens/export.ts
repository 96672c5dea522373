import { stringify } from 'csv-stringify/sync';
import type { Ability } from '../../../policies/ability.ts';
import { ApiError } from '../../platform/http/errors.ts';
import type { Language } from '../../platform/i18n/language.ts';
import { type SearchPlan, searchAll } from './queries.ts';
import type { SpecimenDeps } from './service.ts';
import { CATEGORIES, DOCUMENT_TYPES, FORGERY_KINDS, label, PORT_KINDS, SECURITY_FEATURES } from './taxonomy.ts';

const TLP_ORDER = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

/** A spreadsheet must not run a cell as a formula: a value starting with = + - @ or a control gets a leading apostrophe (OWASP). */
const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

type Row = Awaited<ReturnType<typeof searchAll>>['rows'][number];
type Labelled = (list: Parameters<typeof label>[0], code: string | null) => string;

/** The CSV's columns: header in each language, and the cell of a row (labels in the reader's language). */
const COLUMNS: { en: string; es: string; cell: (row: Row, l: Labelled) => string | number }[] = [
  { en: 'id', es: 'id', cell: (r) => r.card.id },
  { en: 'TLP', es: 'TLP', cell: (r) => r.card.tlp },
  { en: 'status', es: 'estado', cell: (r) => r.card.status },
  { en: 'space', es: 'espacio', cell: (r) => r.card.spaceId },
  { en: 'originator country', es: 'país de origen', cell: (r) => r.card.originatorCountry },
  { en: 'created', es: 'creado', cell: (r) => r.card.createdAt },
  { en: 'document type', es: 'tipo de documento', cell: (r, l) => l(DOCUMENT_TYPES, r.content.documentType) },
  { en: 'issuing country', es: 'país emisor', cell: (r) => r.content.issuingCountry },
  { en: 'series', es: 'serie', cell: (r) => r.content.series ?? '' },
  { en: 'version', es: 'versión', cell: (r) => r.content.version ?? '' },
  { en: 'issued from', es: 'emitido desde', cell: (r) => r.content.issuedFrom ?? '' },
  { en: 'issued to', es: 'emitido hasta', cell: (r) => r.content.issuedTo ?? '' },
  { en: 'category', es: 'categoría', cell: (r, l) => l(CATEGORIES, r.content.category) },
  { en: 'forgery kind', es: 'tipo de alteración', cell: (r, l) => l(FORGERY_KINDS, r.content.forgeryKind) },
  {
    en: 'security features',
    es: 'medidas de seguridad',
    cell: (r, l) => r.content.features.map((f) => l(SECURITY_FEATURES, f.code) + (f.note ? `: ${f.note}` : '')).join('; '),
  },
  { en: 'detected on', es: 'detectado el', cell: (r) => r.content.detection.date ?? '' },
  { en: 'detection country', es: 'país de detección', cell: (r) => r.content.detection.country ?? '' },
  { en: 'port', es: 'puesto', cell: (r) => r.content.detection.port ?? '' },
  { en: 'port kind', es: 'tipo de puesto', cell: (r, l) => l(PORT_KINDS, r.content.detection.portKind) },
  { en: 'holder nationality', es: 'nacionalidad del titular', cell: (r) => r.content.detection.holderNationality ?? '' },
  { en: 'route', es: 'ruta', cell: (r) => r.content.detection.route ?? '' },
  { en: 'document number', es: 'número de documento', cell: (r) => r.content.documentNumber ?? '' },
  { en: 'holder names', es: 'nombres del titular', cell: (r) => r.content.holderNames.join('; ') },
  { en: 'description', es: 'descripción', cell: (r) => r.content.description },
  { en: 'source evaluation', es: 'evaluación de la fuente', cell: (r) => r.sourceEvaluation ?? '' },
  { en: 'information evaluation', es: 'evaluación de la información', cell: (r) => r.informationEvaluation ?? '' },
  { en: 'sightings', es: 'avistamientos', cell: (r) => r.card.sightings },
];

/**
 * An export of what a search selects, under the same policy: CSV (labels in the reader's
 * language, ISO dates, formula-safe) or JSON (codes). The file name and a header carry the most
 * restrictive TLP label in it; every row carries its own. Refused beyond `max` specimens.
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
  let body: string;
  if (format === 'json') {
    body = JSON.stringify(
      {
        generatedAt: now.toISOString(),
        tlp: highest,
        count: rows.length,
        specimens: rows.map((r) => ({
          ...r.card,
          specimen: r.content,
          sourceEvaluation: r.sourceEvaluation,
          informationEvaluation: r.informationEvaluation,
        })),
      },
      null,
      2,
    );
  } else {
    const l: Labelled = (list, code) => (code ? label(list, code, language) : '');
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
