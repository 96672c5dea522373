import t from 'tap';
import { alertBody, borderAuthority, openEvents } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { ROUTE, reportCalls } from '../../helpers/reports.ts';
import { publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

// Words that exist only inside sealed records: none may reach the tasks' answers.
const SEALED = ['Tapachula', 'Ciudad Hidalgo', 'P-1234567', 'María', 'B-2019', 'offset-printed', 'La Aurora', 'Marcador'];

t.test('GET /api/me/tasks: what waits for each role, under the policy, with nothing sealed', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const border = await borderAuthority(env, world, 'MEX');
  // A contact point of another country in the same space, and one of the same country in another network.
  const gtmContact = await signIn(app, env.database.db, env.clock, { country: 'GTM' });
  const added = await app.inject({
    method: 'POST',
    url: `/api/spaces/${world.spaceId}/members`,
    headers: world.secretariat.headers,
    payload: { userId: gtmContact.user.id, role: 'contact_point' },
  });
  t.equal(added.statusCode, 201, added.body);
  const elsewhere = await buildWorld(env);

  const tasks = async (who: SignedIn) => {
    const res = await app.inject({ url: '/api/me/tasks', headers: who.headers });
    t.equal(res.statusCode, 200, res.body);
    for (const word of SEALED) t.notMatch(res.body, word, `no sealed content (${word})`);
    return res.json();
  };
  const create = async (body: Record<string, unknown> = {}) => {
    const res = await calls.create(world.officer, { description: 'Marcador sellado: offset-printed data page.', ...body });
    t.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const step = async (who: SignedIn, id: string, action: 'submit' | 'publish' | 'return') => {
    const res = await calls.step(who, id, action);
    t.equal(res.statusCode, 200, res.body);
  };

  // Four specimens submitted to the contact point, one left a draft, one sent back, one published and corrected.
  const draft = await create();
  const submitted: string[] = [];
  for (let i = 0; i < 4; i++) {
    const id = await create({ tlp: i === 3 ? 'RED' : 'AMBER' });
    t.equal((await calls.images(world.officer, id, ['front'])).statusCode, 201);
    env.clock.advance(60_000);
    await step(world.officer, id, 'submit');
    submitted.push(id);
  }
  env.clock.advance(60_000);
  const sentBack = await create();
  t.equal((await calls.images(world.officer, sentBack, ['front'])).statusCode, 201);
  await step(world.officer, sentBack, 'submit');
  await step(world.contact, sentBack, 'return');
  const published = await publishedSpecimen(env, world, { tlp: 'AMBER' });
  const proposed = await app.inject({
    method: 'POST',
    url: `/api/specimens/${published}/corrections`,
    headers: world.foreign.headers,
    payload: { changes: { version: '3' }, comment: 'Marcador: version 3' },
  });
  t.equal(proposed.statusCode, 201, proposed.body);

  // A warning waits for the contact point; an urgent alert is published at once and waits for its review.
  env.clock.advance(60_000);
  const warning = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { severity: 'warning' }),
  });
  t.equal(warning.json().status, 'submitted', warning.body);
  env.clock.advance(60_000);
  const urgent = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { targetCountries: ['CRI', 'GTM'], targetOrganisations: [border.organisationId] }),
  });
  t.equal(urgent.json().status, 'published', urgent.body);
  await app.jobs.drain();

  const contact = await tasks(world.contact);
  t.same(contact.counts, {
    specimensToValidate: 4,
    alertsToValidate: 1,
    reportsToValidate: 0,
    personsToValidate: 0,
    alertsToReview: 1,
    corrections: 0,
    returned: 0,
    drafts: 0,
    unread: 1,
    unacknowledged: 1,
  });
  t.same(
    contact.toValidate.map((i: { id: string }) => i.id),
    [...submitted, warning.json().id],
    'the longest waiting first, specimens and alerts',
  );
  t.match(contact.toValidate[0], {
    kind: 'specimen',
    status: 'submitted',
    tlp: 'AMBER',
    documentType: 'passport',
    issuingCountry: 'CRI',
    severity: null,
  });
  t.match(contact.toValidate[4], { kind: 'alert', severity: 'warning', documentType: null });
  t.notOk('title' in contact.toValidate[4], 'an alert without its (sealed) title');
  t.same(
    contact.toReview.map((i: { id: string }) => i.id),
    [urgent.json().id],
  );
  t.same(
    contact.spaces.map((s: { id: string; role: string; loadingDeadline: string }) => [s.id, s.role, s.loadingDeadline]),
    [[world.spaceId, 'contact_point', '2026-07-01']],
    'my space with its loading deadline (four months after opening)',
  );

  const officer = await tasks(world.officer);
  t.same(officer.counts, {
    specimensToValidate: 0,
    alertsToValidate: 0,
    reportsToValidate: 0,
    personsToValidate: 0,
    alertsToReview: 0,
    corrections: 1,
    returned: 1,
    drafts: 2,
    unread: 0,
    unacknowledged: 0,
  });
  t.same(
    officer.returned.map((i: { id: string }) => i.id),
    [sentBack],
  );
  t.same(
    officer.corrections.map((i: { id: string; corrections: number }) => [i.id, i.corrections]),
    [[published, 1]],
  );
  t.equal(officer.recent.length, 5, 'my latest items, a few');
  t.equal(officer.recent[0].id, urgent.json().id, 'newest first');
  t.notOk(
    officer.recent.some((i: { id: string }) => i.id === draft),
    'only the latest five: the oldest draft is not among them',
  );

  // Another country's contact point in the same space, and the same country's in another network: none of it.
  for (const [who, name] of [
    [gtmContact, 'GTM contact point'],
    [elsewhere.contact, 'contact point of another network'],
  ] as const) {
    const other = await tasks(who);
    t.match(other.counts, { specimensToValidate: 0, alertsToValidate: 0, alertsToReview: 0, corrections: 0, returned: 0, drafts: 0 }, name);
    t.same([other.toValidate, other.toReview, other.corrections, other.returned, other.recent], [[], [], [], [], []], name);
  }
  t.same(
    (await tasks(elsewhere.contact)).spaces.map((s: { id: string }) => s.id),
    [elsewhere.spaceId],
  );

  // The Guatemalan officer received the urgent alert (AMBER, in the space); the observer did not.
  t.match((await tasks(world.foreign)).counts, { unread: 1, unacknowledged: 1, specimensToValidate: 0, alertsToReview: 0 });
  t.match((await tasks(world.observer)).counts, { unread: 0, specimensToValidate: 0 });

  // The migration authority's alert_recipient: its inbox, nothing else.
  const authority = await tasks(border.user);
  t.same(authority.counts, {
    specimensToValidate: 0,
    alertsToValidate: 0,
    reportsToValidate: 0,
    personsToValidate: 0,
    alertsToReview: 0,
    corrections: 0,
    returned: 0,
    drafts: 0,
    unread: 1,
    unacknowledged: 1,
  });
  t.same(authority.spaces, []);

  // The auditor and the Secretariat read no content: every count is zero, every list empty.
  for (const who of [world.auditor, world.secretariat]) {
    const none = await tasks(who);
    t.ok(
      Object.values(none.counts).every((n) => n === 0),
      'no counts',
    );
    t.same([none.toValidate, none.toReview, none.corrections, none.returned, none.recent, none.spaces], [[], [], [], [], [], []]);
  }

  // Counts follow what happens: an alert opened is read, a specimen published leaves the queue, a review is done.
  t.equal((await app.inject({ url: `/api/alerts/${urgent.json().id}`, headers: world.contact.headers })).statusCode, 200);
  await step(world.contact, submitted[0]!, 'publish');
  const reviewed = await app.inject({ method: 'POST', url: `/api/alerts/${urgent.json().id}/review`, headers: world.contact.headers });
  t.equal(reviewed.statusCode, 200, reviewed.body);
  t.match((await tasks(world.contact)).counts, { specimensToValidate: 3, alertsToReview: 0, unread: 0, unacknowledged: 1 });

  // The trail keeps the counts and the ids listed, no content.
  const entry = await env.database.db
    .selectFrom('auditEntry')
    .select(['action', 'outcome', 'actorId', 'details'])
    .where('action', '=', 'tasks.read')
    .where('actorId', '=', world.contact.user.id)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  t.equal(entry.outcome, 'allowed');
  t.match(entry.details, { counts: { specimensToValidate: 3 }, itemIds: Array });
  for (const word of SEALED) t.notMatch(JSON.stringify(entry.details), word);
});

t.test('GET /api/me/tasks needs a signed-in, enrolled session', async (t) => {
  const env = await buildTestApp(t);
  const res = await env.app.inject({ url: '/api/me/tasks' });
  t.equal(res.statusCode, 401);
});

t.test('a workflow step is heard live by its originator and its validators, without ids or content', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const created = await calls.create(world.officer);
  const id = created.json().id as string;
  t.equal((await calls.images(world.officer, id, ['front'])).statusCode, 201);

  const contact = await openEvents(app, world.contact);
  const officer = await openEvents(app, world.officer);
  const foreign = await openEvents(app, world.foreign);
  t.teardown(() => {
    for (const stream of [contact, officer, foreign]) stream.close();
  });
  await Promise.all([contact.opened, officer.opened, foreign.opened]);

  t.equal((await calls.step(world.officer, id, 'submit')).statusCode, 200);
  t.same((await contact.next('tasks')).data, {}, 'the validator hears it, with nothing in it');
  t.same((await officer.next('tasks')).data, {}, 'and the originator');
  t.equal((await calls.step(world.contact, id, 'publish')).statusCode, 200);
  await contact.next('tasks');
  await officer.next('tasks');
  // Another country's officer heard none of it: its own step is the first `tasks` event on its stream
  // (one listener delivers the notices in order, each on the streams in order).
  const own = await calls.create(world.foreign, { issuingCountry: 'GTM' });
  t.equal((await calls.images(world.foreign, own.json().id, ['front'])).statusCode, 201);
  t.equal((await calls.step(world.foreign, own.json().id, 'submit')).statusCode, 200);
  await foreign.next('tasks');
  t.equal(foreign.events.filter((e) => e.event === 'tasks').length, 1, 'not another country’s items');
});

t.test("a submitted report waits for its country's contact point, named by its kind (its title is sealed)", async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = reportCalls(env, world);
  const created = await calls.create(world.officer, ROUTE);
  t.equal((await calls.step(world.officer, created.json().id, 'submit')).statusCode, 200);
  const res = await env.app.inject({ method: 'GET', url: '/api/me/tasks', headers: world.contact.headers });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().counts.reportsToValidate, 1);
  t.match(res.json().toValidate, [{ id: created.json().id, kind: 'report', reportKind: 'route', documentType: null }]);
  t.notOk(res.body.includes(ROUTE.title), 'no sealed title');
  const foreign = await env.app.inject({ method: 'GET', url: '/api/me/tasks', headers: world.foreign.headers });
  t.equal(foreign.json().counts.reportsToValidate, 0, "not another country's");
});
