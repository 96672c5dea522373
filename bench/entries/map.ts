import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pLimit from 'p-limit';
import pg from 'pg';
import { type DrawnRoute, mapFeatures } from '../../server/features/reports/map.ts';
import type { RouteDetails } from '../../server/features/reports/schemas.ts';
import { buildWorld } from '../../test/helpers/world.ts';
import { startBenchApp } from '../app.ts';
import { type LoadTarget, percentile, round, runLoad } from '../load.ts';
import type { BenchEntry } from '../run.ts';

const ROUTES = Number(process.env.ENLACE_BENCH_MAP_ROUTES ?? 10_000);
/** Routes the reader may not read (another organisation's AMBER+STRICT): the policy has to leave them out. */
const HIDDEN = Math.round(ROUTES / 10);
const SIGHTED = 200;
const ROUNDS = 5;
const PER_ROUND = 12;

/** Places along the corridor, south to north: an extra-regional arrival point first, then northward. */
const PLACES: { country: string; place: string; latitude: number; longitude: number; crossing?: string; crossingKind?: string }[] = [
  { country: 'ECU', place: 'Quito', latitude: -0.125, longitude: -78.354, crossing: 'Aeropuerto Mariscal Sucre', crossingKind: 'airport' },
  {
    country: 'ECU',
    place: 'Guayaquil',
    latitude: -2.157,
    longitude: -79.884,
    crossing: 'Aeropuerto José Joaquín de Olmedo',
    crossingKind: 'airport',
  },
  { country: 'COL', place: 'Bogotá', latitude: 4.701, longitude: -74.146, crossing: 'Aeropuerto El Dorado', crossingKind: 'airport' },
  { country: 'COL', place: 'Necoclí', latitude: 8.426, longitude: -76.784, crossing: 'Muelle de Necoclí', crossingKind: 'seaport' },
  { country: 'COL', place: 'Capurganá', latitude: 8.634, longitude: -77.35 },
  { country: 'PAN', place: 'Bajo Chiquito', latitude: 8.04, longitude: -77.47, crossing: 'Paso Canaán Membrillo', crossingKind: 'irregular' },
  { country: 'PAN', place: 'Lajas Blancas', latitude: 8.28, longitude: -77.76 },
  { country: 'PAN', place: 'Ciudad de Panamá', latitude: 9.071, longitude: -79.383, crossing: 'Aeropuerto de Tocumen', crossingKind: 'airport' },
  { country: 'CRI', place: 'Paso Canoas', latitude: 8.535, longitude: -82.84, crossing: 'Paso Canoas', crossingKind: 'land_border' },
  { country: 'CRI', place: 'San José', latitude: 9.998, longitude: -84.204, crossing: 'Aeropuerto Juan Santamaría', crossingKind: 'airport' },
  { country: 'NIC', place: 'Peñas Blancas', latitude: 11.214, longitude: -85.611, crossing: 'Peñas Blancas', crossingKind: 'land_border' },
  { country: 'NIC', place: 'Managua', latitude: 12.141, longitude: -86.168, crossing: 'Aeropuerto Augusto C. Sandino', crossingKind: 'airport' },
  { country: 'HND', place: 'Trojes', latitude: 14.06, longitude: -85.98, crossing: 'Las Manos', crossingKind: 'land_border' },
  { country: 'HND', place: 'Danlí', latitude: 14.03, longitude: -86.58 },
  { country: 'HND', place: 'San Pedro Sula', latitude: 15.5, longitude: -88.03 },
  { country: 'SLV', place: 'San Salvador', latitude: 13.69, longitude: -89.19 },
  { country: 'GTM', place: 'Agua Caliente', latitude: 14.61, longitude: -89.17, crossing: 'Agua Caliente', crossingKind: 'land_border' },
  { country: 'GTM', place: 'Ciudad de Guatemala', latitude: 14.63, longitude: -90.51 },
  { country: 'GTM', place: 'Tecún Umán', latitude: 14.68, longitude: -92.14, crossing: 'Puente Rodolfo Robles', crossingKind: 'river' },
  { country: 'MEX', place: 'Tapachula', latitude: 14.91, longitude: -92.26 },
];
const MODES = ['air', 'bus', 'car', 'boat', 'foot', 'train', 'other'] as const;
const NATIONALITIES = ['VEN', 'HTI', 'CUB', 'ECU', 'CHN', 'IND', 'AFG', 'CMR', 'SEN', 'NPL'];

/** A small deterministic generator, so both sides and every run draw the same routes. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Route n: 4 to 6 waypoints in corridor order (3 to 5 legs, the demo's 4 on average), 1 to 3 nationalities. */
function routeBody(n: number, tlp: string) {
  const next = random(n + 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const count = 4 + Math.floor(next() * 3);
  const start = Math.floor(next() * 4);
  const indexes = new Set<number>([start]);
  while (indexes.size < count) indexes.add(start + 1 + Math.floor(next() * (PLACES.length - start - 1)));
  const waypoints = [...indexes].sort((a, b) => a - b).map((i) => ({ ...PLACES[i]! }));
  const legs = waypoints
    .slice(1)
    .map(() => ({ mode: pick(MODES), costAmount: 100 + Math.floor(next() * 2000), costCurrency: 'USD', durationDays: 1 + Math.floor(next() * 5) }));
  const nationalities = [...new Set([pick(NATIONALITIES), pick(NATIONALITIES), pick(NATIONALITIES)].slice(0, 1 + Math.floor(next() * 3)))];
  const year = 2024 + Math.floor(next() * 3);
  return {
    kind: 'route',
    title: `Ruta ${n} hacia el norte`,
    summary: `Variante ${n} del corredor.`,
    periodFrom: `${year}-0${1 + Math.floor(next() * 9)}-01`,
    periodUntil: next() < 0.5 ? null : `${year}-12-31`,
    tlp,
    route: { waypoints, legs, nationalities, estimatedVolume: null, risks: [] },
  };
}

/** The plaintext copy of the readable routes, beside the real tables (what the floor reads). */
async function copyPlain(url: string, spaceId: string, routes: { id: string; body: ReturnType<typeof routeBody> }[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create table plain_route (
      item_id uuid primary key, space_id uuid not null, tlp text not null, status text not null, published_at timestamptz not null,
      modes text[] not null, countries text[] not null, period_from date, period_until date, nationalities text[] not null,
      title text not null, route jsonb not null)`);
    for (let i = 0; i < routes.length; i += 1000) {
      const chunk = routes.slice(i, i + 1000);
      await client.query(
        `insert into plain_route
         select x.item_id, $1, x.tlp, 'published', now(), x.modes, x.countries, x.period_from, x.period_until, x.nationalities, x.title, x.route
         from jsonb_to_recordset($2::jsonb) as x(item_id uuid, tlp text, modes text[], countries text[], period_from date, period_until date,
           nationalities text[], title text, route jsonb)`,
        [
          spaceId,
          JSON.stringify(
            chunk.map(({ id, body }) => ({
              item_id: id,
              tlp: body.tlp,
              modes: [...new Set(body.route.legs.map((l) => l.mode))],
              countries: [...new Set(body.route.waypoints.map((w) => w.country))],
              period_from: body.periodFrom,
              period_until: body.periodUntil,
              nationalities: body.route.nationalities,
              title: body.title,
              route: body.route,
            })),
          ),
        ],
      );
    }
    await client.query('create index on plain_route (space_id)');
    await client.query('analyze plain_route');
  } finally {
    await client.end();
  }
}

/**
 * The floor: the same map over the plaintext copy — the same filters as SQL, the same sighting
 * counts, the same features (`mapFeatures`), the same JSON — with no session, policy, sealing or
 * audit entry. A bare node:http server and node-postgres, so both sides pay HTTP and JSON.
 */
async function startMapFloor(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'enlace-bench-map-floor' });
  const server = createServer(async (request, response) => {
    const address = new URL(request.url ?? '/', 'http://floor');
    const spaceId = address.pathname.split('/')[2];
    const params: unknown[] = [spaceId];
    const where = ['p.space_id = $1', `p.status = 'published'`];
    const modes = address.searchParams.getAll('mode');
    const nationality = address.searchParams.get('nationality');
    if (modes.length) where.push(`p.modes && $${params.push(modes)}::text[]`);
    if (nationality) where.push(`$${params.push(nationality)} = any(p.nationalities)`);
    const { rows } = await pool.query(
      `select p.item_id as id, p.tlp, p.title, p.route,
        (select count(*) from sighting g where g.item_id = p.item_id and g.kind = 'sighting')::int as sightings
       from plain_route p where ${where.join(' and ')} order by p.published_at, p.item_id`,
      params,
    );
    const drawn: DrawnRoute[] = rows.map((r) => ({
      id: r.id,
      tlp: r.tlp,
      sightings: r.sightings,
      shape: { title: r.title, route: r.route as RouteDetails },
    }));
    const features = mapFeatures(drawn);
    const order = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
    const tlp = order.reduce<string | null>((most, l) => (rows.some((r) => r.tlp === l) ? l : most), null);
    response.writeHead(200, { 'content-type': 'application/geo+json; charset=utf-8' });
    response.end(JSON.stringify({ type: 'FeatureCollection', features, tlp }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

/**
 * `map` (PERFORMANCE.md): p50 latency of the space map (`GET /api/spaces/:id/map`, GeoJSON) of
 * 10,000 routes a reader may read — plus 1,000 they may not, which the policy leaves out — against
 * the same aggregate over a plaintext copy. One request at a time, alternating rounds, cycling
 * through the whole map, a nationality (blind facet) and a transport mode. The first request
 * (nothing opened yet: every sealed record decrypted) is reported apart as `coldMs`.
 */
export const map: BenchEntry = {
  name: 'map',
  async run({ cluster, prefix, log }) {
    const bench = await startBenchApp({ cluster, prefix }, { poolMax: 10 });
    let floor: Awaited<ReturnType<typeof startMapFloor>> | undefined;
    try {
      const world = await buildWorld(bench);
      const { app } = bench;
      const { db } = bench.database;
      const started = performance.now();
      const limit = pLimit(8);
      const create = (n: number, tlp: string) =>
        limit(async () => {
          const body = routeBody(n, tlp);
          const res = await app.inject({
            method: 'POST',
            url: `/api/spaces/${world.spaceId}/reports`,
            headers: world.officer.headers,
            payload: body,
          });
          if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
          return { id: res.json().id as string, body };
        });
      const readable = await Promise.all(Array.from({ length: ROUTES }, (_, n) => create(n, n % 3 ? 'GREEN' : 'AMBER')));
      const hidden = await Promise.all(Array.from({ length: HIDDEN }, (_, n) => create(ROUTES + n, 'AMBER+STRICT')));
      // Published as the workflow leaves them (status, update time, publication time), in one statement each.
      const ids = [...readable, ...hidden].map((r) => r.id);
      const now = app.clock.now();
      await db.updateTable('item').set({ status: 'published', updatedAt: now }).where('id', 'in', ids).execute();
      await db.updateTable('report').set({ publishedAt: now }).where('itemId', 'in', ids).execute();
      for (const { id } of readable.slice(0, SIGHTED)) {
        const res = await app.inject({
          method: 'POST',
          url: `/api/reports/${id}/sightings`,
          headers: world.foreign.headers,
          payload: { kind: 'sighting', seenOn: '2026-02-01', country: 'GTM' },
        });
        if (res.statusCode !== 201) throw new Error(`sighting: ${res.statusCode} ${res.body}`);
      }
      await copyPlain(bench.database.url, world.spaceId, readable);
      const seeded = (performance.now() - started) / 1000;
      floor = await startMapFloor(bench.database.url);

      const paths = ['', '?nationality=CUB', '?mode=boat'];
      const real: LoadTarget = {
        origin: bench.origin,
        method: 'GET',
        paths: paths.map((q) => `/api/spaces/${world.spaceId}/map${q}`),
        headers: { cookie: world.foreign.cookie },
      };
      const plain: LoadTarget = { origin: floor.origin, method: 'GET', paths: paths.map((q) => `/spaces/${world.spaceId}/map${q}`) };

      // The first view opens every sealed record (cold); then both sides must draw the same map.
      const coldStarted = performance.now();
      type Collection = { features: { properties: { kind: string } }[] };
      const mine = (await fetch(`${real.origin}${real.paths[0]}`, { headers: real.headers }).then((r) => r.json())) as Collection;
      const coldMs = performance.now() - coldStarted;
      const theirs = (await fetch(`${plain.origin}${plain.paths[0]}`).then((r) => r.json())) as Collection;
      const legs = (m: Collection) => m.features.filter((f) => f.properties.kind === 'leg').length;
      if (legs(mine) !== legs(theirs) || mine.features.length !== theirs.features.length) {
        throw new Error(`the maps differ: ${mine.features.length} features (${legs(mine)} legs) against ${theirs.features.length} (${legs(theirs)})`);
      }

      const sample = async (target: LoadTarget, requests: number) =>
        (await runLoad({ ...target, connections: 1, durationMs: 300_000, maxRequests: requests })).latencies;
      await sample(real, 3);
      await sample(plain, 3);
      const r: number[] = [];
      const p: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        r.push(...(await sample(real, PER_ROUND)));
        p.push(...(await sample(plain, PER_ROUND)));
      }
      const p50 = (values: number[]) => percentile(values, 50);
      log(
        `${ROUTES} routes (${legs(mine)} legs drawn, ${mine.features.length} features) + ${HIDDEN} unreadable, seeded in ${seeded.toFixed(0)} s; first view ${coldMs.toFixed(0)} ms; p50 ${p50(r).toFixed(1)} ms against the floor's ${p50(p).toFixed(1)} ms`,
      );
      return {
        ratio: p50(r) / p50(p),
        goal: 2,
        direction: 'max',
        p50Ms: round(p50(r), 2),
        coldMs: round(coldMs, 1),
        p99Ms: round(percentile(r, 99), 2),
        floorP50Ms: round(p50(p), 2),
        floorP99Ms: round(percentile(p, 99), 2),
        routes: ROUTES,
        unreadable: HIDDEN,
        features: mine.features.length,
        seedSeconds: round(seeded, 1),
        samples: r.length,
      };
    } finally {
      await floor?.close();
      await bench.close();
    }
  },
};
