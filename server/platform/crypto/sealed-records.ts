import { sql } from 'kysely';
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

/** A sealed record as it comes out of `sealedRecord`: one JSON column, its bytes in base64. */
export interface SealedRecord {
  keyVersion: number;
  message: string;
  wrappedKey: string;
}

/**
 * The sealed record whose id is in `idColumn`, as one column of any query — the one way a feature
 * selects sealed content: `.select(sealedRecord('sp.contentId').as('content'))`, then `openRecord`.
 */
export const sealedRecord = (idColumn: string) =>
  sql<SealedRecord>`(select json_build_object('keyVersion', x.key_version, 'message', encode(x.message, 'base64'), 'wrappedKey', encode(x.wrapped_key, 'base64')) from sealed x where x.id = ${sql.ref(idColumn)})`;

/** Opens a record selected with `sealedRecord` (one AES-GCM unwrap and one decryption). */
export function openRecord<T>(sealer: Sealer, spaceId: string, record: SealedRecord, db?: Database): Promise<T> {
  return sealer.open<T>(
    spaceId,
    { keyVersion: record.keyVersion, message: Buffer.from(record.message, 'base64'), wrappedKey: Buffer.from(record.wrappedKey, 'base64') },
    db,
  );
}
