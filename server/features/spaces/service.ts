import { sql } from 'kysely';
import type { Actor } from '../../../policies/ability.ts';
import { type Ability, can, permissions } from '../../../policies/ability.ts';
import { MEMBERSHIP_SQL_FIELDS, SPACE_SQL_FIELDS } from '../../../policies/spaces.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import { createSpaceKey } from '../../platform/crypto/space-keys.ts';
import type { Database } from '../../platform/db/database.ts';
import type { SpaceRole } from '../../platform/db/schema.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanLine, cleanText } from '../../platform/http/text.ts';

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
