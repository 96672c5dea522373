import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, type Kysely, type MigrationResult, Migrator } from 'kysely';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../migrations');

// Kysely's bookkeeping tables; named so that they read as ours in `\dt`.
const MIGRATION_TABLE = 'kysely_migration';
const MIGRATION_LOCK_TABLE = 'kysely_migration_lock';

function migrator(db: Kysely<any>, options: { disableTransactions?: boolean } = {}): Migrator {
  return new Migrator({
    db,
    ...options,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // Forward-only: a migration that lands after a later one has run is refused.
    allowUnorderedMigrations: false,
  });
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(`migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'MigrationError';
  }
}

/** Applies every pending migration, each in its own transaction, under Kysely's lock. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const { error, results = [] } = await migrator(db).migrateToLatest();
  if (error) throw new MigrationError(results.find((r) => r.status === 'Error')?.migrationName, error);
  return results;
}

/**
 * Applies the migrations up to and including `name`, on a handle bound to one connection whose
 * transaction the caller holds (a restore: the schema and the data it loads commit together).
 */
export async function migrateToInTransaction(db: Kysely<any>, name: string): Promise<MigrationResult[]> {
  const { error, results = [] } = await migrator(db, { disableTransactions: true }).migrateTo(name);
  if (error) throw new MigrationError(results.find((r) => r.status === 'Error')?.migrationName, error);
  return results;
}

/** The migrations this code knows, by name, in order (the names FileMigrationProvider gives them). */
export async function knownMigrations(): Promise<string[]> {
  const files = await fs.readdir(MIGRATIONS_DIR);
  return files
    .filter((f) => /\.(ts|js|mjs|mts)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.[^.]+$/, ''))
    .sort();
}

export interface MigrationStatus {
  applied: number;
  pending: string[];
}

export async function migrationStatus(db: Kysely<any>): Promise<MigrationStatus> {
  const all = await migrator(db).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt !== undefined).length,
    pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}
