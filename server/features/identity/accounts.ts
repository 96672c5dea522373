import type { Static } from 'typebox';
import type { Ability } from '../../../policies/ability.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { USER_SQL_FIELDS } from '../../../policies/users.ts';
import { type Config, portalUrl } from '../../config.ts';
import { revokeUserSessions, type SessionUser, type User } from '../../platform/auth/sessions.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import { type Database, inTransaction } from '../../platform/db/database.ts';
import { isDatabaseError, SQLSTATE } from '../../platform/db/errors.ts';
import type { GlobalRole } from '../../platform/db/schema.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanLine } from '../../platform/http/text.ts';
import type { Language } from '../../platform/i18n/language.ts';
import type { MailSender } from '../../platform/mail/sender.ts';
import { placesOf } from '../../platform/reference/places.ts';
import { tokenMail } from './mail.ts';
import type { InvitationBody, UserView } from './schemas.ts';

export const INVITATION_TTL_MS = 72 * 3_600_000;
export const RESET_TTL_MS = 3_600_000;

/**
 * A person belongs to an active organisation of their own country (or code): anything else is
 * refused. A deactivated organisation receives no new people.
 */
async function checkOrganisation(db: Database, organisationId: string, country: string): Promise<void> {
  const organisation = await db.selectFrom('organisation').select(['country', 'deactivatedAt']).where('id', '=', organisationId).executeTakeFirst();
  if (!organisation) throw new ApiError(400, 'unknown_organisation', {}, 'body.organisationId');
  if (organisation.country !== country) throw new ApiError(400, 'organisation_elsewhere', {}, 'body.organisationId');
  if (organisation.deactivatedAt) throw new ApiError(409, 'organisation_inactive', {}, 'body.organisationId');
}

/**
 * Where a person may be placed: a member country, the Secretariat's own code, or the code of a
 * registered organisation that stands in a country's place (observers, partners), which must be
 * active. Which organisations exist is the table's answer, not a list in code.
 */
export async function placeOf(db: Database, country: string): Promise<'ok' | 'unknown' | 'inactive'> {
  return (await placesOf(db, [country])).get(country) ?? 'unknown';
}

async function checkPlace(db: Database, country: string): Promise<void> {
  const place = await placeOf(db, country);
  if (place === 'unknown') throw new ApiError(400, 'invalid_country', { code: country }, 'body.country');
  if (place === 'inactive') throw new ApiError(409, 'organisation_inactive', {}, 'body.country');
}

/** Unused recovery codes per account, for any number of accounts in one query. */
async function recoveryCodesLeft(db: Database, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('recoveryCode')
    .select(['userId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('userId', 'in', userIds)
    .where('usedAt', 'is', null)
    .groupBy('userId')
    .execute();
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

export async function userViews(db: Database, users: SessionUser[]): Promise<Static<typeof UserView>[]> {
  const left = await recoveryCodesLeft(
    db,
    users.map((u) => u.id),
  );
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    country: user.country,
    organisation: user.organisation,
    organisationId: user.organisationId,
    language: user.language,
    status: user.status,
    roles: user.roles,
    twoFactor: { enabled: user.totpEnabledAt !== null, recoveryCodesLeft: left.get(user.id) ?? 0 },
    pgpFingerprint: user.pgpFingerprint,
    createdAt: new Date(user.createdAt).toISOString(),
  }));
}

export async function userView(db: Database, user: SessionUser): Promise<Static<typeof UserView>> {
  const [view] = await userViews(db, [user]);
  return view!;
}

export interface NewUser {
  id?: string;
  email: string;
  displayName: string;
  country: string;
  organisation: string;
  organisationId?: string | undefined;
  language?: Language;
  roles?: GlobalRole[];
  status: 'invited' | 'active';
  passwordHash?: string;
  /** Already sealed under the master key. */
  totpSecret?: string;
}

export async function insertUser(db: Database, input: NewUser, now: Date): Promise<User> {
  try {
    return await db
      .insertInto('appUser')
      .values({
        ...(input.id ? { id: input.id } : {}),
        email: input.email.trim(),
        displayName: cleanLine(input.displayName),
        country: input.country,
        organisation: cleanLine(input.organisation),
        organisationId: input.organisationId ?? null,
        language: input.language ?? 'es',
        roles: input.roles ?? [],
        status: input.status,
        passwordHash: input.passwordHash ?? null,
        passwordChangedAt: input.passwordHash ? now : null,
        totpSecret: input.totpSecret ?? null,
        totpEnabledAt: input.totpSecret ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (err) {
    if (isDatabaseError(err, SQLSTATE.uniqueViolation)) throw new ApiError(409, 'email_taken', {}, 'body.email');
    throw err;
  }
}

async function issueToken(db: Database, userId: string, purpose: 'invitation' | 'reset', now: Date, createdBy: string | null): Promise<string> {
  const token = randomToken();
  // One live link per purpose: a new one retires the old.
  await db
    .updateTable('oneTimeToken')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .execute();
  await db
    .insertInto('oneTimeToken')
    .values({
      userId,
      purpose,
      tokenHash: hashToken(token),
      createdBy,
      createdAt: now,
      expiresAt: new Date(now.getTime() + (purpose === 'invitation' ? INVITATION_TTL_MS : RESET_TTL_MS)),
    })
    .execute();
  return token;
}

export interface Services {
  db: Database;
  config: Config;
  mail: MailSender;
  now: Date;
}

/**
 * The Secretariat invites someone: the account exists at once as `invited`, and a single-use
 * link goes out by mail. The row and the token are written together; if the mail cannot be
 * handed to the relay, nothing stays behind and the caller sees the error.
 */
export async function invite({ db, config, mail, now }: Services, invitedBy: string, body: Static<typeof InvitationBody>): Promise<User> {
  return inTransaction(db, async (trx) => {
    await checkPlace(trx, body.country);
    if (body.organisationId) await checkOrganisation(trx, body.organisationId, body.country);
    const user = await insertUser(trx, { ...body, status: 'invited' }, now);
    const token = await issueToken(trx, user.id, 'invitation', now, invitedBy);
    await mail.send(tokenMail('invitation', user.email, user.displayName, user.language, `${portalUrl(config)}/invitation#${token}`));
    return user;
  });
}

/** The live token's user, marking the token used, or 400 invalid_token. Runs inside the caller's transaction. */
async function consumeToken(db: Database, token: string, purpose: 'invitation' | 'reset', now: Date): Promise<User> {
  const row = await db
    .updateTable('oneTimeToken')
    .set({ usedAt: now })
    .where('tokenHash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returning('userId')
    .executeTakeFirst();
  const user = row && (await db.selectFrom('appUser').selectAll().where('id', '=', row.userId).executeTakeFirst());
  const expected = purpose === 'invitation' ? 'invited' : 'active';
  if (!user || user.status !== expected) throw new ApiError(400, 'invalid_token', {}, 'body.token');
  return user;
}

export async function acceptInvitation(db: Database, token: string, passwordHash: string, now: Date): Promise<User> {
  return inTransaction(db, async (trx) => {
    const user = await consumeToken(trx, token, 'invitation', now);
    return trx
      .updateTable('appUser')
      .set({ passwordHash, passwordChangedAt: now, status: 'active', updatedAt: now })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Always quiet: the answer is the same whether or not the address has an account. */
export async function requestReset({ db, config, mail, now }: Services, email: string): Promise<void> {
  const user = await db.selectFrom('appUser').selectAll().where('email', '=', email.trim()).where('status', '=', 'active').executeTakeFirst();
  if (!user) return;
  await inTransaction(db, async (trx) => {
    const token = await issueToken(trx, user.id, 'reset', now, null);
    await mail.send(tokenMail('reset', user.email, user.displayName, user.language, `${portalUrl(config)}/reset#${token}`));
  });
}

/** A new password ends every session of the account. */
export async function completeReset(db: Database, token: string, passwordHash: string, now: Date): Promise<User> {
  return inTransaction(db, async (trx) => {
    const user = await consumeToken(trx, token, 'reset', now);
    await trx.updateTable('appUser').set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where('id', '=', user.id).execute();
    await revokeUserSessions(trx, user.id, now);
    return user;
  });
}

export interface UserFilter {
  status?: string | undefined;
  country?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** Accounts the actor may list (the policy, in SQL), newest first; `q` matches name or e-mail. */
export async function listUsers(db: Database, ability: Ability, filter: UserFilter): Promise<{ total: number; users: User[] }> {
  let query = db.selectFrom('appUser').where(permittedCondition(ability, 'list', 'User', USER_SQL_FIELDS));
  if (filter.status) query = query.where('status', '=', filter.status as User['status']);
  if (filter.country) query = query.where('country', '=', filter.country);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('displayName', 'ilike', like), eb('email', 'ilike', like)]));
  }
  const [{ total }, users] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .selectAll()
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
  ]);
  return { total: Number(total), users };
}

/**
 * Status and global roles. Both change what the account may do, so its sessions end: it signs
 * in again with what it now is (a new token at any privilege change).
 */
export async function updateUserAccess(
  db: Database,
  id: string,
  change: {
    status?: 'active' | 'locked' | 'disabled' | undefined;
    roles?: GlobalRole[] | undefined;
    organisationId?: string | null | undefined;
  },
  now: Date,
): Promise<User> {
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom('appUser').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!user) throw new ApiError(404, 'not_found');
    if (change.status && user.status === 'invited') throw new ApiError(409, 'user_not_active', {}, 'body.status');
    if (change.organisationId) await checkOrganisation(trx, change.organisationId, user.country);
    const updated = await trx
      .updateTable('appUser')
      .set({
        ...(change.status ? { status: change.status } : {}),
        ...(change.roles ? { roles: [...new Set(change.roles)] } : {}),
        ...(change.organisationId !== undefined ? { organisationId: change.organisationId } : {}),
        updatedAt: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await revokeUserSessions(trx, id, now);
    return updated;
  });
}

/** A fresh link for someone who has not accepted yet (the old link stops working). */
export async function resendInvitation({ db, config, mail, now }: Services, id: string, by: string): Promise<User> {
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
    if (!user) throw new ApiError(404, 'not_found');
    if (user.status !== 'invited') throw new ApiError(409, 'user_not_invited');
    const token = await issueToken(trx, user.id, 'invitation', now, by);
    await mail.send(tokenMail('invitation', user.email, user.displayName, user.language, `${portalUrl(config)}/invitation#${token}`));
    return user;
  });
}
