import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

/**
 * SECURITY.md, access control: auditors and the Presidency are metadata-only readers of every
 * item — id, space, kind, originator country, status, label, dates — never content, identifiers,
 * files or names, whatever the label (CLEAR included) and whatever else they hold.
 */

const METADATA = ['createdAt', 'id', 'kind', 'originatorCountry', 'permissions', 'spaceId', 'status', 'tlp', 'updatedAt'];

t.test('a published CLEAR specimen: auditors and the Presidency get its metadata only, no file, no content route, nothing in a search', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);

  const id = await publishedSpecimen(env, world, { tlp: 'CLEAR', description: 'Pasaporte con holograma plano, etiqueta CLEAR' });
  const full = await calls.read(world.officer, id);
  const imageId = full.json().images[0].id as string;

  // CLEAR is for every active user: a signed-in stranger (no role, no space) reads it and finds it.
  const stranger = await signIn(app, database.db, clock, { country: 'PAN' });
  const seen = await calls.read(stranger, id);
  t.equal(seen.statusCode, 200);
  t.equal(seen.json().specimen.documentNumber, 'P-1234567', 'a stranger reads CLEAR content');
  t.equal((await app.inject({ method: 'GET', url: `/api/specimens/${id}/images/${imageId}`, headers: stranger.headers })).statusCode, 200);
  t.equal((await calls.search(stranger, { q: 'holograma' })).json().total, 1, 'and finds it');

  // The metadata-only readers: an auditor, a Presidency member, and a Presidency member who also
  // holds an officer's membership of the specimen's space (which alone would give its content).
  const presidency = await signIn(app, database.db, clock, { roles: ['presidency'], country: 'HND' });
  const presidencyMember = await signIn(app, database.db, clock, { roles: ['presidency'], country: 'CRI' });
  const added = await app.inject({
    method: 'POST',
    url: `/api/spaces/${world.spaceId}/members`,
    headers: world.secretariat.headers,
    payload: { userId: presidencyMember.user.id, role: 'officer' },
  });
  t.ok(added.statusCode < 300, added.body);
  const green = await publishedSpecimen(env, world, { tlp: 'GREEN', description: 'Pasaporte con holograma, etiqueta GREEN' });

  const readers: [string, SignedIn][] = [
    ['an auditor', world.auditor],
    ['the Presidency', presidency],
    ['the Presidency, also an officer of the space', presidencyMember],
  ];
  for (const [who, reader] of readers) {
    const get = (url: string) => app.inject({ method: 'GET', url, headers: reader.headers });
    for (const [label, item] of [
      ['CLEAR', id],
      ['GREEN', green],
    ] as const) {
      const view = await calls.read(reader, item);
      t.equal(view.statusCode, 200, `${who} knows the ${label} specimen`);
      t.same(Object.keys(view.json()).sort(), METADATA, `${who}: the metadata of the ${label} specimen, nothing else`);
      t.match(view.json(), { id: item, kind: 'specimen', spaceId: world.spaceId, originatorCountry: 'CRI', status: 'published', tlp: label });
      t.equal(view.json().permissions.readContent, false);
      t.notOk(
        view.body.includes('P-1234567') || view.body.includes('Núñez') || view.body.includes('holograma'),
        'no identifier, name or text in the body',
      );
    }
    t.equal((await get(`/api/specimens/${id}/images/${imageId}`)).statusCode, 403, `${who}: no image`);
    t.equal((await get(`/api/specimens/${id}/images/${imageId}?size=thumb`)).statusCode, 403, `${who}: no thumbnail`);
    t.equal((await get(`/api/items/${id}/attachments`)).statusCode, 403, `${who}: no list of files`);
    t.equal((await get(`/api/items/${id}/attachments/${imageId}`)).statusCode, 403, `${who}: no file download`);
    t.equal((await get(`/api/specimens/${id}/related`)).statusCode, 403, `${who}: no correlation`);
    t.equal((await get(`/api/specimens/${id}/sightings`)).statusCode, 403, `${who}: no sightings`);
    t.equal((await get(`/api/specimens/${id}/corrections`)).statusCode, 403, `${who}: no corrections`);
    const purpose = await app.inject({
      method: 'POST',
      url: `/api/items/${id}/purpose`,
      headers: reader.headers,
      payload: { purpose: 'Revisión de auditoría del trimestre' },
    });
    t.equal(purpose.statusCode, 403, `${who}: a purpose opens nothing`);

    const search = await calls.search(reader, {});
    t.equal(search.statusCode, 200);
    t.equal(search.json().total, 0, `${who} finds nothing through the specimen search`);
    t.same(search.json().items, []);
    t.equal((await calls.search(reader, { q: 'holograma' })).json().total, 0, `${who}: not by keyword either`);
    t.equal((await get('/api/specimens')).json().total, 0, `${who}: nor by the GET search`);
    const exported = await app.inject({ method: 'POST', url: '/api/specimens/export', headers: reader.headers, payload: { format: 'json' } });
    t.equal(exported.json().count, 0, `${who} exports nothing`);
    const check = await calls.check(reader, 'CRI', 'P-1234567');
    t.equal(check.statusCode, 200);
    t.same(check.json().items, [], `${who}: the document-number check names no specimen`);
  }
});
