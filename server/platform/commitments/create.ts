import type { Database } from '../db/database.ts';
import type { CommitmentCalendar } from '../db/schema.ts';

/**
 * Making a commitment, shared by the commitments feature (created by hand) and the meetings
 * feature (an agreement recorded in a network's minutes makes its commitment) — features do not
 * import each other. The caller's transaction holds the commitment, its responsible and whatever
 * made it.
 */

/** The space whose key seals a network's restricted content: its first space. */
export function keySpaceOf(db: Database, networkId: string) {
  return db.selectFrom('space').select('id').where('networkId', '=', networkId).orderBy('createdAt').orderBy('id').limit(1).executeTakeFirst();
}

export interface CommitmentRow {
  networkId: string;
  keySpaceId: string;
  plan: string | null;
  source: string | null;
  agreementId?: string | null;
  activityEs: string | null;
  activityEn: string | null;
  indicatorEs: string | null;
  indicatorEn: string | null;
  calendar: CommitmentCalendar;
  dueOn: string | null;
  startsOn: string | null;
}

export async function insertCommitment(trx: Database, row: CommitmentRow, responsibles: string[], createdBy: string, now: Date): Promise<string> {
  const { id } = await trx
    .insertInto('commitment')
    .values({ ...row, createdBy, createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('commitmentResponsible')
    .values(responsibles.map((responsible) => ({ commitmentId: id, responsible, networkId: row.networkId })))
    .execute();
  return id;
}
