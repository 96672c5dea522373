import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type * as openpgp from 'openpgp';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { makeCheckpoint } from '../../platform/audit/checkpoints.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import { portalKeys } from '../../platform/crypto/signing-keys.ts';
import type { Database } from '../../platform/db/database.ts';
import { BackupUsageError, encryptStream, fingerprintOf, readCustodians } from './custodians.ts';
import { type BlobEntry, blobFile, type Manifest, readSigned, type SequenceEntry, type TableEntry, writeSigned } from './manifest.ts';
import { BACKED_UP_SCHEMAS, lockedSigningKey, quoteName, snapshotQueries } from './queries.ts';

/**
 * `enlace backup --out DIR [--to custodian.asc]... [--since PREVIOUS]`.
 *
 * The database is read in ONE snapshot (a repeatable-read, read-only transaction): every table is
 * written with COPY … TO STDOUT, its rows counted, the sequences, the applied migrations, the
 * audit head and its latest signed checkpoint read, all as of the same instant. Not pg_dump: the
 * embedded PostgreSQL is newer than the pg_dump a Debian host has, and pg_dump refuses a newer
 * server (README, "Backup and restore").
 *
 * The blobs the snapshot references (file_chunk.blob_key) are copied after it: a blob is written
 * once under a fresh key and never changed, so the copy is the blob the snapshot saw. With
 * `--since`, a blob an earlier backup of the chain already holds is not copied again; the manifest
 * says which backup holds it.
 *
 * Everything is written into a hidden folder beside DIR and renamed to DIR at the very end: a
 * backup that failed half-way leaves no folder that looks whole.
 */
export interface BackupOptions {
  out: string;
  to: string[];
  since: string | undefined;
}

export interface BackupParts {
  db: Database;
  databaseUrl: string;
  keyring: Keyring;
  blobs: BlobStore;
  clock: Clock;
}

export interface BackupResult {
  id: string;
  out: string;
  since: string | null;
  tables: number;
  rows: number;
  blobs: number;
  blobsCopied: number;
  auditHead: number | null;
  encryptedTo: string[];
}

/** Counts bytes and hashes them as they pass. */
function measuring(): { stream: Transform; result: () => { sha256: string; bytes: number } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), bytes }) };
}

/** Writes the stream to `file` (new), encrypted to the custodians when there are any; its checksum on disk. */
async function writeData(source: Readable, file: string, custodians: openpgp.PublicKey[]): Promise<{ sha256: string; bytes: number }> {
  const input = custodians.length ? await encryptStream(source, custodians) : source;
  const measured = measuring();
  await pipeline(input, measured.stream, createWriteStream(file, { mode: 0o600, flags: 'wx' }));
  return measured.result();
}

export async function createBackup(parts: BackupParts, options: BackupOptions): Promise<BackupResult> {
  const out = path.resolve(options.out);
  if (await fs.lstat(out).catch(() => undefined)) throw new BackupUsageError(`--out: ${out} exists; a backup goes into a new folder`);
  const parent = await fs.stat(path.dirname(out)).catch(() => undefined);
  if (!parent?.isDirectory()) throw new BackupUsageError(`--out: the folder ${path.dirname(out)} does not exist`);
  const custodians = await readCustodians(options.to);
  const previous = options.since ? await readSigned(path.resolve(options.since), parts.keyring) : undefined;
  const now = parts.clock.now();
  const id = `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(4).toString('hex')}`;

  // The head signed now, so that a quiet portal's backup ends on a signed checkpoint; the portal
  // key made if it never was (both before the snapshot, which is read-only).
  await makeCheckpoint(parts.db, parts.keyring, now);
  const signing = await portalKeys.signing(parts.db, parts.keyring, now);
  const lockedArmored = await lockedSigningKey(parts.db, signing.fingerprint);

  const temporary = path.join(path.dirname(out), `.${path.basename(out)}.partial-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(path.join(temporary, 'db'), { recursive: true, mode: 0o700 });
  try {
    const snapshot = await dumpSnapshot(parts.databaseUrl, temporary, custodians);
    const blobs = await copyBlobs(parts.blobs, temporary, snapshot.blobKeys, id, previous, custodians);
    const manifest: Manifest = {
      format: 'enlace-backup',
      version: 1,
      id,
      createdAt: now.toISOString(),
      since: previous?.id ?? null,
      needs: [...new Set(blobs.filter((b) => b.in !== id).map((b) => b.in))].sort(),
      schema: { migrations: snapshot.migrations },
      database: { tables: snapshot.tables, sequences: snapshot.sequences },
      audit: snapshot.audit,
      blobs: { store: parts.blobs.kind, files: blobs },
      encryptedTo: custodians.map(fingerprintOf),
      signer: { fingerprint: signing.fingerprint },
    };
    await writeSigned(temporary, manifest, { key: signing.key, lockedArmored }, portalKeys.signatureDate(now));
    await fs.rename(temporary, out);
    return {
      id,
      out,
      since: manifest.since,
      tables: snapshot.tables.length,
      rows: snapshot.tables.reduce((sum, t) => sum + t.rows, 0),
      blobs: blobs.length,
      blobsCopied: blobs.filter((b) => b.in === id).length,
      auditHead: snapshot.audit.head?.seq ?? null,
      encryptedTo: manifest.encryptedTo,
    };
  } catch (err) {
    await fs.rm(temporary, { recursive: true, force: true });
    throw err;
  }
}

interface Snapshot {
  migrations: string[];
  tables: TableEntry[];
  sequences: SequenceEntry[];
  audit: Manifest['audit'];
  blobKeys: string[];
}

/** Every table, sequence and the trail's head as of one snapshot. */
async function dumpSnapshot(url: string, dir: string, custodians: openpgp.PublicKey[]): Promise<Snapshot> {
  // A connection of its own, without the pool's statement timeout: a large table takes its time.
  const client = new pg.Client({ connectionString: url, application_name: 'enlace backup' });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read, read only');
    const q = snapshotQueries(client);
    const migrations = await q.migrations();
    const tables: TableEntry[] = [];
    for (const table of await q.tables(BACKED_UP_SCHEMAS)) {
      const columns = await q.columns(table.schema, table.name);
      const rows = await q.count(table.schema, table.name);
      const file = `db/${table.schema}.${table.name}.copy.gz${custodians.length ? '.pgp' : ''}`;
      const select = `select ${columns.map(quoteName).join(', ')} from ${quoteName(table.schema)}.${quoteName(table.name)}`;
      const copy = client.query(copyTo(`copy (${select}) to stdout`));
      const gzip = createGzip();
      const gzipped = new PassThrough();
      const written = writeData(gzipped, path.join(dir, file), custodians);
      await Promise.all([pipeline(copy, gzip, gzipped), written]);
      tables.push({ ...table, columns, rows, file, ...(await written) });
    }
    const sequences = await q.sequences(BACKED_UP_SCHEMAS);
    const audit = await q.audit();
    const blobKeys = await q.blobKeys();
    await client.query('commit');
    return { migrations, tables, sequences, audit, blobKeys };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/** The blobs' files: copied from the store, or taken over from the chain's earlier backup that holds them. */
async function copyBlobs(
  store: BlobStore,
  dir: string,
  keys: string[],
  id: string,
  previous: Manifest | undefined,
  custodians: openpgp.PublicKey[],
): Promise<BlobEntry[]> {
  const held = new Map((previous?.blobs.files ?? []).map((b) => [b.key, b]));
  const entries: BlobEntry[] = [];
  for (const key of keys) {
    const earlier = held.get(key);
    if (earlier) {
      entries.push(earlier);
      continue;
    }
    const file = path.join(dir, blobFile(key, custodians.length > 0));
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const data = await store.get(key).catch((err: Error) => {
      throw new Error(`blob ${key}, which the snapshot references, cannot be read (${err.message}); nothing was kept: run the backup again`);
    });
    entries.push({ key, in: id, ...(await writeData(Readable.from([data]), file, custodians)) });
  }
  return entries;
}
