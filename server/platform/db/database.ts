import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
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

/** Named statements one connection keeps at most; past it, a new text runs unnamed (parsed and planned each time). */
export const PREPARED_PER_CONNECTION = 500;

/** A named statement's rows as its Describe told them: the fields, a parser for each, the row's empty template. */
interface Shape {
  fields: unknown[];
  parsers: unknown[];
  template: object;
}

/** How node-postgres turns a bound value into its text (its own, for the bind it makes without a description). */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (value: unknown) => unknown };

/**
 * A named statement that asks PostgreSQL to describe its rows only the first time it runs on a
 * connection. node-postgres describes every run: PostgreSQL sends the row description again, and
 * the driver parses it and builds a parser and an empty row for every column (for the session's
 * statement with a read's item, 70 columns on every request). A statement's row shape cannot change
 * while it stays prepared (PostgreSQL refuses to run it: "cached plan must not change result type"),
 * so the shape of its first run on this connection is the shape of every run after it.
 */
// biome-ignore lint/suspicious/noExplicitAny: node-postgres's Query keeps its result and its steps in untyped fields.
const Query = pg.Query as any;
class ShapedQuery extends Query {
  readonly #shapes: Map<string, Shape>;
  // biome-ignore lint/suspicious/noExplicitAny: see Query.
  constructor(name: string, text: string, values: unknown[], shapes: Map<string, Shape>, callback: any) {
    // The text as a string: node-postgres copies a config object property by property (its descriptors), a string it does not.
    super(text, values, callback);
    this.name = name;
    this.#shapes = shapes;
  }

  /**
   * Each value is turned into its text before anything is sent, so a value that cannot be (a cycle,
   * a `toPostgres` that throws) fails this query alone. node-postgres would find out inside its bind,
   * close the statement and still count it as parsed: every later run of the text on this connection
   * would fail with "prepared statement does not exist".
   */
  // biome-ignore lint/suspicious/noExplicitAny: node-postgres's Connection.
  submit(connection: any): Error | null {
    try {
      this.values = this.values.map((value: unknown) => prepareValue(value));
    } catch (err) {
      return err as Error;
    }
    return super.submit(connection);
  }

  // biome-ignore lint/suspicious/noExplicitAny: node-postgres's Connection.
  prepare(connection: any): void {
    const shape = this.hasBeenParsed(connection) ? this.#shapes.get(this.name) : undefined;
    if (!shape) {
      super.prepare(connection);
      return;
    }
    // The values are already texts (submit); bind sends them as they are.
    connection.bind({ portal: this.portal, statement: this.name, values: this.values, binary: this.binary });
    // What handleRowDescription would have set from the description.
    this._result.fields = shape.fields;
    this._result._parsers = shape.parsers;
    this._result._prebuiltEmptyResultObject = shape.template;
    this._accumulateRows = true;
    this._getRows(connection, this.rows);
  }

  // biome-ignore lint/suspicious/noExplicitAny: node-postgres's RowDescription message.
  handleRowDescription(message: any): void {
    super.handleRowDescription(message);
    const result = this._result;
    this.#shapes.set(this.name, { fields: result.fields, parsers: result._parsers, template: result._prebuiltEmptyResultObject });
  }
}

/**
 * A connection that prepares what it runs again: the second time a parameterised text comes, it is
 * sent as a named statement, parsed and planned once and from then on only bound and run (measured
 * on the policy's item query: 0.5 ms a round trip unnamed, 0.15 ms named — most of a read's database
 * time was the planner's). Only texts with parameters (a text without is run in the simple protocol,
 * which is how a migration's several statements go), at most PREPARED_PER_CONNECTION per connection.
 * A statement's plan follows the schema: PostgreSQL re-plans it when a table it uses changes.
 */
class PreparingClient extends pg.Client {
  readonly #named = new Map<string, string>();
  /** What each named statement's rows look like on this connection, from the Describe of its first run. */
  readonly #shapes = new Map<string, Shape>();
  /** Texts seen once (forgotten all together when it grows large: one-off texts must not crowd out the rest). */
  readonly #once = new Set<string>();

  // biome-ignore lint/suspicious/noExplicitAny: node-postgres's query() has a dozen overloads; this only looks at (text, values).
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = this.#nameFor(config);
      if (name) {
        const run = (done: (err: Error | null, result: unknown) => void) =>
          super.query(new ShapedQuery(name, config, values, this.#shapes, done) as unknown as pg.Submittable);
        if (callback) return run(callback);
        return new Promise((resolve, reject) => run((err, result) => (err ? reject(err) : resolve(result))));
      }
    }
    return super.query(config, values, callback);
  }

  #nameFor(text: string): string | undefined {
    const named = this.#named.get(text);
    if (named || this.#named.size >= PREPARED_PER_CONNECTION) return named;
    if (!this.#once.has(text)) {
      if (this.#once.size >= PREPARED_PER_CONNECTION * 4) this.#once.clear();
      this.#once.add(text);
      return undefined;
    }
    this.#once.delete(text);
    const name = `q${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    this.#named.set(text, name);
    return name;
  }
}

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  applicationName?: string;
  /** Prepare what runs again (PreparingClient); false behind a pooler that cannot keep prepared statements. */
  prepared?: boolean;
  /** A connection cut, idle or in use (PostgreSQL restarted): told here; a process warning by default. */
  onConnectionLost?: (err: Error) => void;
}

/** Each database handle's pool, for the metrics (the handle itself hides it). */
const POOLS = new WeakMap<Database, pg.Pool>();

/** This handle's pool: connections in all, idle, and requests waiting for one; undefined for a handle made elsewhere. */
export function poolStats(db: Database): { total: number; idle: number; waiting: number } | undefined {
  const pool = POOLS.get(db);
  return pool && { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

const warnLost = (err: Error) => process.emitWarning(`database connection lost: ${err.message}`, { code: 'ENLACE_DB_LOST' });

export function createDatabase({
  url,
  poolMax = 10,
  applicationName = 'enlace',
  prepared = true,
  onConnectionLost = warnLost,
}: DatabaseOptions): Database {
  const pool = new pg.Pool({
    Client: prepared ? PreparingClient : pg.Client,
    connectionString: url,
    max: poolMax,
    application_name: applicationName,
    // A statement that runs away holds a connection the rest of the portal needs.
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  // A connection can be cut (PostgreSQL restarted, an administrator terminating it) while idle in
  // the pool or while in use, between two queries of a transaction (while a route encrypts, say).
  // node-postgres emits 'error' on the client (and, for an idle one, on the pool too), and an
  // 'error' nobody listens to ends the process with every request in flight. With a listener on
  // every client: an idle one is dropped and replaced by the pool; one in use fails its transaction
  // on the next query (rolled back) and is dropped when released. Told once, by the client's.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', onConnectionLost));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  POOLS.set(db, pool);
  return db;
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
