import { randomUUID } from 'node:crypto';
import t from 'tap';
import { alertBody, borderAuthority } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import { createUser, type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

/**
 * Permission before existence (finding 3 of the hardening issue): a caller without the right gets
 * the same answer — status, code and message — whether the target exists, is a member, or not, so
 * no answer tells what is there. Members, items, alerts, webhooks, sessions, accounts and spaces.
 */
t.test('a caller without the right learns nothing from the answer', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);

  type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
  const answer = async (who: SignedIn, method: Method, url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as unknown };
  };
  /** Each url the caller tries must get the same answer as the first, which must have `status`. */
  const same = async (what: string, who: SignedIn, method: Method, urls: string[], status: number, payload?: object) => {
    const answers: { status: number; body: unknown }[] = [];
    for (const url of urls) answers.push(await answer(who, method, url, payload));
    t.equal(answers[0]!.status, status, `${what}: ${status}`);
    for (const [i, other] of answers.slice(1).entries()) t.same(other, answers[0], `${what}: the same answer for target ${i + 2}`);
  };

  // Members: an officer may not manage the space's members; a member, another account and no account look alike.
  const outsider = await createUser(database.db, { country: 'CRI' });
  const members = `/api/spaces/${world.spaceId}/members`;
  for (const role of ['officer', 'observer']) {
    const targets = [world.foreign.user.id, outsider.id, randomUUID()];
    const answers: { status: number; body: unknown }[] = [];
    for (const userId of targets) answers.push(await answer(world.officer, 'POST', members, { userId, role }));
    t.ok(
      answers.every((a) => a.status === 403 && JSON.stringify(a.body) === JSON.stringify(answers[0]!.body)),
      `adding a member, an account or no account as ${role}: one answer`,
    );
  }
  const memberUrls = [world.foreign.user.id, outsider.id, randomUUID()].map((id) => `${members}/${id}`);
  await same('change a role', world.officer, 'PATCH', memberUrls, 403, { role: 'observer' });
  await same('remove', world.officer, 'DELETE', memberUrls, 403);
  // A space the caller is not in answers like one that does not exist.
  const other = await app.inject({
    method: 'POST',
    url: '/api/spaces',
    headers: world.secretariat.headers,
    payload: { networkId: world.networkId, nameEs: 'Otro', nameEn: 'Other', opensOn: '2026-03-01' },
  });
  const otherSpace = other.json().id as string;
  await same('another space', world.officer, 'GET', [`/api/spaces/${otherSpace}`, `/api/spaces/${randomUUID()}`], 404);
  await same('another space’s members', world.officer, 'POST', [`/api/spaces/${otherSpace}/members`, `/api/spaces/${randomUUID()}/members`], 404, {
    userId: outsider.id,
    role: 'officer',
  });

  // Items: a draft not the caller's to know answers like no item at all, on every route.
  const draft = (await calls.create(world.officer)).json().id as string;
  const nothing = randomUUID();
  for (const [method, path, payload] of [
    ['GET', '', undefined],
    ['PATCH', '', { description: 'Changed by someone else' }],
    ['POST', '/submit', undefined],
    ['POST', '/publish', undefined],
    ['GET', '/related', undefined],
    ['GET', '/sightings', undefined],
    ['POST', '/sightings', { kind: 'sighting', seenOn: '2026-01-02', country: 'GTM' }],
  ] as [Method, string, object | undefined][]) {
    await same(
      `${method} specimen${path}`,
      world.foreign,
      method,
      [`/api/specimens/${draft}${path}`, `/api/specimens/${nothing}${path}`],
      404,
      payload,
    );
  }
  await same('state a purpose', world.foreign, 'POST', [`/api/items/${draft}/purpose`, `/api/items/${nothing}/purpose`], 404, {
    purpose: 'Checking a case at the border',
  });
  await same('attachments', world.foreign, 'GET', [`/api/items/${draft}/attachments`, `/api/items/${nothing}/attachments`], 404);
  // A published item the caller reads but may not change: 403, the same whether the image exists.
  const published = await publishedSpecimen(env, world);
  const image = (await calls.read(world.officer, published)).json().images[0].id as string;
  await same(
    'delete an image of another’s specimen',
    world.foreign,
    'DELETE',
    [`/api/specimens/${published}/images/${image}`, `/api/specimens/${published}/images/${randomUUID()}`],
    403,
  );

  // Alerts: one addressed elsewhere answers like none; acknowledging, reviewing and the delivery board too.
  const border = await borderAuthority(env, world, 'MEX');
  const issued = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { targetCountries: [], targetOrganisations: [border.organisationId] }),
  });
  t.equal(issued.statusCode, 201);
  const alert = issued.json().id as string;
  const stranger = await signIn(app, database.db, clock, { country: 'PAN' });
  for (const [method, path] of [
    ['GET', ''],
    ['POST', '/ack'],
    ['POST', '/review'],
    ['GET', '/deliveries'],
    ['POST', '/withdraw'],
  ] as [Method, string][]) {
    await same(`${method} alert${path}`, stranger, method, [`/api/alerts/${alert}${path}`, `/api/alerts/${randomUUID()}${path}`], 404);
  }

  // Webhooks: only the Secretariat manages them; anyone else gets 403 whatever the id.
  const hook = await app.inject({
    method: 'POST',
    url: `/api/organisations/${border.organisationId}/webhooks`,
    headers: world.secretariat.headers,
    payload: { url: 'https://systems.example.mx/hook' },
  });
  t.equal(hook.statusCode, 201);
  await same('stop a webhook', world.officer, 'DELETE', [`/api/webhooks/${hook.json().id}`, `/api/webhooks/${randomUUID()}`], 403);
  await same(
    'list webhooks',
    world.officer,
    'GET',
    [`/api/organisations/${border.organisationId}/webhooks`, `/api/organisations/${randomUUID()}/webhooks`],
    403,
  );
  await same(
    'register a webhook',
    world.officer,
    'POST',
    [`/api/organisations/${border.organisationId}/webhooks`, `/api/organisations/${randomUUID()}/webhooks`],
    403,
    { url: 'https://systems.example.mx/hook' },
  );

  // Sessions: someone else's session answers like none.
  const theirs = await database.db.selectFrom('userSession').select('id').where('userId', '=', world.foreign.user.id).executeTakeFirstOrThrow();
  await same('end another’s session', world.officer, 'DELETE', [`/api/sessions/${theirs.id}`, `/api/sessions/${randomUUID()}`], 404);
  t.equal((await app.inject({ method: 'GET', url: '/api/alerts/inbox', headers: world.foreign.headers })).statusCode, 200, 'their session lives on');

  // Accounts: only the Secretariat manages them.
  await same('change an account', world.officer, 'PATCH', [`/api/users/${world.foreign.user.id}`, `/api/users/${randomUUID()}`], 403, {
    status: 'locked',
  });
  await same('resend an invitation', world.officer, 'POST', [`/api/users/${outsider.id}/invitation`, `/api/users/${randomUUID()}/invitation`], 403);
});
