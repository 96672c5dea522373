import { AbilityBuilder, createMongoAbility, ForbiddenError, type MongoAbility, subject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import type { Actor } from './actor.ts';
import { auditRules } from './audit.ts';
import { commitmentRules } from './commitments.ts';
import { directoryRules } from './directory.ts';
import { entryRequirementRules } from './entry-requirements.ts';
import { followupRules } from './followup.ts';
import { itemRules } from './items.ts';
import { libraryRules } from './library.ts';
import { meetingRules } from './meetings.ts';
import { returnRules } from './returns.ts';
import { spaceRules } from './spaces.ts';
import { userRules } from './users.ts';

export type { Actor, Membership, SpaceRole } from './actor.ts';

export type Ability = MongoAbility;

/** The ability of one actor for one request, built from every rule file. Deny by default. */
export function abilityFor(actor: Actor): Ability {
  const builder = new AbilityBuilder<MongoAbility>(createMongoAbility);
  userRules(actor, builder);
  spaceRules(actor, builder);
  itemRules(actor, builder);
  auditRules(actor, builder);
  followupRules(actor, builder);
  commitmentRules(actor, builder);
  returnRules(actor, builder);
  entryRequirementRules(actor, builder);
  directoryRules(actor, builder);
  meetingRules(actor, builder);
  libraryRules(actor, builder);
  return builder.build();
}

/** Throws ForbiddenError when the actor may not act on the subject (the HTTP layer makes it a 403). */
export function authorize(ability: Ability, action: string, type: string, object?: Record<string, unknown>): void {
  ForbiddenError.from(ability).throwUnlessCan(action, object ? subject(type, { ...object }) : type);
}

export function can(ability: Ability, action: string, type: string, object: Record<string, unknown>): boolean {
  return ability.can(action, subject(type, { ...object }));
}

/** The fields of an object the actor may read (auditors and the Presidency: metadata only). */
export function readableFields(ability: Ability, type: string, object: Record<string, unknown>, all: readonly string[]): string[] {
  return permittedFieldsOf(ability, 'read', subject(type, { ...object }), { fieldsFrom: (rule) => rule.fields ?? [...all] });
}

/** Which actions the actor may take on an object: the web app shows only these (outline's `serialize`). */
export function permissions<A extends string>(
  ability: Ability,
  type: string,
  object: Record<string, unknown>,
  actions: readonly A[],
): Record<A, boolean> {
  const subjectObject = subject(type, { ...object });
  return Object.fromEntries(actions.map((a) => [a, ability.can(a, subjectObject)])) as Record<A, boolean>;
}

export { ForbiddenError };
