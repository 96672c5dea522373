import t from 'tap';
import { totpCode } from '../../../server/platform/auth/totp.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { signIn } from '../../helpers/users.ts';

const invitation = {
  email: 'Maria.Perez@migracion.example',
  displayName: 'María Pérez',
  country: 'GTM',
  organisation: 'Instituto Guatemalteco de Migración',
  language: 'es',
};
const tokenFrom = (text: string) => /#([A-Za-z0-9_-]{20,})/.exec(text)?.[1] ?? '';

t.test('the Secretariat invites; the invitee gets a single-use link by mail, sets a password and must enrol', async (t) => {
  const smtp = await startSmtp(t);
  const { app, database, clock } = await buildTestApp(t, { config: { smtpUrl: smtp.url, publicUrl: 'https://enlace.example.org' } });
  const secretariat = await signIn(app, database.db, clock, { roles: ['secretariat'], country: 'SV' });

  const res = await app.inject({ method: 'POST', url: '/api/invitations', headers: secretariat.headers, payload: invitation });
  t.equal(res.statusCode, 201);
  t.match(res.json(), { email: 'Maria.Perez@migracion.example', status: 'invited', country: 'GTM', twoFactor: { enabled: false } });

  const [mail] = await smtp.received(1);
  t.same(mail!.to, ['Maria.Perez@migracion.example']);
  t.equal(mail!.subject, 'Su invitación a Enlace', 'in the invitee’s language');
  t.match(mail!.text, /Hola, María Pérez/);
  t.match(mail!.text, /https:\/\/enlace\.example\.org\/invitation#[A-Za-z0-9_-]{43}\n/, 'the token rides in the fragment, never sent to a server');
  const token = tokenFrom(mail!.text);
  const stored = await database.db.selectFrom('oneTimeToken').selectAll().executeTakeFirstOrThrow();
  t.not(stored.tokenHash.toString('base64url'), token, 'stored hashed');

  const short = await app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'too short' } });
  t.equal(short.statusCode, 400);
  t.equal(short.json().error.field, 'body.password');
  t.match(short.json().error.message, /al menos 12 caracteres/);

  const accepted = await app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'un paseo largo por la playa' } });
  t.equal(accepted.statusCode, 200);
  t.equal(accepted.json().stage, 'enrol');
  t.equal(accepted.json().user.status, 'active');
  const again = await app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'otra contraseña muy larga' } });
  t.equal(again.statusCode, 400);
  t.equal(again.json().error.code, 'invalid_token', 'single use');

  const login = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: invitation.email, password: 'un paseo largo por la playa' },
  });
  t.equal(login.statusCode, 200, 'the chosen password works');
  t.equal(login.json().stage, 'enrol', 'and leads to the second-factor set-up');
});

t.test('invitations: only the Secretariat, no duplicates, known countries, links expire after 72 hours', async (t) => {
  const smtp = await startSmtp(t);
  const { app, database, clock } = await buildTestApp(t, { config: { smtpUrl: smtp.url } });
  const officer = await signIn(app, database.db, clock);
  const denied = await app.inject({ method: 'POST', url: '/api/invitations', headers: officer.headers, payload: invitation });
  t.equal(denied.statusCode, 403);
  t.equal(denied.json().error.code, 'forbidden');

  const secretariat = await signIn(app, database.db, clock, { roles: ['secretariat'], country: 'SV' });
  const post = (payload: object) => app.inject({ method: 'POST', url: '/api/invitations', headers: secretariat.headers, payload });
  t.equal((await post({ ...invitation, language: 'en' })).statusCode, 201);
  const dup = await post({ ...invitation, email: 'maria.perez@MIGRACION.example' });
  t.equal(dup.statusCode, 409);
  t.equal(dup.json().error.code, 'email_taken');
  const country = await post({ ...invitation, email: 'z@example.org', country: 'ESP' });
  t.equal(country.statusCode, 400);
  t.equal(country.json().error.field, 'body.country');
  const role = await post({ ...invitation, email: 'y@example.org', roles: ['god'] });
  t.equal(role.json().error.field, 'body.roles.0');
  t.equal((await database.db.selectFrom('appUser').select('id').execute()).length, 3, 'no account from a refused invitation');

  const [mail] = await smtp.received(1);
  t.equal(mail!.subject, 'Your invitation to Enlace');
  t.match(mail!.text, /http:\/\/127\.0\.0\.1:8080\/invitation#/, 'without ENLACE_PUBLIC_URL the local address');
  clock.advance(72 * 3_600_000 + 1000);
  const late = await app.inject({
    method: 'POST',
    url: '/api/invitations/accept',
    payload: { token: tokenFrom(mail!.text), password: 'a long enough password' },
  });
  t.equal(late.statusCode, 400);
  t.equal(late.json().error.code, 'invalid_token');
});

t.test('an invitation whose mail cannot be sent leaves nothing behind', async (t) => {
  const { app, database, clock } = await buildTestApp(t, { config: { smtpUrl: 'smtp://127.0.0.1:1' } });
  const secretariat = await signIn(app, database.db, clock, { roles: ['secretariat'], country: 'SV' });
  const res = await app.inject({ method: 'POST', url: '/api/invitations', headers: secretariat.headers, payload: invitation });
  t.equal(res.statusCode, 500);
  t.equal(await database.db.selectFrom('appUser').select('id').where('email', '=', invitation.email).executeTakeFirst(), undefined);
  t.same(await database.db.selectFrom('oneTimeToken').selectAll().execute(), []);
});

t.test('password reset: same answer for every address, a one-hour link, every session ended', async (t) => {
  const smtp = await startSmtp(t);
  const { app, database, clock } = await buildTestApp(t, { config: { smtpUrl: smtp.url } });
  const signedIn = await signIn(app, database.db, clock, { language: 'en' });
  const ask = (email: string) => app.inject({ method: 'POST', url: '/api/password-reset', payload: { email } });

  const unknown = await ask('nobody@example.org');
  const known = await ask(signedIn.user.email);
  t.equal(unknown.statusCode, 202);
  t.equal(known.statusCode, 202);
  t.equal(unknown.body, known.body, 'no way to tell whether the account exists');
  const [mail] = await smtp.received(1);
  t.same(mail!.to, [signedIn.user.email], 'only the real account got mail');
  t.equal(mail!.subject, 'Resetting your Enlace password');
  const token = tokenFrom(mail!.text);

  const done = await app.inject({ method: 'POST', url: '/api/password-reset/complete', payload: { token, password: 'a brand new passphrase' } });
  t.equal(done.statusCode, 204);
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: signedIn.cookie } })).statusCode, 401, 'old sessions ended');
  t.equal(
    (await app.inject({ method: 'POST', url: '/api/password-reset/complete', payload: { token, password: 'yet another passphrase' } })).statusCode,
    400,
    'single use',
  );
  const login = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: signedIn.user.email, password: 'a brand new passphrase', otp: totpCode(signedIn.user.totpSecret!, clock.now()) },
  });
  t.equal(login.statusCode, 200, 'the new password works, with the same second factor');

  await ask(signedIn.user.email);
  const [, second] = await smtp.received(2);
  clock.advance(3_600_000 + 1);
  const late = await app.inject({
    method: 'POST',
    url: '/api/password-reset/complete',
    payload: { token: tokenFrom(second!.text), password: 'too late for this one' },
  });
  t.equal(late.statusCode, 400);
});
