import { parse } from 'csv-parse/sync';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('sightings: "detected here too" and "false positive", counted, listed, sealed', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const id = await publishedSpecimen(env, world, { tlp: 'GREEN' });
  const report = (who: typeof world.officer, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/specimens/${id}/sightings`, headers: who.headers, payload: body });

  const seen = await report(world.foreign, {
    kind: 'sighting',
    seenOn: '2026-02-20',
    country: 'GTM',
    place: 'Tecún Umán',
    note: 'Same laminate defect.',
  });
  t.equal(seen.statusCode, 201, seen.body);
  t.match(seen.json(), { kind: 'sighting', country: 'GTM', place: 'Tecún Umán', reporterCountry: 'GTM', mine: true });
  t.equal((await report(world.foreign, { kind: 'false_positive', seenOn: '2026-02-21', country: 'GTM' })).statusCode, 201);
  t.equal((await report(world.contact, { kind: 'sighting', seenOn: '2026-02-22', country: 'CRI', place: 'Peñas Blancas' })).statusCode, 201);
  t.equal((await report(world.foreign, { kind: 'sighting', seenOn: '2027-01-01', country: 'GTM' })).json().error.code, 'sighting_in_future');
  t.equal((await report(world.foreign, { kind: 'maybe', seenOn: '2026-01-01', country: 'GTM' })).statusCode, 400);
  t.equal(
    (await report(world.observer, { kind: 'sighting', seenOn: '2026-02-20', country: 'IOM' })).statusCode,
    403,
    'observers read GREEN but report nothing',
  );

  const list = await app.inject({ method: 'GET', url: `/api/specimens/${id}/sightings`, headers: world.officer.headers });
  t.same(
    list.json().map((s: { seenOn: string; kind: string; mine: boolean }) => [s.seenOn, s.kind, s.mine]),
    [
      ['2026-02-22', 'sighting', false],
      ['2026-02-21', 'false_positive', false],
      ['2026-02-20', 'sighting', false],
    ],
  );
  t.same((await calls.read(world.foreign, id)).json().sightingCounts, { sightings: 2, falsePositives: 1 });
  t.equal((await calls.search(world.foreign, {})).json().items[0].sightings, 2);
  const sealedPlaces = (await database.db.selectFrom('sealed').select('message').where('itemId', '=', id).execute())
    .map((r) => r.message.toString('latin1'))
    .join('');
  t.notOk(sealedPlaces.includes('Tecún') || sealedPlaces.includes('laminate'), 'places and notes are sealed');
});

t.test('corrections: another member proposes, the originator accepts (applied, re-indexed) or rejects', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const id = await publishedSpecimen(env, world, { tlp: 'AMBER', series: 'B-2019' });
  const propose = (who: typeof world.officer, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/specimens/${id}/corrections`, headers: who.headers, payload: body });
  const decide = (who: typeof world.officer, correctionId: string, decision: 'accept' | 'reject') =>
    app.inject({ method: 'POST', url: `/api/specimens/${id}/corrections/${correctionId}/${decision}`, headers: who.headers });

  t.equal((await propose(world.officer, { changes: { series: 'C-2020' }, comment: 'mine' })).statusCode, 403, 'not on one’s own');
  t.equal((await propose(world.foreign, { changes: { series: 'B-2019' }, comment: 'same' })).json().error.code, 'correction_unchanged');
  t.equal((await propose(world.foreign, { changes: { category: 'forgery' }, comment: 'needs a kind' })).json().error.code, 'forgery_kind_required');
  t.equal((await propose(world.foreign, { changes: {}, comment: 'nothing' })).statusCode, 400);

  const first = await propose(world.foreign, {
    changes: { series: 'C-2020', detection: { port: 'Puerto Quetzal' } },
    comment: 'The series is C, seen in our port.',
  });
  t.equal(first.statusCode, 201, first.body);
  const second = await propose(world.foreign, { changes: { version: '9' }, comment: 'Probably not.' });
  t.equal((await calls.read(world.officer, id)).json().openCorrections, 2);
  t.equal((await decide(world.foreign, first.json().id, 'accept')).statusCode, 403, 'the proposer does not decide');

  const accepted = await decide(world.officer, first.json().id, 'accept');
  t.equal(accepted.statusCode, 200, accepted.body);
  t.equal(accepted.json().status, 'accepted');
  const after = (await calls.read(world.foreign, id)).json();
  t.equal(after.specimen.series, 'C-2020');
  t.equal(after.specimen.detection.port, 'Puerto Quetzal');
  t.equal(after.specimen.detection.country, 'GTM', 'the rest of the detection stays');
  t.equal((await calls.search(world.foreign, { q: 'Quetzal' })).json().total, 1, 're-indexed');
  t.equal((await decide(world.officer, first.json().id, 'reject')).json().error.code, 'correction_decided');
  t.equal((await decide(world.officer, second.json().id, 'reject')).json().status, 'rejected');
  t.equal((await calls.read(world.foreign, id)).json().specimen.version, '2');

  const list = (await app.inject({ method: 'GET', url: `/api/specimens/${id}/corrections`, headers: world.officer.headers })).json();
  t.same(list.map((c: { status: string }) => c.status).sort(), ['accepted', 'rejected']);
  t.match(
    list.find((c: { status: string }) => c.status === 'accepted'),
    { proposerCountry: 'GTM', comment: 'The series is C, seen in our port.', mine: false },
  );
});

t.test('correlation: same number, same series, a shared feature — only what the reader reads', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const base = await publishedSpecimen(env, world, { documentNumber: 'X-1', series: 'S1', features: [{ code: 'hologram' }, { code: 'chip' }] });
  const sameNumber = await publishedSpecimen(env, world, { documentNumber: 'x1', series: 'OTHER', features: [] });
  const sameSeries = await publishedSpecimen(env, world, { documentNumber: 'X-2', series: 's 1', features: [] });
  const sameFeature = await publishedSpecimen(env, world, { documentNumber: 'X-3', series: null, features: [{ code: 'chip' }] });
  await publishedSpecimen(env, world, { documentNumber: 'X-4', series: null, features: [{ code: 'chip' }], documentType: 'visa' });
  await publishedSpecimen(env, world, { documentNumber: 'X-1', issuingCountry: 'PAN', features: [] });
  const hidden = await publishedSpecimen(env, world, { documentNumber: 'X-1', tlp: 'RED' });

  const related = (who: typeof world.officer) => app.inject({ method: 'GET', url: `/api/specimens/${base}/related`, headers: who.headers });
  const forForeign = (await related(world.foreign)).json().items;
  t.same(
    forForeign.map((r: { card: { id: string }; reasons: string[]; features: string[] }) => [r.card.id, r.reasons, r.features]),
    [
      [sameNumber, ['document_number'], []],
      [sameSeries, ['series'], []],
      [sameFeature, ['feature'], ['chip']],
    ],
    'ordered by strength; other issuers, other document types and RED left out',
  );
  t.ok(
    (await related(world.officer)).json().items.some((r: { card: { id: string } }) => r.card.id === hidden),
    'its originator sees the RED one too',
  );
});

t.test('export: CSV and JSON of a search, under the policy, labelled, formula-safe, audited', async (t) => {
  const env = await buildTestApp(t, { config: { exportMax: 3 } });
  const { app, database } = env;
  const world = await buildWorld(env);
  const green = await publishedSpecimen(env, world, { tlp: 'GREEN', description: '=HYPERLINK("http://evil")' });
  const amber = await publishedSpecimen(env, world, { tlp: 'AMBER', documentType: 'visa' });
  await publishedSpecimen(env, world, { tlp: 'RED' });
  const exportAs = (who: typeof world.officer, body: Record<string, unknown>, language = 'es') =>
    app.inject({ method: 'POST', url: '/api/specimens/export', headers: { ...who.headers, 'accept-language': language }, payload: body });

  const csv = await exportAs(world.foreign, { format: 'csv' });
  t.equal(csv.statusCode, 200, csv.body);
  t.match(csv.headers['content-type'], /text\/csv/);
  t.match(csv.headers['content-disposition'], /attachment; filename="enlace-specimens-2026-03-02-TLP-AMBER\.csv"/);
  t.equal(csv.headers['x-enlace-tlp'], 'AMBER');
  const rows = parse(csv.body, { bom: true }) as string[][];
  t.equal(rows[0]![6], 'tipo de documento', "headers in the reader's language");
  t.equal(rows.length, 3, "the RED one is not the reader's");
  const byId = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
  t.equal(byId[green]![1], 'GREEN');
  t.equal(byId[amber]![6], 'Visa');
  t.equal(byId[green]![23], '\'=HYPERLINK("http://evil")', 'a formula is neutralised');
  t.equal(byId[green]![21], 'P-1234567');

  const json = await exportAs(world.foreign, { format: 'json', type: 'visa' }, 'en');
  t.match(json.headers['content-disposition'], /TLP-AMBER\.json/);
  const body = json.json();
  t.equal(body.count, 1);
  t.equal(body.specimens[0].id, amber);
  t.equal(body.specimens[0].specimen.documentType, 'visa');

  t.equal((await exportAs(world.officer, { format: 'csv' })).statusCode, 200, 'the originator exports its three');
  await publishedSpecimen(env, world, { tlp: 'GREEN' });
  const tooMany = await exportAs(world.officer, { format: 'csv' });
  t.equal(tooMany.statusCode, 422);
  t.equal(tooMany.json().error.code, 'export_too_large');
  t.equal((await exportAs(world.auditor, { format: 'json' })).json().count, 0, 'an auditor exports no content');

  const entries = await database.db
    .selectFrom('auditEntry')
    .select(['details', 'outcome'])
    .where('action', '=', 'specimen.export')
    .orderBy('seq')
    .execute();
  t.equal(entries.length, 5);
  t.match(entries[0]!.details, { format: 'csv', total: 2 });
  t.same((entries[0]!.details as { itemIds: string[] }).itemIds.sort(), [green, amber].sort(), 'the trail says what left');
  t.equal(entries[3]!.outcome, 'error');
});

t.test('RED: the detail asks for a purpose, then reads; the purpose is in the entry', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const id = await publishedSpecimen(env, world, { tlp: 'RED', namedRecipients: [world.foreign.user.id] });
  const first = await calls.read(world.foreign, id);
  t.equal(first.statusCode, 428);
  t.equal(first.json().error.code, 'purpose_required');
  const stated = await app.inject({
    method: 'POST',
    url: `/api/items/${id}/purpose`,
    headers: world.foreign.headers,
    payload: { purpose: 'Case 2026-113 at La Aurora airport' },
  });
  t.equal(stated.statusCode, 200);
  const read = await calls.read(world.foreign, id);
  t.equal(read.statusCode, 200);
  t.equal(read.json().specimen.documentNumber, 'P-1234567');
  const image = read.json().images[0].id;
  t.equal((await app.inject({ method: 'GET', url: `/api/specimens/${id}/images/${image}`, headers: world.foreign.headers })).statusCode, 200);
  const entry = await database.db
    .selectFrom('auditEntry')
    .select(['purpose'])
    .where('action', '=', 'specimen.read')
    .where('outcome', '=', 'allowed')
    .where('actorId', '=', world.foreign.user.id)
    .executeTakeFirstOrThrow();
  t.equal(entry.purpose, 'Case 2026-113 at La Aurora airport');
  t.equal((await calls.read(world.contact, id)).statusCode, 404, 'not named: not known');
});
