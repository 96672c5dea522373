import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { GROUP, PURPOSE, publishedPerson } from '../../helpers/persons.ts';
import { publishedReport, ROUTE } from '../../helpers/reports.ts';
import { publishedSpecimen } from '../../helpers/specimens.ts';
import { addMember, buildWorld } from '../../helpers/world.ts';

/**
 * A reader's read again of a specimen, a report or a person record is looked up in the session's
 * own statement, under the ability the reader's last request had (prefetchItem). The answer must
 * be what a fresh lookup gives: the same body, and never what a changed membership no longer allows.
 */
t.test('a read looked up with the session answers as a fresh lookup, and never past a changed membership', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const kinds = [
    { path: '/api/specimens', id: await publishedSpecimen(env, world) },
    { path: '/api/reports', id: await publishedReport(env, world, ROUTE) },
    { path: '/api/persons', id: await publishedPerson(env, world, GROUP) },
  ];
  // A person record's content is read with a stated purpose.
  const person = kinds[2]!.id;
  const purpose = await app.inject({
    method: 'POST',
    url: `/api/items/${person}/purpose`,
    headers: world.foreign.headers,
    payload: { purpose: PURPOSE },
  });
  t.ok(purpose.statusCode < 300, 'the purpose stated');
  for (const { path, id } of kinds) {
    const read = (itemId = id) => app.inject({ url: `${path}/${itemId}`, headers: world.foreign.headers });
    const first = await read();
    t.equal(first.statusCode, 200, path);
    const again = await read();
    t.equal(again.statusCode, 200);
    t.same(again.json(), first.json(), 'the same body both ways');

    t.equal((await read('00000000-0000-4000-8000-000000000000')).statusCode, 404, 'an unknown id');
    t.equal((await read('not-a-uuid')).statusCode, 400, 'a malformed id is the schema’s to refuse');

    // The Guatemalan officer leaves the space: the ability the session last had would still find it.
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/spaces/${world.spaceId}/members/${world.foreign.user.id}`,
      headers: world.secretariat.headers,
    });
    t.equal(removed.statusCode, 204);
    t.equal((await read()).statusCode, 404, 'refused at once, as if it did not exist');
    t.equal((await read()).statusCode, 404, 'and again');
    await addMember(env, world, world.foreign, 'officer');
    const back = await read();
    t.equal(back.statusCode, 200, 'readable again once a member again');
    t.same(back.json(), first.json());
  }

  // Signed out: the session's statement finds no session, whatever it was asked to look up with it.
  const signOut = await app.inject({ method: 'DELETE', url: '/api/session', headers: world.foreign.headers });
  t.equal(signOut.statusCode, 204);
  for (const { path, id } of kinds) t.equal((await app.inject({ url: `${path}/${id}`, headers: world.foreign.headers })).statusCode, 401);
});
