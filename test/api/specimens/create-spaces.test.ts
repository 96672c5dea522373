import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { specimenCalls } from '../../helpers/specimens.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('GET /api/me says in which of my spaces the policy lets me write items, and creating agrees', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  // An officer's membership held by someone of an observer organisation: a member of the space, yet no writer.
  const unhcr = await signIn(app, database.db, clock, { country: 'UNHCR' });
  const added = await app.inject({
    method: 'POST',
    url: `/api/spaces/${world.spaceId}/members`,
    headers: world.secretariat.headers,
    payload: { userId: unhcr.user.id, role: 'officer' },
  });
  t.equal(added.statusCode, 201, 'the Secretariat adds them');

  const createItems = async (who: typeof world.officer) => {
    const me = (await app.inject({ method: 'GET', url: '/api/me', headers: who.headers })).json();
    return me.spaces.map((s: { id: string; createItems: boolean }) => [s.id, s.createItems]);
  };
  t.same(await createItems(world.officer), [[world.spaceId, true]], 'an officer of a member country writes');
  t.same(await createItems(world.contact), [[world.spaceId, true]], 'so does the contact point');
  t.same(await createItems(world.observer), [[world.spaceId, false]], 'an observer does not');
  t.same(await createItems(unhcr), [[world.spaceId, false]], 'nor an officer from outside the member countries');

  t.equal((await calls.create(world.officer)).statusCode, 201);
  t.equal((await calls.create(world.observer)).statusCode, 404, 'the server refuses the observer');
  t.equal((await calls.create(unhcr)).statusCode, 404, 'and the officer from outside');
});
