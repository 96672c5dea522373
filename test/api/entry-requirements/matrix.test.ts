import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';
import { CUBA_VISA, matrixCalls, member } from './helpers.ts';

t.test('the Secretariat sets cells; everyone with a role reads both views and the history', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = matrixCalls(env);
  const presidency = await signIn(app, database.db, clock, { roles: ['presidency'], country: 'HND' });

  t.equal((await calls.get(world.officer, 'CRI', 'CUB')).statusCode, 404, 'a cell never set holds no information');
  const set = await calls.set(world.secretariat, 'CRI', 'CUB', CUBA_VISA);
  t.equal(set.statusCode, 200);
  t.match(set.json(), { destination: 'CRI', nationality: 'CUB', requirement: 'visa', daysAllowed: null, version: 1, effectiveOn: '2026-01-15' });
  t.equal((await calls.set(world.secretariat, 'MEX', 'CUB', { requirement: 'electronic_authorisation' })).statusCode, 200);
  t.equal((await calls.set(world.secretariat, 'CRI', 'DEU', { requirement: 'none', daysAllowed: 90 })).statusCode, 200);
  t.equal((await calls.set(world.secretariat, 'PAN', 'DEU', { requirement: 'none', daysAllowed: 180 })).statusCode, 200);

  // By destination: a country's row.
  const row = (await calls.list(world.foreign, '?destination=CRI')).json();
  t.same(
    row.items.map((c: { nationality: string; requirement: string }) => [c.nationality, c.requirement]),
    [
      ['CUB', 'visa'],
      ['DEU', 'none'],
    ],
  );
  t.same(row.permissions, { update: false, import: false, decide: false, proposeFor: null }, 'an officer only reads');
  // By nationality: where may a German enter without a visa?
  const german = (await calls.list(world.observer, '?nationality=DEU&requirement=none')).json();
  t.same(
    german.items.map((c: { destination: string; daysAllowed: number }) => [c.destination, c.daysAllowed]),
    [
      ['CRI', 90],
      ['PAN', 180],
    ],
  );
  t.equal((await calls.list(presidency, '?nationality=CUB')).json().total, 2, 'the Presidency reads too');
  t.equal((await calls.list(world.auditor, '?pageSize=1')).json().items.length, 1, 'paged');
  t.same((await calls.list(world.secretariat)).json().permissions, { update: true, import: true, decide: true, proposeFor: null });

  // A change keeps the old and new values; setting the same values again changes nothing.
  clock.advance(60_000);
  const changed = await calls.set(world.secretariat, 'CRI', 'CUB', { ...CUBA_VISA, requirement: 'visa_on_arrival', note: null });
  t.equal(changed.json().version, 2);
  t.equal((await calls.set(world.secretariat, 'CRI', 'CUB', { ...CUBA_VISA, requirement: 'visa_on_arrival', note: null })).json().version, 2);
  const history = (await calls.history(world.officer, 'CRI', 'CUB')).json().items;
  t.equal(history.length, 2, 'one entry per change, none for a write that changed nothing');
  t.match(history[0], {
    source: 'edit',
    oldValue: { requirement: 'visa', note: 'Visa consular.' },
    newValue: { requirement: 'visa_on_arrival', note: null },
  });
  t.match(history[1], { oldValue: null, newValue: { requirement: 'visa', legalSource: 'Directriz DG-001-2026' }, changedByCountry: 'SV' });
  const feed = (await calls.changes(world.contact, '?since=2026-01-01T00:00:00Z')).json();
  t.equal(feed.items.length, 5, 'the change feed lists every change, oldest first');
  t.equal(feed.items[4].nationality, 'CUB');
  const last = encodeURIComponent(clock.now().toISOString());
  t.equal((await calls.changes(world.contact, `?since=${last}`)).json().items.length, 1, 'since is inclusive');
  clock.advance(1000);
  t.equal((await calls.changes(world.contact, `?since=${encodeURIComponent(clock.now().toISOString())}`)).json().items.length, 0);
  t.equal((await calls.changes(world.contact, '?since=2026-01-01T00:00:00Z&limit=2')).json().more, true);

  // Nobody but the Secretariat writes.
  for (const who of [world.officer, world.contact, presidency, world.auditor]) {
    const refused = await calls.set(who, 'CRI', 'CUB', { requirement: 'none' });
    t.equal(refused.statusCode, 403);
    t.equal(refused.json().error.code, 'forbidden');
  }
  t.equal((await calls.get(world.officer, 'CRI', 'CUB')).json().requirement, 'visa_on_arrival', 'nothing changed');

  // A user with no role and no membership reads nothing; without a session, 401.
  const nobody = await signIn(app, database.db, clock, { country: 'CRI' });
  t.equal((await calls.list(nobody)).statusCode, 403);
  for (const url of [
    '/api/entry-requirements',
    '/api/entry-requirements/CRI/CUB/history',
    '/api/entry-requirements/changes',
    '/api/entry-requirements/proposals',
  ]) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 401, `${url}: 401`);
  }
  t.equal((await app.inject({ method: 'PUT', url: '/api/entry-requirements/CRI/CUB', payload: { requirement: 'none' } })).statusCode, 401);
  await member(env, world, nobody, 'observer');
  t.equal((await calls.list(nobody)).statusCode, 200, 'a membership is a role');
});

t.test('the Secretariat clears a cell: no information again, the history keeps what was removed, the contact points are told', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = matrixCalls(env);
  t.equal((await calls.set(world.secretariat, 'CRI', 'CUB', CUBA_VISA)).statusCode, 200);
  const notices = async () =>
    Number(
      (
        await database.db
          .selectFrom('notification')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('kind', '=', 'entry_requirement_changed')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = await notices();

  // Nobody but the Secretariat clears; the cell is untouched.
  for (const who of [world.officer, world.contact, world.auditor]) {
    const refused = await calls.clear(who, 'CRI', 'CUB');
    t.equal(refused.statusCode, 403);
    t.equal(refused.json().error.code, 'forbidden');
  }
  t.equal((await app.inject({ method: 'DELETE', url: '/api/entry-requirements/CRI/CUB' })).statusCode, 401);
  t.equal((await calls.get(world.officer, 'CRI', 'CUB')).json().requirement, 'visa', 'nothing changed');

  // Bad cells are refused by code.
  const bad = await calls.clear(world.secretariat, 'CRI', 'XXX');
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error.code, 'validation_failed', 'not a country');
  const notMember = await calls.clear(world.secretariat, 'DEU', 'CUB');
  t.equal(notMember.statusCode, 400);
  t.equal(notMember.json().error.code, 'validation_failed', 'the destination is a member country');

  clock.advance(60_000);
  const cleared = await calls.clear(world.secretariat, 'CRI', 'CUB');
  t.equal(cleared.statusCode, 204);
  t.equal((await calls.get(world.officer, 'CRI', 'CUB')).statusCode, 404, 'the cell holds no information');
  t.equal((await calls.list(world.officer, '?destination=CRI')).json().total, 0, 'nor does the row list it');
  const history = (await calls.history(world.officer, 'CRI', 'CUB')).json().items;
  t.equal(history.length, 2);
  t.match(history[0], { source: 'edit', oldValue: { requirement: 'visa', note: 'Visa consular.' }, newValue: null, changedByCountry: 'SV' });
  t.ok((await notices()) > before, 'the contact points are told');
  const audit = await database.db
    .selectFrom('auditEntry')
    .select(['outcome', 'actorId', 'details'])
    .where('action', '=', 'entry_requirement.clear')
    .orderBy('seq')
    .execute();
  t.same(
    audit.map((a) => a.outcome),
    ['denied', 'denied', 'denied', 'denied', 'error', 'error', 'allowed'],
    'every attempt audited',
  );
  t.match(audit.at(-1), {
    actorId: world.secretariat.user.id,
    details: { destination: 'CRI', nationality: 'CUB', changeId: String, notices: Number },
  });

  // Clearing what holds nothing changes nothing and tells no one.
  const told = await notices();
  t.equal((await calls.clear(world.secretariat, 'CRI', 'CUB')).statusCode, 204);
  t.equal((await calls.history(world.officer, 'CRI', 'CUB')).json().items.length, 2, 'no history for a clear that changed nothing');
  t.equal(await notices(), told);

  // Set again after clearing: the history reads on.
  t.equal((await calls.set(world.secretariat, 'CRI', 'CUB', { requirement: 'none', daysAllowed: 30 })).json().version, 1);
  t.match((await calls.history(world.officer, 'CRI', 'CUB')).json().items[0], { oldValue: null, newValue: { requirement: 'none', daysAllowed: 30 } });
});

t.test('wrong input is refused with a code, in the caller’s language, and changes nothing', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = matrixCalls(env);
  const cases: [string, string, string, object, string][] = [
    ['not a member country', 'CHN', 'CUB', { requirement: 'visa' }, 'validation_failed'],
    ['not a country', 'CRI', 'XXX', { requirement: 'visa' }, 'validation_failed'],
    ['unknown requirement', 'CRI', 'CUB', { requirement: 'maybe' }, 'validation_failed'],
    ['unknown field', 'CRI', 'CUB', { requirement: 'visa', colour: 'red' }, 'validation_failed'],
    ['days with a visa', 'CRI', 'CUB', { requirement: 'visa', daysAllowed: 30 }, 'entry_requirement_days_none_only'],
    ['too many days', 'CRI', 'CUB', { requirement: 'none', daysAllowed: 100000 }, 'validation_failed'],
    ['bad date', 'CRI', 'CUB', { requirement: 'visa', effectiveOn: '2026-02-30' }, 'validation_failed'],
    ['own nationals', 'CRI', 'CRI', { requirement: 'none' }, 'entry_requirement_own_nationals'],
  ];
  for (const [label, destination, nationality, body, code] of cases) {
    const res = await calls.set(world.secretariat, destination, nationality, body);
    t.equal(res.statusCode, 400, label);
    t.equal(res.json().error.code, code, label);
    t.ok(res.json().error.message, `${label}: a message`);
  }
  const es = await env.app.inject({
    method: 'PUT',
    url: '/api/entry-requirements/CRI/CUB',
    headers: { ...world.secretariat.headers, 'accept-language': 'es' },
    payload: { requirement: 'visa', daysAllowed: 30 },
  });
  t.match(es.json().error.message, /Los días permitidos/);
  t.equal((await env.database.db.selectFrom('entryRequirement').select('destination').execute()).length, 0);
  t.equal((await env.database.db.selectFrom('entryRequirementChange').select('id').execute()).length, 0);
  t.equal((await calls.list(world.officer, '?requirement=sometimes')).statusCode, 400);
});
