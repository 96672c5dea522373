import { type SqlBool, sql } from 'kysely';
import type { Static } from 'typebox';
import type { Ability } from '../../../policies/ability.ts';
import { normaliseExact } from '../../platform/crypto/blind-index.ts';
import { openRecord, type SealedRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { MapQuery, ReportContent, RouteDetails } from './schemas.ts';
import { facetIndex, type ReportDeps, readableReports } from './service.ts';

/**
 * The space map (`GET /api/spaces/:spaceId/map`): every published route the reader reads in the
 * space, filtered by facets, as GeoJSON — each leg a line from waypoint to waypoint (where both have
 * coordinates), each crossing point a point sized by the routes and sightings that touch it.
 *
 * Which routes: one SQL statement under the policy (`readableReports`), the facets as SQL (modes,
 * countries, period in clear; a nationality through the blind facet index). A RED route is drawn on
 * its originator's map only: anyone else reads it on its own page, after stating a purpose. What they look like:
 * their sealed records, opened. A record is never changed in place (an edit seals a new one), so
 * what was opened is kept by the record's id (`RouteShapes`, bounded): a map of 10,000 routes opens
 * only the routes it has not seen. The cache holds what this process opens to serve readers anyway;
 * it is never a way around the policy — the statement decides which ids are drawn — and a shredded
 * report has no record left to select.
 */
export interface RouteShape {
  title: string;
  route: RouteDetails;
}

/** Opened route records by sealed-record id; the oldest forgotten first beyond `max`. */
export class RouteShapes {
  readonly #shapes = new Map<string, RouteShape>();
  constructor(readonly max = 50_000) {}
  get(id: string): RouteShape | undefined {
    return this.#shapes.get(id);
  }
  set(id: string, shape: RouteShape): void {
    if (this.#shapes.size >= this.max) this.#shapes.delete(this.#shapes.keys().next().value!);
    this.#shapes.set(id, shape);
  }
  get size(): number {
    return this.#shapes.size;
  }
}

type Position = [number, number];
export interface Feature {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: Position[] } | { type: 'Point'; coordinates: Position };
  properties: Record<string, string | number | null>;
}

interface MapRow {
  id: string;
  tlp: string;
  contentId: string;
  sightings: number;
}

/** The routes of a space a reader may see on its map, with their sealed-record ids and sighting counts. */
async function mapRows(deps: ReportDeps, ability: Ability, actorId: string, spaceId: string, query: Static<typeof MapQuery>): Promise<MapRow[]> {
  let rows = readableReports(deps.db, ability)
    .select([
      'item.id',
      'item.tlp',
      'rp.contentId',
      sql<number>`(select count(*) from sighting g where g.item_id = item.id and g.kind = 'sighting')::int`.as('sightings'),
    ])
    .where('item.spaceId', '=', spaceId)
    .where('rp.kind', '=', 'route')
    .where('item.status', '=', 'published')
    .where('item.shreddedAt', 'is', null)
    // A RED route's places are read one report at a time, with a stated purpose: on a map, its own originator's only.
    .where((eb) => eb.or([eb('item.tlp', '<>', 'RED'), eb('item.originatorId', '=', actorId)]));
  if (query.mode?.length) rows = rows.where(sql<SqlBool>`rp.modes && ${sql.val(query.mode)}::text[]`);
  if (query.country?.length) rows = rows.where(sql<SqlBool>`rp.countries && ${sql.val(query.country)}::text[]`);
  if (query.from) rows = rows.where(sql<SqlBool>`(rp.period_until is null or rp.period_until >= ${query.from}::date)`);
  if (query.until) rows = rows.where(sql<SqlBool>`(rp.period_from is null or rp.period_from <= ${query.until}::date)`);
  if (query.nationality) {
    const mac = facetIndex(deps.keyring, spaceId, `nationality:${query.nationality}`);
    rows = rows.where(sql<SqlBool>`rp.facets && ${sql.val(mac ? [mac] : [])}::text[]`);
  }
  return rows.orderBy('rp.publishedAt').orderBy('item.id').execute();
}

/** The shapes of these routes: from the cache, the others opened (one query for all the missing records). */
async function shapesOf(deps: ReportDeps, shapes: RouteShapes, spaceId: string, rows: MapRow[]): Promise<Map<string, RouteShape>> {
  const out = new Map<string, RouteShape>();
  const missing: string[] = [];
  for (const row of rows) {
    const shape = shapes.get(row.contentId);
    if (shape) out.set(row.contentId, shape);
    else missing.push(row.contentId);
  }
  if (missing.length) {
    const sealed = await deps.db
      .selectFrom('report as rp')
      .select(['rp.contentId', sealedRecord('rp.contentId').as('content')])
      .where('rp.contentId', 'in', missing)
      .execute();
    const opened = await Promise.all(
      sealed.map(async (s) => [s.contentId, await openRecord<ReportContent>(deps.sealer, spaceId, s.content as SealedRecord)] as const),
    );
    for (const [contentId, content] of opened) {
      if (!content.route) continue;
      const shape = { title: content.title, route: content.route };
      shapes.set(contentId, shape);
      out.set(contentId, shape);
    }
  }
  return out;
}

const hasPosition = (w: { latitude?: number | null; longitude?: number | null }) => typeof w.latitude === 'number' && typeof w.longitude === 'number';

/** A route to draw: its item, label and sighting count, and its opened shape. */
export interface DrawnRoute {
  id: string;
  tlp: string;
  sightings: number;
  shape: RouteShape;
}

/**
 * The features of these routes: each leg whose two waypoints have coordinates, then every crossing
 * point with coordinates once (by country and normalised name), with how many routes and sightings
 * touch it. Pure: the bench's plaintext floor builds its map with it too.
 */
export function mapFeatures(routes: Iterable<DrawnRoute>): Feature[] {
  const features: Feature[] = [];
  const crossings = new Map<string, { feature: Feature; routes: number; sightings: number }>();
  for (const { id, tlp, sightings, shape } of routes) {
    const { waypoints, legs } = shape.route;
    legs.forEach((leg, i) => {
      const [a, b] = [waypoints[i]!, waypoints[i + 1]!];
      if (!hasPosition(a) || !hasPosition(b)) return;
      features.push({
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [a.longitude!, a.latitude!],
            [b.longitude!, b.latitude!],
          ],
        },
        properties: { kind: 'leg', reportId: id, tlp, title: shape.title, leg: i, mode: leg.mode, from: a.place, to: b.place },
      });
    });
    for (const w of waypoints) {
      if (!w.crossing || !hasPosition(w)) continue;
      const key = `${w.country}/${normaliseExact(w.crossing)}`;
      let crossing = crossings.get(key);
      if (!crossing) {
        crossing = {
          feature: {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [w.longitude!, w.latitude!] },
            properties: { kind: 'crossing', name: w.crossing, crossingKind: w.crossingKind ?? null, country: w.country, routes: 0, sightings: 0 },
          },
          routes: 0,
          sightings: 0,
        };
        crossings.set(key, crossing);
      }
      crossing.routes++;
      crossing.sightings += sightings;
    }
  }
  for (const c of crossings.values()) {
    c.feature.properties['routes'] = c.routes;
    c.feature.properties['sightings'] = c.sightings;
    features.push(c.feature);
  }
  return features;
}

/** The GeoJSON of a space's map for a reader: legs, waypoints and crossing points, and the ids drawn (for the audit entry). */
export async function spaceMap(
  deps: ReportDeps,
  shapes: RouteShapes,
  ability: Ability,
  actorId: string,
  spaceId: string,
  query: Static<typeof MapQuery>,
) {
  const rows = await mapRows(deps, ability, actorId, spaceId, query);
  const byContent = await shapesOf(deps, shapes, spaceId, rows);
  const drawn: DrawnRoute[] = [];
  for (const row of rows) {
    const shape = byContent.get(row.contentId);
    if (shape) drawn.push({ id: row.id, tlp: row.tlp, sightings: row.sightings, shape });
  }
  return { collection: { type: 'FeatureCollection' as const, features: mapFeatures(drawn) }, ids: rows.map((r) => r.id) };
}
