import { type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Ability } from '../../../policies/ability.ts';
import { ITEM_SQL_FIELDS } from '../../../policies/items.ts';
import { SPACE_SQL_FIELDS } from '../../../policies/spaces.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { exactIndex } from '../../platform/crypto/blind-index.ts';
import { openRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { readableContent } from '../../platform/items/base.ts';
import { keywordCondition, spaceIds } from '../../platform/items/keywords.ts';
import { FACETS, type Facet, type SearchFilters, type SpecimenCard, type SpecimenContent } from './schemas.ts';
import { numberField, type SpecimenDeps, seriesField } from './service.ts';
import type { ImageLight, ImagePage } from './taxonomy.ts';

/**
 * The specimen queries: search with its exact counts and facet counts, the cards of a page, the
 * hit check and correlation. Every one starts from `readableContent` — the policy as SQL — so
 * nothing is ever fetched to be filtered here. Keywords and identifiers reach the database only
 * as blind indexes of each space (a word is looked for under every space's key).
 */
type Query = SelectQueryBuilder<DB & { sp: DB['specimen'] }, 'item' | 'sp', object>;
type Where = (eb: ExpressionBuilder<DB & { sp: DB['specimen'] }, 'item' | 'sp'>) => ReturnType<typeof sql<SqlBool>>;

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The specimens the ability may read the content of, joined to their specimen rows. */
export function readableSpecimens(db: Database, ability: Ability): Query {
  return readableContent(db, ability, 'specimen').innerJoin('specimen as sp', 'sp.itemId', 'item.id') as unknown as Query;
}

export interface SearchPlan {
  filters: SearchFilters;
  spaceId?: string;
  actorId: string;
  spaces: string[];
}

/** The search's conditions, each facet separately so that a facet's counts can leave its own out. */
function conditions(deps: SpecimenDeps, plan: SearchPlan): { common: Where[]; facet: Partial<Record<Facet, Where>> } {
  const f = plan.filters;
  const common: Where[] = [];
  if (plan.spaceId) common.push(() => sql<SqlBool>`item.space_id = ${plan.spaceId}::uuid`);
  common.push(f.status ? () => sql<SqlBool>`item.status = ${f.status}` : () => sql<SqlBool>`item.status <> 'withdrawn'`);
  if (f.mine) common.push(() => sql<SqlBool>`item.originator_id = ${plan.actorId}::uuid`);
  if (f.q) {
    const keyword = keywordCondition(deps.keyring, plan.spaces, f.q, { space: 'sp.space_id', tokens: 'sp.tokens' });
    if (keyword) common.push(() => keyword);
  }
  const facet: Partial<Record<Facet, Where>> = {};
  const anyOf = (column: string, values: string[]) => () => sql<SqlBool>`${sql.ref(column)} = any(${sql.val(values)}::text[])`;
  if (asList(f.type).length) facet.type = anyOf('sp.document_type', asList(f.type));
  if (asList(f.issuingCountry).length) facet.issuingCountry = anyOf('sp.issuing_country', asList(f.issuingCountry));
  if (asList(f.category).length) facet.category = anyOf('sp.category', asList(f.category));
  if (asList(f.detectionCountry).length) facet.detectionCountry = anyOf('sp.detection_country', asList(f.detectionCountry));
  if (asList(f.feature).length) facet.feature = () => sql<SqlBool>`sp.features && ${sql.val(asList(f.feature))}::text[]`;
  const [from, to] = [f.detectedFrom, f.detectedTo];
  if (from || to) {
    facet.year = () =>
      sql<SqlBool>`(sp.detected_on is not null ${from ? sql`and sp.detected_on >= ${from}::date` : sql``} ${to ? sql`and sp.detected_on <= ${to}::date` : sql``})`;
  }
  return { common, facet };
}

/** The columns a card needs, its sealed content to open, its first image and counts. */
function cardColumns(query: Query) {
  return query.select((eb) => [
    'item.id',
    'item.spaceId',
    'item.status',
    'item.tlp',
    'item.originatorCountry',
    'item.createdAt',
    'item.updatedAt',
    'sp.documentType',
    'sp.issuingCountry',
    'sp.category',
    'sp.forgeryKind',
    'sp.features',
    'sp.detectedOn',
    'sp.detectionCountry',
    sealedRecord('sp.contentId').as('content'),
    eb
      .selectFrom('itemAttachment as a')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('a.itemId', '=', 'item.id')
      .as('imageCount'),
    eb
      .selectFrom('itemAttachment as a')
      .select(sql<string>`a.file_id::text || ' ' || a.light || ' ' || coalesce(a.page, '')`.as('first'))
      .whereRef('a.itemId', '=', 'item.id')
      .orderBy('a.seq')
      .limit(1)
      .as('firstImage'),
    eb
      .selectFrom('sighting as g')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('g.itemId', '=', 'item.id')
      .where('g.kind', '=', 'sighting')
      .as('sightings'),
  ]);
}

type CardRow = Awaited<ReturnType<ReturnType<typeof cardColumns>['execute']>>[number];

export interface OpenedCard {
  card: SpecimenCard;
  content: SpecimenContent;
}

/** Cards with their content opened (one AES-GCM unwrap and one decryption each). */
async function openCards(deps: SpecimenDeps, rows: CardRow[]): Promise<OpenedCard[]> {
  return Promise.all(
    rows.map(async (row) => {
      const content = await openRecord<SpecimenContent>(deps.sealer, row.spaceId, row.content);
      const [imageId, light, page] = row.firstImage ? row.firstImage.split(' ') : [];
      const card: SpecimenCard = {
        id: row.id,
        spaceId: row.spaceId,
        status: row.status,
        tlp: row.tlp as SpecimenCard['tlp'],
        originatorCountry: row.originatorCountry,
        createdAt: new Date(row.createdAt).toISOString(),
        updatedAt: new Date(row.updatedAt).toISOString(),
        documentType: row.documentType,
        issuingCountry: row.issuingCountry,
        category: row.category,
        forgeryKind: row.forgeryKind,
        features: row.features,
        detectedOn: row.detectedOn,
        detectionCountry: row.detectionCountry,
        series: content.series,
        excerpt: content.description.length > 240 ? `${content.description.slice(0, 239)}…` : content.description,
        imageCount: Number(row.imageCount ?? 0),
        thumbnail: imageId ? { imageId, page: (page || null) as ImagePage | null, light: (light ?? 'visible') as ImageLight } : null,
        sightings: Number(row.sightings ?? 0),
      };
      return { card, content };
    }),
  );
}

/** A facet's value in the matched set `m` (one row per value; a specimen counts once per feature). */
const FACET_VALUE: Record<Facet, ReturnType<typeof sql>> = {
  type: sql`m.document_type`,
  issuingCountry: sql`m.issuing_country`,
  category: sql`m.category`,
  detectionCountry: sql`m.detection_country`,
  feature: sql`unnest(m.features)`,
  year: sql`extract(year from m.detected_on)::int::text`,
};

const M_ORDER: Record<string, ReturnType<typeof sql>> = {
  newest: sql`m.created_at desc, m.id desc`,
  oldest: sql`m.created_at asc, m.id asc`,
  updated: sql`m.updated_at desc, m.id desc`,
  detected: sql`m.detected_on desc nulls last, m.created_at desc, m.id desc`,
};

type Counts = { value: string; count: number }[];

/**
 * What a search selects, in one statement: the specimens that the policy, the keyword and the
 * other filters select are gathered once (a materialised set, found through the token index), each
 * with a flag per facet filter; the exact total, each facet's counts (under every facet filter but
 * its own, so that the other values stay choosable) and the ids of one page in the chosen order are
 * all taken from that set.
 */
async function matches(deps: SpecimenDeps, ability: Ability, plan: SearchPlan, limit: number, offset: number) {
  const { common, facet } = conditions(deps, plan);
  let matched = readableSpecimens(deps.db, ability).select([
    'item.id',
    'item.createdAt',
    'item.updatedAt',
    'sp.detectedOn',
    'sp.documentType',
    'sp.issuingCountry',
    'sp.category',
    'sp.features',
    'sp.detectionCountry',
  ]);
  for (const where of common) matched = matched.where(where);
  const flagged = matched.select((eb) => FACETS.map((name) => (facet[name] ? facet[name]!(eb) : sql<SqlBool>`true`).as(`f_${name}`)));
  const all = sql.join(
    FACETS.map((name) => sql.ref(`m.f_${name}`)),
    sql` and `,
  );
  const allBut = (except: Facet) =>
    sql.join(
      FACETS.filter((n) => n !== except).map((name) => sql.ref(`m.f_${name}`)),
      sql` and `,
    );
  const counts = (name: Facet) => sql`(
    select coalesce(json_agg(json_build_object('value', x.v, 'count', x.n) order by x.n desc, x.v), '[]'::json)
    from (select ${FACET_VALUE[name]} as v, count(*) as n from m where ${allBut(name)} group by 1) x
    where x.v is not null)`;
  const statement = sql<{ total: number; ids: string[] } & Record<Facet, Counts>>`
    with m as materialized (${flagged})
    select
      (select count(*) from m where ${all})::int as total,
      array(select m.id from m where ${all} order by ${M_ORDER[plan.filters.sort ?? 'newest']!} limit ${limit} offset ${offset}) as ids,
      ${sql.join(FACETS.map((name) => sql`${counts(name)} as ${sql.ref(name)}`))}`;
  // The matches are a few thousand rows found through the token index; at 100k specimens and more
  // the planner gathers them with parallel workers, whose start-up cost more than the whole search
  // (EXPLAIN ANALYZE at 100k: 32 ms in Gather for 1,000 rows). One search, one backend.
  const { rows } = await deps.db.transaction().execute(async (trx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    return statement.execute(trx);
  });
  const result = rows[0]!;
  return {
    total: result.total,
    ids: result.ids,
    facets: Object.fromEntries(FACETS.map((name) => [name, result[name].map((f) => ({ value: String(f.value), count: Number(f.count) }))])) as Record<
      Facet,
      Counts
    >,
  };
}

/** The cards of these ids (still under the policy), with their content opened, in the ids' order. */
async function cardsOf(deps: SpecimenDeps, ability: Ability, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await cardColumns(readableSpecimens(deps.db, ability).where('item.id', 'in', ids))
    .select(['item.sourceEvaluation', 'item.informationEvaluation'])
    .execute();
  const position = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  const opened = await openCards(deps, rows);
  return opened.map((o, i) => ({ ...o, sourceEvaluation: rows[i]!.sourceEvaluation, informationEvaluation: rows[i]!.informationEvaluation }));
}

/** One page of a search, its exact total and every facet's counts. */
export async function search(deps: SpecimenDeps, ability: Ability, plan: SearchPlan, page: number, pageSize: number) {
  const found = await matches(deps, ability, plan, pageSize, (page - 1) * pageSize);
  const cards = await cardsOf(deps, ability, found.ids);
  return { total: found.total, page, pageSize, items: cards.map((c) => c.card), facets: found.facets };
}

/** Everything a search selects (for an export), opened; nothing but the total when it is more than `limit`. */
export async function searchAll(deps: SpecimenDeps, ability: Ability, plan: SearchPlan, limit: number) {
  const found = await matches(deps, ability, plan, limit, 0);
  if (found.total > limit) return { total: found.total, rows: [] };
  return { total: found.total, rows: await cardsOf(deps, ability, found.ids) };
}

/** (space, index) pairs of one value under every space's key. */
function indexPairs(deps: SpecimenDeps, spaces: string[], field: string, value: string) {
  return spaces
    .map((spaceId) => ({ spaceId, index: exactIndex(deps.keyring, spaceId, field, value) }))
    .filter((p): p is { spaceId: string; index: Buffer } => p.index !== null);
}

function pairCondition(column: string, pairs: { spaceId: string; index: Buffer }[]) {
  if (pairs.length === 0) return sql<SqlBool>`false`;
  // Two-valued: a specimen without that identifier (NULL) is simply not a match.
  return sql<SqlBool>`coalesce((sp.space_id, ${sql.ref(column)}) in (${sql.join(pairs.map((p) => sql`(${p.spaceId}::uuid, ${p.index}::bytea)`))}), false)`;
}

/**
 * The hit check: the published specimens of that issuer and number whose content the caller reads
 * (their ids), and whether any other is known in the caller's networks under a label they do not
 * read (`detect` in the policy: yes or no, nothing else).
 */
export async function checkDocumentNumber(deps: SpecimenDeps, ability: Ability, issuingCountry: string, number: string) {
  const pairs = indexPairs(deps, await spaceIds(deps.db), numberField(issuingCountry), number);
  const matching = sql<SqlBool>`sp.issuing_country = ${issuingCountry} and ${pairCondition('sp.number_index', pairs)}`;
  const readable = await readableSpecimens(deps.db, ability)
    .where(() => matching)
    .where('item.status', '=', 'published')
    .select('item.id')
    .orderBy('item.createdAt', 'desc')
    .limit(100)
    .execute();
  const withheld = await deps.db
    .selectFrom('item')
    .innerJoin('specimen as sp', 'sp.itemId', 'item.id')
    .where(permittedCondition(ability, 'detect', 'Item', ITEM_SQL_FIELDS))
    .where(() => matching)
    .where('item.id', 'not in', readable.length ? readable.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000'])
    .select('item.id')
    .limit(1)
    .executeTakeFirst();
  return { hit: readable.length > 0 || withheld !== undefined, items: readable.map((r) => r.id), withheld: withheld !== undefined };
}

/**
 * Correlation: the specimens (that the reader reads) sharing with this one its document number or
 * its series (same issuer), or a security feature concerned on the same issuer's same document
 * type. Worked out when asked, so it follows every change and every reader's rights.
 */
export async function related(deps: SpecimenDeps, ability: Ability, itemId: string, content: SpecimenContent, limit = 20) {
  const spaces = await spaceIds(deps.db);
  const numbers = content.documentNumber ? indexPairs(deps, spaces, numberField(content.issuingCountry), content.documentNumber) : [];
  const series = content.series ? indexPairs(deps, spaces, seriesField(content), content.series) : [];
  const features = content.features.map((f) => f.code);
  const sameNumber = pairCondition('sp.number_index', numbers);
  const sameSeries = pairCondition('sp.series_index', series);
  const sameFeature = features.length
    ? sql<SqlBool>`(sp.document_type = ${content.documentType} and sp.features && ${sql.val(features)}::text[])`
    : sql<SqlBool>`false`;
  const query = readableSpecimens(deps.db, ability)
    .where('item.id', '<>', itemId)
    .where('item.status', '<>', 'withdrawn')
    .where(() => sql<SqlBool>`sp.issuing_country = ${content.issuingCountry} and (${sameNumber} or ${sameSeries} or ${sameFeature})`);
  const rows = await cardColumns(query)
    .select([
      sameNumber.as('byNumber'),
      sameSeries.as('bySeries'),
      sameFeature.as('byFeature'),
      sql<string[]>`array(select unnest(sp.features) intersect select unnest(${sql.val(features)}::text[]) order by 1)`.as('shared'),
    ])
    .orderBy(sql`(${sameNumber})::int * 2 + (${sameSeries})::int`, 'desc')
    .orderBy('item.createdAt', 'desc')
    .limit(limit)
    .execute();
  const opened = await openCards(deps, rows);
  return opened.map((o, i) => {
    const row = rows[i]!;
    const reasons = [row.byNumber && 'document_number', row.bySeries && 'series', row.byFeature && 'feature'].filter(Boolean) as (
      | 'document_number'
      | 'series'
      | 'feature'
    )[];
    return { card: o.card, reasons, features: row.shared };
  });
}

/**
 * Whether this one specimen is among what the search selects for the ability: the same conditions
 * as `search` (the policy as SQL, the words under the item's space key, the facets), narrowed to
 * the item. What a saved search's owner would find, asked at notice time.
 */
export async function searchSelects(deps: SpecimenDeps, ability: Ability, plan: SearchPlan, itemId: string): Promise<boolean> {
  const { common, facet } = conditions(deps, plan);
  let query = readableSpecimens(deps.db, ability).where('item.id', '=', itemId).select('item.id');
  for (const where of [...common, ...Object.values(facet)]) if (where) query = query.where(where);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The names of those spaces that the reader may read (the policy as SQL): an export names them, never the others. */
export async function readableSpaceNames(db: Database, ability: Ability, ids: string[]): Promise<Map<string, { nameEs: string; nameEn: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('space')
    .select(['space.id', 'space.nameEs', 'space.nameEn'])
    .where('space.id', 'in', [...new Set(ids)])
    .where(permittedCondition(ability, 'read', 'Space', SPACE_SQL_FIELDS))
    .execute();
  return new Map(rows.map((r) => [r.id, { nameEs: r.nameEs, nameEn: r.nameEn }]));
}
