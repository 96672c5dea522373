import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Ability, type Actor, abilityFor, type Membership } from '../../policies/ability.ts';
import { currentUser } from './auth/plugin.ts';
import type { User } from './auth/sessions.ts';
import type { Database } from './db/database.ts';

/** The policy's view of a user: attributes and memberships, read once per request. */
export async function actorFor(db: Database, user: Pick<User, 'id' | 'country' | 'organisationId' | 'roles'>): Promise<Actor> {
  const memberships = await db
    .selectFrom('membership')
    .select(['spaceId', 'networkId', 'role'])
    .where('userId', '=', user.id)
    .orderBy('spaceId')
    .execute();
  return actorOf(user, memberships);
}

export function actorOf(user: Pick<User, 'id' | 'country' | 'organisationId' | 'roles'>, memberships: readonly Membership[]): Actor {
  return { id: user.id, country: user.country, organisationId: user.organisationId, roles: user.roles, memberships };
}

export interface Access {
  actor: Actor;
  ability: Ability;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user's actor and CASL ability for this request (built on first use). */
    access(): Promise<Access>;
  }
}

const cache = new WeakMap<FastifyRequest, Promise<Access>>();

/**
 * Abilities by the attributes they are built from. An ability is a pure function of the actor
 * (attributes and memberships, read afresh on every request), so equal actors share one — and with
 * it the SQL conditions translated from it (policies/sql.ts memoises per ability).
 */
const abilities = new Map<string, Ability>();
const ABILITY_CACHE = 1000;

export function cachedAbility(actor: Actor): Ability {
  const key = JSON.stringify([actor.id, actor.country, actor.organisationId, actor.roles, actor.memberships]);
  let ability = abilities.get(key);
  if (ability) {
    abilities.delete(key);
  } else {
    ability = abilityFor(actor);
    if (abilities.size >= ABILITY_CACHE) abilities.delete(abilities.keys().next().value!);
  }
  abilities.set(key, ability);
  return ability;
}

/**
 * The ability each session's last request resolved to, by the session token's hash: what a route's
 * lookup is made under in the session's own statement (items/base.ts, `prefetchItem`). Only a guess to save a
 * round trip — the request uses that lookup only when its own ability, built from the session row
 * of that same statement, is this very ability object (`cachedAbility` keys abilities by actor).
 */
const lastAbilities = new Map<string, Ability>();
const LAST_ABILITIES = 10_000;

export function lastAbility(tokenHash: Buffer): Ability | undefined {
  return lastAbilities.get(tokenHash.toString('base64'));
}

function rememberAbility(tokenHash: Buffer, ability: Ability): void {
  const key = tokenHash.toString('base64');
  if (lastAbilities.get(key) === ability) return;
  lastAbilities.delete(key);
  if (lastAbilities.size >= LAST_ABILITIES) lastAbilities.delete(lastAbilities.keys().next().value!);
  lastAbilities.set(key, ability);
}

export default fp(
  async function access(app: FastifyInstance) {
    app.decorateRequest('access', function (this: FastifyRequest) {
      let found = cache.get(this);
      if (!found) {
        const { user, memberships, session } = currentUser(this);
        // The memberships came with the session (one query); a session set another way reads them.
        const actor = memberships ? Promise.resolve(actorOf(user, memberships)) : actorFor(app.db, user);
        found = actor.then((a) => {
          const ability = cachedAbility(a);
          if (session?.tokenHash) rememberAbility(session.tokenHash, ability);
          return { actor: a, ability };
        });
        cache.set(this, found);
      }
      return found;
    });
  },
  { name: 'enlace-access', dependencies: ['enlace-auth'] },
);
