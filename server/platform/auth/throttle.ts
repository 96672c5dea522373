import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Login throttling kept in PostgreSQL, so it holds across app instances. Each key allows a few
 * free failures, then the next attempt must wait a delay that doubles with every failure, and
 * past a limit the key is locked for a while. Failures older than the decay are forgotten.
 */
export interface ThrottleRule {
  free: number;
  maxDelaySeconds: number;
  lockAfter: number;
  lockSeconds: number;
  decaySeconds: number;
}

export const ACCOUNT_RULE: ThrottleRule = { free: 3, maxDelaySeconds: 300, lockAfter: 10, lockSeconds: 15 * 60, decaySeconds: 3600 };
export const ADDRESS_RULE: ThrottleRule = { free: 20, maxDelaySeconds: 300, lockAfter: 100, lockSeconds: 15 * 60, decaySeconds: 3600 };

export interface ThrottleKey {
  key: string;
  rule: ThrottleRule;
}

/** The account key hashes the e-mail: attempts on accounts that do not exist leave no address behind. */
export function accountKey(email: string): ThrottleKey {
  return { key: `account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`, rule: ACCOUNT_RULE };
}

export function addressKey(address: string): ThrottleKey {
  return { key: `address:${address}`, rule: ADDRESS_RULE };
}

/** Seconds to wait before the next attempt is even considered; 0 when it may proceed. */
export async function throttleWait(db: Database, keys: ThrottleKey[], now: Date): Promise<number> {
  const rows = await db
    .selectFrom('loginThrottle')
    .selectAll()
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .execute();
  let wait = 0;
  for (const row of rows) {
    const rule = keys.find((k) => k.key === row.key)!.rule;
    const last = new Date(row.lastFailureAt).getTime();
    if (now.getTime() - last > rule.decaySeconds * 1000) continue;
    let until = 0;
    if (row.lockedUntil) until = new Date(row.lockedUntil).getTime();
    if (row.failures >= rule.free) {
      const delay = Math.min(2 ** (row.failures - rule.free), rule.maxDelaySeconds);
      until = Math.max(until, last + delay * 1000);
    }
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return Math.max(0, wait);
}

export async function recordFailure(db: Database, keys: ThrottleKey[], now: Date): Promise<void> {
  for (const { key, rule } of keys) {
    const decayed = new Date(now.getTime() - rule.decaySeconds * 1000);
    const lockEnd = new Date(now.getTime() + rule.lockSeconds * 1000);
    await sql`
      insert into login_throttle (key, failures, last_failure_at) values (${key}, 1, ${now})
      on conflict (key) do update set
        failures = case when login_throttle.last_failure_at < ${decayed} then 1 else login_throttle.failures + 1 end,
        last_failure_at = ${now},
        locked_until = case
          when login_throttle.last_failure_at >= ${decayed} and login_throttle.failures + 1 >= ${rule.lockAfter}
          then ${lockEnd}::timestamptz else login_throttle.locked_until end`.execute(db);
  }
}

export async function clearThrottle(db: Database, key: ThrottleKey): Promise<void> {
  await db.deleteFrom('loginThrottle').where('key', '=', key.key).execute();
}
