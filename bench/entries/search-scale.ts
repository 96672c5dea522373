import { type Corpus, openCorpus } from '../corpus-cache.ts';
import { type Floor, startFloor } from '../floor.ts';
import { type LoadTarget, percentile, round, runLoad } from '../load.ts';
import type { BenchEntry } from '../run.ts';
import { addImages, searchPage } from '../seed.ts';
import { sameAnswer, searchTargets } from './search.ts';

export const SCALE_SMALL = Number(process.env.ENLACE_BENCH_SCALE_SMALL ?? 10_000);
const SMALL = SCALE_SMALL;
const LARGE = Number(process.env.ENLACE_BENCH_SCALE_LARGE ?? 200_000);
const ROUNDS = 5;
const PER_ROUND = 40;

/**
 * `search-scale` (PERFORMANCE.md): p50 latency of the `search` request at 200,000 specimens against
 * the same at 10,000 — two databases seeded from the same generator, the keyword in 1,000
 * specimens of each (bench/corpus.ts), so the answer is the same size and only the corpus grows.
 * One request at a time (latency, not throughput), five rounds of 40 alternating between the two
 * sizes. The floor's latencies at both sizes are reported beside (full-text search on the
 * plaintext copies) to tell the portal's scaling from PostgreSQL's.
 */
export const searchScale: BenchEntry = {
  name: 'search-scale',
  async run({ cluster, prefix, log, fresh }) {
    const corpora: Corpus[] = [];
    const floors: Floor[] = [];
    try {
      const sides = [];
      for (const size of [SMALL, LARGE]) {
        const corpus = await openCorpus({ cluster, prefix: `${prefix}${sides.length ? 'large' : 'small'}_`, log, fresh }, size);
        corpora.push(corpus);
        const { bench, world } = corpus;
        const seeded = { seconds: corpus.seedSeconds };
        await addImages(bench, searchPage(size, 60), ['front']);
        const floor = await startFloor(bench.database.url);
        floors.push(floor);
        const { total } = await sameAnswer(bench, world, floor);
        sides.push({ size, seeded, total, targets: searchTargets(bench, world, floor), real: [] as number[], plain: [] as number[] });
      }
      const sample = async (target: LoadTarget, requests: number) =>
        (await runLoad({ ...target, connections: 1, durationMs: 120_000, maxRequests: requests })).latencies;
      for (const side of sides) {
        await sample(side.targets.real, 15);
        await sample(side.targets.plain, 15);
      }
      for (let r = 0; r < ROUNDS; r++) {
        for (const side of sides) {
          side.real.push(...(await sample(side.targets.real, PER_ROUND)));
          side.plain.push(...(await sample(side.targets.plain, PER_ROUND)));
        }
      }
      const [s, l] = sides as [(typeof sides)[number], (typeof sides)[number]];
      const p50 = (values: number[]) => percentile(values, 50);
      log(
        `p50 at ${s.size}: ${p50(s.real).toFixed(1)} ms (floor ${p50(s.plain).toFixed(1)} ms); at ${l.size}: ${p50(l.real).toFixed(1)} ms (floor ${p50(l.plain).toFixed(1)} ms); seeded in ${s.seeded.seconds.toFixed(0)} s and ${l.seeded.seconds.toFixed(0)} s`,
      );
      return {
        ratio: p50(l.real) / p50(s.real),
        goal: 1.5,
        direction: 'max',
        p50SmallMs: round(p50(s.real), 2),
        p50LargeMs: round(p50(l.real), 2),
        p99SmallMs: round(percentile(s.real, 99), 2),
        p99LargeMs: round(percentile(l.real, 99), 2),
        floorP50SmallMs: round(p50(s.plain), 2),
        floorP50LargeMs: round(p50(l.plain), 2),
        floorRatio: round(p50(l.plain) / p50(s.plain), 3),
        small: SMALL,
        large: LARGE,
        resultsSmall: s.total,
        resultsLarge: l.total,
        seedSecondsSmall: round(s.seeded.seconds, 1),
        seedSecondsLarge: round(l.seeded.seconds, 1),
        samplesPerSize: ROUNDS * PER_ROUND,
      };
    } finally {
      for (const floor of floors) await floor.close();
      for (const corpus of corpora) await corpus.bench.close();
    }
  },
};
