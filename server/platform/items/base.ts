import { subject } from '@casl/ability';
import type { Compilable, Selectable, SelectQueryBuilder, Transaction } from 'kysely';
import type { Static } from 'typebox';
import { Type } from 'typebox';
import { type Ability, type Actor, can, permissions } from '../../../policies/ability.ts';
import { ITEM_SQL_FIELDS } from '../../../policies/items.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { lastAbility } from '../access.ts';
import { type Alongside, type FoundSession, type SessionParam, sessionQuery } from '../auth/sessions.ts';
import { CompiledOnce } from '../db/compiled.ts';
import type { Database } from '../db/database.ts';
import type { DB, ItemStatus, ItemTable } from '../db/schema.ts';
import { notify } from '../events/bus.ts';
import { ApiError } from '../http/errors.ts';
import { noticeItem } from '../notifications/item-notices.ts';
import { Place } from '../reference/countries.ts';
import { firstUnknownPlace } from '../reference/places.ts';

/**
 * The restricted-item base: what every specimen, report and alert has, and the one way to
 * create, find, serialise and move them through their workflow under the policy. A kind keeps
 * its own fields in its own table, keyed by the item's id.
 */
export type Item = Selectable<ItemTable>;
export type ItemKind = Item['kind'];

export const Tlp = Type.Enum(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']);

/** The handling fields a creator chooses (body of every kind's create route). */
export const ItemHandling = Type.Object({
  tlp: Tlp,
  releasableTo: Type.Optional(Type.Array(Place, { maxItems: 15, uniqueItems: true })),
  namedRecipients: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50, uniqueItems: true })),
  sourceEvaluation: Type.Optional(Type.Enum(['A', 'B', 'C', 'X'])),
  informationEvaluation: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
});

export const ITEM_ACTIONS = ['update', 'submit', 'publish', 'return', 'withdraw', 'correct', 'amend', 'sight', 'review', 'track'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const ItemPermissions = Type.Object(
  {
    readContent: Type.Boolean(),
    update: Type.Boolean(),
    submit: Type.Boolean(),
    publish: Type.Boolean(),
    return: Type.Boolean(),
    withdraw: Type.Boolean(),
    correct: Type.Boolean(),
    amend: Type.Boolean(),
    sight: Type.Boolean(),
    review: Type.Boolean(),
    track: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const ItemMetadata = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Enum(['specimen', 'report', 'alert', 'person', 'library']),
    spaceId: Type.String({ format: 'uuid' }),
    originatorCountry: Type.String(),
    status: Type.Enum(['draft', 'submitted', 'published', 'withdrawn', 'expired']),
    tlp: Tlp,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    permissions: ItemPermissions,
  },
  { additionalProperties: false },
);

/** Handling details, shown only to those who read the content. */
export const ItemHandlingView = Type.Object(
  {
    originatorId: Type.String({ format: 'uuid' }),
    releasableTo: Type.Array(Type.String()),
    namedRecipients: Type.Array(Type.String()),
    sourceEvaluation: Type.Union([Type.String(), Type.Null()]),
    informationEvaluation: Type.Union([Type.Integer(), Type.Null()]),
  },
  { additionalProperties: false },
);

const asObject = (item: Item) => ({ ...item }) as Record<string, unknown>;

export function itemPermissions(ability: Ability, item: Item): Static<typeof ItemPermissions> {
  return {
    readContent: readsContent(ability, item),
    ...permissions(ability, 'Item', asObject(item), ITEM_ACTIONS),
  };
}

const subjectOf = (item: Item) => subject('Item', asObject(item));

/** Whether the ability reads the item's content (not only its metadata). */
export const readsContent = (ability: Ability, item: Item): boolean => ability.can('read', subjectOf(item), 'content');

export function itemMetadata(ability: Ability, item: Item): Static<typeof ItemMetadata> {
  return {
    id: item.id,
    kind: item.kind,
    spaceId: item.spaceId,
    originatorCountry: item.originatorCountry,
    status: item.status,
    tlp: item.tlp,
    createdAt: new Date(item.createdAt).toISOString(),
    updatedAt: new Date(item.updatedAt).toISOString(),
    permissions: itemPermissions(ability, item),
  };
}

/** 403 unless the ability may do this to the item (which the caller already found readable). */
export function authorizeItem(ability: Ability, action: 'read' | ItemAction, item: Item, field?: string): void {
  if (!ability.can(action, subjectOf(item), field)) throw new ApiError(403, 'forbidden');
}

export function itemHandling(item: Item): Static<typeof ItemHandlingView> {
  return {
    originatorId: item.originatorId,
    releasableTo: item.releasableTo,
    namedRecipients: item.namedRecipients,
    sourceEvaluation: item.sourceEvaluation,
    informationEvaluation: item.informationEvaluation,
  };
}

/** Every item (of a kind, or of any) the ability may read, as a query the caller narrows, sorts and pages. */
export function readableItems(db: Database, ability: Ability, kind: ItemKind | null) {
  const readable = db.selectFrom('item').where(permittedCondition(ability, 'read', 'Item', ITEM_SQL_FIELDS));
  return kind ? readable.where('item.kind', '=', kind) : readable;
}

/**
 * Every item (of a kind) whose content the ability may read: lists, searches and exports of
 * content use this, so metadata-only readers (auditors, the Presidency) get none of them.
 */
export function readableContent(db: Database, ability: Ability, kind: ItemKind) {
  return db
    .selectFrom('item')
    .where(permittedCondition(ability, 'read', 'Item', ITEM_SQL_FIELDS, 'content'))
    .where('item.kind', '=', kind);
}

/**
 * More of an item's own data selected in the same round trip as the item (a kind's sealed records
 * and counts): `columns` names what `select` adds, and none may share a name with an item column.
 * What comes this way is only selected — sealed records stay sealed until the caller has made the
 * content checks (read.ts) and opens them.
 */
export interface ItemExtra<E> {
  readonly columns: readonly (keyof E & string)[];
  // biome-ignore lint/suspicious/noExplicitAny: the query's row type grows with what the kind selects.
  select(query: ReturnType<typeof readableItems>): Compilable<any>;
}

const PLAIN: ItemExtra<Record<string, never>> = { columns: [], select: (query) => query.selectAll('item') };

/** Compiled queries per ability, extra and kind (an ability is cached per actor: access.ts). */
type ByAbility<Q> = WeakMap<Ability, Map<ItemExtra<unknown>, Map<ItemKind | null, Q>>>;
function compiledFor<Q>(cache: ByAbility<Q>, ability: Ability, kind: ItemKind | null, extra: ItemExtra<unknown>, build: () => Q): Q {
  let byExtra = cache.get(ability);
  if (!byExtra) cache.set(ability, (byExtra = new Map()));
  let byKind = byExtra.get(extra);
  if (!byKind) byExtra.set(extra, (byKind = new Map()));
  let query = byKind.get(kind);
  if (!query) byKind.set(kind, (query = build()));
  return query;
}

/**
 * Item lookups per ability and extra, compiled once: an ability is cached per actor (access.ts),
 * so a reader's every lookup runs the same text with a new id (a prepared statement, database.ts).
 */
const itemQueries: ByAbility<CompiledOnce<Record<string, unknown>, 'id'>> = new WeakMap();

const itemQuery = (ability: Ability, kind: ItemKind | null, extra: ItemExtra<unknown>) =>
  compiledFor(
    itemQueries,
    ability,
    kind,
    extra,
    () => new CompiledOnce(['id'] as const, (db, p) => extra.select(readableItems(db, ability, kind).where('item.id', '=', p.id))),
  );

/** The same lookups joined to the session's statement (`Alongside`): one round trip for both. */
const alongsideQueries: ByAbility<CompiledOnce<Record<string, unknown>, SessionParam | 'id'>> = new WeakMap();

/** What `findItemWith` takes from a lookup made with the session (`prefetchItem`). */
export interface PrefetchedItem extends Alongside {
  ability: Ability;
  kind: ItemKind | null;
  extra: ItemExtra<unknown>;
}

/**
 * A route's item lookup (`config.alongside`), made in the session's statement under the ability
 * the session's last request had (access.ts, `lastAbility`): the item under the policy as SQL,
 * joined laterally to the session's row, so a reader who reads again pays one round trip for the
 * session and the item. `findItemWith` uses its row only when the request's own ability is that
 * same ability; otherwise (a first read, memberships or roles changed since) it asks again.
 */
export function prefetchItem<E>(kind: ItemKind | null, extra: ItemExtra<E>, param = 'id') {
  const wide = extra as ItemExtra<unknown>;
  return (params: unknown, tokenHash: Buffer): PrefetchedItem | undefined => {
    const ability = lastAbility(tokenHash);
    const id = (params as Record<string, unknown> | undefined)?.[param];
    // A malformed id is the route's schema's to refuse (400), not the statement's.
    if (!ability || typeof id !== 'string' || !UUID.test(id)) return undefined;
    const query = compiledFor(
      alongsideQueries,
      ability,
      kind,
      wide,
      () =>
        new CompiledOnce(['now', 'idleSince', 'tokenHash', 'id'] as const, (db, p) =>
          sessionQuery(db, p)
            .leftJoinLateral(
              () => (wide.select(readableItems(db, ability, kind).where('item.id', '=', p.id)) as AnySelect).as('found'),
              (join) => join.onTrue(),
            )
            .selectAll('found' as never),
        ),
    );
    return { query, id, marker: 'id', ability, kind, extra: wide };
  };
}
// biome-ignore lint/suspicious/noExplicitAny: a kind's lookup, as a subquery (its row type grows with what the kind selects).
type AnySelect = SelectQueryBuilder<any, any, any>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One item, or 404 when it does not exist or the reader may not know it does (the same answer). */
export async function findItem(db: Database, ability: Ability, kind: ItemKind | null, id: string): Promise<Item> {
  return (await findItemWith(db, ability, kind, id, PLAIN)).item;
}

/**
 * `findItem`, with a kind's extra columns from the same query (see ItemExtra); `prefetched` is what
 * the session's statement found for the route (`prefetchItem`), used when it is this same lookup.
 */
export async function findItemWith<E>(
  db: Database,
  ability: Ability,
  kind: ItemKind | null,
  id: string,
  extra: ItemExtra<E>,
  prefetched?: FoundSession['alongside'],
): Promise<{ item: Item; extra: E }> {
  const lookup = prefetched?.lookup as PrefetchedItem | undefined;
  // The session's statement made this very lookup under this very ability: its row is the answer.
  const made = lookup && lookup.ability === ability && lookup.kind === kind && lookup.extra === extra && lookup.id === id;
  const row = made ? prefetched!.row : await itemQuery(ability, kind, extra as ItemExtra<unknown>).first(db, { id });
  if (!row) throw new ApiError(404, 'not_found');
  const picked: Record<string, unknown> = {};
  for (const column of extra.columns) picked[column] = row[column];
  const item = itemOf(row);
  if (!ability.can('read', subjectOf(item))) throw new ApiError(404, 'not_found');
  return { item, extra: picked as E };
}

/**
 * The item's own columns out of a wider row (the kind's extra columns, the session's), as an object
 * of one fixed shape: every check copies it (`subjectOf`), and a row that had columns deleted, or
 * came with seventy, is a slow dictionary to copy (measured: 3% of a read's server thread).
 * Typed as the whole Item, so a column added to the table and not here fails to compile.
 */
function itemOf(row: Record<string, unknown>): Item {
  const r = row as unknown as Item;
  return {
    id: r.id,
    kind: r.kind,
    spaceId: r.spaceId,
    networkId: r.networkId,
    originatorId: r.originatorId,
    originatorCountry: r.originatorCountry,
    originatorOrganisationId: r.originatorOrganisationId,
    status: r.status,
    tlp: r.tlp,
    releasableTo: r.releasableTo,
    releasabilityRestricted: r.releasabilityRestricted,
    namedRecipients: r.namedRecipients,
    sourceEvaluation: r.sourceEvaluation,
    informationEvaluation: r.informationEvaluation,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    returnedAt: r.returnedAt,
    submittedAt: r.submittedAt,
    shreddedAt: r.shreddedAt,
    audienceOrganisations: r.audienceOrganisations,
  };
}

/**
 * A new draft in a space where the actor may create. RED needs named recipients (the originator
 * is always one); the database's checks hold the same line.
 */
export async function createItem(
  trx: Transaction<DB> | Database,
  actor: Actor,
  ability: Ability,
  kind: ItemKind,
  spaceId: string,
  handling: Static<typeof ItemHandling>,
  now: Date,
): Promise<Item> {
  const space = await trx.selectFrom('space').select(['id', 'networkId']).where('id', '=', spaceId).executeTakeFirst();
  const draft = { spaceId, originatorId: actor.id, originatorCountry: actor.country };
  if (!space || !can(ability, 'create', 'Item', draft)) throw new ApiError(404, 'not_found');
  await checkReleasable(trx, handling.releasableTo);
  const namedRecipients = handling.tlp === 'RED' ? [...new Set([actor.id, ...(handling.namedRecipients ?? [])])] : (handling.namedRecipients ?? []);
  return trx
    .insertInto('item')
    .values({
      kind,
      spaceId,
      networkId: space.networkId,
      originatorId: actor.id,
      originatorCountry: actor.country,
      originatorOrganisationId: actor.organisationId,
      tlp: handling.tlp,
      releasableTo: handling.releasableTo ?? [],
      namedRecipients,
      sourceEvaluation: handling.sourceEvaluation ?? null,
      informationEvaluation: handling.informationEvaluation ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Releasable to member countries, the Secretariat and registered organisations only (the table says which). */
async function checkReleasable(trx: Transaction<DB> | Database, codes: readonly string[] | undefined): Promise<void> {
  const unknown = codes?.length ? await firstUnknownPlace(trx, codes) : undefined;
  if (unknown) throw new ApiError(400, 'invalid_country', { code: unknown }, 'body.releasableTo');
}

/** The handling fields every kind's draft edit may change (the rest of a patch is the kind's content). */
export const HANDLING_KEYS = ['tlp', 'releasableTo', 'namedRecipients', 'sourceEvaluation', 'informationEvaluation'] as const;

/** Whether a patch changes more than the handling (and the keys named in `besides`): its content is to be sealed anew. */
export const changesContent = (patch: object, besides: readonly string[] = []): boolean =>
  Object.keys(patch).some((k) => !(HANDLING_KEYS as readonly string[]).includes(k) && !besides.includes(k));

/**
 * A draft's handling as a patch gives it (what is not given stays), conditional on the draft status it
 * was read in (409 `status_changed` otherwise); a RED item keeps its originator among the named recipients.
 */
export async function updateDraftHandling(
  trx: Transaction<DB> | Database,
  item: Item,
  patch: {
    tlp?: Item['tlp'];
    releasableTo?: string[];
    namedRecipients?: string[];
    sourceEvaluation?: Item['sourceEvaluation'];
    informationEvaluation?: Item['informationEvaluation'];
  },
  now: Date,
): Promise<Item> {
  await checkReleasable(trx, patch.releasableTo);
  const tlp = patch.tlp ?? item.tlp;
  const requested = patch.namedRecipients ?? item.namedRecipients;
  const updated = await trx
    .updateTable('item')
    .set({
      tlp,
      releasableTo: patch.releasableTo ?? item.releasableTo,
      namedRecipients: tlp === 'RED' ? [...new Set([item.originatorId, ...requested])] : requested,
      sourceEvaluation: patch.sourceEvaluation === undefined ? item.sourceEvaluation : patch.sourceEvaluation,
      informationEvaluation: patch.informationEvaluation === undefined ? item.informationEvaluation : patch.informationEvaluation,
      updatedAt: now,
    })
    .where('id', '=', item.id)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new ApiError(409, 'status_changed');
  return updated;
}

export type Transition = 'submit' | 'publish' | 'return' | 'withdraw';

const TRANSITIONS: Record<Transition, { from: ItemStatus; to: ItemStatus }> = {
  submit: { from: 'draft', to: 'submitted' },
  publish: { from: 'submitted', to: 'published' },
  return: { from: 'submitted', to: 'draft' },
  withdraw: { from: 'published', to: 'withdrawn' },
};

/**
 * A workflow step: 404 when the item is not the actor's to know, 403 when it is but the step
 * is not theirs (or not possible in this status). The update is conditional on the status it
 * was read in, so two validators racing cannot both publish.
 */
export async function transitionItem(
  db: Database,
  ability: Ability,
  kind: ItemKind | null,
  id: string,
  action: Transition,
  now: Date,
  check?: (item: Item) => Promise<void>,
): Promise<Item> {
  const item = await findItem(db, ability, kind, id);
  authorizeItem(ability, action, item);
  await check?.(item);
  const { from, to } = TRANSITIONS[action];
  const updated = await db
    .updateTable('item')
    .set({
      status: to,
      updatedAt: now,
      ...(action === 'return' ? { returnedAt: now } : action === 'submit' ? { returnedAt: null, submittedAt: now } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new ApiError(409, 'status_changed');
  // Heard when this commits: the originator's and the validators' open pages count their tasks again.
  await notify(db, { type: ITEM_MOVED, itemId: updated.id });
  if (action === 'submit') await noticeItem(db, { kind: 'validation_waiting', item: updated, actorId: updated.originatorId, to: 'validators' }, now);
  // Only its originator edits a draft: a validator who returns their own item is not told of it.
  if (action === 'return' && !ability.can('update', subjectOf(updated)))
    await noticeItem(db, { kind: 'returned_to_draft', item: updated, actorId: null, to: [updated.originatorId] }, now);
  return updated;
}

/** The live notice of a workflow step (ids only; server/features/tasks routes it to whom it concerns). */
export const ITEM_MOVED = 'item.moved';
