import { sql } from 'kysely';
import type { Static } from 'typebox';
import type { Ability, Actor } from '../../../policies/ability.ts';
import { exactIndex, tokenIndex } from '../../platform/crypto/blind-index.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import { insertSealed, openRecord, type SealedRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Sealer } from '../../platform/crypto/sealer.ts';
import type { Database } from '../../platform/db/database.ts';
import { notify } from '../../platform/events/bus.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanLine, cleanText, lineOrNull, textOrNull } from '../../platform/http/text.ts';
import {
  changesContent,
  createItem,
  ITEM_MOVED,
  type Item,
  type ItemExtra,
  itemHandling,
  itemMetadata,
  readableContent,
  updateDraftHandling,
} from '../../platform/items/base.ts';
import type { CorrectionKind } from '../../platform/items/corrections.ts';
import { readableContentOfAnyKind } from '../../platform/items/queues.ts';
import { noticeItem } from '../../platform/notifications/item-notices.ts';
import {
  DETAIL_FIELD,
  type LinkedItem,
  type OutcomeCreate,
  type OutcomeView,
  type ReportChanges,
  type ReportContent,
  type ReportCreate,
  type ReportPatch,
  type ReportView,
  type RouteDetails,
} from './schemas.ts';
import type { ReportKind } from './taxonomy.ts';

/**
 * Intelligence reports on the item base (DOMAIN.md §3): a route, a modus operandi, a fraudulent-
 * acquisition method, a smuggling network or an operation with its outcomes. What a report says is
 * one sealed record; its kind, coarse class, countries, transport modes, period and an operation's
 * result counts stay in clear (SECURITY.md); words, exact facets and a network's names are blind
 * indexes under the space's key.
 */
export interface ReportDeps {
  db: Database;
  sealer: Sealer;
  keyring: Keyring;
}

type Trx = Database;
const DETAIL_KEYS = Object.values(DETAIL_FIELD);

/** The facet index: nationalities moved, document types, crossing points and legs of a route (exact, blind). */
export const FACET_FIELD = 'report-facet';
export const NAME_FIELD = 'network-name';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
const placeKey = (country: string, place: string) => `${country}/${place}`;

/** The report as stored: text cleaned, blanks as null or empty, exactly the details of its kind. */
export function normaliseContent(kind: ReportKind, body: Partial<ReportCreate>): ReportContent {
  const field = DETAIL_FIELD[kind];
  for (const key of DETAIL_KEYS) if (key !== field && body[key] !== undefined) throw new ApiError(400, 'report_details_mismatch', {}, `body.${key}`);
  const details = body[field];
  if (!details) throw new ApiError(400, 'report_details_required', {}, `body.${field}`);
  const content: ReportContent = { title: cleanLine(body.title ?? ''), summary: cleanText(body.summary ?? '') };
  if (!content.title) throw new ApiError(400, 'title_required', {}, 'body.title');
  switch (kind) {
    case 'route': {
      const route = details as RouteDetails;
      if (route.legs.length !== route.waypoints.length - 1) throw new ApiError(400, 'route_legs_mismatch', {}, 'body.route.legs');
      content.route = {
        waypoints: route.waypoints.map((w) => ({
          country: w.country,
          place: cleanLine(w.place),
          latitude: w.latitude ?? null,
          longitude: w.longitude ?? null,
          crossing: lineOrNull(w.crossing),
          crossingKind: w.crossingKind ?? null,
        })),
        legs: route.legs.map((l) => ({ mode: l.mode, ...cost(l, 'body.route.legs'), durationDays: l.durationDays ?? null })),
        nationalities: route.nationalities,
        estimatedVolume: lineOrNull(route.estimatedVolume),
        risks: route.risks,
      };
      for (const [i, w] of content.route.waypoints.entries()) {
        if (!w.place) throw new ApiError(400, 'place_required', {}, `body.route.waypoints.${i}.place`);
        if ((w.latitude === null) !== (w.longitude === null)) throw new ApiError(400, 'coordinates_incomplete', {}, `body.route.waypoints.${i}`);
      }
      break;
    }
    case 'modus_operandi': {
      const mo = body.modusOperandi!;
      content.modusOperandi = {
        category: mo.category,
        indicators: cleanText(mo.indicators),
        countermeasures: cleanText(mo.countermeasures),
        documentTypes: mo.documentTypes,
      };
      break;
    }
    case 'acquisition_method': {
      const am = body.acquisitionMethod!;
      content.acquisitionMethod = {
        method: am.method,
        process: cleanText(am.process),
        documentTypes: am.documentTypes,
        issuers: am.issuers,
        ...cost(am, 'body.acquisitionMethod'),
        indicators: cleanText(am.indicators),
      };
      break;
    }
    case 'network': {
      const nw = body.network!;
      const names = [...new Set(nw.names.map(cleanLine).filter(Boolean))];
      if (names.length === 0) throw new ApiError(400, 'name_required', {}, 'body.network.names');
      content.network = {
        names,
        roles: nw.roles,
        recruitment: cleanText(nw.recruitment),
        payment: cleanText(nw.payment),
        communication: cleanText(nw.communication),
        size: nw.size,
      };
      break;
    }
    case 'operation': {
      const op = body.operation!;
      const r = op.results;
      content.operation = {
        operationKind: op.operationKind,
        agencies: cleanText(op.agencies),
        places: op.places.map(cleanLine).filter(Boolean),
        results: {
          migrantsAssisted: r.migrantsAssisted ?? null,
          smugglersDetained: r.smugglersDetained ?? null,
          documentsSeized: r.documentsSeized ?? null,
          victimsReferred: r.victimsReferred ?? null,
        },
        lessons: cleanText(op.lessons),
      };
      break;
    }
  }
  return content;
}

/** A cost is an amount with its currency, or neither. */
function cost(value: { costAmount?: number | null; costCurrency?: string | null }, path: string) {
  const costAmount = value.costAmount ?? null;
  const costCurrency = value.costCurrency ?? null;
  if ((costAmount === null) !== (costCurrency === null)) throw new ApiError(400, 'cost_incomplete', {}, path);
  return { costAmount, costCurrency };
}

/** The period in order (from ≤ until). */
function checkPeriod(from: string | null, until: string | null): void {
  if (from && until && until < from) throw new ApiError(400, 'period_reversed', {}, 'body.periodUntil');
}

/** What a route shares with others, as the facet index keeps it: crossing points and legs (place to place). */
function routeFacets(route: RouteDetails): string[] {
  const out: string[] = [];
  for (const w of route.waypoints) if (w.crossing) out.push(`crossing:${placeKey(w.country, w.crossing)}`);
  for (let i = 0; i + 1 < route.waypoints.length; i++) {
    const [a, b] = [route.waypoints[i]!, route.waypoints[i + 1]!];
    out.push(`leg:${placeKey(a.country, a.place)}>${placeKey(b.country, b.place)}`);
  }
  return out;
}

/** Every exact facet of a report's content, as plain strings (indexed blind, never stored so). */
export function facetsOf(content: ReportContent): string[] {
  const out: string[] = [];
  if (content.route) {
    out.push(...content.route.nationalities.map((n) => `nationality:${n}`), ...routeFacets(content.route));
  }
  const documents = content.modusOperandi?.documentTypes ?? content.acquisitionMethod?.documentTypes ?? [];
  out.push(...documents.map((d) => `document:${d}`));
  return [...new Set(out)];
}

export const facetIndex = (keyring: Keyring, spaceId: string, facet: string): string | null =>
  exactIndex(keyring, spaceId, FACET_FIELD, facet)?.toString('hex') ?? null;

/** The report row's clear columns and blind indexes for a content. */
function reportColumns(keyring: Keyring, spaceId: string, kind: ReportKind, content: ReportContent, countries: string[], period: Period) {
  const route = content.route;
  const waypointCountries = route ? route.waypoints.map((w) => w.country) : [];
  const issuers = content.acquisitionMethod?.issuers ?? [];
  const results = content.operation?.results;
  const words = [
    content.title,
    content.summary,
    ...(route ? route.waypoints.flatMap((w) => [w.place, w.crossing ?? '']) : []),
    route?.estimatedVolume ?? '',
    content.modusOperandi ? [content.modusOperandi.indicators, content.modusOperandi.countermeasures].join('\n') : '',
    content.acquisitionMethod ? [content.acquisitionMethod.process, content.acquisitionMethod.indicators].join('\n') : '',
    content.network ? [...content.network.names, content.network.recruitment, content.network.payment, content.network.communication].join('\n') : '',
    content.operation ? [content.operation.agencies, ...content.operation.places, content.operation.lessons].join('\n') : '',
  ].join('\n');
  return {
    kind,
    category: content.modusOperandi?.category ?? content.acquisitionMethod?.method ?? content.operation?.operationKind ?? null,
    countries: [...new Set([...countries, ...waypointCountries, ...issuers])].sort(),
    modes: route ? [...new Set(route.legs.map((l) => l.mode))].sort() : [],
    periodFrom: period.from,
    periodUntil: period.until,
    tokens: tokenIndex(keyring, spaceId, words),
    facets: facetsOf(content)
      .map((f) => facetIndex(keyring, spaceId, f))
      .filter((f): f is string => f !== null),
    aliases: (content.network?.names ?? []).map((n) => exactIndex(keyring, spaceId, NAME_FIELD, n)).filter((b): b is Buffer => b !== null),
    migrantsAssisted: results?.migrantsAssisted ?? null,
    smugglersDetained: results?.smugglersDetained ?? null,
    documentsSeized: results?.documentsSeized ?? null,
    victimsReferred: results?.victimsReferred ?? null,
  };
}

interface Period {
  from: string | null;
  until: string | null;
}

/**
 * The links a report may make: items the author reads the content of, published, and not the
 * report itself. Anything else is refused as one (the author learns nothing of what they may not read).
 */
async function checkLinks(db: Database, ability: Ability, links: string[], selfId?: string): Promise<string[]> {
  if (links.length === 0) return [];
  if (selfId && links.includes(selfId)) throw new ApiError(400, 'link_not_readable', {}, 'body.links');
  const found = await readableContentOfAnyKind(db, ability)
    .select('item.id')
    .where('item.id', 'in', links)
    .where('item.status', '=', 'published')
    .execute();
  if (found.length !== links.length) throw new ApiError(400, 'link_not_readable', {}, 'body.links');
  return links;
}

async function writeLinks(trx: Trx, reportId: string, links: string[]): Promise<void> {
  await trx.deleteFrom('reportLink').where('reportId', '=', reportId).execute();
  if (links.length)
    await trx
      .insertInto('reportLink')
      .values(links.map((itemId) => ({ reportId, itemId })))
      .execute();
}

/** A new draft report in a space where the actor may create. */
export async function createReport(
  deps: ReportDeps,
  trx: Trx,
  actor: Actor,
  ability: Ability,
  spaceId: string,
  body: ReportCreate,
  now: Date,
): Promise<Item> {
  const content = normaliseContent(body.kind, body);
  const period = { from: body.periodFrom ?? null, until: body.periodUntil ?? null };
  checkPeriod(period.from, period.until);
  const links = await checkLinks(trx, ability, body.links ?? []);
  const draft = await createItem(trx, actor, ability, 'report', spaceId, body, now);
  const contentId = await insertSealed(trx, deps.sealer, { spaceId, itemId: draft.id, now }, content);
  await trx
    .insertInto('report')
    .values({ itemId: draft.id, spaceId, contentId, ...reportColumns(deps.keyring, spaceId, body.kind, content, body.countries ?? [], period) })
    .execute();
  await writeLinks(trx, draft.id, links);
  return draft;
}

interface ReportRow {
  reportKind: ReportKind;
  category: string | null;
  countries: string[];
  modes: string[];
  periodFrom: string | null;
  periodUntil: string | null;
  publishedAt: Date | null;
  content: SealedRecord;
  sightings: number;
  falsePositives: number;
}

/** A report's own row and sealed record, selected with the item (findItemWith): opened only past the content checks. */
export const REPORT_DETAILS: ItemExtra<ReportRow> = {
  columns: ['reportKind', 'category', 'countries', 'modes', 'periodFrom', 'periodUntil', 'publishedAt', 'content', 'sightings', 'falsePositives'],
  select: (query) =>
    query
      .innerJoin('report as rp', 'rp.itemId', 'item.id')
      .selectAll('item')
      .select([
        'rp.kind as reportKind',
        'rp.category',
        'rp.countries',
        'rp.modes',
        'rp.periodFrom',
        'rp.periodUntil',
        'rp.publishedAt',
        sealedRecord('rp.contentId').as('content'),
        sql<number>`(select count(*) from sighting g where g.item_id = item.id and g.kind = 'sighting')::int`.as('sightings'),
        sql<number>`(select count(*) from sighting g where g.item_id = item.id and g.kind = 'false_positive')::int`.as('falsePositives'),
      ]),
};

async function currentContent(deps: ReportDeps, trx: Trx, item: Item) {
  const row = await trx
    .selectFrom('report as rp')
    .select(['rp.kind', 'rp.contentId', 'rp.countries', 'rp.periodFrom', 'rp.periodUntil', sealedRecord('rp.contentId').as('content')])
    .where('rp.itemId', '=', item.id)
    .executeTakeFirstOrThrow();
  return { row, content: await openRecord<ReportContent>(deps.sealer, item.spaceId, row.content, trx) };
}

type Current = Awaited<ReturnType<typeof currentContent>>;

/** What a report's content becomes with these changes: what is given replaces what was (a kind's details whole). */
function revise({ row, content: current }: Current, changes: ReportChanges) {
  const field = DETAIL_FIELD[row.kind];
  const merged = {
    title: changes.title ?? current.title,
    summary: changes.summary ?? current.summary,
    ...Object.fromEntries(DETAIL_KEYS.map((k) => [k, changes[k]])),
    [field]: changes[field] ?? current[field],
  } as Partial<ReportCreate>;
  const content = normaliseContent(row.kind, merged);
  const period = {
    from: changes.periodFrom === undefined ? row.periodFrom : changes.periodFrom,
    until: changes.periodUntil === undefined ? row.periodUntil : changes.periodUntil,
  };
  checkPeriod(period.from, period.until);
  // The countries given are the report's own; a route's waypoint countries are added again from its legs.
  return { content, period, countries: changes.countries ?? row.countries };
}

/** The revised content sealed anew, its clear facets and blind indexes recomputed, the old record deleted. */
async function writeRevision(deps: ReportDeps, trx: Trx, item: Item, current: Current, revision: ReturnType<typeof revise>, now: Date) {
  const contentId = await insertSealed(trx, deps.sealer, { spaceId: item.spaceId, itemId: item.id, now }, revision.content);
  await trx
    .updateTable('report')
    .set({ contentId, ...reportColumns(deps.keyring, item.spaceId, current.row.kind, revision.content, revision.countries, revision.period) })
    .where('itemId', '=', item.id)
    .execute();
  await trx.deleteFrom('sealed').where('id', '=', current.row.contentId).execute();
}

/** A draft's edit by its originator: what is given replaces what was (a kind's details whole), conditional on the draft status. */
export async function updateDraft(deps: ReportDeps, trx: Trx, ability: Ability, item: Item, patch: ReportPatch, now: Date): Promise<Item> {
  const current = await currentContent(deps, trx, item);
  const revision = revise(current, patch);
  if (patch.links) await writeLinks(trx, item.id, await checkLinks(trx, ability, patch.links, item.id));
  const updated = await updateDraftHandling(trx, item, patch, now);
  if (changesContent(patch, ['links'])) await writeRevision(deps, trx, item, current, revision, now);
  return updated;
}

/**
 * Corrections of a published report (platform/items/corrections.ts): its content fields, applied
 * over the report as it is when the originator accepts — sealed anew, indexes recomputed.
 */
export const reportCorrections = (deps: ReportDeps): CorrectionKind<ReportChanges> => ({
  async revise(trx, item, changes) {
    const current = await currentContent(deps, trx, item);
    const revision = revise(current, changes);
    const same =
      JSON.stringify(revision.content) === JSON.stringify(current.content) &&
      revision.period.from === current.row.periodFrom &&
      revision.period.until === current.row.periodUntil &&
      JSON.stringify([...revision.countries].sort()) === JSON.stringify([...current.row.countries].sort());
    return same ? null : revision;
  },
  async apply(trx, item, changes, now) {
    const current = await currentContent(deps, trx, item);
    await writeRevision(deps, trx, item, current, revise(current, changes), now);
    await trx.updateTable('item').set({ updatedAt: now }).where('id', '=', item.id).execute();
  },
});

/** What publication does besides the status: the time it was published (the map and lists sort by it). */
export async function published(trx: Trx, item: Item, now: Date): Promise<void> {
  await trx.updateTable('report').set({ publishedAt: now }).where('itemId', '=', item.id).execute();
  await notify(trx, { type: ITEM_MOVED, itemId: item.id });
}

/** The label of a linked item from what its reader may see of it. */
async function linkedItems(deps: ReportDeps, ability: Ability, item: Item): Promise<Static<typeof LinkedItem>[]> {
  const rows = await readableContentOfAnyKind(deps.db, ability)
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('reportLink')
          .select(['itemId as target', sql<'to' | 'from'>`'to'`.as('direction')])
          .where('reportId', '=', item.id)
          .unionAll(
            eb
              .selectFrom('reportLink')
              .select(['reportId as target', sql<'to' | 'from'>`'from'`.as('direction')])
              .where('itemId', '=', item.id),
          )
          // Alerts that link this report (an alert's links: alert_link).
          .unionAll(
            eb
              .selectFrom('alertLink')
              .select(['alertId as target', sql<'to' | 'from'>`'from'`.as('direction')])
              .where('itemId', '=', item.id),
          )
          // Person records that cite this report (a network, a route), shown by their kind: never a name.
          .unionAll(
            eb
              .selectFrom('personLink')
              .select(['personId as target', sql<'to' | 'from'>`'from'`.as('direction')])
              .where('itemId', '=', item.id),
          )
          .as('l'),
      (join) => join.onRef('l.target', '=', 'item.id'),
    )
    .leftJoin('report as rp', 'rp.itemId', 'item.id')
    .leftJoin('specimen as sp', 'sp.itemId', 'item.id')
    .leftJoin('alert as a', 'a.itemId', 'item.id')
    .select([
      'item.id',
      'item.kind',
      'item.tlp',
      'item.status',
      'item.spaceId',
      'item.shreddedAt',
      'l.direction',
      'rp.kind as reportKind',
      'sp.documentType',
      'sp.issuingCountry',
      'sp.category',
      sql<SealedRecord | null>`case when rp.content_id is not null then ${sealedRecord('rp.contentId')} when a.content_id is not null then ${sealedRecord('a.contentId')} end`.as(
        'titled',
      ),
    ])
    .where('item.status', '<>', 'withdrawn')
    .orderBy('l.direction', 'desc')
    .orderBy('item.createdAt')
    .execute();
  return Promise.all(
    rows.map(async (r) => {
      let label = [r.documentType, r.issuingCountry, r.category].filter(Boolean).join(' · ');
      if (r.titled && !r.shreddedAt) label = (await openRecord<{ title: string }>(deps.sealer, r.spaceId, r.titled)).title;
      return {
        id: r.id,
        kind: r.kind,
        reportKind: r.reportKind ?? null,
        tlp: r.tlp,
        status: r.status,
        label,
        documentType: r.documentType ?? null,
        issuingCountry: r.issuingCountry ?? null,
        direction: r.direction,
      };
    }),
  );
}

async function outcomes(deps: ReportDeps, item: Item): Promise<Static<typeof OutcomeView>[]> {
  const rows = await deps.db
    .selectFrom('reportOutcome as o')
    .select(['o.id', 'o.stage', 'o.decidedOn', 'o.createdAt', sealedRecord('o.detailsId').as('details')])
    .where('o.reportId', '=', item.id)
    .orderBy('o.decidedOn')
    .orderBy('o.createdAt')
    .execute();
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      stage: r.stage,
      decidedOn: r.decidedOn,
      note: (await openRecord<{ note: string }>(deps.sealer, item.spaceId, r.details)).note,
      createdAt: iso(r.createdAt)!,
    })),
  );
}

const EMPTY: ReportContent = { title: '', summary: '' };

/** One report in full, for a reader the route found allowed to read its content. */
export async function reportView(deps: ReportDeps, ability: Ability, item: Item, row: ReportRow): Promise<ReportView> {
  const content = item.shreddedAt ? EMPTY : await openRecord<ReportContent>(deps.sealer, item.spaceId, row.content);
  const [links, done] = await Promise.all([linkedItems(deps, ability, item), row.reportKind === 'operation' ? outcomes(deps, item) : []]);
  return {
    ...itemMetadata(ability, item),
    reportKind: row.reportKind,
    title: content.title,
    summary: content.summary,
    category: row.category,
    countries: row.countries,
    modes: row.modes,
    periodFrom: row.periodFrom,
    periodUntil: row.periodUntil,
    publishedAt: iso(row.publishedAt),
    route: content.route ?? null,
    modusOperandi: content.modusOperandi ?? null,
    acquisitionMethod: content.acquisitionMethod ?? null,
    network: content.network ?? null,
    operation: content.operation ?? null,
    outcomes: done,
    links,
    sightings: { sightings: row.sightings, falsePositives: row.falsePositives },
    handling: itemHandling(item),
    shredded: item.shreddedAt !== null,
  };
}

/** A judicial outcome added to a published operation report by its originator (sealed note). */
export async function addOutcome(deps: ReportDeps, trx: Trx, item: Item, actor: Actor, body: Static<typeof OutcomeCreate>, now: Date) {
  const kind = await trx.selectFrom('report').select('kind').where('itemId', '=', item.id).executeTakeFirstOrThrow();
  if (kind.kind !== 'operation') throw new ApiError(409, 'not_an_operation');
  if (body.decidedOn > now.toISOString().slice(0, 10)) throw new ApiError(400, 'date_in_future', {}, 'body.decidedOn');
  const note = cleanText(body.note);
  const detailsId = await insertSealed(trx, deps.sealer, { spaceId: item.spaceId, itemId: item.id, now }, { note });
  const row = await trx
    .insertInto('reportOutcome')
    .values({ reportId: item.id, stage: body.stage, decidedOn: body.decidedOn, detailsId, addedBy: actor.id, createdAt: now })
    .returning(['id', 'stage', 'decidedOn', 'createdAt'])
    .executeTakeFirstOrThrow();
  await trx.updateTable('item').set({ updatedAt: now }).where('id', '=', item.id).execute();
  return { id: row.id, stage: row.stage, decidedOn: row.decidedOn, note, createdAt: iso(row.createdAt)! };
}

interface SightingDetails {
  volume: string | null;
  note: string | null;
}

/** "We see this route / method / network too" (or a false positive): date and country in clear, the rest sealed. */
export async function reportSighting(
  deps: ReportDeps,
  trx: Trx,
  item: Item,
  actor: Actor,
  body: { kind: 'sighting' | 'false_positive'; seenOn: string; country: string; volume?: string | null; note?: string | null },
  now: Date,
) {
  if (body.seenOn > now.toISOString().slice(0, 10)) throw new ApiError(400, 'sighting_in_future', {}, 'body.seenOn');
  const details: SightingDetails = { volume: lineOrNull(body.volume), note: textOrNull(body.note) };
  const detailsId = await insertSealed(trx, deps.sealer, { spaceId: item.spaceId, itemId: item.id, now }, details);
  const row = await trx
    .insertInto('sighting')
    .values({
      itemId: item.id,
      kind: body.kind,
      seenOn: body.seenOn,
      country: body.country,
      detailsId,
      reportedBy: actor.id,
      reporterCountry: actor.country,
      createdAt: now,
    })
    .returning(['id', 'kind', 'seenOn', 'country', 'reporterCountry', 'createdAt'])
    .executeTakeFirstOrThrow();
  await noticeItem(trx, { kind: 'sighting', item, actorId: actor.id, to: [item.originatorId], subjectId: row.id }, now);
  return { ...row, ...details, mine: true, createdAt: iso(row.createdAt)! };
}

export async function listSightings(deps: ReportDeps, item: Item, actorId: string) {
  const rows = await deps.db
    .selectFrom('sighting as g')
    .select([
      'g.id',
      'g.kind',
      'g.seenOn',
      'g.country',
      'g.reporterCountry',
      'g.reportedBy',
      'g.createdAt',
      sealedRecord('g.detailsId').as('details'),
    ])
    .where('g.itemId', '=', item.id)
    .orderBy('g.seenOn', 'desc')
    .orderBy('g.createdAt', 'desc')
    .execute();
  return Promise.all(
    rows.map(async (r) => {
      const details = await openRecord<SightingDetails>(deps.sealer, item.spaceId, r.details);
      return {
        id: r.id,
        kind: r.kind,
        seenOn: r.seenOn,
        country: r.country,
        volume: details.volume,
        note: details.note,
        reporterCountry: r.reporterCountry,
        mine: r.reportedBy === actorId,
        createdAt: iso(r.createdAt)!,
      };
    }),
  );
}

/** The reports the ability reads the content of, joined to their report rows (alias `rp`). */
export const readableReports = (db: Database, ability: Ability) =>
  readableContent(db, ability, 'report').innerJoin('report as rp', 'rp.itemId', 'item.id');
