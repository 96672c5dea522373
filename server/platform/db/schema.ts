import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it. Migrations stay frozen in time (they take `Kysely<any>`);
 * this interface follows the latest migration and `migrations/schema.sql` shows the SQL.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface InstanceTable {
  id: ColumnType<1, 1 | undefined, never>;
  instanceId: Generated<string>;
  createdAt: ColumnType<Date, never, never>;
}

export type UserStatus = 'invited' | 'active' | 'locked' | 'disabled';
export type GlobalRole = 'secretariat' | 'presidency' | 'auditor';

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  displayName: string;
  country: string;
  organisation: string;
  language: ColumnType<'es' | 'en', 'es' | 'en' | undefined, 'es' | 'en'>;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  roles: ColumnType<GlobalRole[], GlobalRole[] | undefined, GlobalRole[]>;
  passwordHash: string | null;
  passwordChangedAt: Timestamp | null;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpEnabledAt: Timestamp | null;
  totpLastStep: number | null;
  pgpPublicKey: string | null;
  pgpFingerprint: string | null;
  createdAt: CreatedAt;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RecoveryCodeTable {
  userId: string;
  codeHash: Buffer;
  usedAt: Timestamp | null;
}

export type SessionStage = 'enrol' | 'full';

export interface UserSessionTable {
  id: Generated<string>;
  userId: string;
  tokenHash: Buffer;
  csrfHash: Buffer;
  stage: SessionStage;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  clientAddress: string | null;
  userAgent: string | null;
  revokedAt: Timestamp | null;
}

export interface OneTimeTokenTable {
  id: Generated<string>;
  userId: string;
  purpose: 'invitation' | 'reset';
  tokenHash: Buffer;
  createdBy: string | null;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  lastFailureAt: Timestamp;
  lockedUntil: Timestamp | null;
}

export interface DB {
  instance: InstanceTable;
  appUser: AppUserTable;
  recoveryCode: RecoveryCodeTable;
  userSession: UserSessionTable;
  oneTimeToken: OneTimeTokenTable;
  loginThrottle: LoginThrottleTable;
}
