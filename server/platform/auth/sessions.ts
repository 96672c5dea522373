import { type Selectable, sql } from 'kysely';
import type { Membership } from '../../../policies/ability.ts';
import { CompiledOnce } from '../db/compiled.ts';
import type { Database } from '../db/database.ts';
import type { AppUserTable, SessionStage, UserSessionTable } from '../db/schema.ts';
import { notifySessionsEnded } from '../events/channel.ts';
import { hashToken, randomToken } from './tokens.ts';

export type User = Selectable<AppUserTable>;
/**
 * What a request knows of its user: the account without its secrets and its public key (the
 * password hash, the second factor's secrets and last step, the OpenPGP key). Those are read by
 * the few routes that need them (`withSecrets`), not on every request.
 */
const USER_COLUMNS = [
  'id',
  'email',
  'displayName',
  'country',
  'organisation',
  'language',
  'status',
  'roles',
  'passwordChangedAt',
  'totpEnabledAt',
  'pgpFingerprint',
  'organisationId',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof User)[];
export type SessionUser = Pick<User, (typeof USER_COLUMNS)[number]>;

/** The whole account, its secrets included: for the routes that check or change them. */
export const withSecrets = (db: Database, id: string): Promise<User> =>
  db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
export type Session = Selectable<UserSessionTable>;

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** The idle and absolute timeouts the configuration sets. */
export const sessionPolicy = (config: { sessionIdleMinutes: number; sessionAbsoluteHours: number }): SessionPolicy => ({
  idleMs: config.sessionIdleMinutes * 60_000,
  absoluteMs: config.sessionAbsoluteHours * 3_600_000,
});

/** A user's live sessions, most recently used first. */
export const userSessions = (db: Database, userId: string, now: Date, policy: SessionPolicy) =>
  liveSessions(db, now, policy).selectAll().where('userId', '=', userId).orderBy('lastSeenAt', 'desc').execute();

/** Ends one of a user's own live sessions; false when there is no such session of theirs. */
export async function revokeOwnSession(db: Database, userId: string, id: string, now: Date): Promise<boolean> {
  const ended = await db
    .updateTable('userSession')
    .set({ revokedAt: now })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .returning('id')
    .execute();
  await notifySessionsEnded(
    db,
    ended.map((s) => s.id),
  );
  return ended.length > 0;
}

export interface IssuedSession {
  session: Session;
  /** Goes into the cookie, never stored. */
  token: string;
  /** Returned to the client once; every state-changing request sends it back in x-csrf-token. */
  csrfToken: string;
}

// last_seen_at is written at most once a minute per session, not on every request.
const TOUCH_EVERY_MS = 60_000;

export async function issueSession(
  db: Database,
  input: { userId: string; stage: SessionStage; clientAddress?: string; userAgent?: string },
  now: Date,
  policy: SessionPolicy,
): Promise<IssuedSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const session = await db
    .insertInto('userSession')
    .values({
      userId: input.userId,
      tokenHash: hashToken(token),
      csrfHash: hashToken(csrfToken),
      stage: input.stage,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + policy.absoluteMs),
      clientAddress: input.clientAddress ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { session, token, csrfToken };
}

/** Sessions neither revoked, nor past their absolute end, nor idle too long: the one definition of "live". */
export function liveSessions(db: Database, now: Date, policy: SessionPolicy) {
  return liveAt(db, now, new Date(now.getTime() - policy.idleMs));
}

const liveAt = (db: Database, now: Date, idleSince: Date) =>
  db.selectFrom('userSession').where('revokedAt', 'is', null).where('expiresAt', '>', now).where('lastSeenAt', '>', idleSince);

const SESSION_COLUMNS = [
  'id',
  'userId',
  'tokenHash',
  'csrfHash',
  'stage',
  'createdAt',
  'lastSeenAt',
  'expiresAt',
  'clientAddress',
  'userAgent',
  'revokedAt',
] as const;
const prefixed = (column: string) => `session${column[0]!.toUpperCase()}${column.slice(1)}`;
const userPrefixed = (column: string) => `sessionAccount${column[0]!.toUpperCase()}${column.slice(1)}`;

/** A user's memberships as the policy takes them (ordered as `actorFor` reads them), as one JSON column. */
export const membershipsOf = (userColumn: string) =>
  sql<
    Membership[]
  >`coalesce((select json_agg(json_build_object('spaceId', m.space_id, 'networkId', m.network_id, 'role', m.role) order by m.space_id) from membership m where m.user_id = ${sql.ref(userColumn)}), '[]'::json)`;

/** Each column and its name in the statement: the statement selects by them, and every request splits its row by them. */
const SESSION_NAMES = SESSION_COLUMNS.map((c) => [c, prefixed(c)] as const);
const USER_NAMES = USER_COLUMNS.map((c) => [c, userPrefixed(c)] as const);
function unprefixed(record: Record<string, unknown>, names: readonly (readonly [string, string])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, name] of names) out[column] = record[name];
  return out;
}

export type SessionParam = 'now' | 'idleSince' | 'tokenHash';

/**
 * The live session for a token hash, its active user and the user's memberships, every column
 * prefixed (`session…`, `sessionAccount…`, `sessionMemberships`) so that a lookup joined to it
 * (`Alongside`) keeps its own names.
 */
export const sessionQuery = (db: Database, p: Record<SessionParam, never>) =>
  liveAt(db, p.now, p.idleSince)
    .innerJoin('appUser as u', 'u.id', 'userSession.userId')
    .select(USER_NAMES.map(([c, name]) => `u.${c} as ${name}` as 'u.id'))
    .select(SESSION_NAMES.map(([c, name]) => `userSession.${c} as ${name}` as 'userSession.id'))
    .select(membershipsOf('u.id').as('sessionMemberships'))
    .where('userSession.tokenHash', '=', p.tokenHash)
    .where('u.status', '=', 'active');

/** `findSession`'s query, compiled once (every request runs it). */
const sessionByToken = new CompiledOnce(['now', 'idleSince', 'tokenHash'] as const, sessionQuery);

/**
 * A lookup made in the same statement as the session, joined to its row (a route's item under
 * the ability its reader had last: `prefetchItem` in items/base.ts), so a read pays one round trip for both.
 * Its columns come back beside the session's (so none may be named like the session's own,
 * `session…`); `row` is null when the join found nothing (`marker`, a column never null in a found row, is null).
 */
export interface Alongside {
  query: CompiledOnce<Record<string, unknown>, SessionParam | 'id'>;
  id: string;
  readonly marker: string;
}

export interface FoundSession {
  session: Session;
  user: SessionUser;
  memberships: Membership[];
  /** What `Alongside` found with it: the statement's whole row (its columns read by name), or null. */
  alongside?: { lookup: Alongside; row: Record<string, unknown> | null };
}

/**
 * The live session for a cookie token (its hash: `hashToken`), its active user and the user's memberships (what the policy
 * needs), or undefined (expired, idle, revoked, disabled). One query, which every request pays;
 * with `alongside`, that same query also makes the route's lookup.
 */
export async function findSession(
  db: Database,
  tokenHash: Buffer,
  now: Date,
  policy: SessionPolicy,
  alongside?: Alongside,
): Promise<FoundSession | undefined> {
  const values = { now, idleSince: new Date(now.getTime() - policy.idleMs), tokenHash };
  const row = alongside ? await alongside.query.first(db, { ...values, id: alongside.id }) : await sessionByToken.first(db, values);
  if (!row) return undefined;
  const record = row as unknown as Record<string, unknown>;
  const session = unprefixed(record, SESSION_NAMES) as unknown as Session;
  const user = unprefixed(record, USER_NAMES) as unknown as SessionUser;
  const memberships = record['sessionMemberships'] as Membership[];
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await db.updateTable('userSession').set({ lastSeenAt: now }).where('id', '=', session.id).execute();
    session.lastSeenAt = now;
  }
  const found: FoundSession = { session, user, memberships };
  // The lookup's columns are read from the whole row by name (`findItemWith`); none is named like the session's.
  if (alongside) found.alongside = { lookup: alongside, row: record[alongside.marker] === null ? null : record };
  return found;
}

export async function revokeSession(db: Database, id: string, now: Date): Promise<void> {
  const ended = await db
    .updateTable('userSession')
    .set({ revokedAt: now })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .returning('id')
    .execute();
  await notifySessionsEnded(
    db,
    ended.map((s) => s.id),
  );
}

/** Every live session of a user, except one when given (the caller's, after a password change). */
export async function revokeUserSessions(db: Database, userId: string, now: Date, exceptId?: string): Promise<number> {
  let query = db.updateTable('userSession').set({ revokedAt: now }).where('userId', '=', userId).where('revokedAt', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const ended = await query.returning('id').execute();
  await notifySessionsEnded(
    db,
    ended.map((s) => s.id),
  );
  return ended.length;
}
