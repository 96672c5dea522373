import path from 'node:path';
import pg from 'pg';
import { startEmbedded } from '../../server/platform/db/embedded.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Cluster {
  /** A connection string with the right to create and drop databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** The server in DATABASE_URL, or the embedded one kept in var/test-postgres for tests and benches. */
export async function startCluster(): Promise<Cluster> {
  const external = process.env.DATABASE_URL;
  if (external) return { adminUrl: external, stop: async () => undefined };
  const cluster = await startEmbedded({ dir: path.join(ROOT, 'var', 'test-postgres'), database: 'postgres' });
  return { adminUrl: cluster.url('postgres'), stop: () => cluster.stop() };
}

export async function adminQuery(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** Drops every database whose name starts with `prefix` (a run's own, never another's). */
export async function dropDatabases(adminUrl: string, prefix: string): Promise<void> {
  const { rows } = await adminQuery(adminUrl, `SELECT datname FROM pg_database WHERE starts_with(datname, '${prefix}')`);
  for (const { datname } of rows as { datname: string }[]) {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}
