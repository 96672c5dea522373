import { stringify } from 'csv-stringify/sync';
import type { Ability } from '../../../policies/ability.ts';
import { openRecord } from '../../platform/crypto/sealed-records.ts';
import type { Tlp } from '../../platform/db/schema.ts';
import { ApiError } from '../../platform/http/errors.ts';
import type { Language } from '../../platform/i18n/language.ts';
import { type PlaceNamer, placeNamer } from '../../platform/reference/places.ts';
import { label } from '../../platform/reference/terms.ts';
import { mapFeatures } from './map.ts';
import { type ExportRow, exportMatches } from './queries.ts';
import type { ReportContent, ReportSearch } from './schemas.ts';
import type { ReportDeps } from './service.ts';
import { ACQUISITION_METHODS, MODUS_OPERANDI, OPERATION_KINDS, REPORT_KINDS, ROUTE_RISKS, TRANSPORT_MODES } from './taxonomy.ts';

export type ExportFormat = 'csv' | 'json' | 'geojson';

const TLP_ORDER: readonly Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
/** The most restrictive label among these, CLEAR when there are none. */
export const highestTlp = (labels: Iterable<string>): Tlp =>
  [...labels].reduce<Tlp>((top, l) => (TLP_ORDER.indexOf(l as Tlp) > TLP_ORDER.indexOf(top) ? (l as Tlp) : top), 'CLEAR');

/** A spreadsheet must not run a cell as a formula: a value starting with = + - @ or a control gets a leading apostrophe (OWASP). */
const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const STATUSES: Record<string, { es: string; en: string }> = {
  draft: { es: 'Borrador', en: 'Draft' },
  submitted: { es: 'Pendiente de validación', en: 'Awaiting validation' },
  published: { es: 'Publicado', en: 'Published' },
  withdrawn: { es: 'Retirado', en: 'Withdrawn' },
  expired: { es: 'Vencido', en: 'Expired' },
};

type Opened = ExportRow & { opened: ReportContent };

const iso = (value: Date | string | null) => (value === null ? '' : new Date(value).toISOString());

/** The category of a report in words: its modus operandi, acquisition method or operation kind. */
function categoryOf(row: Opened, language: Language): string {
  if (!row.category) return '';
  const list = row.kind === 'modus_operandi' ? MODUS_OPERANDI : row.kind === 'acquisition_method' ? ACQUISITION_METHODS : OPERATION_KINDS;
  return label(list, row.category, language);
}

/** A route's waypoints in one cell: "Necoclí (Colombia) → Bajo Chiquito (Panamá) …", each leg's mode between. */
function routeCell(row: Opened, language: Language, name: PlaceNamer): string {
  const route = row.opened.route;
  if (!route) return '';
  return route.waypoints
    .map((w, i) => {
      const place = `${w.place} (${name(w.country)})${w.crossing ? ` [${w.crossing}]` : ''}`;
      const leg = route.legs[i - 1];
      return i === 0 ? place : `—${leg ? label(TRANSPORT_MODES, leg.mode, language) : ''}→ ${place}`;
    })
    .join(' ');
}

const COLUMNS: { en: string; es: string; cell: (r: Opened, l: Language, place: PlaceNamer) => string | number }[] = [
  { en: 'id', es: 'id', cell: (r) => r.id },
  { en: 'TLP', es: 'TLP', cell: (r) => r.tlp },
  { en: 'status', es: 'estado', cell: (r, l) => STATUSES[r.status]?.[l] ?? r.status },
  { en: 'kind', es: 'tipo', cell: (r, l) => label(REPORT_KINDS, r.kind, l) },
  { en: 'title', es: 'título', cell: (r) => r.opened.title },
  { en: 'summary', es: 'resumen', cell: (r) => r.opened.summary },
  { en: 'category', es: 'categoría', cell: (r, l) => categoryOf(r, l) },
  { en: 'originator country', es: 'país de origen', cell: (r, _, place) => place(r.originatorCountry) },
  { en: 'countries', es: 'países', cell: (r, _, place) => r.countries.map(place).join('; ') },
  { en: 'transport modes', es: 'medios de transporte', cell: (r, l) => r.modes.map((m) => label(TRANSPORT_MODES, m, l)).join('; ') },
  { en: 'period from', es: 'período desde', cell: (r) => r.periodFrom ?? '' },
  { en: 'period until', es: 'período hasta', cell: (r) => r.periodUntil ?? '' },
  { en: 'route', es: 'ruta', cell: (r, l, place) => routeCell(r, l, place) },
  {
    en: 'nationalities moved',
    es: 'nacionalidades trasladadas',
    cell: (r, _, place) => (r.opened.route?.nationalities ?? []).map(place).join('; '),
  },
  { en: 'risks', es: 'riesgos', cell: (r, l) => (r.opened.route?.risks ?? []).map((c) => label(ROUTE_RISKS, c, l)).join('; ') },
  { en: 'published', es: 'publicado', cell: (r) => iso(r.publishedAt) },
  { en: 'sightings', es: 'avistamientos', cell: (r) => r.sightings },
];

/**
 * An export of what a report search selects, under the same policy (and a RED report only for its
 * originator): CSV (codes named in the reader's language, ISO dates, formula-safe), JSON (codes and
 * every report's content) or GeoJSON (the routes among them, drawn as the space map draws them).
 * The file name and a header carry the most restrictive TLP label in it; every row or feature its
 * own. Refused beyond `max` reports.
 */
export async function exportReports(
  deps: ReportDeps,
  ability: Ability,
  query: ReportSearch,
  actorId: string,
  spaces: string[],
  format: ExportFormat,
  language: Language,
  max: number,
  now: Date,
) {
  const matched = await exportMatches(deps, ability, format === 'geojson' ? { ...query, kind: ['route'] } : query, actorId, spaces, max);
  if (matched.length > max) throw new ApiError(422, 'export_too_large', { limit: max });
  const rows: Opened[] = await Promise.all(
    matched.map(async (r) => ({ ...r, opened: await openRecord<ReportContent>(deps.sealer, r.spaceId, r.content) })),
  );
  const highest = highestTlp(rows.map((r) => r.tlp));
  const name = `enlace-reports-${now.toISOString().slice(0, 10)}-TLP-${highest.replace('+', '-')}.${format}`;
  let body: string;
  if (format === 'csv') {
    const place = await placeNamer(
      deps.db,
      rows.flatMap((r) => [r.originatorCountry, ...r.countries]),
      language,
    );
    body = stringify([COLUMNS.map((c) => c[language]), ...rows.map((row) => COLUMNS.map((c) => inert(String(c.cell(row, language, place)))))], {
      bom: true,
    });
  } else if (format === 'geojson') {
    const features = mapFeatures(
      rows
        .filter((r) => r.opened.route)
        .map((r) => ({ id: r.id, tlp: r.tlp, sightings: r.sightings, shape: { title: r.opened.title, route: r.opened.route! } })),
    );
    body = JSON.stringify({ type: 'FeatureCollection', generatedAt: now.toISOString(), tlp: highest, features });
  } else {
    body = JSON.stringify(
      {
        generatedAt: now.toISOString(),
        tlp: highest,
        count: rows.length,
        reports: rows.map(({ content: _sealed, opened, createdAt, updatedAt, publishedAt, ...r }) => ({
          ...r,
          createdAt: iso(createdAt),
          updatedAt: iso(updatedAt),
          publishedAt: iso(publishedAt) || null,
          ...opened,
        })),
      },
      null,
      2,
    );
  }
  const type = { csv: 'text/csv', json: 'application/json', geojson: 'application/geo+json' }[format];
  return {
    count: rows.length,
    ids: rows.map((r) => r.id),
    body,
    headers: {
      'content-type': `${type}; charset=utf-8`,
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
      'x-enlace-tlp': highest,
    },
  };
}
