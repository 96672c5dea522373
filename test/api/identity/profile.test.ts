import * as openpgp from 'openpgp';
import t from 'tap';
import { totpCode } from '../../../server/platform/auth/totp.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { createUser, sessionCookie, signIn } from '../../helpers/users.ts';

t.test('enrolment: a secret with its QR code, confirmed by a code, ten recovery codes, a new session', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const user = await createUser(database.db, { enrolled: false, email: 'new.officer@example.org' });
  const login = await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } });
  const headers = { cookie: sessionCookie(login), 'x-csrf-token': login.json().csrfToken };

  const confirmEarly = await app.inject({ method: 'POST', url: '/api/me/totp/confirm', headers, payload: { otp: '123456' } });
  t.equal(confirmEarly.statusCode, 409);
  t.equal(confirmEarly.json().error.code, 'enrolment_not_started');

  const start = await app.inject({ method: 'POST', url: '/api/me/totp', headers });
  t.equal(start.statusCode, 200);
  const { secret, uri, qrCode } = start.json();
  t.match(secret, /^[A-Z2-7]{32}$/, '160-bit base32 secret');
  t.match(uri, /^otpauth:\/\/totp\/Enlace:new\.officer%40example\.org\?/);
  t.match(uri, /issuer=Enlace/);
  t.match(qrCode, /^data:image\/svg\+xml;base64,/);
  t.match(Buffer.from(qrCode.split(',')[1], 'base64').toString(), /<svg/);

  const reloaded = await app.inject({ method: 'POST', url: '/api/me/totp', headers });
  t.equal(reloaded.json().secret, secret, 'asking again (a reload) gives the same secret until it is confirmed');
  const wrong = await app.inject({ method: 'POST', url: '/api/me/totp/confirm', headers, payload: { otp: '000000' } });
  t.equal(wrong.statusCode, 400);
  t.equal(wrong.json().error.code, 'invalid_otp');

  const done = await app.inject({ method: 'POST', url: '/api/me/totp/confirm', headers, payload: { otp: totpCode(secret, clock.now()) } });
  t.equal(done.statusCode, 200);
  t.equal(done.json().recoveryCodes.length, 10);
  for (const code of done.json().recoveryCodes) t.match(code, /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
  t.equal(done.json().user.twoFactor.enabled, true);
  t.equal(done.json().user.twoFactor.recoveryCodesLeft, 10);
  const stored = await database.db.selectFrom('recoveryCode').selectAll().execute();
  t.notMatch(JSON.stringify(stored), done.json().recoveryCodes[0].replaceAll('-', ''), 'stored hashed');

  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode, 401, 'the enrolment session ended (privilege change)');
  const full = { cookie: sessionCookie(done), 'x-csrf-token': done.json().csrfToken };
  const me = await app.inject({ method: 'GET', url: '/api/me', headers: full });
  t.equal(me.json().session.stage, 'full');
  t.equal((await app.inject({ method: 'POST', url: '/api/me/totp', headers: full })).statusCode, 409, 'no second enrolment over the first');

  clock.advance(30_000);
  const regen = await app.inject({ method: 'POST', url: '/api/me/recovery-codes', headers: full, payload: { otp: totpCode(secret, clock.now()) } });
  t.equal(regen.statusCode, 200);
  t.equal(regen.json().recoveryCodes.length, 10);
  clock.advance(30_000);
  const old = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: user.email, password: user.password, otp: done.json().recoveryCodes[0] },
  });
  t.equal(old.statusCode, 401, 'the earlier codes no longer work');
  const reused = await app.inject({
    method: 'POST',
    url: '/api/me/recovery-codes',
    headers: full,
    payload: { otp: totpCode(secret, new Date(clock.now().getTime() - 30_000)) },
  });
  t.equal(reused.statusCode, 400, 'a used code cannot regenerate either');
});

t.test('profile: name and language; the language answers errors when no Accept-Language is sent', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const { headers } = await signIn(app, database.db, clock);
  const res = await app.inject({ method: 'PATCH', url: '/api/me', headers, payload: { displayName: '  Ana López  ', language: 'en' } });
  t.equal(res.statusCode, 200);
  t.equal(res.json().user.displayName, 'Ana López');
  t.equal(res.json().user.language, 'en');
  const err = await app.inject({ method: 'PATCH', url: '/api/me', headers, payload: { language: 'fr' } });
  t.match(err.json().error.message, /must be one of/, 'the user’s language');
  const es = await app.inject({ method: 'PATCH', url: '/api/me', headers: { ...headers, 'accept-language': 'es' }, payload: { language: 'fr' } });
  t.match(es.json().error.message, /debe ser uno de/, 'Accept-Language first');
  const empty = await app.inject({ method: 'PATCH', url: '/api/me', headers, payload: {} });
  t.equal(empty.statusCode, 400);
});

t.test('profile: an OpenPGP public key, validated, with its fingerprint; private keys refused', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const { headers } = await signIn(app, database.db, clock);
  // Keys are checked at the server's time (the test clock): made at that moment, they are valid then.
  const date = clock.now();
  const { publicKey, privateKey } = await openpgp.generateKey({
    type: 'curve25519',
    userIDs: [{ email: 'ana@example.org' }],
    date,
    format: 'armored',
  });
  const signOnly = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ email: 'sign@example.org' }], subkeys: [], date, format: 'armored' });
  const patch = (pgpPublicKey: string | null) =>
    app.inject({ method: 'PATCH', url: '/api/me', headers: { ...headers, 'accept-language': 'en' }, payload: { pgpPublicKey } });

  const ok = await patch(publicKey);
  t.equal(ok.statusCode, 200);
  const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint().toUpperCase();
  t.equal(ok.json().user.pgpFingerprint, fingerprint);

  const priv = await patch(privateKey);
  t.equal(priv.statusCode, 400);
  t.equal(priv.json().error.code, 'pgp_private_key');
  t.match(priv.json().error.message, /private key/);
  const privEs = await app.inject({
    method: 'PATCH',
    url: '/api/me',
    headers: { ...headers, 'accept-language': 'es' },
    payload: { pgpPublicKey: privateKey },
  });
  t.match(privEs.json().error.message, /clave privada/, 'the reason in the caller’s language');
  t.notMatch(priv.body, /BEGIN PGP/, 'the key is not echoed');
  const garbage = await patch('-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot a key at all, just words\n-----END PGP PUBLIC KEY BLOCK-----');
  t.equal(garbage.json().error.code, 'pgp_not_a_key');
  const noEncryption = await patch(signOnly.publicKey);
  t.equal(noEncryption.json().error.code, 'pgp_cannot_encrypt');
  const { pgpFingerprint } = await database.db.selectFrom('appUser').select('pgpFingerprint').executeTakeFirstOrThrow();
  t.equal(pgpFingerprint, fingerprint, 'refusals changed nothing');

  const removed = await patch(null);
  t.equal(removed.json().user.pgpFingerprint, null);
});

t.test('password change: the current one is needed, other sessions end, this one is renewed', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const a = await signIn(app, database.db, clock);
  const b = await signIn(app, database.db, clock, { user: a.user });
  const change = (currentPassword: string) =>
    app.inject({ method: 'POST', url: '/api/me/password', headers: a.headers, payload: { currentPassword, newPassword: 'the new long password' } });
  const wrong = await change('not my password');
  t.equal(wrong.statusCode, 400);
  t.equal(wrong.json().error.field, 'body.currentPassword');
  const ok = await change(a.user.password);
  t.equal(ok.statusCode, 200);
  t.not(ok.json().csrfToken, a.csrfToken);
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: b.cookie } })).statusCode, 401, 'other session ended');
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: a.cookie } })).statusCode, 401, 'old token replaced');
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: sessionCookie(ok) } })).statusCode, 200, 'new token works');
});
