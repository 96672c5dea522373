import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;

// int8 (bigint, count(*)) arrives as a string by default; our counts and sequences fit in
// a JavaScript number only up to 2^53, which audit sequences will not reach in this life.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A calendar date (a space's opening, a loading deadline) stays 'YYYY-MM-DD': a JavaScript Date
// would pin it to a time zone and shift it by a day somewhere.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  applicationName?: string;
}

export function createDatabase({ url, poolMax = 10, applicationName = 'enlace' }: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    application_name: applicationName,
    // A statement that runs away holds a connection the rest of the portal needs.
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle connection can be cut (PostgreSQL restarted, an administrator terminating it): the pool
  // drops and replaces it. Without a listener, node-postgres's 'error' event would end the process.
  pool.on('error', (err) => process.emitWarning(`database connection lost while idle: ${err.message}`, { code: 'ENLACE_DB_IDLE' }));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

/**
 * Runs work in `db`'s transaction when `db` is one (a route's change, which holds its audit entry),
 * else in a new transaction: services stay usable from the command line and from routes alike.
 */
export function inTransaction<T>(db: Database, work: (trx: Database) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Whether the database answers at all (readiness). */
export async function ping(db: Database): Promise<void> {
  await sql`select 1`.execute(db);
}
