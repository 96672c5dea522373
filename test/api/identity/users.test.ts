import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { createUser, signIn } from '../../helpers/users.ts';

t.test('the Secretariat lists accounts with filters and pages; nobody else may', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const secretariat = await signIn(app, database.db, clock, { roles: ['secretariat'], country: 'SV', email: 'sv@example.org' });
  for (let i = 0; i < 5; i++) await createUser(database.db, { email: `gt${i}@example.org`, country: 'GTM' });
  await createUser(database.db, { email: 'invited@example.org', status: 'invited', country: 'HND' });
  const get = (url: string, headers = secretariat.headers) => app.inject({ method: 'GET', url, headers });

  const all = await get('/api/users?pageSize=4');
  t.equal(all.statusCode, 200);
  t.equal(all.json().total, 7);
  t.equal(all.json().items.length, 4);
  const page2 = await get('/api/users?pageSize=4&page=2');
  t.equal(page2.json().items.length, 3);
  t.same(new Set([...all.json().items, ...page2.json().items].map((u: { id: string }) => u.id)).size, 7, 'pages do not overlap');
  t.equal((await get('/api/users?country=GTM')).json().total, 5);
  t.equal((await get('/api/users?status=invited')).json().items[0].email, 'invited@example.org');
  t.equal((await get('/api/users?q=GT3')).json().total, 1, 'search by e-mail, case-insensitive');
  t.equal((await get('/api/users?q=%25')).json().total, 0, 'LIKE wildcards are literal');
  t.equal((await get('/api/users?pageSize=500')).statusCode, 400);

  const officer = await signIn(app, database.db, clock);
  const denied = await get('/api/users', officer.headers);
  t.equal(denied.statusCode, 403);
});

t.test('status and roles: set by the Secretariat, never on itself; the account’s sessions end', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const secretariat = await signIn(app, database.db, clock, { roles: ['secretariat'], country: 'SV' });
  const officer = await signIn(app, database.db, clock);
  const patch = (id: string, payload: object, headers = secretariat.headers) =>
    app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers, payload });

  const promoted = await patch(officer.user.id, { roles: ['auditor'] });
  t.equal(promoted.statusCode, 200);
  t.same(promoted.json().roles, ['auditor']);
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: officer.cookie } })).statusCode,
    401,
    'a privilege change ends its sessions',
  );

  const self = await patch(secretariat.user.id, { roles: [] });
  t.equal(self.statusCode, 403, 'no one changes their own access');
  const byOfficer = await patch(secretariat.user.id, { status: 'disabled' }, officer.headers);
  t.equal(byOfficer.statusCode, 401, 'the officer was signed out');

  const locked = await patch(officer.user.id, { status: 'locked' });
  t.equal(locked.json().status, 'locked');
  const login = await app.inject({ method: 'POST', url: '/api/session', payload: { email: officer.user.email, password: officer.user.password } });
  t.equal(login.statusCode, 401, 'a locked account cannot sign in');
  t.equal((await patch(officer.user.id, { status: 'active' })).json().status, 'active');

  const invited = await createUser(database.db, { status: 'invited' });
  t.equal((await patch(invited.id, { status: 'active' })).statusCode, 409, 'activation happens by accepting the invitation');
  t.equal((await patch('7d0c5d37-6f43-4a0e-9d51-4f6b2f1f0e11', { status: 'locked' })).statusCode, 404);
  t.equal((await patch(officer.user.id, {})).statusCode, 400);
});

t.test('a fresh invitation link retires the old one', async (t) => {
  const smtp = await startSmtp(t);
  const { app, database, clock } = await buildTestApp(t, { config: { smtpUrl: smtp.url } });
  const secretariat = await signIn(app, database.db, clock, { roles: ['secretariat'], country: 'SV' });
  const created = await app.inject({
    method: 'POST',
    url: '/api/invitations',
    headers: secretariat.headers,
    payload: { email: 'late@example.org', displayName: 'Late Comer', country: 'NIC', organisation: 'DGME', language: 'en' },
  });
  const id = created.json().id;
  const resent = await app.inject({ method: 'POST', url: `/api/users/${id}/invitation`, headers: secretariat.headers });
  t.equal(resent.statusCode, 200);
  const [first, second] = await smtp.received(2);
  const token = (text: string) => /#([A-Za-z0-9_-]{20,})/.exec(text)![1]!;
  const old = await app.inject({
    method: 'POST',
    url: '/api/invitations/accept',
    payload: { token: token(first!.text), password: 'a good long password' },
  });
  t.equal(old.statusCode, 400, 'the first link no longer works');
  const fresh = await app.inject({
    method: 'POST',
    url: '/api/invitations/accept',
    payload: { token: token(second!.text), password: 'a good long password' },
  });
  t.equal(fresh.statusCode, 200);
  const again = await app.inject({ method: 'POST', url: `/api/users/${id}/invitation`, headers: secretariat.headers });
  t.equal(again.statusCode, 409, 'nothing to resend once accepted');
});

t.test('a contact point lists the active accounts of its own country, filtered in SQL', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const secretariat = await signIn(app, database.db, clock, { roles: ['secretariat'], country: 'SV' });
  const network = (
    await app.inject({ method: 'POST', url: '/api/networks', headers: secretariat.headers, payload: { code: 'nw', nameEs: 'n', nameEn: 'n' } })
  ).json();
  const space = (
    await app.inject({
      method: 'POST',
      url: '/api/spaces',
      headers: secretariat.headers,
      payload: { networkId: network.id, nameEs: 's', nameEn: 's', opensOn: '2026-03-01' },
    })
  ).json();
  const cp = await signIn(app, database.db, clock, { country: 'HND' });
  await app.inject({
    method: 'POST',
    url: `/api/spaces/${space.id}/members`,
    headers: secretariat.headers,
    payload: { userId: cp.user.id, role: 'contact_point' },
  });
  for (let i = 0; i < 3; i++) await createUser(database.db, { country: 'HND' });
  await createUser(database.db, { country: 'HND', status: 'invited' });
  await createUser(database.db, { country: 'PAN' });

  const list = await app.inject({ method: 'GET', url: '/api/users', headers: cp.headers });
  t.equal(list.statusCode, 200);
  t.equal(list.json().total, 4, 'itself and three colleagues; not the invited one, not Panama');
  t.ok(list.json().items.every((u: { country: string; status: string }) => u.country === 'HND' && u.status === 'active'));
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/users?country=PAN', headers: cp.headers })).json().total,
    0,
    'a filter cannot widen the policy',
  );
});

t.test('an account belongs to a registered organisation of its own country (AMBER+STRICT depends on it)', async (t) => {
  const { app, database, clock } = await buildTestApp(t);
  const secretariat = await signIn(app, database.db, clock, { roles: ['secretariat'], country: 'SV' });
  const org = (code: string, country: string) =>
    app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: secretariat.headers,
      payload: { code, country, kind: 'member_authority', nameEs: code, nameEn: code },
    });
  const dgme = (await org('CRI-DGME', 'CRI')).json();
  const igm = (await org('GTM-IGM', 'GTM')).json();
  const officer = await signIn(app, database.db, clock, { country: 'CRI' });

  const set = (organisationId: string | null) =>
    app.inject({ method: 'PATCH', url: `/api/users/${officer.user.id}`, headers: secretariat.headers, payload: { organisationId } });
  const wrong = await set(igm.id);
  t.equal(wrong.statusCode, 400);
  t.equal(wrong.json().error.code, 'organisation_elsewhere');
  const ok = await set(dgme.id);
  t.equal(ok.json().organisationId, dgme.id);
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: officer.cookie } })).statusCode,
    401,
    'a change of organisation ends the sessions',
  );
  t.equal((await set(null)).json().organisationId, null);

  const invited = await app.inject({
    method: 'POST',
    url: '/api/invitations',
    headers: secretariat.headers,
    payload: { email: 'new@dgme.example', displayName: 'N', country: 'CRI', organisation: 'DGME', organisationId: dgme.id },
  });
  t.equal(invited.statusCode, 201);
  t.equal(invited.json().organisationId, dgme.id);
  const unknown = await app.inject({
    method: 'POST',
    url: '/api/invitations',
    headers: secretariat.headers,
    payload: {
      email: 'x@dgme.example',
      displayName: 'N',
      country: 'CRI',
      organisation: 'DGME',
      organisationId: '00000000-0000-4000-8000-000000000000',
    },
  });
  t.equal(unknown.json().error.code, 'unknown_organisation');
});
