import { sql } from 'kysely';
import type { Static } from 'typebox';
import type { Ability, Actor } from '../../../policies/ability.ts';
import { isoDay } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import { type Locked, RecordKey } from '../../platform/crypto/record-key.ts';
import { insertSealed, openRecord, type SealedRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Sealer } from '../../platform/crypto/sealer.ts';
import type { Database } from '../../platform/db/database.ts';
import type { PersonOutcome, PersonRole } from '../../platform/db/schema.ts';
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
  updateDraftHandling,
} from '../../platform/items/base.ts';
import { readableContentOfAnyKind } from '../../platform/items/queues.ts';
import { noticeItem } from '../../platform/notifications/item-notices.ts';
import { isRealDate, PersonKeys, uniqueKeys } from './names.ts';
import type { Individual, IndividualContent, PersonContent, PersonCreate, PersonPatch, PersonView } from './schemas.ts';

/**
 * Person records on the item base (DOMAIN.md §5, SECURITY.md "Person records"): a person detected
 * with a false or fraudulently obtained document, a suspected smuggler or facilitator, or a group of
 * adults travelling with minors without family ties (the common format). Stricter than any other
 * kind: never CLEAR or GREEN (AMBER+STRICT unless the originator chooses AMBER or RED), every read of
 * content by anyone but the originator needs a stated purpose (platform/items/purpose.ts), no
 * export, a retention date after which the content is crypto-shredded (retention.ts). The content is
 * locked under the record's own key before it is sealed to the space; only the form, the detection
 * country and year, the role and the outcome stay in clear, and the names are findable only through
 * the person check's blind keys (names.ts).
 */
export interface PersonDeps {
  db: Database;
  sealer: Sealer;
  keyring: Keyring;
  /** Months a record is kept from its creation (ENLACE_PERSON_RETENTION_MONTHS). */
  retentionMonths: number;
}

type Trx = Database;
const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The date `months` after `from` (the last day of a shorter month when the day does not exist). */
export function addMonths(from: Date, months: number): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(from.getUTCDate(), last));
  return isoDay(d);
}

function individual(input: Static<typeof Individual>, path: string): IndividualContent {
  const names = [...new Set(input.names.map(cleanLine).filter(Boolean))];
  if (names.length === 0) throw new ApiError(400, 'person_name_required', {}, `${path}.names`);
  return {
    names,
    sex: input.sex ?? null,
    dateOfBirth: input.dateOfBirth ?? null,
    placeOfBirth: lineOrNull(input.placeOfBirth),
    nationalities: input.nationalities ?? [],
    documents: (input.documents ?? []).map((d) => ({
      documentType: d.documentType,
      issuer: d.issuer,
      number: lineOrNull(d.number),
      specimenId: d.specimenId ?? null,
    })),
  };
}

/** A full date of birth must be a real day, not after the detection. */
function checkBirth(date: string | null, detected: string, path: string): void {
  if (!date) return;
  if (!isRealDate(date)) throw new ApiError(400, 'date_invalid', {}, path);
  if (date > detected.slice(0, date.length)) throw new ApiError(400, 'birth_after_detection', {}, path);
}

/** Age in whole years on a day, from a full date of birth (null for a year alone). */
function ageOn(date: string, on: string): number | null {
  if (date.length !== 10) return null;
  const years = Number(on.slice(0, 4)) - Number(date.slice(0, 4));
  return on.slice(5) < date.slice(5) ? years - 1 : years;
}

export interface Normalised {
  content: PersonContent;
  role: PersonRole | null;
  outcome: PersonOutcome;
}

/** The record as stored: text cleaned, blanks as null, exactly the part of its form, dates in order. */
export function normalise(form: 'person' | 'minors', body: Partial<PersonCreate>, now: Date): Normalised {
  const d = body.detection!;
  if (d.date > isoDay(now)) throw new ApiError(400, 'date_in_future', {}, 'body.detection.date');
  const content: PersonContent = {
    detection: { date: d.date, country: d.country, port: lineOrNull(d.port), route: lineOrNull(d.route), carrier: lineOrNull(d.carrier) },
    notes: cleanText(body.notes ?? ''),
  };
  if (form === 'person') {
    if (body.group) throw new ApiError(400, 'person_form_mismatch', {}, 'body.group');
    if (!body.person) throw new ApiError(400, 'person_required', {}, 'body.person');
    if (!body.role) throw new ApiError(400, 'role_required', {}, 'body.role');
    content.person = individual(body.person, 'body.person');
    checkBirth(content.person.dateOfBirth, d.date, 'body.person.dateOfBirth');
    return { content, role: body.role, outcome: body.outcome! };
  }
  if (body.person || body.role) throw new ApiError(400, 'person_form_mismatch', {}, body.person ? 'body.person' : 'body.role');
  const g = body.group;
  if (!g) throw new ApiError(400, 'group_required', {}, 'body.group');
  content.group = {
    minors: g.minors.map((m, i) => {
      const minor = { ...individual(m, `body.group.minors.${i}`), age: m.age ?? null };
      checkBirth(minor.dateOfBirth, d.date, `body.group.minors.${i}.dateOfBirth`);
      if (!minor.dateOfBirth && minor.age === null) throw new ApiError(400, 'minor_age_required', {}, `body.group.minors.${i}`);
      const age = minor.dateOfBirth ? ageOn(minor.dateOfBirth, d.date) : null;
      if (age !== null && age >= 18) throw new ApiError(400, 'not_a_minor', {}, `body.group.minors.${i}.dateOfBirth`);
      return minor;
    }),
    adults: g.adults.map((a, i) => {
      const adult = { ...individual(a, `body.group.adults.${i}`), relationship: a.relationship, support: a.support };
      checkBirth(adult.dateOfBirth, d.date, `body.group.adults.${i}.dateOfBirth`);
      return adult;
    }),
    destination: g.destination ?? null,
    indicators: g.indicators,
    referral: g.referral,
    referralNote: lineOrNull(g.referralNote),
  };
  return { content, role: null, outcome: body.outcome! };
}

/** Every person of a record as the check keys them: a minor known by age only, by the year it gives. */
export function peopleOf(content: PersonContent) {
  const year = Number(content.detection.date.slice(0, 4));
  const people: { names: string[]; dateOfBirth: string | null; nationalities: string[] }[] = [];
  if (content.person) people.push(content.person);
  for (const m of content.group?.minors ?? []) people.push({ ...m, dateOfBirth: m.dateOfBirth ?? (m.age === null ? null : String(year - m.age)) });
  for (const a of content.group?.adults ?? []) people.push(a);
  return people;
}

/** The record's blind keys (what the person check matches). */
export function nameKeys(keyring: Keyring, spaceId: string, content: PersonContent): Buffer[] {
  const keys = new PersonKeys(keyring, spaceId);
  return uniqueKeys(peopleOf(content).flatMap((p) => keys.ofPerson(p)));
}

/**
 * What a record may link to: items the author reads the content of, published — and, for a
 * document's specimen, a specimen. Anything else is refused as one (the author learns nothing).
 */
async function checkLinks(db: Database, ability: Ability, content: PersonContent, links: string[], selfId?: string): Promise<string[]> {
  const specimens = [
    content.person?.documents ?? [],
    ...(content.group ? [...content.group.minors, ...content.group.adults].map((p) => p.documents) : []),
  ]
    .flat()
    .map((d) => d.specimenId)
    .filter((id): id is string => id !== null);
  const all = [...new Set([...links, ...specimens])];
  if (all.length === 0) return [];
  if (selfId && all.includes(selfId)) throw new ApiError(400, 'link_not_readable', {}, 'body.links');
  const found = await readableContentOfAnyKind(db, ability)
    .select(['item.id', 'item.kind'])
    .where('item.id', 'in', all)
    .where('item.status', '=', 'published')
    .execute();
  const kinds = new Map(found.map((f) => [f.id, f.kind]));
  if (links.some((id) => !kinds.has(id))) throw new ApiError(400, 'link_not_readable', {}, 'body.links');
  if (specimens.some((id) => kinds.get(id) !== 'specimen')) throw new ApiError(400, 'link_not_readable', {}, 'body.documents');
  return all;
}

async function writeLinks(trx: Trx, personId: string, links: string[]): Promise<void> {
  await trx.deleteFrom('personLink').where('personId', '=', personId).execute();
  if (links.length)
    await trx
      .insertInto('personLink')
      .values(links.map((itemId) => ({ personId, itemId })))
      .execute();
}

/** The content locked under the record's key and sealed to the space. */
async function sealContent(deps: PersonDeps, trx: Trx, item: Pick<Item, 'id' | 'spaceId'>, key: RecordKey, content: PersonContent, now: Date) {
  return insertSealed(trx, deps.sealer, { spaceId: item.spaceId, itemId: item.id, now }, key.lock(item.id, content));
}

/** A new draft record in a space where the actor may create. */
export async function createPerson(deps: PersonDeps, trx: Trx, actor: Actor, ability: Ability, spaceId: string, body: PersonCreate, now: Date) {
  const { content, role, outcome } = normalise(body.form, body, now);
  const links = await checkLinks(trx, ability, content, body.links ?? []);
  const draft = await createItem(trx, actor, ability, 'person', spaceId, { ...body, tlp: body.tlp ?? 'AMBER+STRICT' }, now);
  const key = RecordKey.create(deps.keyring, draft.id);
  const contentId = await sealContent(deps, trx, draft, key, content, now);
  await trx
    .insertInto('person')
    .values({
      itemId: draft.id,
      spaceId,
      form: body.form,
      role,
      outcome,
      detectionCountry: content.detection.country,
      detectionYear: Number(content.detection.date.slice(0, 4)),
      contentId,
      recordKey: key.wrapped,
      nameKeys: nameKeys(deps.keyring, spaceId, content),
      retainUntil: addMonths(now, deps.retentionMonths),
    })
    .execute();
  await writeLinks(trx, draft.id, links);
  return draft;
}

export interface PersonRow {
  form: 'person' | 'minors';
  role: PersonRole | null;
  outcome: PersonOutcome | null;
  detectionCountry: string;
  detectionYear: number;
  retainUntil: string;
  publishedAt: Date | null;
  recordKey: Buffer | null;
  content: SealedRecord | null;
  sightings: number;
}

/** A record's own row and sealed content, selected with the item: opened only past the content checks. */
export const PERSON_DETAILS: ItemExtra<PersonRow> = {
  columns: ['form', 'role', 'outcome', 'detectionCountry', 'detectionYear', 'retainUntil', 'publishedAt', 'recordKey', 'content', 'sightings'],
  select: (query) =>
    query
      .innerJoin('person as ps', 'ps.itemId', 'item.id')
      .selectAll('item')
      .select([
        'ps.form',
        'ps.role',
        'ps.outcome',
        'ps.detectionCountry',
        'ps.detectionYear',
        sql<string>`to_char(ps.retain_until, 'YYYY-MM-DD')`.as('retainUntil'),
        'ps.publishedAt',
        'ps.recordKey',
        sealedRecord('ps.contentId').as('content'),
        sql<number>`(select count(*) from sighting g where g.item_id = item.id and g.kind = 'sighting')::int`.as('sightings'),
      ]),
};

/** Opens a record's content: the space's seal, then the record's own key. */
export async function openContent(
  deps: PersonDeps,
  item: Pick<Item, 'id' | 'spaceId'>,
  row: Pick<PersonRow, 'recordKey' | 'content'>,
  db?: Database,
) {
  if (!row.recordKey || !row.content) throw new ApiError(410, 'content_shredded');
  const locked = await openRecord<Locked>(deps.sealer, item.spaceId, row.content, db);
  return RecordKey.open(deps.keyring, item.id, row.recordKey).unlock<PersonContent>(item.id, locked);
}

async function currentRow(trx: Trx, item: Item) {
  return trx
    .selectFrom('person as ps')
    .select(['ps.form', 'ps.role', 'ps.outcome', 'ps.contentId', 'ps.recordKey', sealedRecord('ps.contentId').as('content')])
    .where('ps.itemId', '=', item.id)
    .executeTakeFirstOrThrow();
}

/** A draft's edit by its originator: what is given replaces what was (a person or a group whole). */
export async function updateDraft(deps: PersonDeps, trx: Trx, ability: Ability, item: Item, patch: PersonPatch, now: Date): Promise<Item> {
  const row = await currentRow(trx, item);
  const current = await openContent(deps, item, row, trx);
  const merged: Partial<PersonCreate> = {
    detection: patch.detection ?? current.detection,
    outcome: patch.outcome ?? row.outcome ?? 'none',
    notes: patch.notes ?? current.notes,
    ...(row.form === 'person' ? { person: patch.person ?? current.person, role: patch.role ?? row.role ?? undefined } : {}),
    ...(row.form === 'minors' ? { group: patch.group ?? current.group } : {}),
  };
  if (row.form === 'person' && patch.group) throw new ApiError(400, 'person_form_mismatch', {}, 'body.group');
  if (row.form === 'minors' && (patch.person || patch.role))
    throw new ApiError(400, 'person_form_mismatch', {}, patch.person ? 'body.person' : 'body.role');
  const next = normalise(row.form, merged, now);
  if (patch.links || patch.person || patch.group) {
    const existing = await trx.selectFrom('personLink').select('itemId').where('personId', '=', item.id).execute();
    await writeLinks(trx, item.id, await checkLinks(trx, ability, next.content, patch.links ?? existing.map((e) => e.itemId), item.id));
  }
  const updated = await updateDraftHandling(trx, item, patch, now);
  if (changesContent(patch, ['links'])) {
    const key = RecordKey.open(deps.keyring, item.id, row.recordKey!);
    const contentId = await sealContent(deps, trx, item, key, next.content, now);
    await trx
      .updateTable('person')
      .set({
        contentId,
        role: next.role,
        outcome: next.outcome,
        detectionCountry: next.content.detection.country,
        detectionYear: Number(next.content.detection.date.slice(0, 4)),
        nameKeys: nameKeys(deps.keyring, item.spaceId, next.content),
      })
      .where('itemId', '=', item.id)
      .execute();
    await trx.deleteFrom('sealed').where('id', '=', row.contentId!).execute();
  }
  return updated;
}

/** What publication does besides the status: the time it was published. */
export async function published(trx: Trx, item: Item, now: Date): Promise<void> {
  await trx.updateTable('person').set({ publishedAt: now }).where('itemId', '=', item.id).execute();
  await notify(trx, { type: ITEM_MOVED, itemId: item.id });
}

/** What a record links to and what links to it, where the reader reads the other side (no label from content). */
export async function personLinks(db: Database, ability: Ability, itemId: string) {
  return readableContentOfAnyKind(db, ability)
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('personLink')
          .select(['itemId as target', sql<'to' | 'from'>`'to'`.as('direction')])
          .where('personId', '=', itemId)
          .unionAll(
            eb
              .selectFrom('personLink')
              .select(['personId as target', sql<'to' | 'from'>`'from'`.as('direction')])
              .where('itemId', '=', itemId),
          )
          .as('l'),
      (join) => join.onRef('l.target', '=', 'item.id'),
    )
    .leftJoin('specimen as sp', 'sp.itemId', 'item.id')
    .leftJoin('report as rp', 'rp.itemId', 'item.id')
    .select(['item.id', 'item.kind', 'item.tlp', 'item.status', 'l.direction', 'sp.documentType', 'sp.issuingCountry', 'rp.kind as reportKind'])
    .where('item.status', '<>', 'withdrawn')
    .orderBy('l.direction', 'desc')
    .orderBy('item.createdAt')
    .execute()
    .then((rows) =>
      rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        tlp: r.tlp,
        status: r.status,
        documentType: r.documentType ?? null,
        issuingCountry: r.issuingCountry ?? null,
        reportKind: r.reportKind ?? null,
        direction: r.direction,
      })),
    );
}

async function retentionSteps(deps: PersonDeps, item: Item, actorId: string) {
  const rows = await deps.db
    .selectFrom('personRetention as r')
    .select([
      sql<string>`to_char(r.previous_until, 'YYYY-MM-DD')`.as('previousUntil'),
      sql<string>`to_char(r.retain_until, 'YYYY-MM-DD')`.as('retainUntil'),
      'r.extendedBy',
      'r.extendedAt',
      sealedRecord('r.reasonId').as('reason'),
    ])
    .where('r.personId', '=', item.id)
    .orderBy('r.extendedAt')
    .execute();
  return Promise.all(
    rows.map(async (r) => ({
      previousUntil: r.previousUntil,
      retainUntil: r.retainUntil,
      reason: r.reason ? (await openRecord<{ reason: string }>(deps.sealer, item.spaceId, r.reason)).reason : '',
      extendedAt: iso(r.extendedAt)!,
      mine: r.extendedBy === actorId,
    })),
  );
}

/** One record in full, for a reader the route found allowed to read its content (purpose stated). */
export async function personView(deps: PersonDeps, ability: Ability, actorId: string, item: Item, row: PersonRow): Promise<PersonView> {
  const shredded = item.shreddedAt !== null || row.recordKey === null;
  const content = shredded ? null : await openContent(deps, item, row);
  const [links, retention] = await Promise.all([personLinks(deps.db, ability, item.id), retentionSteps(deps, item, actorId)]);
  return {
    ...itemMetadata(ability, item),
    form: row.form,
    role: row.role,
    outcome: row.outcome,
    detectionCountry: row.detectionCountry,
    detectionYear: row.detectionYear,
    retainUntil: row.retainUntil,
    publishedAt: iso(row.publishedAt),
    detection: content?.detection ?? null,
    notes: content?.notes ?? '',
    person: content?.person ?? null,
    group: content?.group ?? null,
    links,
    sightings: row.sightings,
    retention,
    handling: itemHandling(item),
    shredded,
  };
}

/** The clear facets of a record, read without the policy: for a reply about a record the caller just moved. */
export async function facetsOf(db: Database, itemId: string) {
  return db
    .selectFrom('person as ps')
    .select([
      'ps.form',
      'ps.role',
      'ps.outcome',
      'ps.detectionCountry',
      'ps.detectionYear',
      sql<string>`to_char(ps.retain_until, 'YYYY-MM-DD')`.as('retainUntil'),
      'ps.publishedAt',
    ])
    .where('ps.itemId', '=', itemId)
    .executeTakeFirstOrThrow();
}

/** What a metadata reader (auditors, the Presidency) and a list see: the clear facets, never content. */
export function personFacets(
  row: Pick<PersonRow, 'form' | 'role' | 'outcome' | 'detectionCountry' | 'detectionYear' | 'retainUntil' | 'publishedAt'>,
) {
  return {
    form: row.form,
    role: row.role,
    outcome: row.outcome,
    detectionCountry: row.detectionCountry,
    detectionYear: row.detectionYear,
    retainUntil: row.retainUntil,
    publishedAt: iso(row.publishedAt),
  };
}

/** The originator keeps a record longer, with a reason (sealed with the record, shredded with it). */
export async function extendRetention(
  deps: PersonDeps,
  trx: Trx,
  item: Item,
  actor: Actor,
  body: { retainUntil: string; reason: string },
  now: Date,
) {
  if (item.originatorId !== actor.id) throw new ApiError(403, 'forbidden');
  const row = await trx
    .selectFrom('person')
    .select([sql<string>`to_char(retain_until, 'YYYY-MM-DD')`.as('retainUntil'), 'recordKey'])
    .where('itemId', '=', item.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (!row.recordKey) throw new ApiError(410, 'content_shredded');
  if (body.retainUntil <= row.retainUntil) throw new ApiError(400, 'retention_not_later', {}, 'body.retainUntil');
  // At most the configured period again from today: a record is not kept indefinitely by one step.
  if (body.retainUntil > addMonths(now, deps.retentionMonths))
    throw new ApiError(400, 'retention_too_long', { months: deps.retentionMonths }, 'body.retainUntil');
  const reasonId = await insertSealed(trx, deps.sealer, { spaceId: item.spaceId, itemId: item.id, now }, { reason: cleanLine(body.reason) });
  await trx
    .insertInto('personRetention')
    .values({ personId: item.id, previousUntil: row.retainUntil, retainUntil: body.retainUntil, reasonId, extendedBy: actor.id, extendedAt: now })
    .execute();
  await trx.updateTable('person').set({ retainUntil: body.retainUntil }).where('itemId', '=', item.id).execute();
  await trx.updateTable('item').set({ updatedAt: now }).where('id', '=', item.id).execute();
  return { previousUntil: row.retainUntil, retainUntil: body.retainUntil };
}

interface SightingDetails {
  port: string | null;
  note: string | null;
}

/** "Seen here": a country the person or group passes through follows it (date and country in clear, port and note sealed). */
export async function addSighting(
  deps: PersonDeps,
  trx: Trx,
  item: Item,
  actor: Actor,
  body: { seenOn: string; country: string; port?: string | null; note?: string | null },
  now: Date,
) {
  if (body.seenOn > isoDay(now)) throw new ApiError(400, 'sighting_in_future', {}, 'body.seenOn');
  const details: SightingDetails = { port: lineOrNull(body.port), note: textOrNull(body.note) };
  const detailsId = await insertSealed(trx, deps.sealer, { spaceId: item.spaceId, itemId: item.id, now }, details);
  const row = await trx
    .insertInto('sighting')
    .values({
      itemId: item.id,
      kind: 'sighting',
      seenOn: body.seenOn,
      country: body.country,
      detailsId,
      reportedBy: actor.id,
      reporterCountry: actor.country,
      createdAt: now,
    })
    .returning(['id', 'seenOn', 'country', 'reporterCountry', 'createdAt'])
    .executeTakeFirstOrThrow();
  await noticeItem(trx, { kind: 'sighting', item, actorId: actor.id, to: [item.originatorId], subjectId: row.id }, now);
  await trx.updateTable('item').set({ updatedAt: now }).where('id', '=', item.id).execute();
  return { ...row, ...details, mine: true, createdAt: iso(row.createdAt)! };
}

export async function listSightings(deps: PersonDeps, item: Item, actorId: string) {
  const rows = await deps.db
    .selectFrom('sighting as g')
    .select(['g.id', 'g.seenOn', 'g.country', 'g.reporterCountry', 'g.reportedBy', 'g.createdAt', sealedRecord('g.detailsId').as('details')])
    .where('g.itemId', '=', item.id)
    .orderBy('g.seenOn', 'desc')
    .orderBy('g.createdAt', 'desc')
    .execute();
  return Promise.all(
    rows.map(async (r) => {
      const details = await openRecord<SightingDetails>(deps.sealer, item.spaceId, r.details);
      return {
        id: r.id,
        seenOn: r.seenOn,
        country: r.country,
        port: details.port,
        note: details.note,
        reporterCountry: r.reporterCountry,
        mine: r.reportedBy === actorId,
        createdAt: iso(r.createdAt)!,
      };
    }),
  );
}
