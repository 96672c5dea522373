import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import type * as openpgp from 'openpgp';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { type Keyring, verifyMasterKey } from '../../platform/crypto/master-key.ts';
import { knownMigrations, migrateToInTransaction } from '../../platform/db/migrate.ts';
import type { DB } from '../../platform/db/schema.ts';
import { decryptFile, fingerprintOf } from './custodians.ts';
import { BackupRefused, blobFile, type Manifest, readSigned, sha256File } from './manifest.ts';
import { qualified, quoteName, restoreQueries } from './queries.ts';

/**
 * `enlace restore --from DIR [--from EARLIER]... [--key custodian-private.asc]`, into an EMPTY
 * database and an EMPTY blob store.
 *
 * First every check, before anything is touched: each manifest's signature (by a portal key this
 * master key locked), the chain complete, the schema one this code can build, every file's
 * checksum. Then, in ONE transaction: the migrations up to the backup's, the rows loaded with
 * COPY … FROM, the row counts compared, the sequences set, the audit head and the master key's
 * check value compared; the blobs written into the store; commit. Any failure rolls the
 * transaction back and removes the blobs already written: nothing is left.
 *
 * The rows are loaded with `session_replication_role = replica` (for this transaction only): no
 * trigger and no foreign-key check fires while loading. The rows come from one consistent
 * snapshot, so the constraints held when they were read; and the portal's triggers must not act
 * again on rows that are history (a membership would add directory entries the backup already
 * holds; the audit table's guards would refuse the TRUNCATE of what the migrations seeded).
 * Tables reference each other in cycles (an organisation's creator, a meeting's agreement), so no
 * load order would satisfy the checks as rows arrive. It needs a superuser, or a role granted
 * `SET` on that parameter (PostgreSQL 15+).
 */
export interface VerifiedBackup {
  manifest: Manifest;
  /** Every backup of the chain (this one included) by id, with its folder. */
  folders: Map<string, { dir: string; manifest: Manifest }>;
}

const TABLE_FILE = /^db\/[A-Za-z0-9_.-]+\.copy\.gz(\.pgp)?$/;
const BLOB_KEY = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;

/** Every check that needs no target: signatures, chain, schema, checksums. Refuses at the first mismatch. */
export async function verifyBackup(dirs: string[], keyring: Keyring, custodianKey: openpgp.PrivateKey | undefined): Promise<VerifiedBackup> {
  const folders = new Map<string, { dir: string; manifest: Manifest }>();
  const read: Manifest[] = [];
  for (const dir of dirs) {
    const resolved = path.resolve(dir);
    const manifest = await readSigned(resolved, keyring);
    folders.set(manifest.id, { dir: resolved, manifest });
    read.push(manifest);
  }
  const manifest = read[0]!;
  for (const needed of manifest.needs) {
    if (!folders.has(needed))
      throw new BackupRefused(`backup ${manifest.id} needs the earlier backup ${needed} (its blobs): give its folder with another --from`);
  }

  const known = await knownMigrations();
  const migrations = manifest.schema.migrations;
  if (!migrations.length || migrations.some((m, i) => known[i] !== m)) {
    throw new BackupRefused(
      `the backup's schema (${migrations.at(-1) ?? 'none'}) is not one this version of Enlace builds: restore with the version that made it, or a newer one`,
    );
  }

  const used = [manifest.id, ...manifest.needs].map((id) => folders.get(id)!);
  for (const { dir, manifest: m } of used) {
    if (!m.encryptedTo.length) continue;
    if (!custodianKey)
      throw new BackupRefused(`${dir}: encrypted to custodians (${m.encryptedTo.join(', ')}): give a custodian's private key with --key`);
    if (!m.encryptedTo.includes(fingerprintOf(custodianKey))) {
      throw new BackupRefused(
        `${dir}: not encrypted to the key given with --key (${fingerprintOf(custodianKey)}); its custodians: ${m.encryptedTo.join(', ')}`,
      );
    }
  }

  const check = async (dir: string, file: string, expected: { sha256: string; bytes: number }, what: string) => {
    const found = await sha256File(path.join(dir, file)).catch((err: NodeJS.ErrnoException) => {
      throw new BackupRefused(`${what} is missing from ${dir} (${file}: ${err.code})`);
    });
    if (found.sha256 !== expected.sha256 || found.bytes !== expected.bytes) {
      throw new BackupRefused(`${what} does not match its checksum in the manifest (${path.join(dir, file)}): the backup was changed or damaged`);
    }
  };
  const own = folders.get(manifest.id)!.dir;
  for (const table of manifest.database.tables) {
    if (!TABLE_FILE.test(table.file)) throw new BackupRefused(`table ${table.schema}.${table.name}: not a backup file name (${table.file})`);
    await check(own, table.file, table, `table ${table.schema}.${table.name}`);
  }
  for (const blob of manifest.blobs.files) {
    if (!BLOB_KEY.test(blob.key)) throw new BackupRefused(`not a blob key: ${blob.key}`);
    const holder = folders.get(blob.in)!;
    const listed = holder.manifest.blobs.files.find((b) => b.key === blob.key && b.in === blob.in);
    if (!listed || listed.sha256 !== blob.sha256)
      throw new BackupRefused(`blob ${blob.key}: backup ${blob.in} does not hold it as ${manifest.id} says`);
    await check(holder.dir, blobFile(blob.key, holder.manifest.encryptedTo.length > 0), blob, `blob ${blob.key}`);
  }
  return { manifest, folders };
}

/** Nothing in the data folder but the master key. */
export async function checkEmptyDataDir(dataDir: string): Promise<void> {
  const entries = await fs.readdir(dataDir).catch(() => [] as string[]);
  const other = entries.filter((e) => e !== 'master.key');
  if (other.length) throw new BackupRefused(`the data folder ${dataDir} is not empty (${other.slice(0, 5).join(', ')}): restore into a new one`);
}

export async function checkEmptyStore(store: BlobStore): Promise<void> {
  for await (const entry of store.list()) throw new BackupRefused(`the blob store is not empty (it holds ${entry.key}): restore into an empty one`);
}

export interface RestoreResult {
  id: string;
  tables: number;
  rows: number;
  blobs: number;
  migrations: string;
  auditHead: { seq: number; hash: string } | null;
  checkpoint: { seq: number; hash: string } | null;
}

/** A Kysely handle on the one client whose transaction the restore holds. */
function onClient(client: pg.Client): Kysely<DB> {
  const pool = { connect: async () => Object.assign(client, { release: () => undefined }), end: async () => undefined };
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }), plugins: [new CamelCasePlugin()] });
}

/** Loads a verified backup into an empty database and an empty store, all or nothing. */
export async function loadBackup(
  verified: VerifiedBackup,
  target: { databaseUrl: string; store: BlobStore; keyring: Keyring; custodianKey: openpgp.PrivateKey | undefined },
): Promise<RestoreResult> {
  const { manifest, folders } = verified;
  const own = folders.get(manifest.id)!;
  const client = new pg.Client({ connectionString: target.databaseUrl, application_name: 'enlace restore' });
  await client.connect();
  const written: string[] = [];
  try {
    const q = restoreQueries(client);
    if ((await q.existingTables()) > 0) throw new BackupRefused('the database is not empty (it has tables): restore into a new, empty database');
    await client.query('begin');
    try {
      await client.query('set local session_replication_role = replica');
    } catch (err) {
      throw new BackupRefused(
        `restore needs a superuser, or a role granted SET on session_replication_role, to load rows without triggers (${(err as Error).message})`,
      );
    }
    const db = onClient(client);
    await migrateToInTransaction(db, manifest.schema.migrations.at(-1)!);
    const tables = manifest.database.tables;
    for (const table of tables) {
      if (!(await q.tableExists(table.schema, table.name)))
        throw new BackupRefused(`table ${table.schema}.${table.name} is not in the schema the migrations built`);
    }
    await q.truncate(tables);
    let rows = 0;
    for (const table of tables) {
      const file = path.join(own.dir, table.file);
      const source = own.manifest.encryptedTo.length ? Readable.from([await decryptFile(file, target.custodianKey!)]) : createReadStream(file);
      const copy = client.query(copyFrom(`copy ${qualified(table.schema, table.name)} (${table.columns.map(quoteName).join(', ')}) from stdin`));
      await pipeline(source, createGunzip(), copy);
      if (copy.rowCount !== table.rows) {
        throw new BackupRefused(`table ${table.schema}.${table.name}: ${copy.rowCount} rows read, the manifest counts ${table.rows}`);
      }
      rows += table.rows;
    }
    for (const seq of manifest.database.sequences) {
      if (seq.lastValue !== null) await q.setSequence({ ...seq, lastValue: seq.lastValue });
    }
    const head = await q.auditHead();
    if (JSON.stringify(head) !== JSON.stringify(manifest.audit.head)) throw new BackupRefused('the restored audit head differs from the manifest’s');
    // The master key given must be the one this portal's data was sealed with.
    await verifyMasterKey(db, target.keyring);

    for (const blob of manifest.blobs.files) {
      const holder = folders.get(blob.in)!;
      const file = path.join(holder.dir, blobFile(blob.key, holder.manifest.encryptedTo.length > 0));
      const data = holder.manifest.encryptedTo.length ? await decryptFile(file, target.custodianKey!) : await fs.readFile(file);
      await target.store.putAt(blob.key, data);
      written.push(blob.key);
    }
    await client.query('commit');
    return {
      id: manifest.id,
      tables: tables.length,
      rows,
      blobs: written.length,
      migrations: manifest.schema.migrations.at(-1)!,
      auditHead: head,
      checkpoint: manifest.audit.checkpoint && { seq: manifest.audit.checkpoint.seq, hash: manifest.audit.checkpoint.hash },
    };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    await Promise.all(written.map((key) => target.store.delete(key).catch(() => undefined)));
    throw err;
  } finally {
    await client.end();
  }
}
