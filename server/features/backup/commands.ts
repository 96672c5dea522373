import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import { type AuditEvent, AuditTrail } from '../../platform/audit/trail.ts';
import { createBlobStore } from '../../platform/blobs/store.ts';
import { systemClock } from '../../platform/clock.ts';
import { loadMasterKey } from '../../platform/crypto/master-key.ts';
import { createDatabase } from '../../platform/db/database.ts';
import type { ProvisionedDatabase } from '../../platform/db/provision.ts';
import type { Services } from '../../services.ts';
import { type BackupOptions, type BackupResult, createBackup } from './backup.ts';
import { BackupUsageError, readCustodianKey } from './custodians.ts';
import { BackupRefused } from './manifest.ts';
import { checkEmptyDataDir, checkEmptyStore, loadBackup, type RestoreResult, verifyBackup } from './restore.ts';

/** The command line of `enlace backup` and `enlace restore` (server/main.ts dispatches here). */
export { BackupRefused, BackupUsageError };

/** The environment variable that holds the passphrase of a custodian's private key (`restore --key`). */
export const PASSPHRASE_ENV = 'ENLACE_BACKUP_KEY_PASSPHRASE';

export function backupOptions(args: string[]): BackupOptions {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, to: { type: 'string', multiple: true }, since: { type: 'string' } } });
  if (!values.out) throw new BackupUsageError('--out: the new folder to write the backup into is required');
  return { out: values.out, to: values.to ?? [], since: values.since };
}

export interface RestoreOptions {
  from: string[];
  key: string | undefined;
}

export function restoreOptions(args: string[]): RestoreOptions {
  const { values } = parseArgs({ args, options: { from: { type: 'string', multiple: true }, key: { type: 'string' } } });
  if (!values.from?.length)
    throw new BackupUsageError('--from: the backup folder is required (then, for an incremental backup, the earlier ones of its chain)');
  return { from: values.from, key: values.key };
}

/** A backup (server/main.ts records it in the trail afterwards: the backup's snapshot ends on the head before it). */
export function backupCommand(services: Services, options: BackupOptions): Promise<BackupResult> {
  return createBackup(
    { db: services.db, databaseUrl: services.config.databaseUrl!, keyring: services.keyring, blobs: services.blobs, clock: services.clock },
    options,
  );
}

/** What the trail keeps of a backup: counts and fingerprints, not where it was written. */
export function backupSummary(result: BackupResult): Record<string, unknown> {
  const { out: _out, encryptedTo, ...counts } = result;
  return { ...counts, custodians: encryptedTo };
}

/**
 * A restore: the master key must be given as the portal takes it (never from the backup, which
 * does not hold it); the backup is checked whole before a database is even started; the target
 * must be empty. The restore is then recorded in the restored trail, after the backup's head.
 */
export async function restoreCommand(
  config: Config,
  options: RestoreOptions,
  provision: () => Promise<ProvisionedDatabase>,
  /** The restore's entry in the restored trail (server/main.ts: a command-line event). */
  event: (details: Record<string, unknown>) => AuditEvent,
): Promise<RestoreResult & { checked: string[] }> {
  if (!config.masterKey && !config.masterKeyFile) {
    const file = path.join(config.dataDir, 'master.key');
    if (!(await fs.stat(file).catch(() => undefined))) {
      throw new BackupRefused(
        `restore needs the portal's master key (ENLACE_MASTER_KEY, ENLACE_MASTER_KEY_FILE or ${file}): it is never in a backup; its custodians keep it`,
      );
    }
  }
  const keyring = await loadMasterKey(config, () => undefined);
  const custodianKey = options.key ? await readCustodianKey(options.key, process.env[PASSPHRASE_ENV]) : undefined;
  const verified = await verifyBackup(options.from, keyring, custodianKey);

  // An embedded database or blobs on disk live in the data folder: it must hold nothing else yet.
  if (!config.databaseUrl || config.blobStore === 'fs') await checkEmptyDataDir(config.dataDir);
  const store = createBlobStore(config);
  try {
    if (store.kind === 's3') await checkEmptyStore(store);
    const database = await provision();
    try {
      const result = await loadBackup(verified, { databaseUrl: database.url, store, keyring, custodianKey });
      const db = createDatabase({ url: database.url, poolMax: 1 });
      try {
        await new AuditTrail(db, systemClock).record(event({ backup: result.id, tables: result.tables, rows: result.rows, blobs: result.blobs }));
      } finally {
        await db.destroy();
      }
      return { ...result, checked: [...verified.folders.values()].map((f) => f.manifest.id) };
    } finally {
      await database.stop();
    }
  } finally {
    store.close();
  }
}
