import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { adminQuery } from '../../helpers/cluster.ts';
import { testEnvironment } from '../../helpers/env.ts';
import { signIn } from '../../helpers/users.ts';

// Found by the drill (npm run drill): while PostgreSQL restarted, requests that found no database
// answered 500 internal_error, as if the portal were broken. A national system that screens in
// batches needs to know it may send the same request again: 503, Retry-After, and nothing kept.
t.test(
  'a database that takes no connections: 503 service_unavailable with Retry-After, in the caller’s language; nothing kept; back once it takes them',
  async (t) => {
    const env = await buildTestApp(t);
    const { app, database, clock } = env;
    const officer = await signIn(app, database.db, clock, { language: 'es' });
    const { adminUrl } = testEnvironment();
    const name = database.name;
    const me = () => app.inject({ method: 'GET', url: '/api/me', headers: officer.headers });
    t.equal((await me()).statusCode, 200);

    // Closed to new connections, and the open ones cut (the pool's, the listener's, pg-boss's).
    await adminQuery(adminUrl, `ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
    t.teardown(() => adminQuery(adminUrl, `ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`));
    await adminQuery(adminUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);

    const read = await me();
    t.equal(read.statusCode, 503, 'a read');
    t.equal(read.headers['retry-after'], '5');
    t.equal(read.json().error.code, 'service_unavailable');
    t.match(read.json().error.message, /no está disponible/, 'in Spanish, the account’s language');
    t.equal(read.json().error.requestId, read.headers['x-request-id']);
    t.notMatch(read.body, /accepting connections|ALLOW|database "/i, 'no word of the database’s own error');

    const english = await app.inject({ method: 'GET', url: '/api/me', headers: { ...officer.headers, 'accept-language': 'en' } });
    t.equal(english.statusCode, 503);
    t.match(english.json().error.message, /not available right now/, 'in English when asked');

    const write = await app.inject({ method: 'PATCH', url: '/api/me', headers: officer.headers, payload: { displayName: 'Nombre nuevo' } });
    t.equal(write.statusCode, 503, 'a change');
    t.equal(write.headers['retry-after'], '5');

    const signInAgain = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: officer.user.email, password: officer.user.password },
    });
    t.equal(signInAgain.statusCode, 503, 'a sign-in (public route)');

    await adminQuery(adminUrl, `ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
    const back = await me();
    t.equal(back.statusCode, 200, 'the next request finds a new connection');
    t.not(back.json().displayName, 'Nombre nuevo', 'the change refused was not kept');
  },
);
