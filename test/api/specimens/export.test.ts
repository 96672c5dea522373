import { parse } from 'csv-parse/sync';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('export: every coded value named in the reader’s language, the space by its name only where the reader may read it', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const mine = await publishedSpecimen(env, world, {
    tlp: 'GREEN',
    sourceEvaluation: 'B',
    informationEvaluation: 2,
    detection: { date: '2026-01-14', country: 'GTM', portKind: 'airport', holderNationality: 'HND' },
    issuingCountry: 'UNO',
  });

  // A CLEAR specimen of another network's space: readable by every member of the portal, its space by none of ours.
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: world.secretariat.headers, payload });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const network = await post('/api/networks', { code: 'nw-other', nameEs: 'Otra red', nameEn: 'Other network' });
  const space = await post('/api/spaces', { networkId: network.id, nameEs: 'Rutas del sur', nameEn: 'Southern routes', opensOn: '2026-03-01' });
  const panOfficer = await signIn(app, database.db, clock, { country: 'PAN' });
  const panContact = await signIn(app, database.db, clock, { country: 'PAN' });
  await post(`/api/spaces/${space.id}/members`, { userId: panOfficer.user.id, role: 'officer' });
  await post(`/api/spaces/${space.id}/members`, { userId: panContact.user.id, role: 'contact_point' });
  const created = await calls.create(panOfficer, { tlp: 'CLEAR' }, space.id);
  t.equal(created.statusCode, 201, 'a CLEAR specimen in another network');
  const clear = created.json().id as string;
  t.equal((await calls.images(panOfficer, clear, ['front'])).statusCode, 201);
  t.equal((await calls.step(panOfficer, clear, 'submit')).statusCode, 200);
  t.equal((await calls.step(panContact, clear, 'publish')).statusCode, 200);

  const exportAs = (language: 'es' | 'en', format: 'csv' | 'json') =>
    app.inject({ method: 'POST', url: '/api/specimens/export', headers: world.foreign.headers, payload: { format, language } });

  const es = await exportAs('es', 'csv');
  t.equal(es.statusCode, 200, 'the CSV export');
  const [head, ...rows] = parse(es.body, { bom: true }) as string[][];
  const column = (name: string) => head!.indexOf(name);
  const byId = Object.fromEntries(rows.map((r) => [r[0], r]));
  t.equal(rows.length, 2, 'both are the reader’s');
  const ours = byId[mine]!;
  t.equal(ours[column('estado')], 'Publicado', 'the status in Spanish');
  t.equal(ours[column('espacio')], 'Espacio', 'the space by its Spanish name, not its id');
  t.equal(ours[column('país de origen')], 'Costa Rica');
  t.equal(ours[column('país emisor')], 'Naciones Unidas', 'an ICAO organisation by its name');
  t.equal(ours[column('país de detección')], 'Guatemala');
  t.equal(ours[column('nacionalidad del titular')], 'Honduras');
  t.equal(ours[column('tipo de puesto')], 'Aeropuerto');
  t.equal(ours[column('evaluación de la fuente')], 'B — Fuente generalmente fiable', 'the code kept, with its meaning');
  t.equal(ours[column('evaluación de la información')], '2 — Conocida personalmente por la fuente');
  const theirs = byId[clear]!;
  t.equal(theirs[column('espacio')], 'Otro espacio (no es miembro)', 'a space the reader may not read is not named');
  t.equal(theirs[column('país de origen')], 'Panamá');
  t.notOk(es.body.includes(space.id) || es.body.includes(world.spaceId), 'no space id in the file');
  t.notOk(es.body.includes('Rutas del sur') || es.body.includes('Southern routes'), 'nor the name of a space the reader does not read');

  const en = await exportAs('en', 'csv');
  const [enHead, ...enRows] = parse(en.body, { bom: true }) as string[][];
  const enOurs = enRows.find((r) => r[0] === mine)!;
  t.equal(enOurs[enHead!.indexOf('status')], 'Published', 'the status in English');
  t.equal(enOurs[enHead!.indexOf('space')], 'Space', 'the space by its English name');
  t.equal(enOurs[enHead!.indexOf('issuing country')], 'United Nations');
  t.equal(enRows.find((r) => r[0] === clear)![enHead!.indexOf('space')], 'Another space (not a member)');

  const json = (await exportAs('es', 'json')).json();
  const jsonOf = (id: string) => json.specimens.find((s: { id: string }) => s.id === id);
  t.match(
    jsonOf(mine),
    { status: 'published', spaceId: world.spaceId, space: { nameEs: 'Espacio', nameEn: 'Space' } },
    'JSON: codes, and the space’s names',
  );
  t.equal(jsonOf(clear).space, null, 'JSON: no name for a space the reader may not read');
  t.notOk(JSON.stringify(json).includes('Rutas del sur'));
});
