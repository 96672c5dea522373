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

/** Socket errors of a connection to the database that could not be made or was cut. */
const UNREACHABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * The database could not be reached, not the request refused: the server is down, restarting or not
 * taking connections (a FATAL or PANIC error ends the session it came on; class 08 is a connection
 * exception; 57P0x a shutdown or a start), the socket was refused or cut, or node-postgres saw the
 * connection end or time out. The portal answers 503 with Retry-After: the same request may succeed
 * in a moment, and nothing of it was kept (its transaction did not commit).
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  if (err instanceof pg.DatabaseError) {
    return err.severity === 'FATAL' || err.severity === 'PANIC' || Boolean(err.code && (/^08/.test(err.code) || /^57P0[1-3]$/.test(err.code)));
  }
  if (!(err instanceof Error)) return false;
  const code = (err as Error & { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE_SOCKET.has(code)) return true;
  return /^(Connection terminated|timeout exceeded when trying to connect)/.test(err.message);
}
