import { subject } from '@casl/ability';
import { type SqlBool, sql, type Transaction } from 'kysely';
import type { Ability, Actor } from '../../../policies/ability.ts';
import { tokenIndex } from '../../platform/crypto/blind-index.ts';
import { insertSealed, openRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { notify } from '../../platform/events/bus.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanLine, cleanText } from '../../platform/http/text.ts';
import { createItem, type Item, itemHandling, itemPermissions, readableContent } from '../../platform/items/base.ts';
import { keywordCondition, spaceIds } from '../../platform/items/keywords.ts';
import { inInbox, reviewPendingFor } from '../../platform/items/queues.ts';
import type { Services } from '../../services.ts';
import { ALERT_JOBS } from './jobs.ts';
import type { AlertCard, AlertContent, AlertCreate, AlertQuery, AlertView, Deliveries, DeliveriesQuery } from './schemas.ts';
import { targetKind } from './targets.ts';

/**
 * Early alerts: issue, validate, review, read, acknowledge, search. Every list starts from
 * `readableContent` (the policy as SQL); what an alert says is sealed, its keywords blind-indexed.
 * Publication writes the fan-out job in its own transaction (server/platform/jobs/queue.ts), so an
 * alert is delivered exactly when it is published — the delivery itself is ./delivery.ts.
 */
type Trx = Transaction<DB> | Database;

/** Labels a migration authority outside the network may receive. */
export const AUDIENCE_LABELS = ['CLEAR', 'GREEN', 'AMBER'];

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

async function checkCreate(services: Services, ability: Ability, body: AlertCreate, now: Date): Promise<string[]> {
  const from = new Date(body.validFrom);
  const until = new Date(body.validUntil);
  if (until <= from) throw new ApiError(400, 'validity_reversed', {}, 'body.validUntil');
  if (until <= now) throw new ApiError(400, 'validity_past', {}, 'body.validUntil');
  if (body.audience === 'contact_points') {
    // An urgent operational message: from a contact point or substitute of the space, to people (no
    // national system's webhook), acknowledged and escalated as urgent alerts are.
    if (!ability.can('message', subject('Item', { spaceId: body.spaceId, kind: 'alert' } as never))) throw new ApiError(403, 'forbidden');
    if (body.severity !== 'urgent') throw new ApiError(400, 'operational_message_urgent', {}, 'body.severity');
    if (body.targetOrganisations.length > 0) throw new ApiError(400, 'operational_message_people', {}, 'body.targetOrganisations');
  } else if (body.targetCountries.length === 0 && body.targetOrganisations.length === 0)
    throw new ApiError(400, 'targets_required', {}, 'body.targetCountries');
  if (body.targetOrganisations.length > 0) {
    if (!AUDIENCE_LABELS.includes(body.tlp)) throw new ApiError(400, 'tlp_excludes_targets', {}, 'body.tlp');
    const found = await services.db
      .selectFrom('organisation')
      .select('id')
      .where('id', 'in', body.targetOrganisations)
      .where('kind', '=', 'migration_authority')
      .execute();
    if (found.length !== body.targetOrganisations.length) throw new ApiError(400, 'target_not_authority', {}, 'body.targetOrganisations');
  }
  // Only what the issuer reads, published, under a label an audience may be given.
  const linkable = async (kind: 'specimen' | 'report', ids: string[], field: string) => {
    if (ids.length === 0) return;
    const readable = await readableContent(services.db, ability, kind)
      .select('item.id')
      .where('item.id', 'in', ids)
      .where('item.status', '=', 'published')
      .where('item.tlp', 'in', AUDIENCE_LABELS as never)
      .execute();
    if (readable.length !== ids.length) throw new ApiError(400, 'link_not_readable', {}, field);
  };
  await linkable('specimen', body.specimenIds ?? [], 'body.specimenIds');
  await linkable('report', body.reportIds ?? [], 'body.reportIds');
  return [...(body.specimenIds ?? []), ...(body.reportIds ?? [])];
}

/**
 * A new alert. Non-urgent alerts wait for their country's contact point (submitted); urgent ones
 * are published at once and flagged for review.
 */
export async function createAlert(services: Services, trx: Trx, actor: Actor, ability: Ability, body: AlertCreate, now: Date): Promise<Item> {
  const links = await checkCreate(services, ability, body, now);
  const content: AlertContent = {
    title: cleanLine(body.title),
    body: cleanText(body.body),
    ports: (body.ports ?? []).map(cleanLine).filter(Boolean),
  };
  const draft = await createItem(trx, actor, ability, 'alert', body.spaceId, body, now);
  const contentId = await insertSealed(trx, services.sealer, { spaceId: draft.spaceId, itemId: draft.id, now }, content);
  await trx
    .insertInto('alert')
    .values({
      itemId: draft.id,
      spaceId: draft.spaceId,
      severity: body.severity,
      audience: body.audience ?? 'targets',
      contentId,
      targetCountries: body.targetCountries,
      targetOrganisations: body.targetOrganisations,
      validFrom: new Date(body.validFrom),
      validUntil: new Date(body.validUntil),
      tokens: tokenIndex(services.keyring, draft.spaceId, [content.title, content.body, ...content.ports].join('\n')),
    })
    .execute();
  if (links.length)
    await trx
      .insertInto('alertLink')
      .values(links.map((itemId) => ({ alertId: draft.id, itemId })))
      .execute();
  const urgent = body.severity === 'urgent';
  const item = await trx
    .updateTable('item')
    .set({ status: urgent ? 'published' : 'submitted', audienceOrganisations: body.targetOrganisations, updatedAt: now, submittedAt: now })
    .where('id', '=', draft.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  // Published at once; a country's review is for its officers' urgent alerts, not its contact points' messages.
  if (urgent) await published(services, trx, item, now, body.audience !== 'contact_points');
  return item;
}

/**
 * What publication does besides the status, in the publishing transaction: the time, the review
 * flag, the audience of what it links to, and the fan-out job.
 */
export async function published(services: Services, trx: Trx, item: Item, now: Date, reviewPending: boolean): Promise<void> {
  await trx.updateTable('alert').set({ publishedAt: now, reviewPending }).where('itemId', '=', item.id).execute();
  await sql`
    update item set audience_organisations = array(select distinct unnest(item.audience_organisations || a.target_organisations))
    from alert_link l join alert a on a.item_id = l.alert_id
    where l.alert_id = ${item.id}::uuid and item.id = l.item_id`.execute(trx);
  await services.jobs.send(trx, ALERT_JOBS.fanOut, { alertId: item.id });
}

/** After a withdrawal: what it linked to keeps the audiences of the other published alerts only. */
export async function withdrawn(trx: Trx, item: Item): Promise<void> {
  await sql`
    update item set audience_organisations = coalesce((
      select array_agg(distinct o) from alert_link l2
      join item a on a.id = l2.alert_id and a.status = 'published'
      join alert al on al.item_id = a.id, unnest(al.target_organisations) o
      where l2.item_id = item.id), '{}')
    where item.id in (select l.item_id from alert_link l where l.alert_id = ${item.id}::uuid)`.execute(trx);
}

/** The alerts the ability reads the content of, with their alert rows, sealed content and the reader's inbox row. */
function readableAlerts(db: Database, ability: Ability, userId: string) {
  return readableContent(db, ability, 'alert')
    .innerJoin('alert as a', 'a.itemId', 'item.id')
    .leftJoin('alertRecipient as r', (join) => join.onRef('r.alertId', '=', 'item.id').on('r.userId', '=', userId))
    .select([
      'item.id',
      'item.spaceId',
      'item.status',
      'item.tlp',
      'item.originatorCountry',
      'item.shreddedAt',
      'a.severity',
      'a.audience',
      'a.targetCountries',
      'a.validFrom',
      'a.validUntil',
      'a.publishedAt',
      'a.reviewPending',
      sealedRecord('a.contentId').as('content'),
      'r.userId as recipientId',
      'r.readAt',
      'r.acknowledgedAt',
    ]);
}

type CardRow = Awaited<ReturnType<ReturnType<typeof readableAlerts>['execute']>>[number];

async function openContent(services: Services, row: Pick<CardRow, 'spaceId' | 'content' | 'shreddedAt'>): Promise<AlertContent> {
  if (row.shreddedAt) return { title: '', body: '', ports: [] };
  return openRecord<AlertContent>(services.sealer, row.spaceId, row.content);
}

function cardOf(row: CardRow, content: AlertContent, now: Date): AlertCard {
  return {
    id: row.id,
    spaceId: row.spaceId,
    status: row.status,
    tlp: row.tlp,
    severity: row.severity,
    audience: row.audience,
    title: content.title,
    originatorCountry: row.originatorCountry,
    targetCountries: row.targetCountries,
    validFrom: iso(row.validFrom)!,
    validUntil: iso(row.validUntil)!,
    publishedAt: iso(row.publishedAt),
    expired: new Date(row.validUntil) <= now,
    reviewPending: row.reviewPending,
    recipient: row.recipientId ? { readAt: iso(row.readAt), acknowledgedAt: iso(row.acknowledgedAt) } : null,
  };
}

async function cards(services: Services, rows: CardRow[], now: Date): Promise<AlertCard[]> {
  return Promise.all(rows.map(async (row) => cardOf(row, await openContent(services, row), now)));
}

/**
 * The reader's inbox: what they received, published and still valid, newest first, with counts —
 * `urgentUnread` is what the web app's banner shows on every screen until each is opened.
 */
export async function inbox(services: Services, ability: Ability, userId: string, now: Date) {
  const rows = await readableAlerts(services.db, ability, userId)
    .where(inInbox(userId, now))
    .select([
      sql<number>`(count(*) filter (where r.read_at is null) over ())::int`.as('unread'),
      sql<number>`(count(*) filter (where r.acknowledged_at is null) over ())::int`.as('unacknowledged'),
      sql<number>`(count(*) filter (where r.read_at is null and a.severity = 'urgent') over ())::int`.as('urgentUnread'),
    ])
    .orderBy('r.deliveredAt', 'desc')
    .orderBy('item.id')
    .limit(200)
    .execute();
  return {
    unread: rows[0]?.unread ?? 0,
    unacknowledged: rows[0]?.unacknowledged ?? 0,
    urgentUnread: rows[0]?.urgentUnread ?? 0,
    items: await cards(services, rows, now),
  };
}

/** Every alert the reader reads, filtered and paged (expired ones stay findable here). */
export async function searchAlerts(services: Services, ability: Ability, userId: string, query: AlertQuery, now: Date) {
  let found = readableAlerts(services.db, ability, userId).select(sql<number>`(count(*) over ())::int`.as('total'));
  found = query.status ? found.where('item.status', '=', query.status) : found.where('item.status', '<>', 'withdrawn');
  if (query.severity) found = found.where('a.severity', '=', query.severity);
  if (query.expired === 'true') found = found.where('a.validUntil', '<=', now);
  if (query.expired === 'false') found = found.where('a.validUntil', '>', now);
  if (query.mine === 'true') found = found.where('item.originatorId', '=', userId);
  // Awaiting review *by this reader*: the validators of the issuing country.
  if (query.reviewPending === 'true') found = found.where(reviewPendingFor(ability));
  if (query.q?.trim()) {
    const keyword = keywordCondition(services.keyring, await spaceIds(services.db), query.q, { space: 'a.space_id', tokens: 'a.tokens' });
    found = keyword ? found.where(() => keyword) : found.where(sql<SqlBool>`false`);
  }
  const rows = await found
    .orderBy(sql`coalesce(a.published_at, item.created_at)`, 'desc')
    .orderBy('item.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: rows[0]?.total ?? 0, page: query.page, pageSize: query.pageSize, items: await cards(services, rows, now) };
}

/** One alert in full, for a reader the route already found allowed to read its content. */
export async function alertView(services: Services, ability: Ability, userId: string, item: Item, now: Date): Promise<AlertView> {
  const row = await readableAlerts(services.db, ability, userId)
    .where('item.id', '=', item.id)
    .select(['a.targetOrganisations', 'item.createdAt', 'item.updatedAt'])
    .executeTakeFirstOrThrow();
  const content = await openContent(services, row);
  const organisations = row.targetOrganisations.length
    ? await services.db
        .selectFrom('organisation')
        .select(['id', 'code', 'country', 'nameEs', 'nameEn'])
        .where('id', 'in', row.targetOrganisations)
        .orderBy('code')
        .execute()
    : [];
  // The linked specimens this reader may read (the policy as SQL, as everywhere).
  const specimens = await readableContent(services.db, ability, 'specimen')
    .innerJoin('alertLink as l', 'l.itemId', 'item.id')
    .innerJoin('specimen as sp', 'sp.itemId', 'item.id')
    .select(['item.id', 'item.tlp', 'sp.documentType', 'sp.issuingCountry', 'sp.category'])
    .where('l.alertId', '=', item.id)
    .orderBy('item.createdAt')
    .execute();
  // The linked reports too, their titles opened under their own spaces' keys.
  const linkedReports = await readableContent(services.db, ability, 'report')
    .innerJoin('alertLink as l', 'l.itemId', 'item.id')
    .innerJoin('report as rp', 'rp.itemId', 'item.id')
    .select(['item.id', 'item.tlp', 'item.spaceId', 'rp.kind as reportKind', sealedRecord('rp.contentId').as('content')])
    .where('l.alertId', '=', item.id)
    .where('item.shreddedAt', 'is', null)
    .orderBy('item.createdAt')
    .execute();
  const reports = await Promise.all(
    linkedReports.map(async (r) => ({
      id: r.id,
      tlp: r.tlp,
      reportKind: r.reportKind,
      title: (await openRecord<{ title: string }>(services.sealer, r.spaceId, r.content)).title,
    })),
  );
  const permissions = itemPermissions(ability, item);
  return {
    ...cardOf(row, content, now),
    body: content.body,
    ports: content.ports,
    targetOrganisations: organisations,
    specimens,
    reports,
    handling: itemHandling(item),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    permissions: {
      submit: permissions.submit,
      publish: permissions.publish,
      return: permissions.return,
      withdraw: permissions.withdraw,
      review: permissions.review && row.reviewPending,
      track: permissions.track,
      acknowledge: row.recipientId !== null && row.acknowledgedAt === null && item.status === 'published',
    },
  };
}

/** A recipient opened it: read from now on (the first time counts). */
export async function markRead(db: Trx, alertId: string, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('alertRecipient')
    .set({ readAt: now })
    .where('alertId', '=', alertId)
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .execute();
}

/** The recipient acknowledges (once; again is harmless); the issuer hears it live. */
export async function acknowledge(_services: Services, trx: Trx, item: Item, userId: string, now: Date): Promise<void> {
  if (item.status !== 'published') throw new ApiError(403, 'not_recipient');
  const row = await trx
    .updateTable('alertRecipient')
    .set({ acknowledgedAt: sql`coalesce(acknowledged_at, ${now}::timestamptz)`, readAt: sql`coalesce(read_at, ${now}::timestamptz)` })
    .where('alertId', '=', item.id)
    .where('userId', '=', userId)
    .returning('acknowledgedAt')
    .executeTakeFirst();
  if (!row) throw new ApiError(403, 'not_recipient');
  await notify(trx, { type: 'ack', alertId: item.id, originatorId: item.originatorId, userId, acknowledgedAt: iso(row.acknowledgedAt) });
}

/** An urgent alert published at once, looked at afterwards by its country's validator. */
export async function review(db: Trx, alertId: string, userId: string, now: Date): Promise<void> {
  const done = await db
    .updateTable('alert')
    .set({ reviewPending: false, reviewedBy: userId, reviewedAt: now })
    .where('itemId', '=', alertId)
    .where('reviewPending', '=', true)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw new ApiError(409, 'review_not_pending');
}

/** How a recipient row is targeted, over `u` (the user) and `a` (the alert). */
const recipientTarget = () => targetKind({ user: 'u.id', country: 'u.country', organisation: 'u.organisation_id', alert: 'a' });

/**
 * Who received it, read it, acknowledged it; how mail and webhooks went. The filters are SQL; the
 * summary counts every recipient whatever they select. (The route has already checked `track`.)
 */
export async function deliveries(db: Database, alertId: string, query: DeliveriesQuery = {}): Promise<Deliveries> {
  const base = db
    .selectFrom('alertRecipient as r')
    .innerJoin('appUser as u', 'u.id', 'r.userId')
    .innerJoin('alert as a', 'a.itemId', 'r.alertId')
    .where('r.alertId', '=', alertId);
  const summary = await base
    .select([
      sql<number>`count(*)::int`.as('recipients'),
      sql<number>`(count(*) filter (where ${recipientTarget()} <> 'none'))::int`.as('targeted'),
      sql<number>`(count(*) filter (where r.read_at is not null))::int`.as('read'),
      sql<number>`(count(*) filter (where r.acknowledged_at is not null))::int`.as('acknowledged'),
      sql<number>`(count(*) filter (where r.mail in ('encrypted', 'plain')))::int`.as('mailed'),
    ])
    .executeTakeFirstOrThrow();
  let selected = base
    .leftJoin('organisation as o', 'o.id', 'u.organisationId')
    .select([
      'r.userId',
      'u.displayName',
      'u.country',
      sql<string>`coalesce(o.code, u.organisation)`.as('organisation'),
      'r.via',
      recipientTarget().as('target'),
      'r.deliveredAt',
      'r.readAt',
      'r.acknowledgedAt',
      'r.mail',
      'r.remindedAt',
      'r.escalatedAt',
    ]);
  if (query.target) selected = selected.where(sql<SqlBool>`(${recipientTarget()} <> 'none') = ${query.target === 'targeted'}`);
  if (query.acknowledged) selected = selected.where('r.acknowledgedAt', query.acknowledged === 'true' ? 'is not' : 'is', null);
  if (query.mailed) selected = selected.where('r.mail', query.mailed === 'true' ? 'in' : 'not in', ['encrypted', 'plain']);
  const recipients = await selected
    .orderBy(sql`array_position(array['organisation', 'country', 'space', 'none'], ${recipientTarget()})`)
    .orderBy('u.country')
    .orderBy('u.displayName')
    .orderBy('r.userId')
    .execute();
  const webhooks = await db
    .selectFrom('webhookDelivery as d')
    .innerJoin('webhook as w', 'w.id', 'd.webhookId')
    .innerJoin('organisation as o', 'o.id', 'w.organisationId')
    .select(['w.id', 'o.code as organisation', 'w.url', 'd.status', 'd.attempts', 'd.deliveredAt'])
    .where('d.alertId', '=', alertId)
    .orderBy('o.code')
    .execute();
  return {
    summary,
    total: recipients.length,
    recipients: recipients.map((r) => ({
      ...r,
      deliveredAt: iso(r.deliveredAt)!,
      readAt: iso(r.readAt),
      acknowledgedAt: iso(r.acknowledgedAt),
      remindedAt: iso(r.remindedAt),
      escalatedAt: iso(r.escalatedAt),
    })),
    webhooks: webhooks.map((w) => ({
      id: w.id,
      organisation: w.organisation,
      host: new URL(w.url).host,
      status: w.status,
      attempts: w.attempts,
      deliveredAt: iso(w.deliveredAt),
    })),
  };
}

/** Which of the users connected to an instance received an alert, with its severity (the live router). */
export function connectedRecipients(db: Database, alertId: string, connected: string[]) {
  return db
    .selectFrom('alertRecipient as r')
    .innerJoin('alert as a', 'a.itemId', 'r.alertId')
    .select(['r.userId', 'a.severity'])
    .where('r.alertId', '=', alertId)
    .where('r.userId', '=', sql<string>`any(${sql.val(connected)}::uuid[])`)
    .execute();
}
