import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ability } from '../../../policies/ability.ts';
import { ApiError } from '../http/errors.ts';
import { authorizeItem, findItem, type Item, type ItemKind, readsContent } from './base.ts';
import { requirePurpose } from './purpose.ts';

/**
 * The one way a route reaches an item's content: found under the policy (404 otherwise), its space
 * and label noted in the audit entry, content rights checked (403), not shredded (410), and a
 * stated purpose for RED (428).
 */
export async function itemForContent(
  app: FastifyInstance,
  request: FastifyRequest,
  ability: Ability,
  kind: ItemKind | null,
  id: string,
): Promise<Item> {
  return contentOf(app, request, ability, await findItem(app.db, ability, kind, id));
}

/** The same checks for an item already found under the policy. */
export async function contentOf(app: FastifyInstance, request: FastifyRequest, ability: Ability, item: Item): Promise<Item> {
  request.audit.space(item.spaceId).detail({ itemKind: item.kind, tlp: item.tlp });
  authorizeItem(ability, 'read', item, 'content');
  if (item.shreddedAt) throw new ApiError(410, 'content_shredded');
  await requirePurpose(app.db, request, item, app.clock.now());
  return item;
}

/**
 * Whether a reply may carry the item's content for this reader — they read it and, for RED, a live
 * purpose was stated — without refusing: a workflow step is done and recorded whatever its reply
 * shows, and answers the metadata alone otherwise.
 */
export async function showsContent(app: FastifyInstance, request: FastifyRequest, ability: Ability, item: Item): Promise<boolean> {
  if (!readsContent(ability, item)) return false;
  try {
    await requirePurpose(app.db, request, item, app.clock.now());
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.statusCode === 428) return false;
    throw err;
  }
}
