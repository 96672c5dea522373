import { randomUUID } from 'node:crypto';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { createUser, type SignedIn, signIn } from '../../helpers/users.ts';

async function setUp(t: Parameters<typeof buildTestApp>[0]) {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url } });
  const { app, database, clock } = env;
  const secretariat = await signIn(app, database.db, clock, { roles: ['secretariat'], country: 'SV' });
  const call = (who: SignedIn, method: string, url: string, payload?: object) =>
    app.inject({ method: method as 'GET', url, headers: who.headers, ...(payload ? { payload } : {}) });
  const network = (
    await call(secretariat, 'POST', '/api/networks', { code: 'smuggling', nameEs: 'Red de oficiales de enlace', nameEn: 'Liaison officers network' })
  ).json();
  const other = (await call(secretariat, 'POST', '/api/networks', { code: 'consular', nameEs: 'Red consular', nameEn: 'Consular network' })).json();
  const space = async (networkId: string, nameEn: string) =>
    (await call(secretariat, 'POST', '/api/spaces', { networkId, nameEs: `${nameEn} (es)`, nameEn, opensOn: '2026-03-01' })).json();
  return { ...env, smtp, secretariat, call, network, other, space };
}

t.test('the Secretariat opens networks and spaces; a space’s loading deadline defaults to four months', async (t) => {
  const { app, secretariat, call, network, space } = await setUp(t);
  t.match(network, { code: 'smuggling', nameEn: 'Liaison officers network' });
  t.equal((await call(secretariat, 'POST', '/api/networks', { code: 'smuggling', nameEs: 'x', nameEn: 'x' })).statusCode, 409);
  const s = await space(network.id, 'Fraudulent documents 2026');
  t.equal(s.opensOn, '2026-03-01');
  t.equal(s.loadingDeadline, '2026-07-01');
  t.same(s.permissions, { update: true, manageMembers: true, grantableRoles: ['officer', 'contact_point', 'substitute', 'observer'] });
  t.equal(s.myRole, null, 'the Secretariat manages spaces without being a member');

  const bad = await call(secretariat, 'POST', '/api/spaces', {
    networkId: network.id,
    nameEs: 'x',
    nameEn: 'x',
    opensOn: '2026-03-01',
    loadingDeadline: '2026-02-01',
  });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error.code, 'deadline_before_opening');
  const badDate = await call(secretariat, 'POST', '/api/spaces', { networkId: network.id, nameEs: 'x', nameEn: 'x', opensOn: '1 March' });
  t.equal(badDate.json().error.field, 'body.opensOn');
  const unknown = await call(secretariat, 'POST', '/api/spaces', {
    networkId: '00000000-0000-4000-8000-000000000000',
    nameEs: 'x',
    nameEn: 'x',
    opensOn: '2026-03-01',
  });
  t.equal(unknown.json().error.code, 'unknown_network');

  const renamed = await call(secretariat, 'PATCH', `/api/spaces/${s.id}`, { nameEn: 'Fraudulent documents, 2026', loadingDeadline: '2026-08-15' });
  t.equal(renamed.statusCode, 200);
  t.equal(renamed.json().loadingDeadline, '2026-08-15');
  t.equal((await call(secretariat, 'PATCH', `/api/spaces/${s.id}`, { opensOn: '2026-09-01' })).statusCode, 400, 'opening after the deadline');

  const org = await call(secretariat, 'POST', '/api/organisations', {
    code: 'CRI-DGME',
    country: 'CRI',
    kind: 'member_authority',
    nameEs: 'Dirección General de Migración y Extranjería',
    nameEn: 'Directorate-General of Migration',
  });
  t.equal(org.statusCode, 201);
  t.equal((await call(secretariat, 'GET', '/api/organisations')).json().length, 1);
  void app;
});

t.test('members: who adds whom, one contact point per country per network, notices by mail', async (t) => {
  const { app, database, clock, smtp, secretariat, call, network, other, space } = await setUp(t);
  const s1 = await space(network.id, 'S1');
  const s2 = await space(network.id, 'S2');
  const s3 = await space(other.id, 'S3');
  const cp = await signIn(app, database.db, clock, { country: 'CRI', language: 'en', email: 'cp@cri.example' });
  const officer = await createUser(database.db, { country: 'CRI', email: 'officer@cri.example' });
  const gtm = await createUser(database.db, { country: 'GTM', email: 'officer@gtm.example' });
  const secondCri = await createUser(database.db, { country: 'CRI' });

  const add = (who: SignedIn, spaceId: string, userId: string, role: string) => call(who, 'POST', `/api/spaces/${spaceId}/members`, { userId, role });
  t.equal((await add(secretariat, s1.id, cp.user.id, 'contact_point')).statusCode, 201);
  t.equal((await add(secretariat, s2.id, cp.user.id, 'contact_point')).statusCode, 201, 'the same contact point in every space of the network');
  const taken = await add(secretariat, s2.id, secondCri.id, 'contact_point');
  t.equal(taken.statusCode, 409);
  t.equal(taken.json().error.code, 'contact_point_taken');
  t.equal((await add(secretariat, s3.id, secondCri.id, 'contact_point')).statusCode, 201, 'another network may have another');
  t.equal((await add(secretariat, s1.id, secondCri.id, 'substitute')).statusCode, 201);
  t.equal((await add(secretariat, s1.id, cp.user.id, 'officer')).statusCode, 409, 'already a member');

  const notice = await smtp.received(1);
  t.equal(notice[0]!.subject, 'A change to your Enlace spaces');
  t.match(notice[0]!.text, /added to the space “S1” as contact point/);

  // The contact point: its own country's officers and observers, in its network's spaces.
  const mine = await add(cp, s1.id, officer.id, 'officer');
  t.equal(mine.statusCode, 201);
  // Another country's account is not the contact point's to find: answered like an id that is no account.
  const foreignOfficer = await add(cp, s1.id, gtm.id, 'officer');
  t.equal(foreignOfficer.statusCode, 400, 'not another country’s officer');
  t.same(foreignOfficer.json(), (await add(cp, s1.id, randomUUID(), 'officer')).json(), 'the same answer as for no account at all');
  const stranger = await createUser(database.db, { country: 'CRI' });
  t.equal((await add(cp, s1.id, stranger.id, 'contact_point')).statusCode, 403, 'not a contact point');
  t.equal((await add(cp, s3.id, stranger.id, 'officer')).statusCode, 404, 'not in another network: not even visible');

  const members = (await call(cp, 'GET', `/api/spaces/${s1.id}/members`)).json();
  t.equal(members.length, 3);
  t.same(
    members
      .map((m: { role: string; permissions: { remove: boolean; changeRole: boolean } }) => [m.role, m.permissions.remove, m.permissions.changeRole])
      .sort(),
    [
      ['contact_point', false, false],
      ['officer', true, true],
      ['substitute', true, true],
    ],
    'the permissions map says what the contact point may remove or change (its country’s substitute included)',
  );
  const cpSpace = (await call(cp, 'GET', `/api/spaces/${s1.id}`)).json();
  t.same(cpSpace.permissions.grantableRoles, ['officer', 'substitute', 'observer'], 'a contact point grants officer, substitute and observer');

  const promote = await call(secretariat, 'PATCH', `/api/spaces/${s1.id}/members/${officer.id}`, { role: 'observer' });
  t.equal(promote.statusCode, 200);
  t.equal((await call(cp, 'DELETE', `/api/spaces/${s1.id}/members/${officer.id}`)).statusCode, 204);
  t.equal((await call(cp, 'DELETE', `/api/spaces/${s1.id}/members/${officer.id}`)).statusCode, 404);
  // The contact point appoints and removes its country's substitute (the directory's "appoint substitute").
  t.equal((await call(cp, 'DELETE', `/api/spaces/${s1.id}/members/${secondCri.id}`)).statusCode, 204);

  const changes = await database.db.selectFrom('membershipChange').selectAll().where('userId', '=', officer.id).orderBy('id').execute();
  t.same(
    changes.map((c) => [c.change, c.role, c.previousRole]),
    [
      ['added', 'officer', null],
      ['role_changed', 'observer', 'officer'],
      ['removed', null, 'observer'],
    ],
  );
  const mails = await smtp.received(7);
  t.match(mails.map((m) => m.text).join('\n'), /Ya no es miembro del espacio «S1 \(es\)»/, 'in the member’s language');
});

t.test('what each person sees of spaces: their own; 404 for the rest', async (t) => {
  const { app, database, clock, secretariat, call, network, space } = await setUp(t);
  const s1 = await space(network.id, 'S1');
  const s2 = await space(network.id, 'S2');
  const officer = await signIn(app, database.db, clock, { country: 'GTM' });
  await call(secretariat, 'POST', `/api/spaces/${s1.id}/members`, { userId: officer.user.id, role: 'officer' });
  const list = (await call(officer, 'GET', '/api/spaces')).json();
  t.same(
    list.map((s: { id: string }) => s.id),
    [s1.id],
  );
  t.equal(list[0].myRole, 'officer');
  t.same(list[0].permissions, { update: false, manageMembers: false, grantableRoles: [] });
  t.equal((await call(officer, 'GET', `/api/spaces/${s2.id}`)).statusCode, 404);
  t.equal((await call(officer, 'GET', `/api/spaces/${s2.id}/members`)).statusCode, 404);
  t.equal(
    (await call(officer, 'GET', '/api/spaces/00000000-0000-4000-8000-000000000000')).statusCode,
    404,
    'the same answer as a space that does not exist',
  );
  t.equal((await call(officer, 'POST', '/api/spaces', { networkId: network.id, nameEs: 'x', nameEn: 'x', opensOn: '2026-03-01' })).statusCode, 403);
  t.equal((await call(officer, 'PATCH', `/api/spaces/${s1.id}`, { nameEn: 'mine now' })).statusCode, 403, 'visible but not theirs to change: 403');
  const me = (await call(officer, 'GET', '/api/me')).json();
  t.same(
    me.spaces.map((s: { id: string; role: string }) => [s.id, s.role]),
    [[s1.id, 'officer']],
  );
  t.equal((await call(secretariat, 'GET', '/api/spaces')).json().length, 2, 'the Secretariat sees every space');
});
