import { AbilityBuilder, createMongoAbility, ForbiddenError, type MongoAbility, subject } from '@casl/ability';
import { userRules } from './users.ts';

/** What the policy knows of the person asking: attributes, never a database handle. */
export interface Actor {
  id: string;
  country: string;
  organisation: string;
  roles: readonly string[];
}

export type Ability = MongoAbility;

/** The ability of one actor for one request, built from every rule file. Deny by default. */
export function abilityFor(actor: Actor): Ability {
  const builder = new AbilityBuilder<MongoAbility>(createMongoAbility);
  userRules(actor, builder);
  return builder.build();
}

/** Throws ForbiddenError when the actor may not act on the subject (the HTTP layer makes it a 403). */
export function authorize(ability: Ability, action: string, type: string, object?: Record<string, unknown>): void {
  ForbiddenError.from(ability).throwUnlessCan(action, object ? subject(type, { ...object }) : type);
}

export { ForbiddenError };
