import t from 'tap';
import { alertBody } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { ROUTE, reportCalls } from '../../helpers/reports.ts';
import { specimenCalls } from '../../helpers/specimens.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test("a validator's workflow step on a RED item answers its metadata only until a purpose is stated (the step is still done)", async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const specimens = specimenCalls(env, world);
  const reports = reportCalls(env, world);

  const specimen = (await specimens.create(world.officer, { tlp: 'RED', namedRecipients: [world.foreign.user.id] })).json().id as string;
  t.equal((await specimens.images(world.officer, specimen, ['front'])).statusCode, 201);
  t.equal((await specimens.step(world.officer, specimen, 'submit')).statusCode, 200);
  const returned = await specimens.step(world.contact, specimen, 'return');
  t.equal(returned.statusCode, 200, returned.body);
  t.equal(returned.json().status, 'draft', 'returned');
  t.notOk('specimen' in returned.json(), 'no content in the reply without a purpose');
  t.notOk(returned.body.includes('Núñez'), 'no holder name');

  const report = (await reports.create(world.officer, { ...ROUTE, tlp: 'RED', namedRecipients: [world.foreign.user.id] })).json().id as string;
  t.equal((await reports.step(world.officer, report, 'submit')).statusCode, 200);
  const back = await reports.step(world.contact, report, 'return');
  t.equal(back.statusCode, 200, back.body);
  t.equal(back.json().status, 'draft');
  t.notOk('title' in back.json(), 'no content in the reply without a purpose');
  t.notOk(back.body.includes('Necoclí'));

  // An alert's reply is the whole alert: a validator states a purpose before acting on a RED one.
  const alert = await env.app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { severity: 'warning', tlp: 'RED', namedRecipients: [world.foreign.user.id] }),
  });
  t.equal(alert.statusCode, 201, alert.body);
  const alertId = alert.json().id as string;
  const refused = await env.app.inject({ method: 'POST', url: `/api/alerts/${alertId}/return`, headers: world.contact.headers });
  t.equal(refused.statusCode, 428, refused.body);
  t.notOk(refused.body.includes('Tapachula'));
  const still = await env.database.db.selectFrom('item').select('status').where('id', '=', alertId).executeTakeFirstOrThrow();
  t.equal(still.status, 'submitted', 'nothing changed');
  const stated = await env.app.inject({
    method: 'POST',
    url: `/api/items/${alertId}/purpose`,
    headers: world.contact.headers,
    payload: { purpose: 'Validación de la alerta antes de su publicación' },
  });
  t.equal(stated.statusCode, 200, stated.body);
  const done = await env.app.inject({ method: 'POST', url: `/api/alerts/${alertId}/return`, headers: world.contact.headers });
  t.equal(done.statusCode, 200, done.body);
  t.equal(done.json().status, 'draft');
});
