import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it. Migrations stay frozen in time (they take `Kysely<any>`);
 * this interface follows the latest migration and `migrations/schema.sql` shows the SQL.
 */
export interface InstanceTable {
  id: ColumnType<1, 1 | undefined, never>;
  instanceId: Generated<string>;
  createdAt: ColumnType<Date, never, never>;
}

export interface DB {
  instance: InstanceTable;
}
