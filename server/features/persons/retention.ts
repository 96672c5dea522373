import { sql } from 'kysely';
import { onceAcrossInstances } from '../../platform/audit/operations.ts';
import type { Services } from '../../services.ts';

const RETENTION_LOCK = 0x656e7072; // "enpr": one retention sweep at a time across the cluster
const BATCH = 200;

/**
 * The end of a person record's retention period (SECURITY.md): once its `retain_until` day has
 * passed, its content is crypto-shredded — the record's own key destroyed, its sealed rows (content,
 * retention reasons), its sightings and its attached files deleted, its blind keys emptied so no
 * check finds it — and the item marked shredded. Its metadata stays, and the trail says what was
 * shredded and why, in the same transaction. Run by the server every `ENLACE_RETENTION_SWEEP_SECONDS` (one instance at a
 * time) and by `enlace persons shred-expired`; idempotent.
 */
export async function shredExpired(services: Services, now: Date = services.clock.now()): Promise<number | undefined> {
  const today = now.toISOString().slice(0, 10);
  return onceAcrossInstances(services.db, RETENTION_LOCK, async () => {
    let total = 0;
    for (;;) {
      const blobKeys: string[] = [];
      const done = await services.audit.transaction(async (trx, record) => {
        const due = await trx
          .selectFrom('person as ps')
          .innerJoin('item', 'item.id', 'ps.itemId')
          .select(['ps.itemId', 'item.spaceId', sql<string>`to_char(ps.retain_until, 'YYYY-MM-DD')`.as('retainUntil')])
          .where('ps.recordKey', 'is not', null)
          .where('ps.retainUntil', '<', today)
          .orderBy('ps.retainUntil')
          .limit(BATCH)
          .forUpdate()
          .skipLocked()
          .execute();
        if (due.length === 0) return 0;
        const ids = due.map((d) => d.itemId);
        await trx.updateTable('person').set({ recordKey: null, contentId: null, nameKeys: [] }).where('itemId', 'in', ids).execute();
        // "Seen here" sightings say where the person went: they go with the record (their details are sealed rows).
        await trx.deleteFrom('sighting').where('itemId', 'in', ids).execute();
        // Files attached to a draft are sealed to the space, not under the record's key: deleted, their blobs after commit.
        const files = await trx.selectFrom('storedFile').select('id').where('itemId', 'in', ids).where('variant', '=', 'original').execute();
        blobKeys.push(
          ...(await services.files.deleteRows(
            trx,
            files.map((f) => f.id),
          )),
        );
        await trx.deleteFrom('sealed').where('itemId', 'in', ids).execute();
        await trx.updateTable('item').set({ shreddedAt: now, updatedAt: now }).where('id', 'in', ids).execute();
        for (const d of due) {
          await record({
            actorId: null,
            actorCountry: null,
            action: 'person.shred',
            outcome: 'allowed',
            subjectType: 'person',
            subjectId: d.itemId,
            spaceId: d.spaceId,
            details: { reason: 'retention_expired', retainUntil: d.retainUntil },
          });
        }
        return due.length;
      });
      await services.files.removeBlobs(blobKeys);
      total += done;
      if (done < BATCH) return total;
    }
  });
}
