import argon2 from 'argon2';
import t from 'tap';
import { totpCode } from '../../../server/platform/auth/totp.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { createUser, sessionCookie } from '../../helpers/users.ts';

const login = (app: import('fastify').FastifyInstance, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/session', payload, headers });

t.test('a right password and code sign in: opaque HttpOnly SameSite=Strict cookie, CSRF token, the user', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const user = await createUser(database.db, { email: 'Ana.Lopez@Example.org' });
  const res = await login(app, { email: 'ana.lopez@example.org', password: user.password, otp: totpCode(user.totpSecret!, clock.now()) });
  t.equal(res.statusCode, 200, 'e-mail is case-insensitive');
  const body = res.json();
  t.equal(body.stage, 'full');
  t.equal(body.user.email, 'Ana.Lopez@Example.org');
  t.equal(body.user.twoFactor.enabled, true);
  t.match(body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
  const cookie = res.cookies[0]!;
  t.equal(cookie.name, 'enlace_session');
  t.equal(cookie.httpOnly, true);
  t.equal(cookie.sameSite, 'Strict');
  t.equal(cookie.path, '/');
  t.notOk(cookie.secure, 'plain http in tests: no Secure flag');
  t.match(cookie.value, /^[A-Za-z0-9_-]{43}$/);
  const stored = await database.db.selectFrom('userSession').selectAll().executeTakeFirstOrThrow();
  t.notSame(stored.tokenHash.toString('base64url'), cookie.value, 'only a hash of the token is stored');
  t.notMatch(JSON.stringify(stored), cookie.value);
  const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: sessionCookie(res) } });
  t.equal(me.statusCode, 200);
  t.equal(me.json().user.id, user.id);
});

t.test('over https the cookie is __Host- prefixed and Secure', async (t) => {
  const { app, database, clock } = await buildTestApp(t, { config: { publicUrl: 'https://enlace.example.org' } });
  const user = await createUser(database.db);
  const res = await login(app, { email: user.email, password: user.password, otp: totpCode(user.totpSecret!, clock.now()) });
  const cookie = res.cookies[0]!;
  t.equal(cookie.name, '__Host-enlace_session');
  t.equal(cookie.secure, true);
  t.equal(cookie.domain, undefined, '__Host- cookies carry no Domain');
});

t.test('every wrong credential is the same 401, whether or not the account exists', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const user = await createUser(database.db);
  const invited = await createUser(database.db, { status: 'invited' });
  const disabled = await createUser(database.db, { status: 'disabled' });
  const otp = () => totpCode(user.totpSecret!, clock.now());
  const attempts: [string, object][] = [
    ['wrong password', { email: user.email, password: 'not the password at all', otp: otp() }],
    ['no such account', { email: 'nobody@example.org', password: user.password, otp: otp() }],
    ['wrong code', { email: user.email, password: user.password, otp: '000000' }],
    ['malformed code', { email: user.email, password: user.password, otp: 'abc' }],
    ['invited, no password yet', { email: invited.email, password: invited.password }],
    ['disabled account', { email: disabled.email, password: disabled.password, otp: totpCode(disabled.totpSecret!, clock.now()) }],
  ];
  const bodies = new Set<string>();
  for (const [label, payload] of attempts) {
    const res = await login(app, payload, { 'x-forwarded-for': label });
    t.equal(res.statusCode, 401, label);
    t.equal(res.json().error.code, 'invalid_credentials', label);
    t.same(res.cookies, [], `${label}: no cookie`);
    bodies.add(res.body);
    clock.advance(60_000);
  }
  t.equal(bodies.size, 1, 'one and the same body for every failure');
  t.equal(
    await database.db
      .selectFrom('userSession')
      .select('id')
      .execute()
      .then((r) => r.length),
    0,
    'no session written',
  );
});

t.test('a right password without a code asks for the code: a step, not a refusal; no failure counted, no session', async (t) => {
  const { app, database } = await buildTestApp(t);
  const user = await createUser(database.db);
  for (let i = 0; i < 5; i++) {
    const res = await login(app, { email: user.email, password: user.password }, { 'accept-language': 'en' });
    t.equal(res.statusCode, 202);
    t.same(res.json(), { next: 'second_factor' });
    t.notOk(res.headers['set-cookie'], 'no session yet');
  }
  const throttle = await database.db.selectFrom('loginThrottle').selectAll().execute();
  t.same(throttle, []);
  t.equal((await database.db.selectFrom('userSession').select('id').execute()).length, 0, 'no session written');
  const entries = await database.db
    .selectFrom('auditEntry')
    .select(['outcome', 'actorId', 'details'])
    .where('action', '=', 'session.login')
    .execute();
  t.equal(entries.length, 5, 'each step recorded');
  for (const entry of entries) {
    t.equal(entry.outcome, 'allowed', 'as an allowed step, not a denial');
    t.equal(entry.actorId, user.id);
    t.match(entry.details, { status: 202, step: 'password', next: 'second_factor' });
  }
  const wrong = await login(app, { email: user.email, password: 'not the password' });
  t.equal(wrong.statusCode, 401, 'a wrong password is still refused the same way');
  t.equal(wrong.json().error.code, 'invalid_credentials');
});

t.test('TOTP: one step of skew either way is accepted, two are not, and a used code is refused', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const user = await createUser(database.db);
  const at = (offsetSteps: number) => totpCode(user.totpSecret!, new Date(clock.now().getTime() + offsetSteps * 30_000));
  const attempt = (otp: string) => login(app, { email: user.email, password: user.password, otp });

  t.equal((await attempt(at(-2))).statusCode, 401, 'two steps behind: refused');
  t.equal((await attempt(at(2))).statusCode, 401, 'two steps ahead: refused');
  clock.advance(10 * 60_000); // let the growing delay from those failures pass
  const behind = at(-1);
  t.equal((await attempt(behind)).statusCode, 200, 'one step behind: accepted');
  t.equal((await attempt(behind)).statusCode, 401, 'the same code again: refused (replay)');
  const now = at(0);
  t.equal((await attempt(now)).statusCode, 200, 'a later step: accepted');
  t.equal((await attempt(now)).statusCode, 401, 'replay of that one: refused');
  t.equal((await attempt(at(-1))).statusCode, 401, 'an earlier step after a later one: refused');
  clock.advance(30_000);
  t.equal((await attempt(at(1))).statusCode, 200, 'one step ahead: accepted');
});

t.test('a recovery code signs in once', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const user = await createUser(database.db, { enrolled: false });
  // Enrol through the API to receive real recovery codes.
  const first = await login(app, { email: user.email, password: user.password });
  t.equal(first.json().stage, 'enrol');
  const headers = { cookie: sessionCookie(first), 'x-csrf-token': first.json().csrfToken };
  const start = await app.inject({ method: 'POST', url: '/api/me/totp', headers });
  const confirm = await app.inject({
    method: 'POST',
    url: '/api/me/totp/confirm',
    headers,
    payload: { otp: totpCode(start.json().secret, clock.now()) },
  });
  const codes: string[] = confirm.json().recoveryCodes;
  t.equal(codes.length, 10);
  t.equal(new Set(codes).size, 10);

  const code = codes[3]!;
  const typed = code.toLowerCase().replaceAll('-', ' ');
  const ok = await login(app, { email: user.email, password: user.password, otp: typed });
  t.equal(ok.statusCode, 200, 'case and separators do not matter');
  t.equal(ok.json().user.twoFactor.recoveryCodesLeft, 9);
  const again = await login(app, { email: user.email, password: user.password, otp: code });
  t.equal(again.statusCode, 401, 'used once, never again');
});

t.test('throttling: a growing delay per account, then a lock; per address across accounts', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const user = await createUser(database.db);
  const wrong = () => login(app, { email: user.email, password: 'wrong password here', otp: '123456' }, { 'accept-language': 'en' });

  for (let i = 0; i < 3; i++) t.equal((await wrong()).statusCode, 401, `free failure ${i + 1}`);
  const throttled = await wrong();
  t.equal(throttled.statusCode, 429);
  t.equal(throttled.json().error.code, 'login_throttled');
  t.equal(throttled.headers['retry-after'], '1');
  t.match(throttled.json().error.message, /Wait 1 seconds/);

  const right = () => login(app, { email: user.email, password: user.password, otp: totpCode(user.totpSecret!, clock.now()) });
  t.equal((await right()).statusCode, 429, 'even the right password waits: the throttle is checked first');
  clock.advance(1_000);
  t.equal((await wrong()).statusCode, 401, 'after the delay, one more try');
  const next = await wrong();
  t.equal(next.statusCode, 429);
  t.equal(next.headers['retry-after'], '2', 'the delay doubles');

  for (let failures = 5; failures <= 10; failures++) {
    clock.advance(300_000);
    t.equal((await wrong()).statusCode, 401);
  }
  clock.advance(300_000);
  const locked = await right();
  t.equal(locked.statusCode, 429, 'locked after ten failures, right password or not');
  t.ok(Number(locked.headers['retry-after']) > 300, 'for the lock period');
  clock.advance(15 * 60_000);
  const back = await right();
  t.equal(back.statusCode, 200, 'the lock ends');
  t.equal(
    (await database.db.selectFrom('loginThrottle').select('key').execute()).filter((r) => r.key.startsWith('account:')).length,
    0,
    'success clears the account’s failures',
  );
  const keys = await database.db.selectFrom('loginThrottle').select('key').execute();
  t.notMatch(JSON.stringify(keys), user.email, 'no e-mail address in clear in the throttle table');
});

t.test('the address throttle holds across many accounts', async (t) => {
  const { app, clock } = await buildTestApp(t);
  let last = 0;
  for (let i = 0; i < 20; i++) {
    last = (await login(app, { email: `guess${i}@example.org`, password: 'password guess' })).statusCode;
    clock.advance(1);
  }
  t.equal(last, 401, 'twenty free failures');
  const res = await login(app, { email: 'guess-next@example.org', password: 'password guess' });
  t.equal(res.statusCode, 429, 'then the address waits, whatever account it tries');
  const elsewhere = await login(app, { email: 'guess-next@example.org', password: 'password guess' }, { 'x-forwarded-for': '1.2.3.4' });
  t.equal(elsewhere.statusCode, 429, 'x-forwarded-for is not trusted unless configured: still the same address');
});

t.test('behind listed proxies the client is the right-most address they did not add: a forged entry changes nothing', async (t) => {
  const { app, database, clock } = await buildTestApp(t, { config: { trustedProxies: '127.0.0.1, 10.0.0.0/8' } });
  // The balancer (10.1.2.3) appends the client's address; the request reaches the portal from 127.0.0.1.
  const from = (client: string, forged?: string) => ({ 'x-forwarded-for': [forged, client, '10.1.2.3'].filter(Boolean).join(', ') });
  for (let i = 0; i < 20; i++) {
    t.equal((await login(app, { email: `guess${i}@example.org`, password: 'password guess' }, from('198.51.100.7'))).statusCode, 401);
    clock.advance(1);
  }
  const next = { email: 'guess-next@example.org', password: 'password guess' };
  t.equal((await login(app, next, from('198.51.100.7'))).statusCode, 429, 'the client is throttled');
  t.equal((await login(app, next, from('198.51.100.7', '203.0.113.1'))).statusCode, 429, 'naming another address before its own does not help it');
  t.equal((await login(app, next, from('198.51.100.8'))).statusCode, 401, 'another client behind the same balancer is not throttled');
  const direct = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: next,
    remoteAddress: '192.0.2.50',
    headers: { 'x-forwarded-for': '198.51.100.9' },
  });
  t.equal(direct.statusCode, 401);

  const user = await createUser(database.db);
  const signedIn = await login(
    app,
    { email: user.email, password: user.password, otp: totpCode(user.totpSecret!, clock.now()) },
    from('198.51.100.20', '203.0.113.1'),
  );
  t.equal(signedIn.statusCode, 200);
  const addresses = (await database.db.selectFrom('auditEntry').select('clientAddress').execute()).map((r) => r.clientAddress);
  t.ok(addresses.includes('198.51.100.20'), 'the audit trail has the client the balancer saw');
  t.ok(addresses.includes('192.0.2.50'), 'and, for a request from an address that is no listed proxy, that address');
  t.notOk(addresses.includes('198.51.100.9'), 'whose X-Forwarded-For is not believed');
  t.notOk(addresses.includes('203.0.113.1'), 'no forged address is ever recorded');
  t.notOk(addresses.includes('10.1.2.3'), 'nor the balancer');
});

t.test('a hash made with weaker parameters is upgraded at the next sign-in', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const user = await createUser(database.db);
  const weak = await argon2.hash(user.password, { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
  await database.db.updateTable('appUser').set({ passwordHash: weak }).where('id', '=', user.id).execute();
  const res = await login(app, { email: user.email, password: user.password, otp: totpCode(user.totpSecret!, clock.now()) });
  t.equal(res.statusCode, 200);
  const { passwordHash } = await database.db.selectFrom('appUser').select('passwordHash').where('id', '=', user.id).executeTakeFirstOrThrow();
  t.match(passwordHash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
});

t.test('bad input: named fields, unknown fields refused', async (t) => {
  const { app } = await buildTestApp(t);
  const missing = await login(app, { email: 'a@example.org' });
  t.equal(missing.statusCode, 400);
  t.equal(missing.json().error.field, 'body.password');
  const extra = await login(app, { email: 'a@example.org', password: 'x', remember: true });
  t.equal(extra.json().error.field, 'body.remember');
});
