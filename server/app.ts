import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { type Config, proxyTrust } from './config.ts';
import alertRoutes from './features/alerts/routes.ts';
import attachmentRoutes from './features/attachments/routes.ts';
import auditRoutes from './features/audit/routes.ts';
import commitmentRoutes from './features/commitments/routes.ts';
import directoryRoutes from './features/directory/routes.ts';
import entryRequirementRoutes from './features/entry-requirements/routes.ts';
import followupRoutes from './features/followup/routes.ts';
import healthRoutes from './features/health/routes.ts';
import identityRoutes from './features/identity/routes.ts';
import libraryRoutes from './features/library/routes.ts';
import linkRoutes from './features/links/routes.ts';
import meetingRoutes from './features/meetings/routes.ts';
import notificationRoutes from './features/notifications/routes.ts';
import organisationRoutes from './features/organisations/routes.ts';
import personRoutes from './features/persons/routes.ts';
import purposeRoutes from './features/purpose/routes.ts';
import registryRoutes from './features/registry/routes.ts';
import reportRoutes from './features/reports/routes.ts';
import returnRoutes from './features/returns/routes.ts';
import searchRoutes from './features/search/routes.ts';
import spaceRoutes from './features/spaces/routes.ts';
import specimenRoutes from './features/specimens/routes.ts';
import savedSearchRoutes from './features/specimens/saved-search-routes.ts';
import taskRoutes from './features/tasks/routes.ts';
import access from './platform/access.ts';
import audit from './platform/audit/plugin.ts';
import auth from './platform/auth/plugin.ts';
import type { BlobStore } from './platform/blobs/store.ts';
import type { Clock } from './platform/clock.ts';
import type { Keyring } from './platform/crypto/master-key.ts';
import { KEYS_DESTROYED, type Sealer } from './platform/crypto/sealer.ts';
import type { Database } from './platform/db/database.ts';
import events from './platform/events/bus.ts';
import type { FileService } from './platform/files/files.ts';
import compression from './platform/http/compression.ts';
import docs from './platform/http/docs.ts';
import errors, { routerRefusal } from './platform/http/errors.ts';
import { inputFormats } from './platform/http/formats.ts';
import security from './platform/http/security.ts';
import web from './platform/http/web.ts';
import jobs from './platform/jobs/queue.ts';
import type { MailSender } from './platform/mail/sender.ts';
import type { Metrics } from './platform/metrics/metrics.ts';
import metrics from './platform/metrics/plugin.ts';
import { VERSION } from './platform/version.ts';
import { createServices, type ServiceParts, type Services } from './services.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every service, as the composition root built them; the decorators below are the same objects. */
    services: Services;
    config: Config;
    db: Database;
    clock: Clock;
    mail: MailSender;
    keyring: Keyring;
    sealer: Sealer;
    blobs: BlobStore;
    files: FileService;
    metrics: Metrics;
  }
}

/** What a caller may bring to the app: the parts of the services it owns (server/services.ts), and the logger. */
export interface AppDependencies extends Omit<ServiceParts, 'log'> {
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
    trustProxy: proxyTrust(config),
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // One line per request (below), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
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

  // The services the portal is made of, built once (server/services.ts); the app closes what the root made.
  const services = await createServices(config, { ...deps, log: app.log });
  app.addHook('onClose', async () => services.close());
  app.decorate('services', services);
  app.decorate('config', config);
  app.decorate('db', services.db);
  app.decorate('clock', services.clock);
  app.decorate('keyring', services.keyring);
  app.decorate('sealer', services.sealer);
  app.decorate('blobs', services.blobs);
  app.decorate('files', services.files);
  app.decorate('mail', services.mail);
  app.decorate('metrics', services.metrics);
  if (config.blobSweepMinutes > 0) {
    // Blobs a crashed request left behind (written, never recorded). Every instance may sweep: deleting twice is harmless.
    const sweep = setInterval(() => {
      services.files.sweep(services.clock.now()).then(
        (removed) => removed > 0 && app.log.info({ removed }, 'orphan blobs removed'),
        (err: unknown) => app.log.error({ err }, 'blob sweep failed'),
      );
    }, config.blobSweepMinutes * 60_000);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));
  }

  // JSON is the API's only body type (multipart routes register their own parser); a text/plain
  // body is refused with 415 rather than reaching a handler as a string.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // The path only (the serializer drops the query string, which may hold search terms).
  app.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0];
    request.log.info(
      { req: request, res: { statusCode: reply.statusCode }, responseTime: Math.round(reply.elapsedTime) },
      `${request.method} ${path} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`,
    );
  });

  // Platform first (errors, headers, docs), then features, then the web app's catch-all.
  await app.register(errors);
  // Before any route: it checks that every /api route declares its audit action.
  await app.register(audit);
  await app.register(security, { config });
  await app.register(compression);
  await app.register(docs, { version: VERSION });
  // Multipart bodies are streamed by the routes that take files; one byte over the upload limit
  // lets the file pipeline, which counts as it reads, say so in the caller's terms.
  await app.register(multipart, {
    limits: { fileSize: config.uploadLimit + 1, files: 20, fields: 20, fieldSize: 4096, parts: 40, headerPairs: 100 },
  });
  await app.register(auth);
  await app.register(access);
  await app.register(jobs, { queue: services.jobs });
  await app.register(events);
  // A space key destroyed anywhere (another instance, `enlace keys`) leaves no copy in this instance's key cache.
  app.events.on(KEYS_DESTROYED, () => services.sealer.forget());
  await app.register(metrics);
  await app.register(healthRoutes);
  await app.register(identityRoutes);
  await app.register(registryRoutes);
  await app.register(organisationRoutes);
  await app.register(spaceRoutes);
  await app.register(attachmentRoutes);
  await app.register(auditRoutes);
  await app.register(purposeRoutes);
  await app.register(specimenRoutes);
  await app.register(savedSearchRoutes);
  await app.register(alertRoutes);
  await app.register(reportRoutes);
  await app.register(personRoutes);
  await app.register(linkRoutes);
  await app.register(searchRoutes);
  await app.register(notificationRoutes);
  await app.register(taskRoutes);
  await app.register(followupRoutes);
  await app.register(commitmentRoutes);
  await app.register(returnRoutes);
  await app.register(entryRequirementRoutes);
  await app.register(directoryRoutes);
  await app.register(meetingRoutes);
  await app.register(libraryRoutes);
  await app.register(web, { root: config.webDir });

  return app;
}
