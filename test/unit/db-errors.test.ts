import pg from 'pg';
import t from 'tap';
import { isDatabaseUnreachable } from '../../server/platform/db/errors.ts';

const databaseError = (code: string, severity: string) => Object.assign(new pg.DatabaseError('message', 0, 'error'), { code, severity });
const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

t.test('what says the database cannot be reached, and what says the request was refused', async (t) => {
  t.ok(isDatabaseUnreachable(databaseError('57P01', 'FATAL')), 'terminated by an administrator');
  t.ok(isDatabaseUnreachable(databaseError('57P03', 'FATAL')), 'starting up');
  t.ok(isDatabaseUnreachable(databaseError('55000', 'FATAL')), 'not taking connections (any FATAL ends the session)');
  t.ok(isDatabaseUnreachable(databaseError('08006', 'ERROR')), 'a connection exception');
  t.ok(isDatabaseUnreachable(databaseError('XX000', 'PANIC')));
  t.ok(isDatabaseUnreachable(socketError('ECONNREFUSED')), 'nothing listening');
  t.ok(isDatabaseUnreachable(socketError('ECONNRESET')));
  t.ok(isDatabaseUnreachable(new Error('Connection terminated unexpectedly')), 'node-postgres saw the connection end');
  t.ok(isDatabaseUnreachable(new Error('timeout exceeded when trying to connect')));

  t.notOk(isDatabaseUnreachable(databaseError('23505', 'ERROR')), 'a unique violation is the request’s');
  t.notOk(isDatabaseUnreachable(databaseError('40001', 'ERROR')), 'a serialization failure is not an outage');
  t.notOk(isDatabaseUnreachable(databaseError('57014', 'ERROR')), 'a cancelled statement is not an outage');
  t.notOk(isDatabaseUnreachable(socketError('EACCES')));
  t.notOk(isDatabaseUnreachable(new Error('something else')));
  t.notOk(isDatabaseUnreachable('ECONNREFUSED'), 'not an error at all');
});
