import type { Database } from '../db/database.ts';
import type { Sealer } from './sealer.ts';

/**
 * Restricted values live in the `sealed` table, one OpenPGP message per record, tied to their
 * space (whose key seals them) and, when they belong to an item, to the item (so shredding an item
 * finds all of its content). Features keep the returned id in their own rows.
 */
export async function insertSealed(
  trx: Database,
  sealer: Sealer,
  owner: { spaceId: string; itemId: string | null; now: Date },
  value: unknown,
): Promise<string> {
  const sealed = await sealer.seal(owner.spaceId, value, trx);
  const { id } = await trx
    .insertInto('sealed')
    .values({
      spaceId: owner.spaceId,
      itemId: owner.itemId,
      keyVersion: sealed.keyVersion,
      message: Buffer.from(sealed.message),
      wrappedKey: sealed.wrappedKey,
      createdAt: owner.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
