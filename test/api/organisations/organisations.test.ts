import { randomUUID } from 'node:crypto';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

const PARTNER = { code: 'UNIV', country: 'UNIV', kind: 'partner', nameEs: 'Universidad de la Región', nameEn: 'University of the Region' };

t.test('organisations: registered by the Secretariat, codes and countries that agree with the kind', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const post = (who: SignedIn, payload: object) => env.app.inject({ method: 'POST', url: '/api/organisations', headers: who.headers, payload });

  const created = await post(world.secretariat, PARTNER);
  t.equal(created.statusCode, 201, created.body);
  t.match(created.json(), { ...PARTNER, active: true, deactivatedAt: null });
  const taken = await post(world.secretariat, { ...PARTNER, nameEs: 'Otra', nameEn: 'Other' });
  t.equal(taken.statusCode, 409);
  t.equal(taken.json().error.code, 'code_taken');

  const refused = async (payload: object, code: string, field: string) => {
    const res = await post(world.secretariat, payload);
    t.equal(res.statusCode, 400, `${code}: ${res.body}`);
    t.equal(res.json().error.code, code);
    t.equal(res.json().error.field, field);
    t.ok(res.json().error.message);
  };
  await refused({ ...PARTNER, code: 'CSM', country: 'IOM' }, 'organisation_own_code', 'body.country');
  await refused({ ...PARTNER, code: 'ESP', country: 'ESP' }, 'organisation_code_is_state', 'body.code');
  await refused({ ...PARTNER, code: 'CRI', country: 'CRI' }, 'organisation_code_is_state', 'body.code');
  await refused({ ...PARTNER, code: 'ESP-DGM', country: 'ESP', kind: 'member_authority' }, 'organisation_country', 'body.country');
  await refused({ ...PARTNER, kind: 'club' }, 'validation_failed', 'body.kind');
  await refused({ ...PARTNER, code: 'x y' }, 'validation_failed', 'body.code');
  t.equal(
    (await post(world.secretariat, { code: 'CRI-DGME', country: 'CRI', kind: 'member_authority', nameEs: 'DGME', nameEn: 'DGME' })).statusCode,
    201,
  );

  const denied = await post(world.officer, { ...PARTNER, code: 'NEW' });
  t.equal(denied.statusCode, 403);
  t.equal(denied.json().error.code, 'forbidden');

  // Everyone signed in reads them; filters by kind, words and status.
  const list = (who: SignedIn, query = '') => env.app.inject({ method: 'GET', url: `/api/organisations${query}`, headers: who.headers });
  t.equal((await list(world.observer)).json().length, 2);
  t.same(
    (await list(world.officer, '?kind=partner')).json().map((o: { code: string }) => o.code),
    ['UNIV'],
  );
  t.same(
    (await list(world.officer, '?q=region')).json().map((o: { code: string }) => o.code),
    ['UNIV'],
  );
  t.same(
    (await list(world.officer, '?q=dgme')).json().map((o: { code: string }) => o.code),
    ['CRI-DGME'],
  );
  t.equal((await list(world.officer, '?status=inactive')).json().length, 0);
  t.equal((await list(world.officer, '?kind=club')).statusCode, 400);
});

t.test('changes: Secretariat only (403 whether or not it exists), audited with the fields changed, kinds only where the place stays', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const id = (await app.inject({ method: 'POST', url: '/api/organisations', headers: world.secretariat.headers, payload: PARTNER })).json().id;
  const patch = (who: SignedIn, target: string, payload: object) =>
    app.inject({ method: 'PATCH', url: `/api/organisations/${target}`, headers: who.headers, payload });

  for (const target of [id, randomUUID()]) {
    const res = await patch(world.officer, target, { nameEs: 'Intrusa' });
    t.equal(res.statusCode, 403, 'the same answer whether or not it exists');
    t.equal(res.json().error.code, 'forbidden');
  }
  t.equal((await patch(world.secretariat, randomUUID(), { nameEs: 'Nadie' })).statusCode, 404);
  t.equal((await patch(world.secretariat, id, {})).statusCode, 400, 'at least one field');
  t.equal((await patch(world.secretariat, id, { code: 'OTHER' })).statusCode, 400, 'the code does not change');

  const renamed = await patch(world.secretariat, id, { nameEs: '  Universidad Regional ', nameEn: PARTNER.nameEn, kind: 'observer' });
  t.equal(renamed.statusCode, 200, renamed.body);
  t.match(renamed.json(), { nameEs: 'Universidad Regional', nameEn: PARTNER.nameEn, kind: 'observer', active: true });
  const entries = await database.db
    .selectFrom('auditEntry')
    .select(['action', 'outcome', 'actorId', 'subjectId', 'details'])
    .where('action', 'in', ['organisation.create', 'organisation.update'])
    .orderBy('seq')
    .execute();
  t.match(entries, [
    { action: 'organisation.create', outcome: 'allowed', subjectId: id, details: { code: 'UNIV', kind: 'partner' } },
    { action: 'organisation.update', outcome: 'denied', actorId: world.officer.user.id },
    { action: 'organisation.update', outcome: 'denied', actorId: world.officer.user.id },
    {},
    {},
    {},
    { action: 'organisation.update', outcome: 'allowed', actorId: world.secretariat.user.id, subjectId: id, details: { fields: ['nameEs', 'kind'] } },
  ]);

  const toAuthority = await patch(world.secretariat, id, { kind: 'member_authority' });
  t.equal(toAuthority.statusCode, 409);
  t.equal(toAuthority.json().error.code, 'organisation_kind_fixed');
  t.equal((await patch(world.secretariat, id, { kind: 'partner' })).json().kind, 'partner', 'observer and partner trade places');

  // The Secretariat's own organisation stays active (it administers the portal); renaming it is fine.
  const registered = await app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: world.secretariat.headers,
    payload: { code: 'SV', country: 'SV', kind: 'secretariat', nameEs: 'Secretaría', nameEn: 'Secretariat' },
  });
  t.equal(registered.statusCode, 201, registered.body);
  const sv = registered.json();
  const off = await patch(world.secretariat, sv.id, { active: false });
  t.equal(off.statusCode, 409);
  t.equal(off.json().error.code, 'organisation_secretariat_active');
  t.equal(
    (await database.db.selectFrom('organisation').select('deactivatedAt').where('id', '=', sv.id).executeTakeFirstOrThrow()).deactivatedAt,
    null,
  );
});

t.test('deactivation: no new people or memberships; existing people keep their sessions; reactivation', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url } });
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const org = (await app.inject({ method: 'POST', url: '/api/organisations', headers: world.secretariat.headers, payload: PARTNER })).json();
  const invite = (email: string, country = 'UNIV', organisationId: string | undefined = org.id) =>
    app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: world.secretariat.headers,
      payload: { email, displayName: 'Persona', country, organisation: PARTNER.nameEs, ...(organisationId ? { organisationId } : {}) },
    });
  t.equal((await invite('first@univ.example')).statusCode, 201);
  const unknown = await invite('nobody@nowhere.example', 'NOPE', undefined);
  t.equal(unknown.statusCode, 400, 'a code no organisation has');
  t.equal(unknown.json().error.code, 'invalid_country');

  // A person of the organisation, signed in and observing the space.
  const person = await signIn(app, database.db, clock, { country: 'UNIV', organisation: PARTNER.nameEs });
  await database.db.updateTable('appUser').set({ organisationId: org.id }).where('id', '=', person.user.id).execute();
  const again = await signIn(app, database.db, clock, { user: person.user });
  const later = await signIn(app, database.db, clock, { country: 'UNIV', organisation: PARTNER.nameEs });
  await database.db.updateTable('appUser').set({ organisationId: org.id }).where('id', '=', later.user.id).execute();
  const add = (userId: string) =>
    app.inject({
      method: 'POST',
      url: `/api/spaces/${world.spaceId}/members`,
      headers: world.secretariat.headers,
      payload: { userId, role: 'observer' },
    });
  t.equal((await add(person.user.id)).statusCode, 201);

  const off = await app.inject({
    method: 'PATCH',
    url: `/api/organisations/${org.id}`,
    headers: world.secretariat.headers,
    payload: { active: false },
  });
  t.match(off.json(), { active: false, deactivatedAt: clock.now().toISOString() });
  t.same(
    (await app.inject({ method: 'GET', url: '/api/organisations?status=inactive', headers: world.secretariat.headers }))
      .json()
      .map((o: { id: string }) => o.id),
    [org.id],
  );

  const invited = await invite('second@univ.example');
  t.equal(invited.statusCode, 409);
  t.equal(invited.json().error.code, 'organisation_inactive');
  const byCode = await invite('third@univ.example', 'UNIV', undefined);
  t.equal(byCode.json().error.code, 'organisation_inactive', 'nor under its code alone');
  const joined = await add(later.user.id);
  t.equal(joined.statusCode, 409);
  t.equal(joined.json().error.code, 'organisation_inactive');
  t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: again.headers })).statusCode, 200, 'existing sessions are not ended');
  t.equal(
    (await app.inject({ method: 'GET', url: `/api/spaces/${world.spaceId}`, headers: again.headers })).statusCode,
    200,
    'nor existing memberships',
  );

  const on = await app.inject({
    method: 'PATCH',
    url: `/api/organisations/${org.id}`,
    headers: world.secretariat.headers,
    payload: { active: true },
  });
  t.match(on.json(), { active: true, deactivatedAt: null });
  t.equal((await add(later.user.id)).statusCode, 201, 'reactivated: memberships again');
});
