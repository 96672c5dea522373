import { isDeepStrictEqual } from 'node:util';
import { abilityFor } from '../../policies/ability.ts';
import { search as searchSpecimens } from '../../server/features/specimens/queries.ts';
import type { SpecimenContent } from '../../server/features/specimens/schemas.ts';
import { actorFor } from '../../server/platform/access.ts';
import { spaceIds } from '../../server/platform/items/keywords.ts';
import type { BenchApp } from '../app.ts';
import { SEARCH } from '../corpus.ts';
import { openCorpus } from '../corpus-cache.ts';
import { type Floor, startFloor } from '../floor.ts';
import { compareLoad, type LoadTarget, percentile, round, runLoad } from '../load.ts';
import type { BenchEntry } from '../run.ts';
import { addImages, type CorpusWorld, searchPage } from '../seed.ts';

export const SEARCH_SIZE = Number(process.env.ENLACE_BENCH_SEARCH_SIZE ?? 100_000);
const CONNECTIONS = 8;
const ROUNDS = 3;
const ROUND_MS = 8_000;

/** The real search request (signed in as the Costa Rican officer) and the floor's. */
export function searchTargets(bench: BenchApp, world: CorpusWorld, floor: Floor): { real: LoadTarget; plain: LoadTarget } {
  const body = JSON.stringify(SEARCH);
  return {
    real: { origin: bench.origin, method: 'POST', paths: ['/api/specimens/search'], headers: world.officer.headers, body },
    plain: { origin: floor.origin, method: 'POST', paths: ['/specimens/search'], body },
  };
}

/** Both sides must answer the same: total, facet counts, the page's cards in order (else the ratio means nothing). */
export async function sameAnswer(bench: BenchApp, world: CorpusWorld, floor: Floor): Promise<{ total: number }> {
  const post = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(SEARCH) });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { total: number; items: Record<string, unknown>[]; facets: Record<string, unknown> };
  };
  const real = await post(`${bench.origin}/api/specimens/search`, world.officer.headers);
  const plain = await post(`${floor.origin}/specimens/search`);
  if (real.total !== plain.total) throw new Error(`totals differ: real ${real.total}, floor ${plain.total}`);
  if (!isDeepStrictEqual(real.facets, plain.facets))
    throw new Error(`facet counts differ:\n${JSON.stringify(real.facets)}\n${JSON.stringify(plain.facets)}`);
  if (!isDeepStrictEqual(real.items, plain.items))
    throw new Error(`cards differ:\n${JSON.stringify(real.items[0])}\n${JSON.stringify(plain.items[0])}`);
  if (real.items.length !== SEARCH.pageSize) throw new Error(`a page of ${real.items.length} cards`);
  return { total: real.total };
}

/** Where a search's time goes: the route over HTTP, the search function alone (SQL + opening 50 cards), opening 50 cards alone. */
export async function searchBreakdown(bench: BenchApp, world: CorpusWorld, floor: Floor, samples = 30) {
  const { app } = bench;
  const { db } = bench.database;
  const user = await db.selectFrom('appUser').selectAll().where('id', '=', world.officer.user.id).executeTakeFirstOrThrow();
  const actor = await actorFor(db, user);
  const ability = abilityFor(actor);
  const deps = { db, sealer: app.sealer, keyring: app.keyring };
  const { q, type, issuingCountry, pageSize } = SEARCH;
  const time = async (work: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      await work();
      times.push(performance.now() - started);
    }
    return round(percentile(times, 50), 2);
  };
  const plan = async () => ({ filters: { q, type, issuingCountry }, actorId: actor.id, spaces: await spaceIds(db) });
  const page = await searchSpecimens(deps, ability, await plan(), 1, pageSize);
  const sealed = await db
    .selectFrom('specimen as sp')
    .innerJoin('sealed as s', 's.id', 'sp.contentId')
    .select(['sp.spaceId', 's.keyVersion', 's.message', 's.wrappedKey'])
    .where(
      'sp.itemId',
      'in',
      page.items.map((c) => c.id),
    )
    .execute();
  const { real, plain } = searchTargets(bench, world, floor);
  const sequential = async (target: typeof real) =>
    round(percentile((await runLoad({ ...target, connections: 1, durationMs: 60_000, maxRequests: samples })).latencies, 50), 2);
  return {
    routeP50Ms: await sequential(real),
    floorRouteP50Ms: await sequential(plain),
    searchFunctionP50Ms: await time(async () => searchSpecimens(deps, ability, await plan(), 1, pageSize)),
    open50CardsP50Ms: await time(() => Promise.all(sealed.map((s) => app.sealer.open<SpecimenContent>(s.spaceId, s)))),
  };
}

/**
 * `search` (PERFORMANCE.md): `POST /api/specimens/search` `{ q, type, issuingCountry, pageSize: 50 }`
 * over 100,000 specimens (bench/corpus.ts: the keyword is in 1,000 of them), signed in as a member
 * officer — session, ability, the policy as SQL, blind-index tokens of the word under each space's
 * key, exact total, the six facets' counts, 50 cards opened, the audit entry — against the same
 * query on the plaintext copy with PostgreSQL full-text search on a bare HTTP server. Throughput
 * with 8 connections, best of three 8-second rounds each, alternated. Both answers are checked
 * equal first. Also reported: the seeding time and where a search's time goes.
 */
export const search: BenchEntry = {
  name: 'search',
  async run({ cluster, prefix, log, fresh }) {
    const corpus = await openCorpus({ cluster, prefix, log, fresh }, SEARCH_SIZE);
    const { bench, world } = corpus;
    let floor: Floor | undefined;
    try {
      await addImages(bench, searchPage(SEARCH_SIZE, 60), ['front']);
      floor = await startFloor(bench.database.url);
      const { total } = await sameAnswer(bench, world, floor);
      const { real, plain } = searchTargets(bench, world, floor);
      const { bestReal, bestFloor, summary } = await compareLoad(real, plain, { connections: CONNECTIONS, rounds: ROUNDS, roundMs: ROUND_MS });
      const breakdown = await searchBreakdown(bench, world, floor);
      log(
        `${SEARCH_SIZE} specimens (seeded in ${corpus.seedSeconds.toFixed(0)} s), ${total} results: real ${bestReal.perSecond.toFixed(1)} req/s (p50 ${percentile(bestReal.latencies, 50).toFixed(1)} ms), floor ${bestFloor.perSecond.toFixed(1)} req/s (p50 ${percentile(bestFloor.latencies, 50).toFixed(1)} ms); one at a time: ${JSON.stringify(breakdown)}`,
      );
      return {
        ...summary,
        goal: 0.4,
        direction: 'min',
        corpus: SEARCH_SIZE,
        results: total,
        seedSeconds: round(corpus.seedSeconds, 1),
        ...breakdown,
      };
    } finally {
      await floor?.close();
      await bench.close();
    }
  },
};
