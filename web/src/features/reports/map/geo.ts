/**
 * What the map draws with, loaded only when a map is shown (its own chunk: d3-geo, topojson-client
 * and Natural Earth's country boundaries at 1:110m from world-atlas, bundled — no tile server, no
 * other host, nothing fetched but the portal's own files).
 */
import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';

const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;

export interface Projected {
  /** Screen coordinates of a longitude and latitude. */
  point: (lonLat: [number, number]) => [number, number];
  /** The longitude and latitude under a point of the picture. */
  invert: (xy: [number, number]) => [number, number] | null;
  /** The SVG path of every country. */
  countries: { id: string; name: string; d: string }[];
}

/** A Mercator projection fitted to the positions drawn (with a margin), and the country outlines under it. */
export function project(positions: [number, number][], width: number, height: number, margin = 40): Projected {
  const extent: Feature = {
    type: 'Feature',
    properties: {},
    geometry:
      positions.length === 1
        ? { type: 'MultiPoint', coordinates: [positions[0]!, [positions[0]![0] + 1, positions[0]![1] + 1]] }
        : { type: 'MultiPoint', coordinates: positions },
  };
  const projection = geoMercator().fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin],
    ],
    extent,
  );
  const path = geoPath(projection);
  return {
    point: (lonLat) => projection(lonLat) ?? [0, 0],
    invert: (xy) => projection.invert?.(xy) ?? null,
    countries: countries.features.map((c, i) => ({ id: String(c.id ?? i), name: c.properties.name, d: path(c) ?? '' })).filter((c) => c.d),
  };
}
