import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';
import { commitmentCalls, MATRICES, member, png, registerObserver } from './helpers.ts';

t.test('a commitment from creation to a responsible’s update with evidence, kept as history', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = commitmentCalls(env, world);
  const gtmContact = await signIn(app, database.db, clock, { country: 'GTM' });
  await member(env, world, gtmContact, 'contact_point');

  const created = await calls.create(world.secretariat, { ...MATRICES, responsibles: ['CRI', 'GTM'] });
  t.equal(created.statusCode, 201, created.body);
  const commitment = created.json();
  t.match(commitment, {
    plan: 'Plan de acción 2026–2027',
    calendar: 'semiannual',
    startsOn: '2026-01-01',
    dueOn: null,
    currentDueOn: '2026-07-01',
    activityEn: null,
    responsibles: [
      { responsible: 'CRI', status: 'not_started', statusAt: null, overdue: false },
      { responsible: 'GTM', status: 'not_started', statusAt: null, overdue: false },
    ],
    permissions: { update: true, report: false, readContent: true },
  });

  // The contact point of Costa Rica reports "in progress" with a note and a photo.
  const photo = await png();
  clock.advance(60_000);
  const postedAt = clock.now().toISOString();
  const posted = await calls.report(world.contact, commitment.id, [
    { name: 'status', data: 'in_progress' },
    { name: 'note', data: 'Matriz del primer semestre en revisión por la DGME.' },
    { name: 'file', filename: 'matriz.png', contentType: 'image/png', data: photo },
  ]);
  t.equal(posted.statusCode, 201, posted.body);
  const detail = posted.json();
  t.match(detail.commitment.responsibles, [
    { responsible: 'CRI', status: 'in_progress', statusAt: postedAt },
    { responsible: 'GTM', status: 'not_started' },
  ]);
  t.equal(detail.updates.length, 1);
  const [update] = detail.updates;
  t.match(update, { responsible: 'CRI', status: 'in_progress', note: 'Matriz del primer semestre en revisión por la DGME.', authorCountry: 'CRI' });
  t.equal(update.evidence.length, 1);
  t.match(update.evidence[0], { name: 'matriz.png', mediaType: 'image/png' });

  // Every member of the network reads it, evidence included; the file comes back decrypted.
  const read = await calls.get(world.foreign, commitment.id);
  t.equal(read.statusCode, 200);
  t.equal(read.json().updates[0].note, 'Matriz del primer semestre en revisión por la DGME.');
  const file = await calls.evidence(world.observer, commitment.id, update.evidence[0].id);
  t.equal(file.statusCode, 200);
  t.equal(file.headers['content-type'], 'image/png');
  t.equal(file.headers['cache-control'], 'private, no-store');
  // Stored sealed: the note is not in the database in clear.
  const sealedText = await database.db.selectFrom('sealed').select('message').execute();
  t.notOk(
    sealedText.some((s) => s.message.includes(Buffer.from('DGME'))),
    'the note is sealed',
  );

  // Guatemala reports "done"; Costa Rica then "done" too: the history grows, the status is the latest.
  clock.advance(60_000);
  t.equal((await calls.report(gtmContact, commitment.id, [{ name: 'status', data: 'done' }])).statusCode, 201);
  clock.advance(60_000);
  const last = await calls.report(world.contact, commitment.id, [
    { name: 'status', data: 'done' },
    { name: 'note', data: 'Enviada.' },
  ]);
  t.equal(last.statusCode, 201);
  t.same(
    last.json().updates.map((u: { responsible: string; status: string }) => `${u.responsible}:${u.status}`),
    ['CRI:done', 'GTM:done', 'CRI:in_progress'],
    'newest first, none rewritten',
  );
  t.same(
    last.json().commitment.responsibles.map((r: { status: string }) => r.status),
    ['done', 'done'],
  );

  // Two updates posted at once: the later one stays the status, whichever commits last.
  clock.advance(-30_000);
  t.equal((await calls.report(world.contact, commitment.id, [{ name: 'status', data: 'in_progress' }])).statusCode, 201);
  t.equal(
    (await calls.get(world.contact, commitment.id)).json().commitment.responsibles[0].status,
    'done',
    'an earlier update does not override a later one',
  );
  clock.advance(30_000);

  // The Secretariat edits it; the Presidency creates another; the history is never changed in the database.
  const edited = await calls.patch(world.secretariat, commitment.id, {
    activityEn: 'Fill in and send the flow matrices on time.',
    responsibles: ['CRI', 'GTM', 'PAN'],
  });
  t.equal(edited.statusCode, 200, edited.body);
  t.equal(edited.json().activityEn, 'Fill in and send the flow matrices on time.');
  t.same(
    edited.json().responsibles.map((r: { responsible: string; status: string }) => `${r.responsible}:${r.status}`),
    ['CRI:done', 'GTM:done', 'PAN:not_started'],
  );
  const presidency = await signIn(app, database.db, clock, { roles: ['presidency'], country: 'HND' });
  await registerObserver(env, world, 'IOM');
  const once = await calls.create(presidency, {
    activityEs: 'Realizar una Reunión Plenaria CRM-CSM.',
    calendar: 'once',
    dueOn: '2026-06-30',
    responsibles: ['MEX', 'IOM'],
  });
  t.equal(once.statusCode, 201, once.body);
  t.equal(once.json().currentDueOn, '2026-06-30');
  await t.rejects(
    database.db.updateTable('commitmentUpdate').set({ status: 'not_started' }).where('commitmentId', '=', commitment.id).execute(),
    /history/,
  );
  await t.rejects(database.db.deleteFrom('commitmentUpdate').execute(), /history/);

  // Each request left its audit entry.
  const actions = (await database.db.selectFrom('auditEntry').select('action').where('action', 'like', 'commitment.%').execute()).map(
    (e) => e.action,
  );
  for (const action of ['commitment.create', 'commitment.report', 'commitment.read', 'commitment.evidence', 'commitment.update'])
    t.ok(actions.includes(action), action);
});

t.test('calendars: once, semiannual, annual, continuous — due dates and lateness computed in SQL', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = commitmentCalls(env, world);
  const make = async (body: Record<string, unknown>) => {
    const res = await calls.create(world.secretariat, { activityEs: 'Actividad', responsibles: ['CRI'], ...body });
    t.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  // Today is 2026-03-02 (the test clock).
  const late = await make({ calendar: 'once', dueOn: '2026-02-01' });
  t.equal(late.responsibles[0].overdue, true, 'a due date passed, not done');
  const toDefine = await make({ calendar: 'once' });
  t.match(toDefine, { currentDueOn: null, responsibles: [{ overdue: false }] }, 'to be defined: never late');
  const periodic = await make({ calendar: 'semiannual', startsOn: '2025-06-01' });
  t.match(periodic, { currentDueOn: '2026-06-01', responsibles: [{ overdue: true }] }, 'the period that ended 2025-12-01 went without "done"');
  const firstPeriod = await make({ calendar: 'annual', startsOn: '2026-01-01' });
  t.match(firstPeriod, { currentDueOn: '2027-01-01', responsibles: [{ overdue: false }] }, 'its first period still runs');
  const dueToday = await make({ calendar: 'semiannual', startsOn: '2025-09-02' });
  t.equal(dueToday.currentDueOn, '2026-03-02', 'a due day still belongs to its period');
  const continuous = await make({ calendar: 'continuous' });
  t.match(continuous, { currentDueOn: null, responsibles: [{ overdue: false }] });

  t.equal((await calls.report(world.contact, periodic.id, [{ name: 'status', data: 'done' }])).statusCode, 201);
  t.equal((await calls.report(world.contact, late.id, [{ name: 'status', data: 'in_progress' }])).statusCode, 201);
  const overdue = (await calls.list(world.officer, '?overdue=true')).json();
  t.same(
    overdue.items.map((c: { id: string }) => c.id),
    [late.id],
    'done this period: no longer late; in progress past its date: still late',
  );
  const onTime = (await calls.list(world.officer, '?overdue=false')).json();
  t.equal(onTime.total, 5);
});

t.test('the list: filters, counts by status of the whole filtered list in one statement, and its CSV', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = commitmentCalls(env, world);
  const gtmContact = await signIn(app, database.db, clock, { country: 'GTM' });
  await member(env, world, gtmContact, 'contact_point');
  await registerObserver(env, world, 'IOM');
  const make = async (body: Record<string, unknown>) => {
    const res = await calls.create(world.secretariat, { activityEs: 'Actividad', calendar: 'continuous', ...body });
    t.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const a = await make({ plan: 'Plan A', responsibles: ['CRI', 'GTM'], activityEs: '=HYPERLINK("x")', activityEn: 'Exchange specimens' });
  const b = await make({ plan: 'Plan A', responsibles: ['CRI'] });
  const c = await make({ plan: 'Plan B', responsibles: ['GTM', 'IOM'], calendar: 'once', dueOn: '2026-01-15' });
  const other = await buildWorld(env);
  await app.inject({
    method: 'POST',
    url: '/api/commitments',
    headers: world.secretariat.headers,
    payload: { networkId: other.networkId, activityEs: 'En otra red', calendar: 'continuous', responsibles: ['CRI'], plan: 'Plan Z' },
  });
  const status = (value: string) => [{ name: 'status', data: value }];
  t.equal((await calls.report(world.contact, a, status('in_progress'))).statusCode, 201);
  t.equal((await calls.report(world.contact, b, status('done'))).statusCode, 201);
  t.equal((await calls.report(gtmContact, c, status('in_progress'))).statusCode, 201);

  const list = async (query: string) => {
    const res = await calls.list(world.officer, query);
    t.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const all = await list('');
  t.equal(all.total, 3, 'the officer’s network only');
  t.same(all.plans, ['Plan A', 'Plan B']);
  t.same(all.counts, { not_started: 2, in_progress: 2, done: 1, overdue: 2 }, 'every responsible of the list by status; two late on c');
  t.same((await list('?plan=Plan%20A')).counts, { not_started: 1, in_progress: 1, done: 1, overdue: 0 });
  const cri = await list('?responsible=CRI');
  t.same(cri.items.map((i: { id: string }) => i.id).sort(), [a, b].sort());
  t.same(cri.counts, { not_started: 0, in_progress: 1, done: 1, overdue: 0 }, 'Costa Rica’s own statuses');
  t.same(
    (await list('?responsible=CRI&status=done')).items.map((i: { id: string }) => i.id),
    [b],
  );
  t.same((await list('?status=not_started')).items.map((i: { id: string }) => i.id).sort(), [a, c].sort());
  t.same(
    (await list('?overdue=true&responsible=GTM')).items.map((i: { id: string }) => i.id),
    [c],
  );
  const paged = await list('?pageSize=1&page=2');
  t.equal(paged.items.length, 1);
  t.equal(paged.total, 3, 'the total and counts do not depend on the page');
  t.same(paged.counts, all.counts);
  t.equal((await list('?page=9')).items.length, 0);
  t.equal((await list(`?networkId=${other.networkId}`)).total, 0, 'another network’s commitments are not the officer’s');
  t.equal((await calls.list(world.secretariat, `?networkId=${other.networkId}`)).json().total, 1, 'the Secretariat reads every network');
  const refused = await calls.list(world.officer, '?status=finished');
  t.equal(refused.statusCode, 400);

  const csv = await app.inject({ url: '/api/commitments/export.csv?lang=en&plan=Plan%20A', headers: world.officer.headers });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /^text\/csv/);
  const lines = csv.body.trim().split('\n');
  t.equal(lines.length, 4, 'a header, then one line per commitment and responsible');
  t.match(lines[0], /^id,network,plan,activity/);
  t.match(csv.body, 'Exchange specimens', 'the text in the language asked');
  t.match(csv.body, 'Costa Rica,In progress');
  const es = await app.inject({ url: '/api/commitments/export.csv?plan=Plan%20A', headers: { ...world.officer.headers, 'accept-language': 'es' } });
  t.match(es.body, `'=HYPERLINK`, 'a formula is made inert');
  t.match(es.body, 'Cumplido');
});
