import { abilityFor } from '../../policies/ability.ts';
import { actorFor } from '../../server/platform/access.ts';
import type { Database } from '../../server/platform/db/database.ts';
import { createItem, type Item, type ItemKind, transitionItem } from '../../server/platform/items/base.ts';
import type { TestApp } from './app.ts';
import { type SignedIn, signIn } from './users.ts';

export interface World {
  spaceId: string;
  networkId: string;
  secretariat: SignedIn;
  /** A Costa Rican officer, the contact point of Costa Rica, a Guatemalan officer, an IOM observer, an auditor. */
  officer: SignedIn;
  contact: SignedIn;
  foreign: SignedIn;
  observer: SignedIn;
  auditor: SignedIn;
  /** A draft item made by the officer (through the item base, as a kind's create route does). */
  item(options?: { tlp?: Item['tlp']; kind?: ItemKind; by?: SignedIn }): Promise<Item>;
  /** Moves an item through submit and publish (the officer submits, the contact point validates). */
  publish(itemId: string): Promise<void>;
}

/**
 * A network and a space made through the API (so the space has its key), with members of every
 * kind signed in. Used by every feature test that needs a living space.
 */
export async function buildWorld(env: TestApp): Promise<World> {
  const { app, database, clock } = env;
  const db: Database = database.db;
  const secretariat = await signIn(app, db, clock, { roles: ['secretariat'], country: 'SV' });
  const post = async (url: string, payload: unknown) => {
    const res = await app.inject({ method: 'POST', url, headers: secretariat.headers, payload: payload as object });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const network = await post('/api/networks', { code: `nw-${Math.random().toString(36).slice(2, 8)}`, nameEs: 'Red', nameEn: 'Network' });
  const space = await post('/api/spaces', { networkId: network.id, nameEs: 'Espacio', nameEn: 'Space', opensOn: '2026-03-01' });
  const member = async (country: string, role: 'officer' | 'contact_point' | 'observer') => {
    const person = await signIn(app, db, clock, { country });
    await post(`/api/spaces/${space.id}/members`, { userId: person.user.id, role });
    return person;
  };
  const officer = await member('CRI', 'officer');
  const contact = await member('CRI', 'contact_point');
  const foreign = await member('GTM', 'officer');
  const observer = await member('IOM', 'observer');
  const auditor = await signIn(app, db, clock, { roles: ['auditor'], country: 'PAN' });
  const actorOf = async (who: SignedIn) => {
    const user = await db.selectFrom('appUser').selectAll().where('id', '=', who.user.id).executeTakeFirstOrThrow();
    const actor = await actorFor(db, user);
    return { actor, ability: abilityFor(actor) };
  };
  return {
    spaceId: space.id,
    networkId: network.id,
    secretariat,
    officer,
    contact,
    foreign,
    observer,
    auditor,
    async item(options = {}) {
      const { actor, ability } = await actorOf(options.by ?? officer);
      return createItem(db, actor, ability, options.kind ?? 'report', space.id, { tlp: options.tlp ?? 'GREEN' }, clock.now());
    },
    async publish(itemId) {
      await transitionItem(db, (await actorOf(officer)).ability, null, itemId, 'submit', clock.now());
      await transitionItem(db, (await actorOf(contact)).ability, null, itemId, 'publish', clock.now());
    },
  };
}

/** Adds a signed-in person to the world's space with `role`, as the Secretariat does. */
export async function addMember(env: TestApp, world: World, person: SignedIn, role: 'officer' | 'contact_point' | 'substitute' | 'observer') {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/spaces/${world.spaceId}/members`,
    headers: world.secretariat.headers,
    payload: { userId: person.user.id, role },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
}

export interface MultipartPart {
  name: string;
  /** Present for a file part. */
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** A multipart/form-data body for app.inject. */
export function multipart(parts: MultipartPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----enlace-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename !== undefined ? `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
