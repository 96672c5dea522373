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

const HEADERS: Record<Language, string[]> = {
  en: ['id', 'TLP', 'status', 'space', 'originator country', 'created', 'document type', 'issuing country', 'series', 'version', 'issued from', 'issued to', 'category', 'forgery kind', 'security features', 'detected on', 'detection country', 'port', 'port kind', 'holder nationality', 'route', 'document number', 'holder names', 'description', 'source evaluation', 'information evaluation', 'sightings'],
  es: ['id', 'TLP', 'estado', 'espacio', 'país de origen', 'creado', 'tipo de documento', 'país emisor', 'serie', 'versión', 'emitido desde', 'emitido hasta', 'categoría', 'tipo de alteración', 'medidas de seguridad', 'detectado el', 'país de detección', 'puesto', 'tipo de puesto', 'nacionalidad del titular', 'ruta', 'número de documento', 'nombres del titular', 'descripción', 'evaluación de la fuente', 'evaluación de la información', 'avistamientos'],
};

/**
 * An export of what a search selects, under the same policy: CSV (labels in the reader's
 * language, ISO dates, formula-safe) or JSON (codes). The file name and a header carry the most
 * restrictive TLP label in it; every row carries its own. Refused beyond `max` specimens.
 */
export async function exportFile(deps: SpecimenDeps, ability: Ability, plan: SearchPlan, format: 'csv' | 'json', language: Language, max: number, now: Date) {
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
        specimens: rows.map((r) => ({ ...r.card, specimen: r.content, sourceEvaluation: r.sourceEvaluation, informationEvaluation: r.informationEvaluation })),
      },
      null,
      2,
    );
  } else {
    const l = (list: Parameters<typeof label>[0], code: string | null) => (code ? label(list, code, language) : '');
    body = stringify(
      [
        HEADERS[language],
        ...rows.map(({ card, content, sourceEvaluation, informationEvaluation }) =>
          [
            card.id,
            card.tlp,
            card.status,
            card.spaceId,
            card.originatorCountry,
            card.createdAt,
            l(DOCUMENT_TYPES, content.documentType),
            content.issuingCountry,
            content.series ?? '',
            content.version ?? '',
            content.issuedFrom ?? '',
            content.issuedTo ?? '',
            l(CATEGORIES, content.category),
            l(FORGERY_KINDS, content.forgeryKind),
            content.features.map((f) => l(SECURITY_FEATURES, f.code) + (f.note ? `: ${f.note}` : '')).join('; '),
            content.detection.date ?? '',
            content.detection.country ?? '',
            content.detection.port ?? '',
            l(PORT_KINDS, content.detection.portKind),
            content.detection.holderNationality ?? '',
            content.detection.route ?? '',
            content.documentNumber ?? '',
            content.holderNames.join('; '),
            content.description,
            sourceEvaluation ?? '',
            informationEvaluation ?? '',
            card.sightings,
          ].map((v) => inert(String(v))),
        ),
      ],
      { bom: true },
    );
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
