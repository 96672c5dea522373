import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import pg from 'pg';
import { liveSessions } from '../auth/sessions.ts';
import { CHANNEL, type Notice, SESSIONS_ENDED } from './channel.ts';

export { CHANNEL, type Notice, notify } from './channel.ts';

/*
 * Live events for open browsers: server-sent events on `GET /api/events`, fanned out across app
 * instances through PostgreSQL LISTEN/NOTIFY. A notification carries ids only — never content —
 * and is sent inside the transaction that caused it, so it is heard exactly when that commits.
 * Every instance listens on one connection of its own; on a notification, the feature's router
 * says, in one query, which of the users connected here get which event. The events themselves say
 * what changed (an alert's id and severity); the browser fetches the rest under the policy.
 */

export interface Delivery {
  userId: string;
  event: string;
  data: Record<string, unknown>;
}

/** Given a notice and the users connected to this instance, whom to send what. */
export type Router = (notice: Notice, connected: string[]) => Promise<Delivery[]>;

export interface EventBus {
  route(type: string, router: Router): void;
  /** Hears a notice type in this instance (platform wiring: the job queue wakes its workers). */
  on(type: string, handler: (notice: Notice) => void): void;
  /** Takes over the request's socket as an event stream of the signed-in user. */
  open(request: FastifyRequest, raw: ServerResponse, userId: string, sessionId: string): void;
  /** Open streams on this instance (health, tests). */
  readonly size: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    events: EventBus;
  }
}

interface Stream {
  userId: string;
  sessionId: string;
  raw: ServerResponse;
}

const HEARTBEAT_MS = 25_000;
/** Open streams one user may hold on one instance (tabs); a new one beyond closes the oldest. */
export const STREAMS_PER_USER = 8;

export default fp(
  async function events(app: FastifyInstance) {
    const routers = new Map<string, Router>();
    const handlers = new Map<string, ((notice: Notice) => void)[]>();
    const streams = new Set<Stream>();
    const byUser = new Map<string, Set<Stream>>();

    const write = (stream: Stream, event: string, data: unknown) => {
      stream.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };

    const close = (stream: Stream) => {
      if (!streams.delete(stream)) return;
      const mine = byUser.get(stream.userId);
      mine?.delete(stream);
      if (mine?.size === 0) byUser.delete(stream.userId);
      stream.raw.end();
    };

    async function dispatch(notice: Notice): Promise<void> {
      const router = routers.get(notice.type);
      if (!router || byUser.size === 0) return;
      const deliveries = await router(notice, [...byUser.keys()]);
      for (const d of deliveries) for (const stream of byUser.get(d.userId) ?? []) write(stream, d.event, d.data);
    }

    // Streams outlive no session: a session ended anywhere (signed out, revoked, its account
    // disabled) closes its streams here as soon as this instance hears of it (SESSIONS_ENDED); and at
    // each heartbeat the streams whose session ended otherwise (idle, expired), or whose notice was
    // missed, are closed — one query for all of this instance's streams.
    async function heartbeat(): Promise<void> {
      if (streams.size === 0) return;
      const ids = [...new Set([...streams].map((s) => s.sessionId))];
      const live = await liveSessions(app.db, app.clock.now(), app.sessionPolicy).select('id').where('id', 'in', ids).execute();
      const alive = new Set(live.map((r) => r.id));
      for (const stream of [...streams]) {
        if (alive.has(stream.sessionId)) stream.raw.write(': keep-alive\n\n');
        else close(stream);
      }
    }

    function endSessions(ids: unknown): void {
      if (!Array.isArray(ids)) return;
      const ended = new Set(ids);
      for (const stream of [...streams]) if (ended.has(stream.sessionId)) close(stream);
    }

    let listener: pg.Client | null = null;
    let stopping = false;
    async function listen(): Promise<void> {
      const client = new pg.Client({ connectionString: app.config.databaseUrl as string, application_name: 'enlace-events' });
      client.on('notification', (message) => {
        if (message.channel !== CHANNEL || !message.payload) return;
        let notice: Notice;
        try {
          notice = JSON.parse(message.payload) as Notice;
        } catch {
          return;
        }
        if (notice.type === SESSIONS_ENDED) endSessions(notice['sessionIds']);
        for (const handler of handlers.get(notice.type) ?? []) handler(notice);
        dispatch(notice).catch((err: unknown) => app.log.error({ err, type: notice.type }, 'live event not delivered'));
      });
      // A lost listening connection is made again; notices in between are missed, which the
      // browser makes up for by fetching its inbox again whenever its stream reconnects.
      client.on('error', (err) => {
        app.log.warn({ err }, 'event listener connection lost');
        client.end().catch(() => {});
        if (!stopping && listener === client) setTimeout(() => void attempt(), 1000).unref();
        listener = null;
      });
      await client.connect().catch(async (err: unknown) => {
        await client.end().catch(() => {});
        throw err;
      });
      await client.query(`listen ${CHANNEL}`);
      listener = client;
    }

    const timer = setInterval(() => {
      heartbeat().catch((err: unknown) => app.log.warn({ err }, 'event heartbeat failed'));
    }, HEARTBEAT_MS);
    timer.unref();

    const bus: EventBus = {
      route(type, router) {
        routers.set(type, router);
      },
      on(type, handler) {
        handlers.set(type, [...(handlers.get(type) ?? []), handler]);
      },
      open(request, raw, userId, sessionId) {
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-content-type-options': 'nosniff',
          'x-request-id': request.id,
        });
        const stream: Stream = { userId, sessionId, raw };
        streams.add(stream);
        let mine = byUser.get(userId);
        if (!mine) byUser.set(userId, (mine = new Set()));
        mine.add(stream);
        if (mine.size > STREAMS_PER_USER) close(mine.values().next().value!);
        raw.on('close', () => close(stream));
        raw.write('retry: 3000\n\n');
        write(stream, 'ready', {});
      },
      get size() {
        return streams.size;
      },
    };
    app.decorate('events', bus);

    // A database not reachable yet is tried again: the portal starts and /readyz says why not.
    function attempt(): Promise<void> {
      return listen().catch((err: unknown) => {
        app.log.error({ err }, 'event listener could not connect; trying again in 5 s');
        if (!stopping) setTimeout(() => void attempt(), 5000).unref();
      });
    }
    app.addHook('onReady', async () => {
      await attempt();
    });
    app.addHook('preClose', async () => {
      stopping = true;
      clearInterval(timer);
      for (const stream of [...streams]) close(stream);
    });
    app.addHook('onClose', async () => {
      await listener?.end();
    });
  },
  { name: 'events' },
);
