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

export default fp(
  async function access(app: FastifyInstance) {
    app.decorateRequest('access', function (this: FastifyRequest) {
      let found = cache.get(this);
      if (!found) {
        const { user, memberships } = currentUser(this);
        // The memberships came with the session (one query); a session set another way reads them.
        const actor = memberships ? Promise.resolve(actorOf(user, memberships)) : actorFor(app.db, user);
        found = actor.then((a) => ({ actor: a, ability: cachedAbility(a) }));
        cache.set(this, found);
      }
      return found;
    });
  },
  { name: 'enlace-access', dependencies: ['enlace-auth'] },
);
