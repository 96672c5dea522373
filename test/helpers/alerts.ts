import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import * as openpgp from 'openpgp';
import type { TestApp } from './app.ts';
import { type SignedIn, signIn } from './users.ts';
import type { World } from './world.ts';

/** A valid alert body for the world's space (urgent unless said otherwise), valid for a week from the clock. */
export function alertBody(env: TestApp, world: World, overrides: Record<string, unknown> = {}) {
  const now = env.clock.now();
  return {
    spaceId: world.spaceId,
    title: 'Pasaportes falsificados en ruta Tapachula',
    body: 'Se detectaron pasaportes con sustitución de fotografía en el puesto fronterizo.',
    severity: 'urgent',
    targetCountries: ['MEX', 'GTM'],
    targetOrganisations: [],
    ports: ['Ciudad Hidalgo'],
    validFrom: now.toISOString(),
    validUntil: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    tlp: 'AMBER',
    ...overrides,
  };
}

/** A migration authority (not a network member) and one of its users, signed in. */
export async function borderAuthority(
  env: TestApp,
  world: World,
  country = 'MEX',
  language: 'es' | 'en' = 'en',
): Promise<{ organisationId: string; user: SignedIn }> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: world.secretariat.headers,
    payload: {
      code: `${country}-INM-${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
      country,
      kind: 'migration_authority',
      nameEs: 'Instituto',
      nameEn: 'Institute',
    },
  });
  if (res.statusCode !== 201) throw new Error(`organisation: ${res.statusCode} ${res.body}`);
  const organisationId = res.json().id as string;
  const user = await signIn(env.app, env.database.db, env.clock, { country, language });
  await env.database.db.updateTable('appUser').set({ organisationId }).where('id', '=', user.user.id).execute();
  return { organisationId, user };
}

/** Registers an OpenPGP key for a user (as the profile does) and returns its private half. */
export async function giveKey(env: TestApp, who: SignedIn, date = new Date(env.clock.now().getTime() - 86_400_000)): Promise<openpgp.PrivateKey> {
  // Made on the portal's (test) clock, by which the portal encrypts to it.
  const { publicKey, privateKey } = await openpgp.generateKey({
    type: 'curve25519',
    userIDs: [{ email: 'recipient@example.org' }],
    date,
    format: 'armored',
  });
  const key = await openpgp.readKey({ armoredKey: publicKey });
  await env.database.db
    .updateTable('appUser')
    .set({ pgpPublicKey: publicKey, pgpFingerprint: key.getFingerprint().toUpperCase() })
    .where('id', '=', who.user.id)
    .execute();
  return openpgp.readPrivateKey({ armoredKey: privateKey });
}

export interface LiveEvent {
  event: string;
  data: Record<string, unknown>;
}

/** A real SSE client on a listening app: events as they come, `next(name)` resolves with the next of that name. */
export async function openEvents(app: FastifyInstance, who: SignedIn) {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app must listen');
  const events: LiveEvent[] = [];
  const waiters: { name: string; from: number; resolve: (e: LiveEvent) => void }[] = [];
  let status = 0;
  let contentType = '';
  let ended: () => void = () => {};
  const end = new Promise<void>((resolve) => (ended = resolve));
  const request = http.get({
    host: '127.0.0.1',
    port: address.port,
    path: '/api/events',
    headers: { cookie: who.cookie, accept: 'text/event-stream' },
  });
  const opened = new Promise<void>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (res) => {
      status = res.statusCode ?? 0;
      contentType = String(res.headers['content-type'] ?? '');
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (!name || !data) continue;
          events.push({ event: name, data: JSON.parse(data) });
          for (const w of [...waiters]) {
            const found = events.slice(w.from).find((e) => e.event === w.name);
            if (found) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(found);
            }
          }
          if (name === 'ready') resolve();
        }
      });
      res.on('end', () => {
        resolve();
        ended();
      });
    });
  });
  let cursor = 0;
  return {
    opened,
    /** Resolves when the server ends the stream. */
    end,
    events,
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
    /** The next event of this name after the last one taken. */
    next(name: string): Promise<LiveEvent> {
      const from = cursor;
      const found = events.slice(from).find((e) => e.event === name);
      const take = (e: LiveEvent) => {
        cursor = events.indexOf(e) + 1;
        return e;
      };
      if (found) return Promise.resolve(take(found));
      return new Promise((resolve) => waiters.push({ name, from, resolve: (e) => resolve(take(e)) }));
    },
    close() {
      request.destroy();
    },
  };
}
