import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
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
  const dir = path.join(ROOT, 'var', 'test-postgres');
  // Runs that overlap (tests and browser tests side by side) share the server: each leaves a
  // marker, and the last one out stops it.
  const runs = path.join(dir, 'runs');
  await mkdir(runs, { recursive: true });
  const marker = path.join(runs, String(process.pid));
  await writeFile(marker, '');
  const cluster = await startEmbedded({ dir, database: 'postgres' });
  return {
    adminUrl: cluster.url('postgres'),
    async stop() {
      await rm(marker, { force: true });
      const others = (await readdir(runs)).filter((pid) => isAlive(Number(pid)));
      if (others.length === 0) await cluster.stop();
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
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
