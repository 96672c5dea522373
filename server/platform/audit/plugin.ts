import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { isApiRoute } from '../http/paths.ts';
import { startAuditSchedules } from './schedule.ts';
import { type AuditEvent, type AuditOutcome, type AuditTrail, uuidOrNull } from './trail.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The action every request to this route is recorded under (`space.read`, `member.add`…), or
     * false for a route that touches nothing worth an entry (health, one's own profile). Every /api
     * route must say: a route that forgets does not register.
     */
    audit?: string | false;
    /**
     * A POST that changes nothing (a search, a check, an export, a verification): its entry is
     * group-committed like a GET's. Every other POST, PUT, PATCH and DELETE is a change and must
     * record it with `request.change` — a change route that answers 2xx without having done so is
     * answered 500 (a bug the route's tests meet at once).
     */
    readOnly?: boolean;
  }
  interface FastifyInstance {
    audit: AuditTrail;
    /** Every action the portal records: the routes' and the system's (key operations, verification). */
    auditActions: Set<string>;
    /**
     * Every /api route (`METHOD /path`) with how its requests are recorded: its action (false:
     * none), and whether it is a change (entry in the change's transaction) or a read (group commit).
     */
    auditedRoutes: Map<string, { action: string | false; change: boolean }>;
  }
  interface FastifyRequest {
    /** What this request's audit entry will say, filled in by the handler as it learns it. */
    audit: AuditNote;
    /**
     * Runs a change and writes this request's entry in one transaction: both commit, or neither.
     * The entry is recorded with the route's success status (the lowest 2xx of its response
     * schema, else 200) unless `status` says otherwise. When work throws, nothing is kept (the
     * refusal is recorded on its own) — unless it throws a `RefuseAfterCommit`: then what it
     * changed commits with an entry recording the refusal, which then reaches the caller (a wrong
     * code's throttle count). Returns once the entry is in the chain.
     */
    change<T>(work: (trx: Database) => Promise<T>, options?: { status?: number }): Promise<T>;
  }
}

/**
 * A request's audit entry in the making. The platform fills in the actor, the client and the
 * outcome; a handler adds the subject, the space, the purpose and metadata details (never content:
 * counts, facets, blind-index forms of terms).
 */
export class AuditNote {
  subjectType: string | null = null;
  subjectId: string | null = null;
  spaceId: string | null = null;
  purpose: string | null = null;
  /** The outcome, when the status alone does not say it (a verification that found the chain broken). */
  outcome: AuditOutcome | null = null;
  /** Who acted, when the request has no session yet (sign-in): the account the attempt was for. */
  actor: { id: string; country: string } | null = null;
  details: Record<string, unknown> = {};
  written = false;
  /** The status the entry was written with (a change records it before the reply is made). */
  writtenStatus: number | null = null;
  failed = false;

  space(id: string | null): this {
    this.spaceId = id;
    return this;
  }
  detail(details: Record<string, unknown>): this {
    Object.assign(this.details, details);
    return this;
  }
}

/** Actions recorded outside any route: key operations, the demo fill, backups and restores (command line), scheduled verification. */
export const SYSTEM_ACTIONS = [
  'key.rotate',
  'key.export',
  'key.shred_item',
  'key.shred_space',
  'audit.verify',
  'audit.export',
  'demo.fill',
  'backup.create',
  'backup.restore',
  'person.shred',
  'person.shred_expired',
  'alert.deliver',
  'alert.mail',
  'alert.webhook',
  'alert.escalate',
  'saved_search.notify',
  'saved_search.mail',
  'notification.remind',
  'notification.mail',
  'notification.digest',
  'notification.remind_run',
] as const;

const DENIED = new Set([401, 403, 404, 428, 429]);

/** 2xx/3xx allowed; refusals of who may see or do what (and the policy's 404) denied; the rest error. */
export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'allowed';
  return DENIED.has(status) ? 'denied' : 'error';
}

function errorCode(payload: unknown): string | undefined {
  if (typeof payload !== 'string' || !payload.startsWith('{"error"')) return undefined;
  try {
    const code = (JSON.parse(payload) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** The entry for a request: action from the route, the rest from the request and its note. */
function eventFor(request: FastifyRequest, action: string, status: number, code?: string): AuditEvent {
  const note = request.audit;
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const subjectId = note.subjectId ?? params['fileId'] ?? params['userId'] ?? params['itemId'] ?? params['id'] ?? params['spaceId'] ?? null;
  const details: Record<string, unknown> = { status, ...note.details };
  if (code) details['code'] = code;
  if (params['itemId'] && subjectId !== params['itemId']) details['itemId'] = params['itemId'];
  const actor = request.auth?.user ?? note.actor;
  return {
    action,
    outcome: note.outcome ?? outcomeOf(status),
    actorId: actor?.id ?? null,
    actorCountry: actor?.country ?? null,
    subjectType: note.subjectType ?? (subjectId ? action.split('.')[0]! : null),
    subjectId,
    spaceId: note.spaceId ?? uuidOrNull(params['spaceId']),
    requestId: request.id,
    clientAddress: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    purpose: note.purpose,
    details,
  };
}

/**
 * Thrown from the work of `request.change` to refuse the request while keeping what the work
 * changed (recorded, with the refusal, in the same transaction).
 */
export class RefuseAfterCommit extends Error {
  constructor(readonly refusal: ApiError) {
    super(refusal.code);
    this.name = 'RefuseAfterCommit';
  }
}

/** The status a change route answers when it succeeds: the lowest 2xx its response schema declares, else 200. */
function successStatus(request: FastifyRequest): number {
  const declared = Object.keys((request.routeOptions.schema?.response ?? {}) as Record<string, unknown>)
    .map(Number)
    .filter((code) => code >= 200 && code < 300);
  return declared.length ? Math.min(...declared) : 200;
}

const READS = new Set(['GET', 'HEAD']);

/** Whether a route's requests change state (and so must record with `request.change`). */
export const isChangeRoute = (method: string, config: { readOnly?: boolean } | undefined): boolean => !READS.has(method) && !config?.readOnly;

/** Writes a request's entry now through the group commit (a stream that never "ends" the way a reply does). */
export async function auditNow(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const action = request.routeOptions.config?.audit;
  if (!action) throw new Error(`route ${request.routeOptions.url} declares no audit action`);
  await app.audit.record(eventFor(request, action, 200));
  request.audit.written = true;
  request.audit.writtenStatus = 200;
}

/**
 * Every request to an audited route leaves an entry before its reply leaves: allowed, denied or
 * error, with the status and the error code. If the entry cannot be written, the reply is withheld
 * — a stream is destroyed unread — and the caller gets 503 `audit_unavailable` instead (fail closed).
 */
export default fp(
  async function audit(app: FastifyInstance) {
    app.decorate('audit', app.services.audit);
    app.decorate('auditActions', new Set(SYSTEM_ACTIONS));
    app.decorate('auditedRoutes', new Map());
    app.decorateRequest('audit', null as unknown as AuditNote);
    app.decorateRequest('change', async function change<
      T,
    >(this: FastifyRequest, work: (trx: Database) => Promise<T>, options: { status?: number } = {}): Promise<T> {
      const action = this.routeOptions.config?.audit;
      if (!action) throw new Error(`route ${this.routeOptions.url} declares no audit action`);
      // One request, one entry: a second change would be a second entry.
      if (this.audit.written) throw new Error(`route ${this.routeOptions.url} ran request.change twice`);
      let refusal: ApiError | undefined;
      let status = options.status ?? successStatus(this);
      const result = await app.db.transaction().execute(async (trx) => {
        let value: T | undefined;
        try {
          value = await work(trx);
        } catch (err) {
          if (!(err instanceof RefuseAfterCommit)) throw err;
          refusal = err.refusal;
          status = refusal.statusCode;
        }
        try {
          await app.audit.within(trx, eventFor(this, action, status, refusal?.code));
        } catch (err) {
          // No entry, no change: the transaction rolls back (fail closed, like a read's withheld reply).
          this.log.error({ err }, 'audit entry could not be written: change rolled back');
          this.audit.failed = true;
          throw new ApiError(503, 'audit_unavailable');
        }
        return value as T;
      });
      this.audit.written = true;
      this.audit.writtenStatus = status;
      // Committed and recorded; chaining can wait for the next batch if this one fails.
      await app.audit.settle().catch((err: unknown) => this.log.error({ err }, 'queued audit entries not chained yet'));
      if (refusal) throw refusal;
      return result;
    });

    startAuditSchedules(app);

    app.addHook('onRoute', (route) => {
      if (!isApiRoute(route.url)) return;
      const action = route.config?.audit;
      if (action === undefined) throw new Error(`route ${route.method} ${route.url} must declare config.audit (an action, or false)`);
      const methods = [route.method].flat();
      if (!action && methods.some((m) => isChangeRoute(m, route.config)))
        throw new Error(`route ${route.method} ${route.url} changes state: it must declare an audit action`);
      if (action) app.auditActions.add(action);
      for (const method of methods) app.auditedRoutes.set(`${method} ${route.url}`, { action, change: isChangeRoute(method, route.config) });
    });

    app.addHook('onRequest', async (request) => {
      request.audit = new AuditNote();
    });

    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const action = request.routeOptions.config?.audit;
      const note = request.audit;
      if (!action || !note || note.failed) return payload;
      const status = reply.statusCode;
      if (note.written) {
        // A change recorded with one status and answered with another 2xx: the route declared it wrong.
        if (status < 400 && note.writtenStatus !== status) {
          note.failed = true;
          throw new Error(`route ${request.routeOptions.url} recorded ${note.writtenStatus} and answered ${status}`);
        }
        return payload;
      }
      if (status < 400 && isChangeRoute(request.method, request.routeOptions.config)) {
        // Never answer success for a change that was not recorded with it (rule 8); the 500 is recorded.
        request.log.error({ route: request.routeOptions.url }, 'a change route answered without request.change');
        throw new Error(`route ${request.method} ${request.routeOptions.url} answered ${status} without recording its change`);
      }
      try {
        await app.audit.record(eventFor(request, action, status, status >= 400 ? errorCode(payload) : undefined));
        note.written = true;
      } catch (err) {
        note.failed = true;
        request.log.error({ err }, 'audit entry could not be written: reply withheld');
        if (payload && typeof (payload as Readable).destroy === 'function') (payload as Readable).destroy();
        // Nothing of the withheld reply goes out, its headers included (a file's name, its length).
        reply.removeHeader('content-disposition');
        reply.removeHeader('content-length');
        throw new ApiError(503, 'audit_unavailable');
      }
      return payload;
    });
  },
  { name: 'enlace-audit', dependencies: ['enlace-errors'] },
);
