import { sql } from 'kysely';
import type { Actor } from '../../../policies/ability.ts';
import { type Ability, can, permissions } from '../../../policies/ability.ts';
import { MEMBERSHIP_SQL_FIELDS, SPACE_SQL_FIELDS } from '../../../policies/spaces.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { USER_SQL_FIELDS } from '../../../policies/users.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import { createSpaceKey } from '../../platform/crypto/space-keys.ts';
import type { Database } from '../../platform/db/database.ts';
import { isDatabaseError, SQLSTATE } from '../../platform/db/errors.ts';
import type { SpaceRole } from '../../platform/db/schema.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanLine, cleanText } from '../../platform/http/text.ts';
import type { MailSender } from '../../platform/mail/sender.ts';
import { membershipMail } from './mail.ts';

const spaceColumns = [
  'space.id',
  'space.networkId',
  'space.nameEs',
  'space.nameEn',
  'space.descriptionEs',
  'space.descriptionEn',
  'space.opensOn',
  'space.loadingDeadline',
  'network.code as networkCode',
  'network.nameEs as networkNameEs',
  'network.nameEn as networkNameEn',
] as const;

function spaceQuery(db: Database, actor: Actor, ability: Ability) {
  return db
    .selectFrom('space')
    .innerJoin('network', 'network.id', 'space.networkId')
    .leftJoin('membership', (join) => join.onRef('membership.spaceId', '=', 'space.id').on('membership.userId', '=', actor.id))
    .select([...spaceColumns, 'membership.role as myRole'])
    .where(permittedCondition(ability, 'read', 'Space', SPACE_SQL_FIELDS));
}

type SpaceRow = Awaited<ReturnType<ReturnType<typeof spaceQuery>['executeTakeFirstOrThrow']>>;

const SPACE_ROLES: SpaceRole[] = ['officer', 'contact_point', 'substitute', 'observer'];

function grantableRoles(actor: Actor, ability: Ability, spaceId: string, networkId: string, country = actor.country): SpaceRole[] {
  return SPACE_ROLES.filter((role) => can(ability, 'add', 'Membership', { spaceId, networkId, country, role }));
}

function view(actor: Actor, ability: Ability, row: SpaceRow) {
  const object = { id: row.id, networkId: row.networkId };
  const grantable = grantableRoles(actor, ability, row.id, row.networkId);
  return {
    id: row.id,
    network: { id: row.networkId, code: row.networkCode, nameEs: row.networkNameEs, nameEn: row.networkNameEn },
    nameEs: row.nameEs,
    nameEn: row.nameEn,
    descriptionEs: row.descriptionEs,
    descriptionEn: row.descriptionEn,
    opensOn: row.opensOn,
    loadingDeadline: row.loadingDeadline,
    myRole: (row.myRole ?? null) as SpaceRole | null,
    permissions: {
      update: can(ability, 'update', 'Space', object),
      // The Secretariat adds anyone; a contact point or substitute adds officers of its own country.
      manageMembers: grantable.length > 0,
      grantableRoles: grantable,
    },
  };
}

export async function listSpaces(db: Database, actor: Actor, ability: Ability) {
  const rows = await spaceQuery(db, actor, ability).orderBy('space.opensOn', 'desc').orderBy('space.nameEs').execute();
  return rows.map((r) => view(actor, ability, r));
}

/** A space the actor may not read answers 404, exactly like one that does not exist. */
export async function getSpace(db: Database, actor: Actor, ability: Ability, id: string) {
  const row = await spaceQuery(db, actor, ability).where('space.id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  return view(actor, ability, row);
}

/** A space and its key pair, in the caller's transaction: a space never exists without its key. */
export async function createSpace(
  trx: Database,
  keyring: Keyring,
  actorId: string,
  body: {
    networkId: string;
    nameEs: string;
    nameEn: string;
    descriptionEs?: string | undefined;
    descriptionEn?: string | undefined;
    opensOn: string;
    loadingDeadline?: string | undefined;
  },
  now: Date,
): Promise<string> {
  const network = await trx.selectFrom('network').select('id').where('id', '=', body.networkId).executeTakeFirst();
  if (!network) throw new ApiError(400, 'unknown_network', {}, 'body.networkId');
  if (body.loadingDeadline && body.loadingDeadline < body.opensOn) throw new ApiError(400, 'deadline_before_opening', {}, 'body.loadingDeadline');
  const row = await trx
    .insertInto('space')
    .values({
      networkId: body.networkId,
      nameEs: cleanLine(body.nameEs),
      nameEn: cleanLine(body.nameEn),
      descriptionEs: cleanText(body.descriptionEs ?? ''),
      descriptionEn: cleanText(body.descriptionEn ?? ''),
      opensOn: body.opensOn,
      loadingDeadline: body.loadingDeadline ?? sql<string>`(${body.opensOn}::date + interval '4 months')::date`,
      createdBy: actorId,
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await createSpaceKey(trx, keyring, row.id, now);
  return row.id;
}

const CLEANERS: Record<string, (value: string) => string> = {
  nameEs: cleanLine,
  nameEn: cleanLine,
  descriptionEs: cleanText,
  descriptionEn: cleanText,
};

export async function updateSpace(trx: Database, id: string, patch: Record<string, string | undefined>, now: Date): Promise<void> {
  const current = await trx.selectFrom('space').select(['opensOn', 'loadingDeadline']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!current) throw new ApiError(404, 'not_found');
  const opensOn = patch.opensOn ?? current.opensOn;
  const deadline = patch.loadingDeadline ?? current.loadingDeadline;
  if (deadline < opensOn) throw new ApiError(400, 'deadline_before_opening', {}, 'body.loadingDeadline');
  const set = Object.fromEntries(Object.entries(patch).flatMap(([k, v]) => (v === undefined ? [] : [[k, CLEANERS[k]?.(v) ?? v]])));
  await trx
    .updateTable('space')
    .set({ ...set, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function listMembers(db: Database, actor: Actor, ability: Ability, spaceId: string) {
  const rows = await db
    .selectFrom('membership')
    .innerJoin('appUser', 'appUser.id', 'membership.userId')
    .select([
      'membership.userId',
      'membership.networkId',
      'membership.country',
      'membership.role',
      'membership.createdAt',
      'appUser.displayName',
      'appUser.email',
    ])
    .where('membership.spaceId', '=', spaceId)
    .where(permittedCondition(ability, 'read', 'Membership', MEMBERSHIP_SQL_FIELDS))
    .orderBy('membership.country')
    .orderBy('appUser.displayName')
    .execute();
  return rows.map((r) => {
    const { remove } = permissions(ability, 'Membership', { spaceId, networkId: r.networkId, country: r.country, role: r.role }, ['remove'] as const);
    return {
      userId: r.userId,
      displayName: r.displayName,
      email: r.email,
      country: r.country,
      role: r.role,
      since: new Date(r.createdAt).toISOString(),
      permissions: {
        remove,
        // A role change removes the old role and grants another: both must be allowed.
        changeRole: remove && grantableRoles(actor, ability, spaceId, r.networkId, r.country).some((role) => role !== r.role),
      },
    };
  });
}

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
