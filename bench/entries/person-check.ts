import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { isFullDate, nameParts, phoneticCodes } from '../../server/features/persons/names.ts';
import type { PersonCheck } from '../../server/features/persons/schemas.ts';
import type { AuditTrail } from '../../server/platform/audit/trail.ts';
import { normaliseExact } from '../../server/platform/crypto/blind-index.ts';
import { openCorpus } from '../corpus-cache.ts';
import { type LoadTarget, percentile, round, runLoad } from '../load.ts';
import { personChecks } from '../person-corpus.ts';
import { PERSONS } from '../person-seed.ts';
import type { BenchEntry } from '../run.ts';

/** Person records in the corpus: 200,000 (PERFORMANCE.md); fewer for a quick run. */
const SIZE = Number(process.env.ENLACE_BENCH_PERSONS ?? 200_000);
const BATCH = 500;
const SINGLE_ROUNDS = 6;
const PER_ROUND = 40;
/** Distinct checks asked one at a time; and distinct batches (each of BATCH entries). */
const SINGLES = SINGLE_ROUNDS * PER_ROUND;
const BATCHES = 4;
const BATCH_ROUNDS = 3;
const VERIFIED = 300;

interface FloorMatch {
  id: string;
  kind: 'person' | 'specimen';
  exact: boolean;
  /** For the bench's own comparison only: whether the checker may open it, and its label. */
  readable: boolean;
  tlp: string;
}

/**
 * One check on the plaintext copy: the same normalisation (name parts, phonetic codes), the same
 * date forms (a full date finds that day and records that know only its year; a year finds both),
 * every part of a name present by its spelling or one of its codes, one name of the check enough —
 * published records, no policy, no keys. Its index: (name part, date of birth), (code, date of birth).
 */
export async function plainLookup(pool: pg.Pool, check: PersonCheck): Promise<FloorMatch[]> {
  const params: unknown[] = [];
  const $ = (value: unknown) => `$${params.push(value)}`;
  const born = isFullDate(check.dateOfBirth)
    ? `born = any(${$([check.dateOfBirth, check.dateOfBirth.slice(0, 4)])}::text[])`
    : `born between ${$(check.dateOfBirth)} and ${$(`${check.dateOfBirth}-99`)}`;
  const names = check.names.map(nameParts).filter((p) => p.length > 0);
  const spelled = (part: string) => `p.item_id in (select item_id from plain_person_name where part = ${$(part)} and ${born})`;
  const sounded = (part: string) =>
    `p.item_id in (select item_id from plain_person_name where part = ${$(part)} and ${born}
      union all select item_id from plain_person_sound where code = any(${$(phoneticCodes(part))}::text[]) and ${born})`;
  const loose = names.map((parts) => `(${parts.map(sounded).join(' and ')})`);
  const exact = names.map((parts, n) => `(${loose[n]} and ${parts.map(spelled).join(' and ')})`);
  const { rows } = await pool.query(
    `(select p.item_id as id, 'person' as kind, ${exact.join(' or ')} as exact, p.readable, p.tlp from plain_person p
      where p.status = 'published' and (${loose.join(' or ')}) limit 100)
     union all
     select s.item_id, 'specimen', false, s.readable, s.tlp from plain_specimen_holder s where s.holder = any(${$(check.names.flatMap(holderForms))}::text[])`,
    params,
  );
  return rows as FloorMatch[];
}

/** The orders a holder's name may have been written in (as the check asks a specimen's index), in clear. */
function holderForms(name: string): string[] {
  const words = name.split(/\s+/).map(normaliseExact).filter(Boolean);
  if (words.length > 4) return [words.join('')];
  const out = new Set<string>();
  const permute = (rest: string[], acc: string[]) => {
    if (rest.length === 0) out.add(acc.join(''));
    for (const [i, w] of rest.entries()) permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...acc, w]);
  };
  permute(words, []);
  return [...out];
}

/** The date forms of a check as two ranges of `born`: a full date finds that day and its year alone; a year, the year and its days. */
function bornRanges(date: string): [string, string, string, string] {
  return isFullDate(date) ? [date, date, date.slice(0, 4), date.slice(0, 4)] : [date, `${date}-99`, date, date];
}

/**
 * Many checks on the plaintext copy in one statement (the real batch is one statement too): one row
 * per part of each name asked, each looked up by (part, date of birth) and (code, date of birth); a
 * record matches a name when it has every part. For check `k` of the list, the matches of `k`.
 */
export async function plainLookups(pool: pg.Pool, checks: PersonCheck[]): Promise<FloorMatch[][]> {
  const rows = {
    entry: [] as number[],
    name: [] as number[],
    parts: [] as number[],
    part: [] as string[],
    codes: [] as string[],
    lo1: [] as string[],
    hi1: [] as string[],
    lo2: [] as string[],
    hi2: [] as string[],
  };
  const holders = { entry: [] as number[], form: [] as string[] };
  for (const [e, check] of checks.entries()) {
    for (const form of check.names.flatMap(holderForms)) {
      holders.entry.push(e);
      holders.form.push(form);
    }
    const [lo1, hi1, lo2, hi2] = bornRanges(check.dateOfBirth);
    for (const [n, parts] of check.names
      .map(nameParts)
      .filter((p) => p.length > 0)
      .entries()) {
      for (const part of parts) {
        rows.entry.push(e);
        rows.name.push(n);
        rows.parts.push(parts.length);
        rows.part.push(part);
        rows.codes.push(phoneticCodes(part).join(' '));
        rows.lo1.push(lo1);
        rows.hi1.push(hi1);
        rows.lo2.push(lo2);
        rows.hi2.push(hi2);
      }
    }
  }
  const { rows: found } = await pool.query(
    `with asked as materialized (
       select * from unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         as a(entry, name, parts, part, codes, lo1, hi1, lo2, hi2)
     ), found as (
       select a.entry, a.name, x.item_id, bool_and(x.exact) as exact
       from asked a cross join lateral (
         select y.item_id, bool_or(y.exact) as exact from (
           select item_id, true as exact from plain_person_name
           where part = a.part and (born between a.lo1 and a.hi1 or born between a.lo2 and a.hi2)
           union all
           select item_id, false from plain_person_sound
           where code = any(string_to_array(a.codes, ' ')) and (born between a.lo1 and a.hi1 or born between a.lo2 and a.hi2)
         ) y group by y.item_id
       ) x
       group by a.entry, a.name, a.parts, x.item_id having count(*) = a.parts
     )
     select f.entry, p.item_id as id, 'person' as kind, bool_or(f.exact) as exact, p.readable, p.tlp
     from found f join plain_person p on p.item_id = f.item_id where p.status = 'published'
     group by f.entry, p.item_id, p.readable, p.tlp
     union all
     select distinct h.entry, s.item_id, 'specimen', false, s.readable, s.tlp
     from unnest($10::int[], $11::text[]) as h(entry, form) join plain_specimen_holder s on s.holder = h.form`,
    [rows.entry, rows.name, rows.parts, rows.part, rows.codes, rows.lo1, rows.hi1, rows.lo2, rows.hi2, holders.entry, holders.form],
  );
  const out: FloorMatch[][] = checks.map(() => []);
  for (const { entry, ...match } of found) out[entry]!.push(match as FloorMatch);
  return out;
}

/** What the floor answers: the shape of the real answer (ids and labels), nothing of the comparison's columns. */
const label = (m: FloorMatch) => (m.kind === 'specimen' ? 'holder_name' : m.exact ? 'exact' : 'phonetic');
const answer = (matches: FloorMatch[]) => ({
  hit: matches.length > 0,
  items: matches.map((m) => m.id),
  matches: matches.map((m) => ({ id: m.id, kind: m.kind, match: label(m) })),
});

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>;
}

/**
 * The floor: the same lookups over the plaintext copy with its index, from a bare node:http server
 * and node-postgres — no session, no policy, no blind keys, no audit entry (JIT off, so that no
 * guess of the planner's compiles a statement first). `POST /check` one person; `POST
 * /audited/check` the same plus one durable audit append through the portal's own group commit (what
 * the design adds to every check); `POST /checks` a batch, its entries looked up one after another;
 * `POST /checks/one-statement` the batch in one statement, as the real route does it.
 */
async function startPersonFloor(url: string, audit: { trail: AuditTrail; actor: { id: string; country: string } }) {
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'enlace-bench-person-floor', options: '-c jit=off' });
  let requests = 0;
  const server = createServer((request, response) => {
    const reply = (status: number, payload: unknown) => {
      const text = JSON.stringify(payload);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    };
    const work = async () => {
      const input = await body(request);
      if (request.url === '/check') return reply(200, answer(await plainLookup(pool, input as unknown as PersonCheck)));
      if (request.url === '/audited/check') {
        const matches = await plainLookup(pool, input as unknown as PersonCheck);
        await audit.trail.record({
          action: 'check.person',
          outcome: 'allowed',
          actorId: audit.actor.id,
          actorCountry: audit.actor.country,
          subjectType: null,
          subjectId: null,
          spaceId: null,
          requestId: `floor-${++requests}`,
          clientAddress: request.socket.remoteAddress ?? null,
          userAgent: request.headers['user-agent'] ?? null,
          details: { status: 200, hit: matches.length > 0, itemIds: matches.map((m) => m.id) },
        });
        return reply(200, answer(matches));
      }
      if (request.url === '/checks') {
        const results = [];
        for (const entry of input.entries as PersonCheck[]) results.push(answer(await plainLookup(pool, entry)));
        return reply(200, { results });
      }
      if (request.url === '/checks/one-statement') {
        return reply(200, { results: (await plainLookups(pool, input.entries as PersonCheck[])).map(answer) });
      }
      return reply(404, { error: { code: 'not_found' } });
    };
    work().catch((err: Error) => reply(500, { error: { code: 'internal', message: err.message } }));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    pool,
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

type RealAnswer = { hit: boolean; items: string[]; matches: { id: string; match: string }[]; withheld: boolean };

/**
 * `person-check` (PERFORMANCE.md): one person check (names and date of birth) through
 * `POST /api/checks/person` — session, ability, the blind keys of every space, the policy in the
 * statement, the withheld question, the audit entry with the check as MACs — against 200,000 person
 * records in their stored form, and against the same lookup on a plaintext copy with an index on
 * (name part, date of birth): p50 one at a time, ratio ≤ 2 (and, beside it, against the same lookup
 * plus one durable audit append: what the trail costs). And batches of 500 through
 * `POST /api/checks/persons` against 500 plaintext lookups one after another, and against the 500 in
 * one statement: entries per second, ratio ≥ 0.3.
 */
export const personCheck: BenchEntry = {
  name: 'person-check',
  async run({ cluster, prefix, log, fresh }) {
    const corpus = await openCorpus({ cluster, prefix, log, fresh }, SIZE, { kind: PERSONS });
    const { bench, world, end } = corpus;
    const checker = world.foreign;
    const floor = await startPersonFloor(bench.database.url, { trail: bench.app.audit, actor: { id: checker.user.id, country: 'GTM' } });
    try {
      const singles = personChecks(SIZE, end, SINGLES, 1);
      const batches = Array.from({ length: BATCHES }, (_, b) => personChecks(SIZE, end, BATCH, 100 + b));

      // Both sides answer the same: the ids the checker opens with their labels, and withheld when
      // something published matches that it may not read (RED records are not even that); and the
      // floor's batch in one statement answers as its lookups one by one.
      let hits = 0;
      let phonetic = 0;
      let withheld = 0;
      let holders = 0;
      const verified = [...singles, ...batches[0]!].slice(0, VERIFIED);
      const together = await plainLookups(floor.pool, verified);
      for (const [k, check] of verified.entries()) {
        const res = await fetch(`${bench.origin}/api/checks/person`, {
          method: 'POST',
          headers: { ...checker.headers, 'content-type': 'application/json' },
          body: JSON.stringify(check),
        });
        if (res.status !== 200) throw new Error(`check: ${res.status} ${await res.text()}`);
        const mine = (await res.json()) as RealAnswer;
        const theirs = await plainLookup(floor.pool, check);
        const opened = theirs.filter((m) => m.readable);
        const expected = opened.map((m) => `${m.id}:${label(m)}`).sort();
        const got = mine.matches.map((m) => `${m.id}:${m.match}`).sort();
        const hidden = theirs.some((m) => !m.readable && m.tlp !== 'RED');
        if (JSON.stringify(expected) !== JSON.stringify(got) || hidden !== mine.withheld) {
          throw new Error(`the answers differ for ${JSON.stringify(check)}: ${JSON.stringify(mine)} against ${JSON.stringify(theirs)}`);
        }
        const key = (list: FloorMatch[]) => JSON.stringify(list.map((m) => `${m.id}:${label(m)}`).sort());
        if (key(together[k]!) !== key(theirs)) throw new Error(`the floor's batch differs for ${JSON.stringify(check)}`);
        if (mine.hit) hits++;
        if (mine.matches.some((m) => m.match === 'holder_name') || theirs.some((m) => m.kind === 'specimen')) holders++;
        if (mine.matches.some((m) => m.match === 'phonetic')) phonetic++;
        if (mine.withheld) withheld++;
      }
      log(`${VERIFIED} checks answered alike: ${hits} hits (${phonetic} with a phonetic match, ${holders} finding a specimen, ${withheld} withheld)`);

      const target = (origin: string, path: string, headers: Record<string, string>, list: unknown[]): LoadTarget => ({
        origin,
        method: 'POST',
        paths: [path],
        headers,
        bodies: list.map((b) => JSON.stringify(b)),
      });
      const sample = async (t: LoadTarget, requests: number) =>
        (await runLoad({ ...t, connections: 1, durationMs: 600_000, maxRequests: requests })).latencies;
      const p50 = (values: number[]) => percentile(values, 50);

      // One at a time, alternating rounds, each round new checks.
      const sides = {
        real: (list: unknown[]) => target(bench.origin, '/api/checks/person', { ...checker.headers }, list),
        floor: (list: unknown[]) => target(floor.origin, '/check', {}, list),
        audited: (list: unknown[]) => target(floor.origin, '/audited/check', {}, list),
      };
      const single: Record<keyof typeof sides, number[]> = { real: [], floor: [], audited: [] };
      for (const side of Object.values(sides)) await sample(side(singles.slice(0, 20)), 20);
      for (let k = 0; k < SINGLE_ROUNDS; k++) {
        const round = singles.slice(k * PER_ROUND, (k + 1) * PER_ROUND);
        for (const [name, side] of Object.entries(sides)) single[name as keyof typeof sides].push(...(await sample(side(round), PER_ROUND)));
      }

      // Batches of 500, one at a time, alternating: entries per second.
      const bodies = batches.map((entries) => ({ entries }));
      const batchSides = {
        real: target(bench.origin, '/api/checks/persons', { ...checker.headers }, bodies),
        lookups: target(floor.origin, '/checks', {}, bodies),
        oneStatement: target(floor.origin, '/checks/one-statement', {}, bodies),
      };
      const batch: Record<keyof typeof batchSides, number[]> = { real: [], lookups: [], oneStatement: [] };
      for (const side of Object.values(batchSides)) await sample(side, 1);
      for (let k = 0; k < BATCH_ROUNDS; k++) {
        for (const [name, side] of Object.entries(batchSides)) batch[name as keyof typeof batchSides].push(...(await sample(side, BATCHES)));
      }
      const perSecond = (latencies: number[]) => (BATCH * latencies.length) / (latencies.reduce((a, b) => a + b, 0) / 1000);

      log(
        `${SIZE} records${corpus.seedSeconds ? `, seeded in ${corpus.seedSeconds.toFixed(0)} s` : ''}; one check: p50 ${p50(single.real).toFixed(2)} ms against the floor's ${p50(single.floor).toFixed(2)} ms (${p50(single.audited).toFixed(2)} ms with an audit append); batch of ${BATCH}: ${perSecond(batch.real).toFixed(0)} entries/s against ${perSecond(batch.lookups).toFixed(0)} looked up one by one and ${perSecond(batch.oneStatement).toFixed(0)} in one statement (p50 ${p50(batch.real).toFixed(0)}, ${p50(batch.lookups).toFixed(0)} and ${p50(batch.oneStatement).toFixed(0)} ms)`,
      );
      return {
        ratio: p50(single.real) / p50(single.floor),
        goal: 2,
        direction: 'max',
        ratioToBatchLookups: perSecond(batch.real) / perSecond(batch.lookups),
        goalToBatchLookups: 0.3,
        ratioToBatchInOneStatement: perSecond(batch.real) / perSecond(batch.oneStatement),
        goalToBatchInOneStatement: 0.3,
        p50RatioToAuditedFloor: round(p50(single.real) / p50(single.audited), 3),
        p50Ms: round(p50(single.real), 2),
        p99Ms: round(percentile(single.real, 99), 2),
        floorP50Ms: round(p50(single.floor), 2),
        floorP99Ms: round(percentile(single.floor, 99), 2),
        auditedFloorP50Ms: round(p50(single.audited), 2),
        batchPerSecond: round(perSecond(batch.real), 1),
        floorBatchLookupsPerSecond: round(perSecond(batch.lookups), 1),
        floorBatchOneStatementPerSecond: round(perSecond(batch.oneStatement), 1),
        batchP50Ms: round(p50(batch.real), 1),
        records: SIZE,
        verified: VERIFIED,
        verifiedHits: hits,
        seedSeconds: round(corpus.seedSeconds, 1),
        samples: single.real.length,
      };
    } finally {
      await floor.close();
      await bench.close();
    }
  },
};
