import { parse } from 'csv-parse/sync';
import t from 'tap';
import { alertBody } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { flowHeaders, flowRow, returnCalls, xlsx } from '../../helpers/returns.ts';
import { publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';
import { commitmentCalls, MATRICES } from '../commitments/helpers.ts';

/**
 * The follow-up dashboard (GET /api/followup/dashboard and its CSV/PDF export): the Presidency and the
 * Secretariat see, per space and member country, what was loaded against the deadline — counted in
 * SQL under the policy, never a draft — items, activity and alert acknowledgement times, and no content.
 * Nobody else sees it.
 */

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const presidency = await signIn(env.app, env.database.db, env.clock, { roles: ['presidency'], country: 'HND' });
  const get = (who: SignedIn, query = '', language = 'es') =>
    env.app.inject({ url: `/api/followup/dashboard?networkId=${world.networkId}${query}`, headers: { ...who.headers, 'accept-language': language } });
  const figures = async (who: SignedIn, query = '') => {
    const res = await get(who, query);
    if (res.statusCode !== 200) throw new Error(`dashboard: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  /** A new session for the same account, after the clock has moved past a session's idle limit. */
  const again = (who: SignedIn) => signIn(env.app, env.database.db, env.clock, { user: who.user });
  return { env, world, presidency, get, figures, again };
}

t.test('only the Presidency and the Secretariat see the figures; bad input is refused', async (t) => {
  const { env, world, presidency, get } = await setup(t);
  for (const who of [world.officer, world.contact, world.foreign, world.observer, world.auditor]) {
    t.equal((await get(who)).statusCode, 403, 'a member, an observer or an auditor: refused');
    const file = await env.app.inject({ url: `/api/followup/dashboard/export?format=csv`, headers: who.headers });
    t.equal(file.statusCode, 403, 'and its export');
  }
  t.equal((await get(presidency)).statusCode, 200);
  t.equal((await get(world.secretariat)).statusCode, 200);
  const unknown = await env.app.inject({
    url: '/api/followup/dashboard?networkId=00000000-0000-4000-8000-000000000000',
    headers: presidency.headers,
  });
  t.equal(unknown.statusCode, 404);
  for (const bad of ['period=2026-S3', 'period=26', 'networkId=x', 'extra=1']) {
    const res = await env.app.inject({ url: `/api/followup/dashboard?${bad}`, headers: presidency.headers });
    t.equal(res.statusCode, 400, bad);
    t.ok(res.json().error.code, 'with a code');
  }
  t.equal((await env.app.inject({ url: '/api/followup/dashboard/export?format=xls', headers: presidency.headers })).statusCode, 400);
  t.equal((await env.app.inject({ url: '/api/followup/dashboard' })).statusCode, 401, 'signed out');
});

t.test('each member country against the loading deadline: open, due soon, late; drafts never count; loaded late', async (t) => {
  const s = await setup(t);
  const { env, world, figures, again } = s;
  let { presidency } = s;
  let foreign = world.foreign;
  const stateOf = async (country: string) =>
    (await figures(presidency)).loading.find((l: { country: string }) => l.country === country)?.state as string | undefined;
  const first = await figures(presidency);
  t.same(first.countries, ['CRI', 'GTM'], 'member countries of the space; the observer is not obliged');
  t.same(
    first.loading.map((l: { country: string; state: string; loadingDeadline: string }) => [l.country, l.state, l.loadingDeadline]),
    [
      ['CRI', 'open', '2026-07-01'],
      ['GTM', 'open', '2026-07-01'],
    ],
  );

  // A draft is its originator's own: nothing is counted, the country has loaded nothing.
  const draft = await world.item({ kind: 'report' });
  t.equal(await stateOf('CRI'), 'open', 'a draft does not load');
  // Submitted: pending validation, counted as loaded.
  const submitted = await world.item({ kind: 'report' });
  await env.app.inject({ method: 'POST', url: `/api/reports/${submitted.id}/submit`, headers: world.officer.headers });
  await world.publish(draft.id);
  const loaded = (await figures(presidency)).loading.find((l: { country: string }) => l.country === 'CRI');
  t.equal(loaded.state, 'on_time');
  t.equal(loaded.firstLoadedOn, '2026-03-02');
  t.same(loaded.published, { specimen: 0, report: 1, alert: 0, person: 0 });

  env.clock.set('2026-06-20T12:00:00Z');
  presidency = await again(presidency);
  t.equal(await stateOf('GTM'), 'due_soon', '11 days before the deadline, nothing loaded');
  env.clock.set('2026-07-02T08:00:00Z');
  presidency = await again(presidency);
  foreign = await again(foreign);
  t.equal(await stateOf('GTM'), 'late', 'the day after');
  t.equal(await stateOf('CRI'), 'on_time', 'loaded by the deadline stays on time');
  // Guatemala has no validator in this space: its specimen waits, submitted — loaded, pending validation.
  const calls = specimenCalls(env, world);
  const specimen = (await calls.create(foreign)).json().id as string;
  await calls.images(foreign, specimen, ['front']);
  t.equal((await calls.step(foreign, specimen, 'submit')).statusCode, 200);
  const late = (await figures(presidency)).loading.find((l: { country: string }) => l.country === 'GTM');
  t.equal(late.state, 'loaded_late', 'loaded after the deadline');
  t.same(late.pending, { specimen: 1, report: 0, alert: 0, person: 0 });
});

t.test('items, activity and alert acknowledgements of the period; no content in any answer or file', async (t) => {
  const s = await setup(t);
  const { env, world, figures, again } = s;
  await publishedSpecimen(env, world);
  const report = await world.item({ kind: 'report' });
  await world.publish(report.id);
  await world.item({ kind: 'report' }); // a draft: not counted
  const alert = await env.app.inject({ method: 'POST', url: '/api/alerts', headers: world.officer.headers, payload: alertBody(env, world) });
  t.equal(alert.statusCode, 201, alert.body);
  await env.app.jobs.drain();
  env.clock.advance(3 * 3_600_000);
  const foreign = await again(world.foreign);
  const presidency = await again(s.presidency);
  t.equal((await env.app.inject({ method: 'POST', url: `/api/alerts/${alert.json().id}/ack`, headers: foreign.headers })).statusCode, 200);

  const d = await figures(presidency, '&period=2026-S1');
  t.same(d.period, { label: '2026-S1', from: '2026-01-01', to: '2026-06-30' });
  t.same(d.items, [
    { country: 'CRI', published: { specimen: 1, report: 1, alert: 1, person: 0 }, pending: { specimen: 0, report: 0, alert: 0, person: 0 } },
  ]);
  t.same(d.activity, [{ month: '2026-03', country: 'CRI', count: 3 }]);
  t.same(
    d.alerts,
    [{ country: 'GTM', delivered: 1, acknowledged: 1, medianHours: 3, p90Hours: 3 }],
    'the Guatemalan officer acknowledged after 3 hours',
  );
  t.same((await figures(presidency, '&period=2026-S2')).items, [], 'another period: nothing');

  const body = JSON.stringify(d);
  for (const secret of ['Tapachula', 'Pasaportes', 'Ciudad Hidalgo']) t.notOk(body.includes(secret), `no content: ${secret}`);

  const csv = await env.app.inject({
    url: `/api/followup/dashboard/export?format=csv&period=2026-S1&networkId=${world.networkId}`,
    headers: { ...presidency.headers, 'accept-language': 'en' },
  });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /^text\/csv/);
  t.match(csv.headers['content-disposition'], 'enlace-seguimiento-2026-S1.csv');
  const rows = parse(csv.body.replace(/^\uFEFF/, ''), { relaxColumnCount: true }) as string[][];
  t.ok(
    rows.some((r) => r[0] === 'Loading by space and country' && r[3] === 'Costa Rica' && r[4] === 'on time'),
    'in English, country names and states in words',
  );
  t.ok(rows.some((r) => r[0] === 'Alerts: acknowledgement by country' && r[1] === 'Guatemala' && r[4] === '3'));
  for (const secret of ['Tapachula', 'Pasaportes']) t.notOk(csv.body.includes(secret));
  const spanish = await env.app.inject({
    url: `/api/followup/dashboard/export?format=csv&period=2026-S1`,
    headers: { ...presidency.headers, 'accept-language': 'es' },
  });
  t.match(spanish.body, 'Carga por espacio y país');
  const chosen = await env.app.inject({
    url: `/api/followup/dashboard/export?format=csv&period=2026-S1&lang=en`,
    headers: { ...presidency.headers, 'accept-language': 'es' },
  });
  t.match(chosen.body, 'Loading by space and country', 'the link’s lang wins over the browser’s accept-language');
  t.notMatch(chosen.body, 'Carga por espacio y país');
  const wrongLanguage = await env.app.inject({ url: `/api/followup/dashboard/export?format=csv&lang=fr`, headers: presidency.headers });
  t.equal(wrongLanguage.statusCode, 400, 'a language the portal does not speak is refused');

  const pdf = await env.app.inject({ url: `/api/followup/dashboard/export?format=pdf&period=2026-S1`, headers: presidency.headers });
  t.equal(pdf.statusCode, 200);
  t.equal(pdf.headers['content-type'], 'application/pdf');
  t.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

  const trail = await env.database.db
    .selectFrom('auditEntry')
    .select(['action', 'outcome'])
    .where('action', 'like', 'followup.%')
    .orderBy('seq')
    .execute();
  t.same(
    trail.map((e) => `${e.action} ${e.outcome}`),
    [
      'followup.dashboard allowed',
      'followup.dashboard allowed',
      'followup.export allowed',
      'followup.export allowed',
      'followup.export allowed',
      'followup.export error',
      'followup.export allowed',
    ],
    'every view and export in the trail, the refused one too',
  );
});

t.test('commitments of the plans by responsible: current statuses and how many are late', async (t) => {
  const { env, world, presidency, figures } = await setup(t);
  const calls = commitmentCalls(env, world);
  t.equal((await calls.create(world.secretariat, { ...MATRICES, responsibles: ['CRI', 'GTM'] })).statusCode, 201);
  const once = await calls.create(world.secretariat, {
    activityEs: 'Actualizar los puntos de contacto',
    calendar: 'once',
    dueOn: '2026-04-30',
    responsibles: ['CRI', 'GTM'],
  });
  t.equal(once.statusCode, 201, once.body);
  const posted = await calls.report(world.contact, once.json().id, [{ name: 'status', data: 'done' }]);
  t.equal(posted.statusCode, 201, posted.body);
  t.same((await figures(presidency)).commitments, [
    { responsible: 'CRI', notStarted: 1, inProgress: 0, done: 1, overdue: 0 },
    { responsible: 'GTM', notStarted: 2, inProgress: 0, done: 0, overdue: 0 },
  ]);
  env.clock.set('2026-05-02T09:00:00Z');
  const later = await signIn(env.app, env.database.db, env.clock, { user: presidency.user });
  t.same(
    (await figures(later)).commitments.map((c: { responsible: string; overdue: number }) => [c.responsible, c.overdue]),
    [
      ['CRI', 0],
      ['GTM', 1],
    ],
    'Guatemala has not done what was due on 30 April',
  );
});

t.test('periodic returns the period expects: missing, in progress, submitted on time or late, per country', async (t) => {
  const { env, world, presidency, figures } = await setup(t);
  const calls = returnCalls(env);
  const template = (await calls.template(world.secretariat, world.networkId, 'extra_regional_flows', { countries: ['CRI', 'GTM'] })).json();
  const rows = async (who = presidency, query = '&period=2026-S1') =>
    (await figures(who, query)).returns.map((r: { country: string; period: string; status: string; state: string; dueOn: string }) => [
      r.country,
      r.period,
      r.status,
      r.state,
      r.dueOn,
    ]);
  t.same(
    await rows(),
    [
      ['CRI', '2026-S1', 'missing', 'open', '2026-07-30'],
      ['GTM', '2026-S1', 'missing', 'open', '2026-07-30'],
    ],
    'the semester’s matrix, due 30 days after it ends, not opened by anyone',
  );
  t.same(await rows(presidency, '&period=2026-Q1'), [], 'no semester ends in the first quarter');
  t.equal((await rows(presidency, '&period=2026')).length, 4, 'both semesters in the year');

  const opened = (await calls.open(world.contact, template.id, '2026-S1')).json();
  t.equal(
    (await calls.upload(world.contact, opened.id, await xlsx([flowHeaders(template), flowRow(template, 'CHN', 'Peñas Blancas')]))).statusCode,
    200,
  );
  t.same((await rows())[0].slice(0, 4), ['CRI', '2026-S1', 'draft', 'open'], 'a draft is not yet a return');
  t.equal((await calls.submit(world.contact, opened.id)).statusCode, 200);
  t.same((await rows())[0].slice(0, 4), ['CRI', '2026-S1', 'submitted', 'on_time']);

  env.clock.set('2026-08-02T09:00:00Z');
  const later = await signIn(env.app, env.database.db, env.clock, { user: presidency.user });
  t.same(
    (await rows(later)).map((r: string[]) => r.slice(0, 4)),
    [
      ['CRI', '2026-S1', 'submitted', 'on_time'],
      ['GTM', '2026-S1', 'missing', 'late'],
    ],
  );

  // Archived in August: the first semester, ended before, is still owed; the second is not expected any more.
  t.equal((await rows(later, '&period=2026')).length, 4);
  const secretariat = await signIn(env.app, env.database.db, env.clock, { user: world.secretariat.user });
  t.equal((await calls.edit(secretariat, template.id, { archived: true })).statusCode, 200);
  t.same(
    (await rows(later, '&period=2026')).map((r: string[]) => r.slice(0, 4)),
    [
      ['CRI', '2026-S1', 'submitted', 'on_time'],
      ['GTM', '2026-S1', 'missing', 'late'],
    ],
    'an archived template counts for the periods that ended before it was archived',
  );
});
