import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { startAuditSchedules } from './schedule.ts';
import { type AuditEvent, type AuditOutcome, AuditTrail, uuidOrNull } from './trail.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The action every request to this route is recorded under (`space.read`, `member.add`…), or
     * false for a route that touches nothing worth an entry (health, one's own profile). Every /api
     * route must say: a route that forgets does not register.
     */
    audit?: string | false;
  }
  interface FastifyInstance {
    audit: AuditTrail;
    /** Every action the portal records: the routes' and the system's (key operations, verification). */
    auditActions: Set<string>;
  }
  interface FastifyRequest {
    /** What this request's audit entry will say, filled in by the handler as it learns it. */
    audit: AuditNote;
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

/** Actions recorded outside any route: key operations and the demo fill (command line), scheduled verification. */
export const SYSTEM_ACTIONS = ['key.rotate', 'key.export', 'key.shred_item', 'key.shred_space', 'audit.verify', 'audit.export', 'demo.fill', 'alert.deliver', 'alert.mail', 'alert.webhook', 'alert.escalate'] as const;

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
 * Writes a request's entry now, inside the caller's transaction, so a state change and its record
 * commit together (or not at all); the reply then writes nothing more.
 */
export async function auditWithin(app: FastifyInstance, request: FastifyRequest, trx: Database, status = 200): Promise<void> {
  const action = request.routeOptions.config?.audit;
  if (!action) throw new Error(`route ${request.routeOptions.url} declares no audit action`);
  await app.audit.record(eventFor(request, action, status), trx);
  request.audit.written = true;
}

/**
 * Every request to an audited route leaves an entry before its reply leaves: allowed, denied or
 * error, with the status and the error code. If the entry cannot be written, the reply is withheld
 * — a stream is destroyed unread — and the caller gets 503 `audit_unavailable` instead (fail closed).
 */
export default fp(
  async function audit(app: FastifyInstance) {
    app.decorate('audit', new AuditTrail(app.db, app.clock));
    app.decorate('auditActions', new Set(SYSTEM_ACTIONS));
    app.decorateRequest('audit', null as unknown as AuditNote);

    startAuditSchedules(app);

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
      const action = route.config?.audit;
      if (action === undefined) throw new Error(`route ${route.method} ${route.url} must declare config.audit (an action, or false)`);
      if (action) app.auditActions.add(action);
    });

    app.addHook('onRequest', async (request) => {
      request.audit = new AuditNote();
    });

    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const action = request.routeOptions.config?.audit;
      const note = request.audit;
      if (!action || !note || note.written || note.failed) return payload;
      try {
        await app.audit.record(eventFor(request, action, reply.statusCode, reply.statusCode >= 400 ? errorCode(payload) : undefined));
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
