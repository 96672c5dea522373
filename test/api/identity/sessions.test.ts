import t from 'tap';
import { totpCode } from '../../../server/platform/auth/totp.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { createUser, sessionCookie, signIn } from '../../helpers/users.ts';

t.test('idle timeout: 30 minutes without a request ends the session; activity keeps it', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const { cookie } = await signIn(app, database.db, clock);
  const me = () => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  clock.advance(20 * 60_000);
  t.equal((await me()).statusCode, 200, 'after 20 minutes');
  clock.advance(20 * 60_000);
  t.equal((await me()).statusCode, 200, 'another 20: the last request counted');
  clock.advance(31 * 60_000);
  const idle = await me();
  t.equal(idle.statusCode, 401, '31 idle minutes: gone');
  t.equal(idle.json().error.code, 'unauthenticated');
  t.equal(idle.headers['set-cookie'], undefined, 'the answer sets no cookie (it may be a late answer to a request sent before a renewal)');
});

t.test('a late answer to a request sent before the session was renewed leaves the new cookie alone', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const { cookie, user, headers } = await signIn(app, database.db, clock);
  // A password change ends the other sessions and renews this one: a new cookie.
  const renewed = await app.inject({
    method: 'POST',
    url: '/api/me/password',
    headers,
    payload: { currentPassword: user.password, newPassword: 'una contraseña nueva y larga' },
  });
  t.equal(renewed.statusCode, 200, renewed.body);
  const fresh = sessionCookie(renewed);
  t.not(fresh, cookie, 'a new session cookie');
  // The page's poll went out with the old cookie before the renewal and is answered after it.
  for (const url of ['/api/notifications', '/api/me']) {
    const late = await app.inject({ method: 'GET', url, headers: { cookie } });
    t.equal(late.statusCode, 401, `${url} with the old cookie: 401`);
    t.equal(late.headers['set-cookie'], undefined, `${url}: no Set-Cookie that would clear the new cookie`);
  }
  // So is a file of the web application the service worker fetched meanwhile: it needs no session at all.
  const file = await app.inject({ method: 'GET', url: '/signin', headers: { cookie } });
  t.equal(file.headers['set-cookie'], undefined, 'a page of the web application sets no cookie');
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: fresh } })).statusCode, 200, 'the new cookie works');
});

t.test('absolute timeout: 12 hours after sign-in, however active', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const { cookie } = await signIn(app, database.db, clock);
  clock.advance(-30_000); // signIn moved past the code's step; count from the sign-in itself
  const me = () => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  let alive = 0;
  for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
    clock.advance(20 * 60_000);
    if ((await me()).statusCode === 200) alive++;
  }
  t.equal(alive, 35, 'a request every 20 minutes keeps it for 11 h 40 min');
  clock.advance(20 * 60_000);
  t.equal((await me()).statusCode, 401, 'at 12 hours it ends');
});

t.test('timeouts are configurable', async (t) => {
  const { app, database, clock } = await buildTestApp(t, { config: { sessionIdleMinutes: 5, sessionAbsoluteHours: 1 } });
  const { cookie } = await signIn(app, database.db, clock);
  clock.advance(4 * 60_000);
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode, 200);
  clock.advance(6 * 60_000);
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode, 401);
});

t.test('CSRF: a state-changing request with the cookie needs the token', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const { cookie, csrfToken } = await signIn(app, database.db, clock);
  const bare = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, 'accept-language': 'en' } });
  t.equal(bare.statusCode, 403);
  t.equal(bare.json().error.code, 'csrf_failed');
  t.match(bare.json().error.message, /x-csrf-token/);
  const wrong = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, 'x-csrf-token': 'x'.repeat(43) } });
  t.equal(wrong.statusCode, 403);
  const patch = await app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie }, payload: { language: 'en' } });
  t.equal(patch.statusCode, 403);
  const { language } = await database.db.selectFrom('appUser').select('language').executeTakeFirstOrThrow();
  t.equal(language, 'es', 'nothing changed');
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode, 200, 'reads need no token');
  const ok = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, 'x-csrf-token': csrfToken } });
  t.equal(ok.statusCode, 204);
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode, 401, 'signed out');
});

t.test('my sessions: list, end one, end all', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const a = await signIn(app, database.db, clock, { email: 'pat@example.org' });
  const b = await signIn(app, database.db, clock, { user: a.user });
  const other = await signIn(app, database.db, clock);

  const list = await app.inject({ method: 'GET', url: '/api/sessions', headers: { cookie: a.cookie } });
  t.equal(list.statusCode, 200);
  const sessions = list.json();
  t.equal(sessions.length, 2, 'only my own');
  t.equal(sessions.filter((s: { current: boolean }) => s.current).length, 1);
  const bId = sessions.find((s: { current: boolean }) => !s.current).id;

  const foreign = (await app.inject({ method: 'GET', url: '/api/sessions', headers: { cookie: other.cookie } })).json()[0].id;
  const notMine = await app.inject({ method: 'DELETE', url: `/api/sessions/${foreign}`, headers: a.headers });
  t.equal(notMine.statusCode, 404, 'another user’s session is not found');
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: other.cookie } })).statusCode, 200);

  t.equal((await app.inject({ method: 'DELETE', url: `/api/sessions/${bId}`, headers: a.headers })).statusCode, 204);
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: b.cookie } })).statusCode, 401, 'b ended');
  t.equal((await app.inject({ method: 'DELETE', url: `/api/sessions/${bId}`, headers: a.headers })).statusCode, 404, 'once');

  const c = await signIn(app, database.db, clock, { user: a.user });
  t.equal((await app.inject({ method: 'DELETE', url: '/api/sessions', headers: a.headers })).statusCode, 204);
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: a.cookie } })).statusCode, 401);
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: c.cookie } })).statusCode, 401, 'everywhere');
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: other.cookie } })).statusCode, 200, 'others untouched');
  const bad = await app.inject({ method: 'DELETE', url: '/api/sessions/not-a-uuid', headers: other.headers });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error.field, 'params.id');
});

t.test('a session that has not set up its second factor reaches only the set-up', async (t) => {
  const { app, database } = await buildTestApp(t);
  const user = await createUser(database.db, { enrolled: false, roles: ['secretariat'] });
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } });
  t.equal(res.json().stage, 'enrol');
  const headers = { cookie: sessionCookie(res), 'x-csrf-token': res.json().csrfToken };
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers })).json().session.stage, 'enrol');
  const invite = await app.inject({
    method: 'POST',
    url: '/api/invitations',
    headers,
    payload: { email: 'x@example.org', displayName: 'X', country: 'CRI', organisation: 'DGME' },
  });
  t.equal(invite.statusCode, 403);
  t.equal(invite.json().error.code, 'enrolment_required');
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers,
        payload: { currentPassword: user.password, newPassword: 'another long password' },
      })
    ).statusCode,
    403,
  );
});

t.test('a disabled account loses its sessions at once', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const { cookie, user } = await signIn(app, database.db, clock);
  await database.db.updateTable('appUser').set({ status: 'disabled' }).where('id', '=', user.id).execute();
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode, 401);
});

t.test('signing in again from a browser that still holds a session needs no CSRF token', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const first = await signIn(app, database.db, clock);
  const again = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { cookie: first.cookie },
    payload: { email: first.user.email, password: first.user.password, otp: totpCode(first.user.totpSecret!, clock.now()) },
  });
  t.equal(again.statusCode, 200);
  const form = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `email=${encodeURIComponent(first.user.email)}&password=x`,
  });
  t.equal(form.statusCode, 415, 'a cross-site HTML form cannot post a sign-in');
});
