import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { dashboardFigures } from '../../server/features/followup/queries.ts';
import { createDatabase } from '../../server/platform/db/database.ts';
import { alertBody } from '../../test/helpers/alerts.ts';
import { signIn } from '../../test/helpers/users.ts';
import { buildWorld } from '../../test/helpers/world.ts';
import { startBenchApp } from '../app.ts';
import { type LoadTarget, percentile, round, runLoad } from '../load.ts';
import type { BenchEntry } from '../run.ts';

/** Items behind the dashboard: 1,000,000 (PERFORMANCE.md); fewer for a quick run. */
const ITEMS = Number(process.env.ENLACE_BENCH_DASHBOARD_ITEMS ?? 1_000_000);
const ALERTS = Math.round(ITEMS / 50);
const SPACES = 5;
const COUNTRIES = ['CRI', 'GTM', 'HND', 'SLV', 'NIC', 'PAN', 'MEX', 'BLZ'];
const CHUNK = 100_000;
/** Return templates: × 8 countries × 32 semesters = 5,120 returns (PERFORMANCE.md: 5,000). */
const RETURN_TEMPLATES = 20;
const ROUNDS = 5;
const PER_ROUND = 10;

/**
 * The floor: the same statements (`dashboardFigures`) over the same rows with no policy condition,
 * from a bare node:http server with its own pool — no session, no ability, no audit entry. Item
 * rows hold no content the dashboard reads, so the rows themselves are the plaintext copy.
 */
async function startDashboardFloor(url: string, now: () => Date) {
  const db = createDatabase({ url, poolMax: 4 });
  const server = createServer(async (request, response) => {
    const address = new URL(request.url ?? '/', 'http://floor');
    const figures = await dashboardFigures(
      db,
      {
        items: sql<boolean>`true`,
        commitments: sql<boolean>`true`,
        templates: sql<boolean>`true`,
        returns: sql<boolean>`true`,
        meetings: sql<boolean>`true`,
      },
      { networkId: address.searchParams.get('networkId') ?? undefined, period: address.searchParams.get('period') ?? undefined },
      now(),
    );
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(figures));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
    },
  };
}

/**
 * `dashboard` (PERFORMANCE.md): p50 latency of the Presidency's dashboard (`GET /api/followup/dashboard`
 * of a network and a semester: loading by space and country, the period's items and activity, alert
 * acknowledgement times) over 1,000,000 items in five spaces of eight member countries — every kind,
 * status and label, two years of creation dates — and 20,000 alerts with a recipient each, and 5,120 periodic returns (nine in ten submitted), against
 * the same aggregates without the policy. The rows are written set-based (generate_series), as the
 * workflow would leave them.
 */
export const dashboard: BenchEntry = {
  name: 'dashboard',
  async run({ cluster, prefix, log }) {
    const bench = await startBenchApp({ cluster, prefix }, { poolMax: 10 });
    let floor: Awaited<ReturnType<typeof startDashboardFloor>> | undefined;
    try {
      const world = await buildWorld(bench);
      const { app } = bench;
      const { db } = bench.database;
      const started = performance.now();
      const spaces = [world.spaceId];
      for (let i = 1; i < SPACES; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/spaces',
          headers: world.secretariat.headers,
          payload: { networkId: world.networkId, nameEs: `Espacio ${i}`, nameEn: `Space ${i}`, opensOn: '2026-01-01', loadingDeadline: '2026-06-30' },
        });
        if (res.statusCode !== 201) throw new Error(`space: ${res.statusCode} ${res.body}`);
        spaces.push(res.json().id);
      }
      // One officer per member country, a member of every space (rows, as the members API writes them).
      const officers: string[] = [];
      for (const country of COUNTRIES) {
        const officer = await signIn(app, db, bench.clock, { country });
        officers.push(officer.user.id);
        await db
          .insertInto('membership')
          .values(
            spaces.map((spaceId) => ({
              spaceId,
              userId: officer.user.id,
              networkId: world.networkId,
              country,
              role: 'officer' as const,
              createdAt: new Date(),
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      // Every kind, status and label (persons never CLEAR or GREEN, nothing RED), two years of dates; in
      // statements of 100,000 rows (each within the pool's statement timeout).
      for (let from = 0; from < ITEMS - ALERTS; from += CHUNK) {
        const to = Math.min(ITEMS - ALERTS, from + CHUNK) - 1;
        await sql`
        insert into item (kind, space_id, network_id, originator_id, originator_country, status, tlp, created_at, updated_at)
        select k.kind, (${spaces}::uuid[])[1 + i % ${SPACES}], ${world.networkId}::uuid, (${officers}::uuid[])[1 + (i / 7) % ${COUNTRIES.length}],
          (${COUNTRIES}::text[])[1 + (i / 7) % ${COUNTRIES.length}],
          (array['draft', 'submitted', 'published', 'published', 'published', 'withdrawn'])[1 + (i / 3) % 6],
          case when k.kind = 'person' then 'AMBER' else (array['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT'])[1 + (i / 11) % 4] end,
          t.at, t.at
        from generate_series(${from}::int, ${to}::int) i
        cross join lateral (select (array['specimen', 'report', 'person'])[1 + i % 3] as kind) k
        cross join lateral (select timestamptz '2025-01-01' + (i % 700) * interval '1 day' + (i % 86400) * interval '1 second' as at) t`.execute(db);
      }
      // Alerts: published, one recipient each in another country, acknowledged after 0–48 hours (nine in ten).
      // One alert through the API: its sealed content is what the others point at (the dashboard never opens it).
      const one = await app.inject({ method: 'POST', url: '/api/alerts', headers: world.officer.headers, payload: alertBody(bench, world) });
      if (one.statusCode !== 201) throw new Error(`alert: ${one.statusCode} ${one.body}`);
      const { contentId } = await db.selectFrom('alert').select('contentId').where('itemId', '=', one.json().id).executeTakeFirstOrThrow();
      await sql`
        with made as (
          insert into item (kind, space_id, network_id, originator_id, originator_country, status, tlp, created_at, updated_at)
          select 'alert', (${spaces}::uuid[])[1 + i % ${SPACES}], ${world.networkId}::uuid, (${officers}::uuid[])[1 + i % ${COUNTRIES.length}],
            (${COUNTRIES}::text[])[1 + i % ${COUNTRIES.length}], 'published', 'AMBER',
            timestamptz '2025-01-01' + (i % 700) * interval '1 day', timestamptz '2025-01-01' + (i % 700) * interval '1 day'
          from generate_series(0, ${ALERTS - 1}) i
          returning id, space_id, created_at, originator_id
        ), numbered as (select m.*, row_number() over () as n from made m), alerts as (
          insert into alert (item_id, space_id, severity, content_id, valid_from, valid_until, published_at)
          select id, space_id, 'warning', ${contentId}::uuid, created_at, created_at + interval '7 days', created_at from numbered
          returning item_id
        )
        insert into alert_recipient (alert_id, user_id, via, delivered_at, acknowledged_at)
        select n.id, (${officers}::uuid[])[1 + (n.n + 1) % ${COUNTRIES.length}], 'member', n.created_at,
          case when n.n % 10 = 0 then null else n.created_at + (n.n % 48) * interval '1 hour' end
        from numbered n`.execute(db);
      // Periodic returns: 20 semester templates × 8 countries × 32 semesters (2011–2026), nine in ten
      // submitted (a version each, with ten cells), the rest drafts.
      await sql`
        with templates as (
          insert into return_template (network_id, kind, title_es, title_en, period_kind, due_days, countries, definition, created_by, created_at)
          select ${world.networkId}::uuid, 'matrix', 'Matriz ' || n, 'Matrix ' || n, 'semester', 30, ${COUNTRIES}::text[], '{}'::jsonb,
            ${officers[0]}::uuid, timestamptz '2011-01-01'
          from generate_series(1, ${RETURN_TEMPLATES}) n
          returning id
        ), returns as (
          insert into country_return (template_id, network_id, period, country, status, version, submitted_version, due_on, created_by, created_at, updated_at)
          select t.id, ${world.networkId}::uuid, y || '-S' || s, c, case when (y + s + ascii(c)) % 10 = 0 then 'draft' else 'submitted' end, 1,
            case when (y + s + ascii(c)) % 10 = 0 then null else 1 end,
            make_date(y, s * 6, 1) + interval '1 month' - interval '1 day' + interval '30 days',
            ${officers[0]}::uuid, make_date(y, s * 6, 1), make_date(y, s * 6, 1)
          from templates t cross join unnest(${COUNTRIES}::text[]) c cross join generate_series(2011, 2026) y cross join generate_series(1, 2) s
          returning id, status, created_at
        ), versions as (
          insert into return_version (return_id, version, source, created_by, created_at, updated_by, updated_at, submitted_by, submitted_at)
          select r.id, 1, 'form', ${officers[0]}::uuid, r.created_at, ${officers[0]}::uuid, r.created_at,
            case when r.status = 'submitted' then ${officers[0]}::uuid end, case when r.status = 'submitted' then r.created_at + interval '40 days' end
          from returns r
          returning id
        )
        insert into return_cell (version_id, row_no, dim1, dim2, column_key, value)
        select v.id, k, (array['CHN', 'IND', 'HTI', 'CUB', 'VEN'])[1 + k % 5], 'Peñas Blancas', 'detected_m_adult', k
        from versions v cross join generate_series(0, 9) k`.execute(db);
      await sql`analyze`.execute(db);
      const seeded = (performance.now() - started) / 1000;
      floor = await startDashboardFloor(bench.database.url, () => app.clock.now());

      const presidency = await signIn(app, db, bench.clock, { roles: ['presidency'], country: 'HND' });
      const queries = ['2025-S1', '2025-S2', '2026-S1'].map((period) => `networkId=${world.networkId}&period=${period}`);
      const real: LoadTarget = {
        origin: bench.origin,
        method: 'GET',
        paths: queries.map((q) => `/api/followup/dashboard?${q}`),
        headers: { cookie: presidency.cookie },
      };
      const plain: LoadTarget = { origin: floor.origin, method: 'GET', paths: queries.map((q) => `/dashboard?${q}`) };

      // Both sides give the same figures but for what the policy leaves out (drafts).
      const mine = (await fetch(`${real.origin}${real.paths[0]}`, { headers: real.headers }).then((r) => r.json())) as {
        loading: unknown[];
        alerts: unknown[];
        returns: unknown[];
      };
      const theirs = (await fetch(`${plain.origin}${plain.paths[0]}`).then((r) => r.json())) as {
        loading: unknown[];
        alerts: unknown[];
        returns: unknown[];
      };
      if (
        mine.loading.length !== theirs.loading.length ||
        mine.alerts.length !== theirs.alerts.length ||
        mine.returns.length !== theirs.returns.length
      ) {
        throw new Error(
          `the dashboards differ: ${mine.loading.length}/${theirs.loading.length} loading rows, ${mine.alerts.length}/${theirs.alerts.length} alert rows`,
        );
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
        `${ITEMS} items (${ALERTS} alerts) in ${SPACES} spaces, ${RETURN_TEMPLATES * COUNTRIES.length * 32} returns, seeded in ${seeded.toFixed(0)} s; p50 ${p50(r).toFixed(1)} ms against the floor's ${p50(p).toFixed(1)} ms`,
      );
      return {
        ratio: p50(r) / p50(p),
        goal: 2,
        direction: 'max',
        p50Ms: round(p50(r), 2),
        p99Ms: round(percentile(r, 99), 2),
        floorP50Ms: round(p50(p), 2),
        floorP99Ms: round(percentile(p, 99), 2),
        items: ITEMS,
        alerts: ALERTS,
        returns: RETURN_TEMPLATES * COUNTRIES.length * 32,
        seedSeconds: round(seeded, 1),
        samples: r.length,
      };
    } finally {
      await floor?.close();
      await bench.close();
    }
  },
};
