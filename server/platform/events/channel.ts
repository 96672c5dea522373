import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

/**
 * The one PostgreSQL channel every instance listens on (./bus.ts), and how anything sends on it.
 * Apart from the bus so that what the bus itself imports (the sessions) can send too.
 */
export const CHANNEL = 'enlace_events';

export interface Notice {
  type: string;
  [key: string]: unknown;
}

/** Queues a notice for every instance, heard when the transaction commits (plain SQL: any service sends one). */
export async function notify(db: Transaction<DB> | Database, notice: Notice): Promise<void> {
  await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(notice)})`.execute(db);
}

/**
 * Sessions ended (signed out, revoked, their account disabled or changed): every instance closes
 * the live streams they hold at once, not at the next heartbeat. Ids only, a hundred a notice (a
 * notice holds at most 8000 bytes).
 */
export const SESSIONS_ENDED = 'sessions-ended';

export async function notifySessionsEnded(db: Transaction<DB> | Database, sessionIds: readonly string[]): Promise<void> {
  for (let i = 0; i < sessionIds.length; i += 100) await notify(db, { type: SESSIONS_ENDED, sessionIds: sessionIds.slice(i, i + 100) });
}
