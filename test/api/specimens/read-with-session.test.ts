import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedSpecimen } from '../../helpers/specimens.ts';
import { addMember, buildWorld } from '../../helpers/world.ts';

/**
 * A reader's second read of a specimen is looked up in the session's own statement, under the
 * ability the reader's last request had (prefetchItem). The answer must be what a fresh lookup
 * gives: the same body, and never what a changed membership no longer allows.
 */
t.test('a read looked up with the session answers as a fresh lookup, and never past a changed membership', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const id = await publishedSpecimen(env, world);
  const read = (specimenId = id, who = world.foreign) => app.inject({ url: `/api/specimens/${specimenId}`, headers: who.headers });

  const first = await read();
  t.equal(first.statusCode, 200);
  const again = await read();
  t.equal(again.statusCode, 200);
  t.same(again.json(), first.json(), 'the same body both ways');

  t.equal((await read('00000000-0000-4000-8000-000000000000')).statusCode, 404, 'an unknown id');
  const malformed = await read('not-a-uuid');
  t.equal(malformed.statusCode, 400, 'a malformed id is the schema’s to refuse');

  // The Guatemalan officer leaves the space: the ability the session last had would still find it.
  const removed = await app.inject({
    method: 'DELETE',
    url: `/api/spaces/${world.spaceId}/members/${world.foreign.user.id}`,
    headers: world.secretariat.headers,
  });
  t.equal(removed.statusCode, 204);
  const gone = await read();
  t.equal(gone.statusCode, 404, 'refused at once, as if it did not exist');
  t.equal((await read()).statusCode, 404, 'and again');
  await addMember(env, world, world.foreign, 'officer');
  t.equal((await read()).statusCode, 200, 'readable again once a member again');
  t.same((await read()).json(), first.json());

  // Signed out: the session's statement finds no session, whatever it was asked to look up with it.
  const signOut = await app.inject({ method: 'DELETE', url: '/api/session', headers: world.foreign.headers });
  t.equal(signOut.statusCode, 204);
  t.equal((await read()).statusCode, 401);
});
