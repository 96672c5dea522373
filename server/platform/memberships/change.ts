import type { Actor } from '../../../policies/ability.ts';
import { type Ability, can } from '../../../policies/ability.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { USER_SQL_FIELDS } from '../../../policies/users.ts';
import type { Database } from '../db/database.ts';
import { isDatabaseError, SQLSTATE } from '../db/errors.ts';
import type { SpaceRole } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';
import type { MailSender } from '../mail/sender.ts';
import { membershipMail } from './mail.ts';

/**
 * Membership changes, shared by the spaces (members added, changed, removed) and the directory (a
 * contact point appointing its country's substitute): each checked against the policy on the
 * membership as it would be, recorded in `membership_change` and mailed to the member, in the
 * caller's transaction (whose audit entry commits with it).
 */
export interface MembershipContext {
  /** The change's transaction (its audit entry commits with it). */
  db: Database;
  mail: MailSender;
  actor: Actor;
  ability: Ability;
  now: Date;
  portalUrl: string;
}

/**
 * Adds a member, or changes their role when `replace` is set; returns what the audit entry says of
 * it. The caller has checked that the actor manages this space's members at all. The account is
 * looked up among those the actor may see (the Secretariat: all; a contact point: its country's
 * active accounts), so an account that exists elsewhere answers like one that does not. The policy
 * decides on the membership as it would be (space, network, the member's country, the role); the
 * database enforces one contact point and one substitute per country per network. Mailed.
 */
export async function setMembership(ctx: MembershipContext, spaceId: string, userId: string, role: SpaceRole, replace: boolean) {
  const { db: trx, ability, actor, now } = ctx;
  const space = await trx
    .selectFrom('space')
    .select(['space.id', 'space.networkId', 'space.nameEs', 'space.nameEn'])
    .where('space.id', '=', spaceId)
    .executeTakeFirst();
  if (!space) throw new ApiError(404, 'not_found');
  const user = await trx
    .selectFrom('appUser')
    .selectAll()
    .where('id', '=', userId)
    .where('status', '<>', 'disabled')
    .where(permittedCondition(ability, 'read', 'User', USER_SQL_FIELDS))
    .executeTakeFirst();
  if (!user) throw new ApiError(400, 'unknown_user', {}, 'body.userId');
  const existing = await trx
    .selectFrom('membership')
    .select('role')
    .where('spaceId', '=', spaceId)
    .where('userId', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (existing && !replace) throw new ApiError(409, 'already_member', {}, 'body.userId');
  if (!existing && replace) throw new ApiError(404, 'not_found');
  const object = { spaceId, networkId: space.networkId, country: user.country };
  if (!can(ability, 'add', 'Membership', { ...object, role })) throw new ApiError(403, 'forbidden');
  if (existing && !can(ability, 'remove', 'Membership', { ...object, role: existing.role })) throw new ApiError(403, 'forbidden');
  // A deactivated organisation receives no new memberships; observers' and partners' people observe only.
  const organisation = user.organisationId
    ? await trx.selectFrom('organisation').select(['kind', 'deactivatedAt']).where('id', '=', user.organisationId).executeTakeFirst()
    : undefined;
  if (organisation?.deactivatedAt && !replace) throw new ApiError(409, 'organisation_inactive', {}, 'body.userId');
  if ((organisation?.kind === 'observer' || organisation?.kind === 'partner') && role !== 'observer')
    throw new ApiError(409, 'observer_only', {}, 'body.role');
  try {
    await trx
      .insertInto('membership')
      .values({ spaceId, userId, networkId: space.networkId, country: user.country, role, createdBy: actor.id, createdAt: now })
      .onConflict((oc) => oc.columns(['spaceId', 'userId']).doUpdateSet({ role, createdBy: actor.id }))
      .execute();
  } catch (err) {
    if (isDatabaseError(err, SQLSTATE.exclusionViolation))
      throw new ApiError(409, role === 'substitute' ? 'substitute_taken' : 'contact_point_taken', {}, 'body.role');
    throw err;
  }
  await trx
    .insertInto('membershipChange')
    .values({
      spaceId,
      userId,
      change: existing ? 'role_changed' : 'added',
      role,
      previousRole: existing?.role ?? null,
      changedBy: actor.id,
      changedAt: now,
    })
    .execute();
  await ctx.mail.send(membershipMail(existing ? 'role_changed' : 'added', user, { nameEs: space.nameEs, nameEn: space.nameEn }, role, ctx.portalUrl));
  return { role, previousRole: existing?.role ?? null, memberCountry: user.country };
}

export async function removeMembership(ctx: MembershipContext, spaceId: string, userId: string) {
  const { db: trx, ability, actor, now } = ctx;
  const row = await trx
    .selectFrom('membership')
    .innerJoin('space', 'space.id', 'membership.spaceId')
    .innerJoin('appUser', 'appUser.id', 'membership.userId')
    .select(['membership.role', 'membership.networkId', 'membership.country', 'space.nameEs', 'space.nameEn'])
    .selectAll('appUser')
    .where('membership.spaceId', '=', spaceId)
    .where('membership.userId', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  if (!can(ability, 'remove', 'Membership', { spaceId, networkId: row.networkId, country: row.country, role: row.role })) {
    throw new ApiError(403, 'forbidden');
  }
  await trx.deleteFrom('membership').where('spaceId', '=', spaceId).where('userId', '=', userId).execute();
  await trx
    .insertInto('membershipChange')
    .values({ spaceId, userId, change: 'removed', role: null, previousRole: row.role, changedBy: actor.id, changedAt: now })
    .execute();
  await ctx.mail.send(membershipMail('removed', row, { nameEs: row.nameEs, nameEn: row.nameEn }, row.role, ctx.portalUrl));
  return { previousRole: row.role, memberCountry: row.country };
}
