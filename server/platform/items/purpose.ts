import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import type { Item } from './base.ts';

/**
 * Purpose of access (SECURITY.md, audit trail): reading the content of a RED item — and of every
 * person record, whatever its label — needs a purpose the reader stated for this item in this
 * session. The purpose lasts `ENLACE_PURPOSE_MINUTES` and is copied into the audit entry of every
 * read it covers. The originator reads their own item without one.
 */
export function needsPurpose(item: Pick<Item, 'tlp' | 'originatorId' | 'kind'>, actorId: string): boolean {
  return (item.tlp === 'RED' || item.kind === 'person') && item.originatorId !== actorId;
}

export async function statePurpose(db: Database, sessionId: string, itemId: string, purpose: string, now: Date, minutes: number): Promise<void> {
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  await db
    .insertInto('accessPurpose')
    .values({ sessionId, itemId, purpose, statedAt: now, expiresAt })
    .onConflict((oc) => oc.columns(['sessionId', 'itemId']).doUpdateSet({ purpose, statedAt: now, expiresAt }))
    .execute();
}

/** For a content read: 428 `purpose_required` unless a live purpose was stated; it goes into the entry. */
export async function requirePurpose(db: Database, request: FastifyRequest, item: Item, now: Date): Promise<void> {
  const auth = request.auth;
  if (!auth || !needsPurpose(item, auth.user.id)) return;
  const stated = await db
    .selectFrom('accessPurpose')
    .select('purpose')
    .where('sessionId', '=', auth.session.id)
    .where('itemId', '=', item.id)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  if (!stated) throw new ApiError(428, 'purpose_required');
  request.audit.purpose = stated.purpose;
}
