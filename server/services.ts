import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import { AuditTrail } from './platform/audit/trail.ts';
import { type BlobStore, countingErrors, createBlobStore } from './platform/blobs/store.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { type Keyring, loadMasterKey, verifyMasterKey } from './platform/crypto/master-key.ts';
import { Sealer } from './platform/crypto/sealer.ts';
import { createDatabase, type Database } from './platform/db/database.ts';
import { FileService, fileLimits } from './platform/files/files.ts';
import { createJobQueue, type JobQueue, type JobService } from './platform/jobs/queue.ts';
import { createMailSender, type MailSender } from './platform/mail/sender.ts';
import { createMetrics, type Metrics } from './platform/metrics/metrics.ts';

/**
 * The composition root: every service the portal is made of, built once, in one place, for the
 * server (`buildApp`), every command of the `enlace` command line, the workers, the tests and the
 * bench. A feature's service takes these (or the few it needs) and the actor — never a request or
 * a reply — so the same code serves an HTTP route, a job and a command.
 */
export interface Services {
  config: Config;
  log: FastifyBaseLogger;
  clock: Clock;
  db: Database;
  keyring: Keyring;
  sealer: Sealer;
  blobs: BlobStore;
  files: FileService;
  mail: MailSender;
  audit: AuditTrail;
  jobs: JobQueue;
  /** This instance's operational metrics (`/metrics`). */
  metrics: Metrics;
}

/** Parts a caller brings (and closes itself): a test's database and clock, the command line's logger… */
export interface ServiceParts {
  log: FastifyBaseLogger;
  /** A database handle owned by the caller; otherwise one is made from config.databaseUrl. */
  db?: Database;
  clock?: Clock;
  /** The master key's keyring; by default loaded as configured and checked against the database. */
  keyring?: Keyring;
  /** Where sealed file chunks go; by default the configured store. */
  blobs?: BlobStore;
  /** Where mail goes; by default SMTP when configured, else the console. */
  mail?: MailSender;
}

export interface OwnedServices extends Services {
  /** The queue with its lifecycle (the app starts its workers when ready). */
  jobs: JobService;
  /** Releases what the root made itself (pools, stores, the mail transport, the queue), not what it was given. */
  close(): Promise<void>;
}

export async function createServices(config: Config, parts: ServiceParts): Promise<OwnedServices> {
  const closers: (() => Promise<void>)[] = [];
  const owned = <T>(value: T, close: (value: T) => Promise<void> | void): T => {
    closers.push(async () => close(value));
    return value;
  };
  if (!parts.db && !config.databaseUrl) throw new Error('the services need config.databaseUrl or a database handle');
  const db =
    parts.db ??
    owned(createDatabase({ url: config.databaseUrl as string, poolMax: config.dbPoolMax, prepared: config.dbPrepared }), (d) => d.destroy());
  try {
    const clock = parts.clock ?? systemClock;
    let keyring = parts.keyring;
    if (!keyring) {
      keyring = await loadMasterKey(config, (m) => parts.log.warn(m));
      await verifyMasterKey(db, keyring);
    }
    const metrics = createMetrics();
    const sealer = new Sealer(db, keyring, clock, {
      openCacheBytes: config.openCacheMb * 1024 * 1024,
      onOpen: (source) => metrics.sealedOpens.inc({ source }),
    });
    const blobs = countingErrors(parts.blobs ?? owned(createBlobStore(config), (b) => b.close()), (operation) =>
      metrics.blobErrors.inc({ operation }),
    );
    const mail = parts.mail ?? owned(createMailSender(config), (m) => m.close());
    const jobs = owned(createJobQueue(config, parts.log), (q) => q.stop());
    return {
      config,
      log: parts.log,
      clock,
      db,
      keyring,
      sealer,
      blobs,
      files: new FileService(db, sealer, blobs, fileLimits(config)),
      mail,
      audit: new AuditTrail(db, clock, {
        durable: (seconds) => metrics.auditAppend.observe(seconds),
        batch: (entries) => metrics.auditBatch.observe(entries),
      }),
      jobs,
      metrics,
      async close() {
        // Last made, first closed: the database goes after everything that uses it.
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (err) {
    for (const close of closers.reverse()) await close();
    throw err;
  }
}
