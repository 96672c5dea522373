import { openRecord, type SealedRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { SpecimenContent } from './schemas.ts';
import { INDEXES_VERSION, type SpecimenDeps, specimenIndexes } from './service.ts';

/**
 * Specimens written before their indexes' last change (`indexed_version` older than
 * INDEXES_VERSION) indexed again: each sealed record opened with its space's key, its indexes
 * recomputed and written, in batches, until none is left. Run by `enlace serve` in the background
 * after a migration that adds an index (0017: the holder nationality); idempotent, and harmless
 * to run on several instances at once (each row is claimed with SKIP LOCKED). Returns how many.
 */
export async function reindexSpecimens(deps: SpecimenDeps, batch = 200): Promise<number> {
  let done = 0;
  for (;;) {
    const count = await deps.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('specimen as sp')
        .select(['sp.itemId', 'sp.spaceId', sealedRecord('sp.contentId').as('content')])
        .where('sp.indexedVersion', '<', INDEXES_VERSION)
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const row of rows) {
        // A shredded specimen has no record left to index.
        if (!row.content) {
          await trx.updateTable('specimen').set({ indexedVersion: INDEXES_VERSION }).where('itemId', '=', row.itemId).execute();
          continue;
        }
        const content = await openRecord<SpecimenContent>(deps.sealer, row.spaceId, row.content as SealedRecord, trx);
        await trx
          .updateTable('specimen')
          .set(specimenIndexes(deps.keyring, row.spaceId, content))
          .where('itemId', '=', row.itemId)
          .execute();
      }
      return rows.length;
    });
    done += count;
    if (count < batch) return done;
  }
}
