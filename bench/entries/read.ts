import { isDeepStrictEqual } from 'node:util';
import { SPECIMEN_DETAILS } from '../../server/features/specimens/service.ts';
import { actorOf, cachedAbility } from '../../server/platform/access.ts';
import { findSession } from '../../server/platform/auth/sessions.ts';
import { hashToken } from '../../server/platform/auth/tokens.ts';
import { openRecord } from '../../server/platform/crypto/sealed-records.ts';
import { Sealer } from '../../server/platform/crypto/sealer.ts';
import { findItemWith, prefetchItem } from '../../server/platform/items/base.ts';
import type { BenchApp } from '../app.ts';
import { itemId } from '../corpus.ts';
import { openCorpus } from '../corpus-cache.ts';
import { type Floor, startFloor } from '../floor.ts';
import { bestOfRounds, type LoadTarget, percentile, round, runLoad } from '../load.ts';
import { beyond, profileOf, sharesOf } from '../profile.ts';
import type { BenchEntry } from '../run.ts';
import { addImages, type CorpusWorld, readableRows } from '../seed.ts';
import { SCALE_SMALL } from './search-scale.ts';

interface View {
  specimen: unknown;
  images: { name: string; caption: string; page: string | null; light: string }[];
  sightingCounts: unknown;
}

/** The corpus of `search-scale`'s small side (seeded once, shared). */
const SIZE = SCALE_SMALL;
const TARGETS = 200;
const CONNECTIONS = 8;
const ROUNDS = 3;
const ROUND_MS = 6_000;
const SAMPLES = 200;

const median = (values: number[]) => round(percentile(values, 50), 3);

/**
 * Where one read's wall-clock time goes, one request at a time (no queueing): each step of the
 * route called alone, in the route's order, over the same targets. A reader's read again — what
 * the load measures — is the session and the item in one statement (`sessionWithItem`: cookie to
 * user, session, memberships, and the item under the policy with its sealed records and counts,
 * looked up under the ability the session last had), the ability (cached per actor), opening the
 * sealed records (the content, each image's name and caption: `open`, from the records opened
 * before), one audit append through the group commit (alone: one commit each), and the whole route
 * over HTTP; what the route costs beyond those steps (HTTP, Fastify's hooks and schemas,
 * serialisation) is the remainder. Beside them, what a first read pays instead: the session alone,
 * the item alone, and the records decrypted (`openDecrypting`, a sealer that keeps nothing).
 */
async function breakdown(bench: BenchApp, world: CorpusWorld, targets: string[]) {
  const { app } = bench;
  const { db } = bench.database;
  const tokenHash = hashToken(world.officer.cookie.slice(world.officer.cookie.indexOf('=') + 1));
  const decrypting = new Sealer(db, app.keyring, app.clock);
  const lookup = prefetchItem('specimen', SPECIMEN_DETAILS);
  const steps: Record<string, number[]> = {
    sessionWithItem: [],
    ability: [],
    open: [],
    auditAppend: [],
    session: [],
    itemWithRecords: [],
    openDecrypting: [],
  };
  const time = async <T>(step: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const value = await work();
    steps[step]!.push(performance.now() - started);
    return value;
  };
  for (let n = 0; n < SAMPLES; n++) {
    const id = targets[n % targets.length]!;
    const alongside = lookup({ id }, tokenHash);
    if (!alongside) throw new Error('read: the officer’s session has no ability to look up with yet');
    const found = (await time('sessionWithItem', () => findSession(db, tokenHash, app.clock.now(), app.sessionPolicy, alongside)))!;
    const ability = await time('ability', () => cachedAbility(actorOf(found.user, found.memberships)));
    const { item, extra } = await findItemWith(db, ability, 'specimen', id, SPECIMEN_DETAILS, found.alongside);
    const records = [extra.content, ...extra.images.map((image) => image.details)];
    await time('open', () => Promise.all(records.map((r) => openRecord(app.sealer, item.spaceId, r))));
    await time('auditAppend', () =>
      app.audit.record({
        action: 'specimen.read',
        outcome: 'allowed',
        actorId: found.user.id,
        actorCountry: found.user.country,
        subjectType: 'specimen',
        subjectId: id,
        spaceId: item.spaceId,
        requestId: `breakdown-${n}`,
        details: { status: 200, tlp: item.tlp, itemKind: 'specimen' },
      }),
    );
    await time('session', () => findSession(db, tokenHash, app.clock.now(), app.sessionPolicy));
    await time('itemWithRecords', () => findItemWith(db, ability, 'specimen', id, SPECIMEN_DETAILS));
    await time('openDecrypting', () => Promise.all(records.map((r) => openRecord(decrypting, item.spaceId, r))));
  }
  const route = (
    await runLoad({
      origin: bench.origin,
      method: 'GET',
      paths: targets.map((id) => `/api/specimens/${id}`),
      headers: { cookie: world.officer.cookie },
      connections: 1,
      durationMs: 120_000,
      maxRequests: SAMPLES,
    })
  ).latencies;
  const medians = Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, median(v)]));
  const routeSteps = ['sessionWithItem', 'ability', 'open', 'auditAppend'].reduce((sum, k) => sum + medians[k]!, 0);
  return { ...medians, routeOverHttp: median(route), remainder: round(median(route) - routeSteps, 3) };
}

/**
 * `read` (PERFORMANCE.md): `GET /api/specimens/:id` signed in as a member officer — session,
 * ability, the item found under the policy as SQL, content rights, the sealed content opened, the
 * images' sealed names and captions opened, sighting and correction counts, the audit entry, JSON —
 * against two floors: the same row from the plaintext copy by a bare HTTP route with node-postgres
 * (no auth, no audit), and that route plus one durable audit append through the portal's own group
 * commit (what the design imposes on every read). 200 published GREEN/AMBER specimens of a 10,000
 * corpus (search-scale's small one), each with two pictures, read in turn by 8 connections; throughput, best of three 6-second
 * rounds each, alternated. The sides are checked to return the same content first. Details: the
 * p50 of each step one read at a time (`breakdown`), the CPU each side spends per request in this
 * process and in PostgreSQL (load.ts: which side works and which waits), the share of the
 * server thread's time by package under load (profile.ts), and, function by function, what the
 * server thread spends on a real read beyond what it spends on the audited floor's (`beyond`).
 */
export const read: BenchEntry = {
  name: 'read',
  async run({ cluster, prefix, log, fresh }) {
    const corpus = await openCorpus({ cluster, prefix, log, fresh }, SIZE);
    const { bench, world } = corpus;
    let floor: Floor | undefined;
    try {
      const targets = readableRows(SIZE, corpus.end, TARGETS).map(itemId);
      await addImages(bench, readableRows(SIZE, corpus.end, TARGETS), ['front', 'uv']);
      floor = await startFloor(bench.database.url, 10, { trail: bench.app.audit, actor: { id: world.officer.user.id, country: 'CRI' } });

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

      const paths = (prefix: string) => targets.map((id) => `${prefix}/specimens/${id}`);
      const sides: Record<'real' | 'floor' | 'floorAudit', LoadTarget> = {
        real: { origin: bench.origin, method: 'GET', paths: paths('/api'), headers: { cookie: world.officer.cookie } },
        floor: { origin: floor.origin, method: 'GET', paths: paths('') },
        floorAudit: { origin: floor.origin, method: 'GET', paths: paths('/audited') },
      };
      const best = await bestOfRounds(sides, { connections: CONNECTIONS, rounds: ROUNDS, roundMs: ROUND_MS });
      // Entries and batches the group commit has appended so far (its metric), to tell a round's mean batch.
      const appended = async () => {
        const { values } = await bench.app.metrics.auditBatch.get();
        const of = (part: string) => values.find((v) => v.metricName === `enlace_audit_batch_entries_${part}`)?.value ?? 0;
        return { entries: of('sum'), batches: of('count') };
      };
      // Profiles of the server's thread through one more round of the real path and of the audited floor.
      const profiled = async (side: keyof typeof sides) => {
        let requests = 0;
        const before = await appended();
        const profile = await profileOf(
          async () => {
            requests = (await runLoad({ ...sides[side], connections: CONNECTIONS, durationMs: ROUND_MS })).requests;
          },
          side === 'real' ? undefined : side,
        );
        const after = await appended();
        return { profile, requests, entriesPerBatch: round((after.entries - before.entries) / Math.max(1, after.batches - before.batches), 2) };
      };
      const real = await profiled('real');
      const floorAudit = await profiled('floorAudit');
      const profile = sharesOf(real.profile);
      const extra = beyond(real.profile, real.requests, floorAudit.profile, floorAudit.requests);
      const steps = await breakdown(bench, world, targets);
      const p50 = (side: keyof typeof sides) => round(percentile(best[side].latencies, 50), 2);
      const rate = (side: keyof typeof sides) => round(best[side].perSecond, 1);
      log(
        `real ${rate('real')} req/s (p50 ${p50('real')} ms), floor ${rate('floor')} req/s (p50 ${p50('floor')} ms), floor + audit append ${rate('floorAudit')} req/s (p50 ${p50('floorAudit')} ms); corpus seeded in ${corpus.seedSeconds.toFixed(1)} s`,
      );
      const cpu = { real: best.real.cpuMsPerRequest, floor: best.floor.cpuMsPerRequest, floorAudit: best.floorAudit.cpuMsPerRequest };
      log(`CPU ms per request in the best rounds (this process, the load client included; PostgreSQL): ${JSON.stringify(cpu)}`);
      const entriesPerBatch = { real: real.entriesPerBatch, floorAudit: floorAudit.entriesPerBatch };
      log(`audit entries per group-commit batch under load (profiled rounds): ${JSON.stringify(entriesPerBatch)}`);
      log(`one read at a time, p50 ms: ${JSON.stringify(steps)}`);
      log(`server thread under load: ${JSON.stringify(profile)}`);
      log(
        `server thread busy per request: ${extra.busyUs} µs, the audited floor's ${extra.baselineBusyUs} µs; where it spends more, µs: ${JSON.stringify(extra.functionsUs)}`,
      );
      return {
        ratio: best.real.perSecond / best.floor.perSecond,
        goal: 0.5,
        direction: 'min',
        ratioToAuditedFloor: round(best.real.perSecond / best.floorAudit.perSecond),
        goalToAuditedFloor: 0.8,
        realPerSecond: rate('real'),
        floorPerSecond: rate('floor'),
        floorAuditPerSecond: rate('floorAudit'),
        realP50Ms: p50('real'),
        floorP50Ms: p50('floor'),
        floorAuditP50Ms: p50('floorAudit'),
        connections: CONNECTIONS,
        cpuMsPerRequest: cpu,
        auditEntriesPerBatch: entriesPerBatch,
        stepsP50Ms: steps,
        profile,
        beyondAuditedFloor: extra,
        corpus: SIZE,
        seedSeconds: round(corpus.seedSeconds, 1),
      };
    } finally {
      await floor?.close();
      await bench.close();
    }
  },
};
