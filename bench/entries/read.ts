import { isDeepStrictEqual } from 'node:util';
import { buildWorld } from '../../test/helpers/world.ts';
import { startBenchApp } from '../app.ts';
import { itemId } from '../corpus.ts';
import { type Floor, startFloor } from '../floor.ts';
import { compareLoad, percentile, round } from '../load.ts';
import type { BenchEntry } from '../run.ts';
import { addImages, readableRows, seedCorpus } from '../seed.ts';

interface View {
  specimen: unknown;
  images: { name: string; caption: string; page: string | null; light: string }[];
  sightingCounts: unknown;
}

const SIZE = 5_000;
const TARGETS = 200;
const CONNECTIONS = 8;
const ROUNDS = 3;
const ROUND_MS = 6_000;

/**
 * `read` (PERFORMANCE.md): `GET /api/specimens/:id` signed in as a member officer — session,
 * ability, the item found under the policy as SQL, content rights, the sealed content opened, the
 * images' sealed names and captions opened, sighting and correction counts, the audit entry, JSON —
 * against the same row from the plaintext copy by a bare HTTP route with node-postgres (no auth,
 * no audit). 200 published GREEN/AMBER specimens of a 5,000 corpus, each with two pictures, read
 * in turn by 8 connections; throughput, best of three 6-second rounds each, alternated. Both sides
 * are checked to return the same content first.
 */
export const read: BenchEntry = {
  name: 'read',
  async run({ cluster, prefix, log }) {
    const bench = await startBenchApp({ cluster, prefix });
    let floor: Floor | undefined;
    try {
      const world = await buildWorld(bench);
      const seeded = await seedCorpus(bench, world, SIZE, log);
      const targets = readableRows(SIZE, seeded.end, TARGETS).map(itemId);
      await addImages(bench, readableRows(SIZE, seeded.end, TARGETS), ['front', 'uv']);
      floor = await startFloor(bench.database.url);

      // The same row on both sides: content, images' names, pages and lights, counts.
      for (const id of targets.slice(0, 5)) {
        const real = (await (await fetch(`${bench.origin}/api/specimens/${id}`, { headers: { cookie: world.officer.cookie } })).json()) as View;
        const plain = (await (await fetch(`${floor.origin}/specimens/${id}`)).json()) as View;
        const images = (v: View) => v.images.map((i) => [i.name, i.caption, i.page, i.light]);
        if (
          !isDeepStrictEqual(real.specimen, plain.specimen) ||
          !isDeepStrictEqual(images(real), images(plain)) ||
          !isDeepStrictEqual(real.sightingCounts, plain.sightingCounts)
        ) {
          throw new Error(`read ${id}: the floor answers differently\n${JSON.stringify(real)}\n${JSON.stringify(plain)}`);
        }
      }

      const realTarget = {
        origin: bench.origin,
        method: 'GET' as const,
        paths: targets.map((id) => `/api/specimens/${id}`),
        headers: { cookie: world.officer.cookie },
      };
      const plainTarget = { origin: floor.origin, method: 'GET' as const, paths: targets.map((id) => `/specimens/${id}`) };
      const { bestReal, bestFloor, summary } = await compareLoad(realTarget, plainTarget, {
        connections: CONNECTIONS,
        rounds: ROUNDS,
        roundMs: ROUND_MS,
      });
      log(
        `real ${bestReal.perSecond.toFixed(0)} req/s (p50 ${percentile(bestReal.latencies, 50).toFixed(2)} ms), floor ${bestFloor.perSecond.toFixed(0)} req/s (p50 ${percentile(bestFloor.latencies, 50).toFixed(2)} ms); corpus seeded in ${seeded.seconds.toFixed(1)} s`,
      );
      return {
        ...summary,
        goal: 0.5,
        direction: 'min',
        corpus: SIZE,
        seedSeconds: round(seeded.seconds, 1),
      };
    } finally {
      await floor?.close();
      await bench.close();
    }
  },
};
