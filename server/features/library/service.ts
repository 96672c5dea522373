import { type SqlBool, sql } from 'kysely';
import type { Ability, Actor } from '../../../policies/ability.ts';
import { can } from '../../../policies/ability.ts';
import { tokenIndex } from '../../platform/crypto/blind-index.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import { insertSealed, openRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Sealer } from '../../platform/crypto/sealer.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { listAttachments } from '../../platform/items/attachments.ts';
import { createItem, type Item, readableContent } from '../../platform/items/base.ts';
import { keywordCondition } from '../../platform/items/keywords.ts';
import {
  type LibraryCard,
  type LibraryContent,
  type LibraryCreate,
  type LibraryPatch,
  type LibrarySearch,
  type LibraryView,
  PAGE_SIZE,
} from './schemas.ts';

export interface LibraryDeps {
  db: Database;
  sealer: Sealer;
  keyring: Keyring;
}

/** The words of a document's own fields, for its token index (both languages). */
const contentText = (c: LibraryContent) => [c.title.es, c.title.en, c.summary.es, c.summary.en, ...c.tags].join('\n');

/** The document's token index: its own words and every version's PDF words (all blind). */
async function reindex(deps: LibraryDeps, trx: Database, itemId: string, spaceId: string, content: LibraryContent): Promise<void> {
  const versions = await trx.selectFrom('libraryVersion').select('tokens').where('itemId', '=', itemId).execute();
  const tokens = new Set(tokenIndex(deps.keyring, spaceId, contentText(content)));
  for (const v of versions) for (const t of v.tokens) tokens.add(t);
  await trx
    .updateTable('libraryDocument')
    .set({ tokens: [...tokens].sort() })
    .where('itemId', '=', itemId)
    .execute();
}

/** A new document, published at once (a library entry has no validation workflow), with its sealed content. */
export async function createDocument(
  deps: LibraryDeps,
  trx: Database,
  actor: Actor,
  ability: Ability,
  body: LibraryCreate,
  now: Date,
): Promise<Item> {
  // Deny by default, and the same answer whether the space exists or is not the actor's to add to.
  if (!can(ability, 'create', 'LibraryDocument', { spaceId: body.spaceId })) throw new ApiError(404, 'not_found');
  const { spaceId, title, summary, docType, country, year, language, tags, url, ...handling } = body;
  const created = await createItem(trx, actor, ability, 'library', spaceId, handling, now);
  const item = await trx.updateTable('item').set({ status: 'published' }).where('id', '=', created.id).returningAll().executeTakeFirstOrThrow();
  const content: LibraryContent = { title, summary, tags: tags ?? [], url: url ?? null };
  const contentId = await insertSealed(trx, deps.sealer, { spaceId, itemId: item.id, now }, content);
  await trx
    .insertInto('libraryDocument')
    .values({ itemId: item.id, spaceId, docType, country: country ?? null, year: year ?? null, language, isLink: Boolean(url), contentId })
    .execute();
  await reindex(deps, trx, item.id, spaceId, content);
  return item;
}

export const mayEdit = (ability: Ability, item: Item): boolean =>
  can(ability, 'update', 'LibraryDocument', { spaceId: item.spaceId, originatorCountry: item.originatorCountry });

async function documentRow(db: Database, itemId: string) {
  return db
    .selectFrom('libraryDocument as d')
    .select(['d.docType', 'd.country', 'd.year', 'd.language', 'd.isLink', 'd.contentId', 'd.spaceId', sealedRecord('d.contentId').as('content')])
    .where('d.itemId', '=', itemId)
    .executeTakeFirstOrThrow();
}

/** A patch: the clear fields set, the sealed content sealed anew (the old record removed) and reindexed. */
export async function updateDocument(deps: LibraryDeps, trx: Database, item: Item, patch: LibraryPatch, now: Date): Promise<void> {
  const row = await documentRow(trx, item.id);
  const old = await openRecord<LibraryContent>(deps.sealer, row.spaceId, row.content, trx);
  const content: LibraryContent = {
    title: patch.title ?? old.title,
    summary: patch.summary ?? old.summary,
    tags: patch.tags ?? old.tags,
    url: patch.url ?? old.url,
  };
  const contentId = await insertSealed(trx, deps.sealer, { spaceId: item.spaceId, itemId: item.id, now }, content);
  await trx
    .updateTable('libraryDocument')
    .set({
      contentId,
      docType: patch.docType ?? row.docType,
      country: patch.country === undefined ? row.country : patch.country,
      year: patch.year === undefined ? row.year : patch.year,
      language: patch.language ?? row.language,
      isLink: content.url !== null,
    })
    .where('itemId', '=', item.id)
    .execute();
  await trx.deleteFrom('sealed').where('id', '=', row.contentId).execute();
  await trx.updateTable('item').set({ updatedAt: now }).where('id', '=', item.id).execute();
  await reindex(deps, trx, item.id, item.spaceId, content);
}

/** A new version's row (its file already recorded as an attachment) with the blind index of its PDF text. */
export async function addVersion(
  deps: LibraryDeps,
  trx: Database,
  item: Item,
  fileId: string,
  text: { text: string; pages: number } | null,
  actorId: string,
  now: Date,
): Promise<void> {
  const last = await trx
    .selectFrom('libraryVersion')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('itemId', '=', item.id)
    .executeTakeFirst();
  await trx
    .insertInto('libraryVersion')
    .values({
      fileId,
      itemId: item.id,
      seq: Number(last?.seq ?? 0) + 1,
      textPages: text?.pages ?? 0,
      tokens: text ? tokenIndex(deps.keyring, item.spaceId, text.text) : [],
      createdBy: actorId,
      createdAt: now,
    })
    .execute();
  await trx.updateTable('item').set({ updatedAt: now }).where('id', '=', item.id).execute();
  const row = await documentRow(trx, item.id);
  await reindex(deps, trx, item.id, item.spaceId, await openRecord<LibraryContent>(deps.sealer, row.spaceId, row.content, trx));
}

export async function listVersions(deps: LibraryDeps, itemId: string) {
  const files = await listAttachments(deps.db, deps.sealer, itemId);
  const versions = await deps.db.selectFrom('libraryVersion').select(['fileId', 'seq', 'textPages', 'tokens']).where('itemId', '=', itemId).execute();
  const byFile = new Map(versions.map((v) => [v.fileId, v]));
  return files
    .filter((f) => byFile.has(f.id))
    .map((f) => {
      const v = byFile.get(f.id)!;
      return {
        id: f.id,
        seq: v.seq,
        name: f.name,
        mediaType: f.mediaType,
        byteSize: f.byteSize,
        textIndexed: v.tokens.length > 0,
        createdAt: f.createdAt,
      };
    })
    .sort((a, b) => b.seq - a.seq);
}

/** The full view of a document whose content the reader may read (the caller checked). */
export async function documentView(deps: LibraryDeps, ability: Ability, item: Item): Promise<LibraryView> {
  const row = await documentRow(deps.db, item.id);
  const content = await openRecord<LibraryContent>(deps.sealer, row.spaceId, row.content);
  const versionList = await listVersions(deps, item.id);
  return {
    id: item.id,
    spaceId: item.spaceId,
    tlp: item.tlp,
    originatorCountry: item.originatorCountry,
    title: content.title,
    summary: content.summary,
    docType: row.docType,
    country: row.country,
    year: row.year,
    language: row.language,
    tags: content.tags,
    isLink: row.isLink,
    url: content.url,
    versions: versionList.length,
    versionList,
    createdAt: new Date(item.createdAt).toISOString(),
    updatedAt: new Date(item.updatedAt).toISOString(),
    canEdit: mayEdit(ability, item),
  };
}

/**
 * The documents the reader reads (the item policy as SQL, content readers only), narrowed by the
 * search's words (blind tokens of each space, over title, summary, tags and PDF text) and filters;
 * the total is counted by the same statement's conditions.
 */
export async function searchDocuments(deps: LibraryDeps, ability: Ability, query: LibrarySearch, spaces: string[]) {
  const conditions: ReturnType<typeof sql<SqlBool>>[] = [sql<SqlBool>`item.status = 'published'`];
  if (query.spaceId) conditions.push(sql<SqlBool>`item.space_id = ${query.spaceId}::uuid`);
  if (query.type) conditions.push(sql<SqlBool>`d.doc_type = ${query.type}`);
  if (query.country) conditions.push(sql<SqlBool>`d.country = ${query.country}`);
  if (query.year) conditions.push(sql<SqlBool>`d.year = ${query.year}`);
  if (query.language) conditions.push(sql<SqlBool>`d.language = ${query.language}`);
  for (const words of [query.q, query.tag]) {
    if (!words?.trim()) continue;
    const keyword = keywordCondition(deps.keyring, spaces, words, { space: 'd.space_id', tokens: 'd.tokens' });
    conditions.push(keyword ?? sql<SqlBool>`false`);
  }
  const page = query.page ?? 1;
  const rows = await readableContent(deps.db, ability, 'library')
    .innerJoin('libraryDocument as d', 'd.itemId', 'item.id')
    .where(sql<SqlBool>`${sql.join(conditions, sql` and `)}`)
    .select((eb) => [
      'item.id',
      'item.spaceId',
      'item.tlp',
      'item.originatorCountry',
      'item.createdAt',
      'd.docType',
      'd.country',
      'd.year',
      'd.language',
      'd.isLink',
      sealedRecord('d.contentId').as('content'),
      eb
        .selectFrom('libraryVersion as v')
        .select((v) => v.fn.countAll<string>().as('n'))
        .whereRef('v.itemId', '=', 'item.id')
        .as('versions'),
      sql<string>`count(*) over ()`.as('total'),
    ])
    .orderBy('item.createdAt', 'desc')
    .orderBy('item.id')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && page > 1) {
    const counted = await readableContent(deps.db, ability, 'library')
      .innerJoin('libraryDocument as d', 'd.itemId', 'item.id')
      .where(sql<SqlBool>`${sql.join(conditions, sql` and `)}`)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    total = Number(counted.n);
  }
  const items: LibraryCard[] = await Promise.all(
    rows.map(async (r) => {
      const content = await openRecord<LibraryContent>(deps.sealer, r.spaceId, r.content);
      return {
        id: r.id,
        spaceId: r.spaceId,
        tlp: r.tlp,
        originatorCountry: r.originatorCountry,
        title: content.title,
        docType: r.docType,
        country: r.country,
        year: r.year,
        language: r.language,
        tags: content.tags,
        isLink: r.isLink,
        versions: Number(r.versions ?? 0),
        createdAt: new Date(r.createdAt).toISOString(),
      };
    }),
  );
  return { total, page, pageSize: PAGE_SIZE, items };
}
