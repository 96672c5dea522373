import { type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { exactIndex } from '../../platform/crypto/blind-index.ts';
import { openRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { DB, Tlp } from '../../platform/db/schema.ts';
import { readableContent } from '../../platform/items/base.ts';
import { SPECIMEN_NATIONALITY_FIELD } from '../../platform/items/indexes.ts';
import { keywordCondition } from '../../platform/items/keywords.ts';
import { REPORT_FACETS, type ReportCard, type ReportContent, type ReportFacet, type ReportSearch } from './schemas.ts';
import { facetIndex, facetsOf, NAME_FIELD, type ReportDeps, readableReports } from './service.ts';

/**
 * The report queries: search with its exact total and facet counts in one statement, the cards of
 * a page, and correlation. Each starts from `readableReports` — the policy as SQL — so nothing is
 * fetched to be filtered here; words, nationalities, document types and names reach the database
 * only as blind indexes of each space.
 */
type Query = SelectQueryBuilder<DB & { rp: DB['report'] }, 'item' | 'rp', object>;
type Where = (eb: ExpressionBuilder<DB & { rp: DB['report'] }, 'item' | 'rp'>) => ReturnType<typeof sql<SqlBool>>;

const asText = (values: string[]) => sql`${sql.val(values)}::text[]`;

/** The blind forms of one exact facet under every space's key (a report matches under its own space's). */
const facetMacs = (deps: ReportDeps, spaces: string[], facet: string) =>
  spaces.map((s) => facetIndex(deps.keyring, s, facet)).filter((m): m is string => m !== null);
const nameMacs = (deps: ReportDeps, spaces: string[], name: string) =>
  spaces.map((s) => exactIndex(deps.keyring, s, NAME_FIELD, name)).filter((m): m is Buffer => m !== null);

function conditions(deps: ReportDeps, query: ReportSearch, actorId: string, spaces: string[]) {
  const common: Where[] = [];
  if (query.spaceId) common.push(() => sql<SqlBool>`item.space_id = ${query.spaceId}::uuid`);
  common.push(query.status ? () => sql<SqlBool>`item.status = ${query.status}` : () => sql<SqlBool>`item.status <> 'withdrawn'`);
  if (query.mine) common.push(() => sql<SqlBool>`item.originator_id = ${actorId}::uuid`);
  if (query.q?.trim()) {
    const keyword = keywordCondition(deps.keyring, spaces, query.q, { space: 'rp.space_id', tokens: 'rp.tokens' });
    common.push(keyword ? () => keyword : () => sql<SqlBool>`false`);
  }
  if (query.nationality) common.push(() => sql<SqlBool>`rp.facets && ${asText(facetMacs(deps, spaces, `nationality:${query.nationality}`))}`);
  if (query.documentType) common.push(() => sql<SqlBool>`rp.facets && ${asText(facetMacs(deps, spaces, `document:${query.documentType}`))}`);
  if (query.name?.trim()) {
    const macs = nameMacs(deps, spaces, query.name);
    common.push(macs.length ? () => sql<SqlBool>`rp.aliases && ${sql.val(macs)}::bytea[]` : () => sql<SqlBool>`false`);
  }
  if (query.from) common.push(() => sql<SqlBool>`(rp.period_until is null or rp.period_until >= ${query.from}::date)`);
  if (query.until) common.push(() => sql<SqlBool>`(rp.period_from is null or rp.period_from <= ${query.until}::date)`);
  const facet: Partial<Record<ReportFacet, Where>> = {};
  if (query.kind?.length) facet.kind = () => sql<SqlBool>`rp.kind = any(${asText(query.kind!)})`;
  if (query.country?.length) facet.country = () => sql<SqlBool>`rp.countries && ${asText(query.country!)}`;
  if (query.mode?.length) facet.mode = () => sql<SqlBool>`rp.modes && ${asText(query.mode!)}`;
  if (query.category?.length) facet.category = () => sql<SqlBool>`rp.category = any(${asText(query.category!)})`;
  return { common, facet };
}

const FACET_VALUE: Record<ReportFacet, ReturnType<typeof sql>> = {
  kind: sql`m.kind`,
  country: sql`unnest(m.countries)`,
  mode: sql`unnest(m.modes)`,
  category: sql`m.category`,
};

type Counts = { value: string; count: number }[];

/**
 * One statement: the reports the policy and the filters select, gathered once with a flag per facet
 * filter; the exact total, each facet's counts (under every facet filter but its own) and one page's
 * ids, newest publication first.
 */
async function matches(deps: ReportDeps, ability: Ability, query: ReportSearch, actorId: string, spaces: string[]) {
  const { common, facet } = conditions(deps, query, actorId, spaces);
  let matched = (readableReports(deps.db, ability) as unknown as Query).select([
    'item.id',
    'item.createdAt',
    'rp.publishedAt',
    'rp.kind',
    'rp.countries',
    'rp.modes',
    'rp.category',
  ]);
  for (const where of common) matched = matched.where(where);
  const flagged = matched.select((eb) => REPORT_FACETS.map((name) => (facet[name] ? facet[name]!(eb) : sql<SqlBool>`true`).as(`f_${name}`)));
  const all = sql.join(
    REPORT_FACETS.map((name) => sql.ref(`m.f_${name}`)),
    sql` and `,
  );
  const allBut = (except: ReportFacet) =>
    sql.join(
      REPORT_FACETS.filter((n) => n !== except).map((name) => sql.ref(`m.f_${name}`)),
      sql` and `,
    );
  const counts = (name: ReportFacet) => sql`(
    select coalesce(json_agg(json_build_object('value', x.v, 'count', x.n) order by x.n desc, x.v), '[]'::json)
    from (select ${FACET_VALUE[name]} as v, count(*) as n from m where ${allBut(name)} group by 1) x
    where x.v is not null)`;
  const pageSize = query.pageSize ?? 20;
  const offset = ((query.page ?? 1) - 1) * pageSize;
  const { rows } = await sql<{ total: number; ids: string[] } & Record<ReportFacet, Counts>>`
    with m as materialized (${flagged})
    select
      (select count(*) from m where ${all})::int as total,
      array(select m.id from m where ${all} order by coalesce(m.published_at, m.created_at) desc, m.id desc limit ${pageSize} offset ${offset}) as ids,
      ${sql.join(REPORT_FACETS.map((name) => sql`${counts(name)} as ${sql.ref(name)}`))}`.execute(deps.db);
  const result = rows[0]!;
  const facets = Object.fromEntries(
    REPORT_FACETS.map((name) => [name, result[name].map((f) => ({ value: String(f.value), count: Number(f.count) }))]),
  ) as Record<ReportFacet, Counts>;
  return { total: result.total, ids: result.ids, facets };
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The cards of these reports (still under the policy), titles opened, in the given order. */
export async function cardsOf(deps: ReportDeps, ability: Ability, ids: string[]): Promise<ReportCard[]> {
  if (ids.length === 0) return [];
  const rows = await readableReports(deps.db, ability)
    .select([
      'item.id',
      'item.spaceId',
      'item.status',
      'item.tlp',
      'item.originatorCountry',
      'item.updatedAt',
      'item.shreddedAt',
      'rp.kind',
      'rp.category',
      'rp.countries',
      'rp.modes',
      'rp.periodFrom',
      'rp.periodUntil',
      'rp.publishedAt',
      sealedRecord('rp.contentId').as('content'),
    ])
    .where('item.id', 'in', ids)
    .execute();
  const position = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      spaceId: r.spaceId,
      kind: r.kind,
      status: r.status,
      tlp: r.tlp,
      title: r.shreddedAt ? '' : (await openRecord<ReportContent>(deps.sealer, r.spaceId, r.content)).title,
      category: r.category,
      originatorCountry: r.originatorCountry,
      countries: r.countries,
      modes: r.modes,
      periodFrom: r.periodFrom,
      periodUntil: r.periodUntil,
      publishedAt: iso(r.publishedAt),
      updatedAt: iso(r.updatedAt)!,
    })),
  );
}

/** One page of a search, its exact total and the facets' counts. */
export async function searchReports(deps: ReportDeps, ability: Ability, query: ReportSearch, actorId: string, spaces: string[]) {
  const found = await matches(deps, ability, query, actorId, spaces);
  return {
    total: found.total,
    page: query.page ?? 1,
    pageSize: query.pageSize ?? 20,
    items: await cardsOf(deps, ability, found.ids),
    facets: found.facets,
  };
}

const RELATED_LIMIT = 20;

/**
 * Reports that share something with this one, strongest first, among those the reader reads: the
 * same crossing point or leg (place to place), a network name or alias, a nationality moved, an item
 * both link to or a link between them. Worked out when asked, from the report's opened content
 * indexed again under every space's key — nothing of it is compared in clear.
 */
export async function relatedReports(deps: ReportDeps, ability: Ability, reportId: string, content: ReportContent, spaces: string[]) {
  const facets = facetsOf(content);
  const macs = (prefix: string) => facets.filter((f) => f.startsWith(prefix)).flatMap((f) => facetMacs(deps, spaces, f));
  const names = (content.network?.names ?? []).flatMap((n) => nameMacs(deps, spaces, n));
  const overlap = (column: string, values: string[]) =>
    values.length ? sql<number>`(select count(*) from unnest(${sql.ref(column)}) f where f = any(${asText(values)}))::int` : sql<number>`0`;
  const scored = readableReports(deps.db, ability)
    .select([
      'item.id',
      overlap('rp.facets', macs('crossing:')).as('crossings'),
      overlap('rp.facets', macs('leg:')).as('legs'),
      overlap('rp.facets', macs('nationality:')).as('nationalities'),
      (names.length ? sql<number>`(select count(*) from unnest(rp.aliases) a where a = any(${sql.val(names)}::bytea[]))::int` : sql<number>`0`).as(
        'names',
      ),
      sql<number>`(
        (select count(*) from report_link x join report_link y on y.item_id = x.item_id where x.report_id = item.id and y.report_id = ${reportId}::uuid)
        + (select count(*) from report_link z where (z.report_id = item.id and z.item_id = ${reportId}::uuid) or (z.report_id = ${reportId}::uuid and z.item_id = item.id))
      )::int`.as('links'),
    ])
    .where('item.id', '<>', reportId)
    .where('item.status', '<>', 'withdrawn');
  const { rows } = await sql<{ id: string; crossings: number; legs: number; nationalities: number; names: number; links: number; score: number }>`
    select s.*, (3 * s.crossings + 3 * s.legs + 5 * s.names + s.nationalities + 2 * s.links)::int as score
    from (${scored}) s
    where s.crossings + s.legs + s.names + s.nationalities + s.links > 0
    order by score desc, s.id
    limit ${RELATED_LIMIT}`.execute(deps.db);
  const cards = await cardsOf(
    deps,
    ability,
    rows.map((r) => r.id),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return cards.map((card) => {
    const r = byId.get(card.id)!;
    return {
      ...card,
      shared: { crossings: r.crossings, legs: r.legs, names: r.names, nationalities: r.nationalities, links: r.links },
      score: r.score,
    };
  });
}

/**
 * What an export takes: every report the search selects (no page), at most `max` + 1 of them, under
 * the policy, with their sealed records (opened by the caller). A RED report is exported by its
 * originator only: anyone else reads it on its page, after stating a purpose.
 */
export async function exportMatches(deps: ReportDeps, ability: Ability, query: ReportSearch, actorId: string, spaces: string[], max: number) {
  const { common, facet } = conditions(deps, query, actorId, spaces);
  let rows = (readableReports(deps.db, ability) as unknown as Query).select([
    'item.id',
    'item.spaceId',
    'item.status',
    'item.tlp',
    'item.originatorCountry',
    'item.createdAt',
    'item.updatedAt',
    'rp.kind',
    'rp.category',
    'rp.countries',
    'rp.modes',
    'rp.periodFrom',
    'rp.periodUntil',
    'rp.publishedAt',
    sql<number>`(select count(*) from sighting g where g.item_id = item.id and g.kind = 'sighting')::int`.as('sightings'),
    sealedRecord('rp.contentId').as('content'),
  ]);
  for (const where of [...common, ...Object.values(facet)]) rows = rows.where(where);
  rows = rows
    .where('item.shreddedAt', 'is', null)
    .where(sql<SqlBool>`(item.tlp <> 'RED' or item.originator_id = ${actorId}::uuid)`)
    .orderBy(sql`coalesce(rp.published_at, item.created_at)`, 'desc')
    .orderBy('item.id', 'desc')
    .limit(max + 1);
  return (await rows.execute()) as unknown as ExportRow[];
}

export interface ExportRow {
  id: string;
  spaceId: string;
  status: string;
  tlp: string;
  originatorCountry: string;
  createdAt: Date;
  updatedAt: Date;
  kind: ReportCard['kind'];
  category: string | null;
  countries: string[];
  modes: string[];
  periodFrom: string | null;
  periodUntil: string | null;
  publishedAt: Date | null;
  sightings: number;
  content: Parameters<typeof openRecord>[2];
}

/**
 * The specimens (those the reader reads, published) detected at one of a route's crossing points:
 * detected in the crossing's country with every word of its name among the words of the specimen's
 * port or route (its token index, under its space's key) — or carried by a nationality the route
 * moves (the holder-nationality blind index), or linked with the route either way. Strongest first:
 * the most crossings matched, then a link, then a nationality, then the latest detection. Labelled
 * by their clear facets, as links are.
 */
export async function relatedSpecimens(deps: ReportDeps, ability: Ability, reportId: string, content: ReportContent, spaces: string[]) {
  const crossings = [
    ...new Map(
      (content.route?.waypoints ?? []).filter((w) => w.crossing).map((w) => [`${w.country}/${w.crossing!.toLowerCase()}`, w] as const),
    ).values(),
  ].slice(0, 20);
  const flags = crossings.map((w) => {
    const words = keywordCondition(deps.keyring, spaces, w.crossing!, { space: 'item.space_id', tokens: 'sp.tokens' });
    return words ? sql<SqlBool>`(sp.detection_country = ${w.country} and ${words})` : sql<SqlBool>`false`;
  });
  // The nationalities it moves, each under every space's key, against the specimens' holder-nationality index.
  const nationalities = (content.route?.nationalities ?? []).slice(0, 40);
  const byNationality = nationalities.map((code) => {
    const macs = spaces.map((s) => exactIndex(deps.keyring, s, SPECIMEN_NATIONALITY_FIELD, code)).filter((m): m is Buffer => m !== null);
    return macs.length ? sql<SqlBool>`coalesce(sp.nationality_index = any(${sql.val(macs)}::bytea[]), false)` : sql<SqlBool>`false`;
  });
  const linked = sql<SqlBool>`exists (select 1 from report_link l where (l.report_id = ${reportId}::uuid and l.item_id = item.id)
    or (l.item_id = ${reportId}::uuid and l.report_id = item.id))`;
  const matched = flags.length
    ? sql<number>`(${sql.join(
        flags.map((f) => sql`(${f})::int`),
        sql` + `,
      )})`
    : sql<number>`0`;
  const { rows } = await sql<{
    id: string;
    tlp: Tlp;
    documentType: string;
    issuingCountry: string;
    category: string;
    detectionCountry: string | null;
    detectedOn: string | null;
    flags: boolean[];
    carried: boolean[];
    linked: boolean;
  }>`
    select s.* from (
      ${readableContent(deps.db, ability, 'specimen')
        .innerJoin('specimen as sp', 'sp.itemId', 'item.id')
        .where('item.status', '=', 'published')
        .select([
          'item.id',
          'item.tlp',
          'sp.documentType',
          'sp.issuingCountry',
          'sp.category',
          'sp.detectionCountry',
          sql<string | null>`sp.detected_on::text`.as('detectedOn'),
          sql<boolean[]>`array[${flags.length ? sql.join(flags) : sql``}]::boolean[]`.as('flags'),
          sql<boolean[]>`array[${byNationality.length ? sql.join(byNationality) : sql``}]::boolean[]`.as('carried'),
          linked.as('linked'),
          matched.as('matched'),
        ])}
    ) s
    where s.matched > 0 or s.linked or true = any(s.carried)
    order by s.matched desc, s.linked desc, (true = any(s.carried)) desc, s.detected_on desc nulls last, s.id
    limit ${RELATED_LIMIT}`.execute(deps.db);
  return rows.map((r) => ({
    id: r.id,
    tlp: r.tlp,
    documentType: r.documentType,
    issuingCountry: r.issuingCountry,
    category: r.category,
    detectionCountry: r.detectionCountry,
    detectedOn: r.detectedOn,
    crossings: crossings.filter((_, i) => r.flags[i]).map((w) => w.crossing!),
    nationalities: nationalities.filter((_, i) => r.carried[i]),
    linked: r.linked,
  }));
}
