import pg from 'pg';

/**
 * The PostgreSQL error codes (SQLSTATE) the portal acts on, named once. A feature turns the one it
 * expects into its own answer (an e-mail taken, a contact point already named); the error handler
 * turns the rest of classes 22 and 23 into 4xx (server/platform/http/errors.ts).
 */
export const SQLSTATE = {
  uniqueViolation: '23505',
  exclusionViolation: '23P01',
} as const;

/** A database error, optionally of one code. */
export function isDatabaseError(err: unknown, code?: (typeof SQLSTATE)[keyof typeof SQLSTATE]): err is pg.DatabaseError {
  return err instanceof pg.DatabaseError && (code === undefined || err.code === code);
}

/** Data exceptions (22) and integrity violations (23): what input, rather than the portal, can cause. */
export const isInputRefusal = (err: pg.DatabaseError): boolean => Boolean(err.code && /^2[23]/.test(err.code));
