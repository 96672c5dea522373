import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import multipart from '@fastify/multipart';
import alertRoutes from './features/alerts/routes.ts';
import attachmentRoutes from './features/attachments/routes.ts';
import auditRoutes from './features/audit/routes.ts';
import healthRoutes from './features/health/routes.ts';
import meRoutes from './features/me/routes.ts';
import purposeRoutes from './features/purpose/routes.ts';
import sessionRoutes from './features/session/routes.ts';
import spaceRoutes from './features/spaces/routes.ts';
import specimenRoutes from './features/specimens/routes.ts';
import userRoutes from './features/users/routes.ts';
import access from './platform/access.ts';
import audit from './platform/audit/plugin.ts';
import auth from './platform/auth/plugin.ts';
import { type BlobStore, createBlobStore } from './platform/blobs/store.ts';
import { type Keyring, loadMasterKey, verifyMasterKey } from './platform/crypto/master-key.ts';
import { Sealer } from './platform/crypto/sealer.ts';
import { FileService, fileLimits } from './platform/files/files.ts';
import { createMailSender, type MailSender } from './platform/mail/sender.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { createDatabase, type Database } from './platform/db/database.ts';
import docs from './platform/http/docs.ts';
import errors, { routerRefusal } from './platform/http/errors.ts';
import events from './platform/events/bus.ts';
import jobs from './platform/jobs/queue.ts';
import security from './platform/http/security.ts';
import { inputFormats } from './platform/http/formats.ts';
import web from './platform/http/web.ts';
import { VERSION } from './platform/version.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
    clock: Clock;
    mail: MailSender;
    keyring: Keyring;
    sealer: Sealer;
    blobs: BlobStore;
    files: FileService;
  }
}

export interface AppDependencies {
  /** A database handle owned by the caller (tests); otherwise one is made from config.databaseUrl. */
  db?: Database;
  clock?: Clock;
  /** The master key's keyring; by default loaded as configured and checked against the database. */
  keyring?: Keyring;
  /** Where sealed file chunks go; by default the configured store (owned and closed by the app). */
  blobs?: BlobStore;
  /** Where mail goes; by default SMTP when configured, else the console. */
  mail?: MailSender;
  /** Pino options or false; defaults to JSON logs at config.logLevel. */
  logger?: FastifyServerOptions['logger'];
  /** A ready pino logger (the command line's), used instead of `logger`. */
  loggerInstance?: FastifyBaseLogger;
}

// A caller may pass its own request id (a gateway's, say) when it is short and plain.
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    // Secrets never reach the log: cookies, tokens, and anything a later feature marks.
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: {
      // The path only: query strings may carry search terms, which are restricted.
      req: (req: { method: string; url: string; ip?: string; socket?: { remoteAddress?: string } }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        remoteAddress: req.ip ?? req.socket?.remoteAddress,
      }),
    },
  };
}

export async function buildApp(config: Config, deps: AppDependencies = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.loggerInstance ? { loggerInstance: deps.loggerInstance } : { logger: deps.logger ?? loggerOptions(config) }),
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    frameworkErrors: routerRefusal,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    ajv: {
      customOptions: {
        // Unknown fields are refused, not silently dropped.
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
      },
      // Once ajv-formats is in, ours replace its looser uuid, date and date-time (formats.ts).
      onCreate: inputFormats,
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const ownsDb = deps.db === undefined;
  if (ownsDb && !config.databaseUrl) throw new Error('buildApp needs config.databaseUrl or deps.db');
  const db = deps.db ?? createDatabase({ url: config.databaseUrl as string, poolMax: config.dbPoolMax });
  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('clock', deps.clock ?? systemClock);
  // A keyring handed in was loaded and checked by the caller (`serve` does it before anything else).
  let keyring = deps.keyring;
  if (!keyring) {
    keyring = await loadMasterKey(config, (m) => app.log.warn(m));
    await verifyMasterKey(db, keyring);
  }
  app.decorate('keyring', keyring);
  const sealer = new Sealer(db, keyring, app.clock);
  app.decorate('sealer', sealer);
  const blobs = deps.blobs ?? createBlobStore(config);
  if (!deps.blobs) app.addHook('onClose', async () => blobs.close());
  app.decorate('blobs', blobs);
  const files = new FileService(db, sealer, blobs, fileLimits(config));
  app.decorate('files', files);
  if (config.blobSweepMinutes > 0) {
    // Blobs a crashed request left behind (written, never recorded). Every instance may sweep: deleting twice is harmless.
    const sweep = setInterval(() => {
      files.sweep(app.clock.now()).then(
        (removed) => removed > 0 && app.log.info({ removed }, 'orphan blobs removed'),
        (err: unknown) => app.log.error({ err }, 'blob sweep failed'),
      );
    }, config.blobSweepMinutes * 60_000);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));
  }
  const mail = deps.mail ?? createMailSender(config);
  app.decorate('mail', mail);
  if (!deps.mail) app.addHook('onClose', async () => mail.close());
  if (ownsDb) app.addHook('onClose', async () => db.destroy());

  // JSON is the API's only body type (multipart routes register their own parser); a text/plain
  // body is refused with 415 rather than reaching a handler as a string.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Platform first (errors, headers, docs), then features, then the web app's catch-all.
  await app.register(errors);
  // Before any route: it checks that every /api route declares its audit action.
  await app.register(audit);
  await app.register(security, { config });
  await app.register(docs, { version: VERSION });
  // Multipart bodies are streamed by the routes that take files; one byte over the upload limit
  // lets the file pipeline, which counts as it reads, say so in the caller's terms.
  await app.register(multipart, {
    limits: { fileSize: config.uploadLimit + 1, files: 20, fields: 20, fieldSize: 4096, parts: 40, headerPairs: 100 },
  });
  await app.register(auth);
  await app.register(access);
  await app.register(jobs);
  await app.register(events);
  await app.register(healthRoutes);
  await app.register(sessionRoutes);
  await app.register(meRoutes);
  await app.register(userRoutes);
  await app.register(spaceRoutes);
  await app.register(attachmentRoutes);
  await app.register(auditRoutes);
  await app.register(purposeRoutes);
  await app.register(specimenRoutes);
  await app.register(alertRoutes);
  await app.register(web, { root: config.webDir });

  return app;
}
