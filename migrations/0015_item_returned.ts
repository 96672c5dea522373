import { type Kysely, sql } from 'kysely';

/**
 * When a validator last sent a submitted item back to its originator (cleared when it is submitted
 * again): what the originator's home page lists as "returned to me", from the item itself rather
 * than from the audit trail, which the portal writes and verifies but does not run on. Drafts
 * returned before this migration take the time of their last allowed return in the trail, once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table item add column returned_at timestamptz`.execute(db);
  await sql`
    update item set returned_at = r.at
    from (
      select subject_id, max(at) as at from audit_entry
      where outcome = 'allowed' and action in ('specimen.return', 'alert.return')
      group by subject_id
    ) r
    where item.status = 'draft' and r.subject_id = item.id::text
  `.execute(db);
}
