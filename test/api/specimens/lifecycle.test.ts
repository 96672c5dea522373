import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { withoutRandomRuns } from '../../helpers/sealing.ts';
import { SPECIMEN, specimenCalls } from '../../helpers/specimens.ts';
import { buildWorld, multipart } from '../../helpers/world.ts';

t.test('a specimen from draft to published: fields sealed, images with views, validation by the contact point, withdrawal', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);

  const created = await calls.create(world.officer);
  t.equal(created.statusCode, 201, created.body);
  const draft = created.json();
  t.equal(draft.status, 'draft');
  t.same(draft.specimen.features, SPECIMEN.features);
  t.same(draft.specimen.detection, SPECIMEN.detection);
  t.equal(draft.specimen.documentNumber, 'P-1234567');
  t.same(draft.specimen.holderNames, ['María Núñez Pérez']);
  t.same(draft.images, []);
  t.match(draft.permissions, { update: true, submit: true, publish: false });

  // Nothing restricted in clear: only facets; the number, names and words are MACs.
  const row = await database.db.selectFrom('specimen').selectAll().where('itemId', '=', draft.id).executeTakeFirstOrThrow();
  t.match(row, { documentType: 'passport', issuingCountry: 'CRI', category: 'counterfeit', detectionCountry: 'GTM', detectedOn: '2026-01-14' });
  t.same(row.features, ['hologram', 'microtext']);
  const stored =
    withoutRandomRuns(JSON.stringify(row)) +
    (await database.db.selectFrom('sealed').select('message').where('itemId', '=', draft.id).execute())
      .map((r) => r.message.toString('latin1'))
      .join('');
  for (const secret of ['1234567', 'Núñez', 'NUNEZ', 'offset', 'Aurora', 'B-2019'])
    t.notOk(stored.includes(secret), `"${secret}" is not stored in clear`);
  t.equal(row.nameIndex.length, 1);
  t.ok(row.tokens.length > 5, 'the text is token-indexed');

  // The draft is the originator's: others do not know it exists.
  t.equal((await calls.read(world.foreign, draft.id)).statusCode, 404);
  t.equal((await calls.read(world.contact, draft.id)).statusCode, 200, 'the contact point sees pending items of its country');

  const noImages = await calls.step(world.officer, draft.id, 'submit');
  t.equal(noImages.statusCode, 422);
  t.equal(noImages.json().error.code, 'images_required');

  // Images: a view before each file; a wrong view or none is refused and nothing is stored.
  const before = await database.db.selectFrom('storedFile').select('id').execute();
  const bad = multipart([{ name: 'file', filename: 'a.png', contentType: 'image/png', data: 'x' }]);
  const noView = await app.inject({
    method: 'POST',
    url: `/api/specimens/${draft.id}/images`,
    headers: { ...world.officer.headers, ...bad.headers },
    payload: bad.payload,
  });
  t.equal(noView.statusCode, 400);
  t.equal(noView.json().error.code, 'view_required');
  const wrongView = multipart([{ name: 'view', data: 'xray' }]);
  const wrong = await app.inject({
    method: 'POST',
    url: `/api/specimens/${draft.id}/images`,
    headers: { ...world.officer.headers, ...wrongView.headers, 'accept-language': 'es' },
    payload: wrongView.payload,
  });
  t.equal(wrong.json().error.code, 'view_unknown');
  t.match(wrong.json().error.message, /La vista "xray"/);
  t.equal((await database.db.selectFrom('storedFile').select('id').execute()).length, before.length, 'nothing written');

  const images = await calls.images(world.officer, draft.id, ['front', 'uv']);
  t.equal(images.statusCode, 201, images.body);
  t.same(
    images.json().map((i: { page: string | null; light: string }) => [i.page, i.light]),
    [
      ['front', 'visible'],
      [null, 'uv'],
    ],
    'each view as its page and light',
  );
  t.equal(images.json()[1].caption, 'Vista uv');
  const imageId = images.json()[0].id;
  const thumb = await app.inject({ method: 'GET', url: `/api/specimens/${draft.id}/images/${imageId}?size=thumb`, headers: world.officer.headers });
  t.equal(thumb.statusCode, 200);
  t.equal(thumb.headers['content-type'], 'image/webp');

  // Edits while a draft.
  const edited = await app.inject({
    method: 'PATCH',
    url: `/api/specimens/${draft.id}`,
    headers: world.officer.headers,
    payload: { category: 'forgery' },
  });
  t.equal(edited.statusCode, 400);
  t.equal(edited.json().error.code, 'forgery_kind_required');
  const fixed = await app.inject({
    method: 'PATCH',
    url: `/api/specimens/${draft.id}`,
    headers: world.officer.headers,
    payload: { category: 'forgery', forgeryKind: 'photo_substitution', tlp: 'AMBER' },
  });
  t.equal(fixed.statusCode, 200, fixed.body);
  t.equal(fixed.json().specimen.forgeryKind, 'photo_substitution');
  t.equal(fixed.json().tlp, 'AMBER');
  t.equal(fixed.json().specimen.documentNumber, 'P-1234567', 'untouched fields stay');
  t.equal(
    (await database.db.selectFrom('sealed').select('id').where('itemId', '=', draft.id).execute()).length,
    3,
    'the old content record is gone (content + two captions)',
  );

  const submitted = await calls.step(world.officer, draft.id, 'submit');
  t.equal(submitted.json().status, 'submitted');
  t.equal(
    (await app.inject({ method: 'PATCH', url: `/api/specimens/${draft.id}`, headers: world.officer.headers, payload: { version: '3' } })).statusCode,
    403,
    'no edits once submitted',
  );
  t.equal((await calls.step(world.officer, draft.id, 'publish')).statusCode, 403, 'the originator does not validate its own');
  t.equal((await calls.step(world.foreign, draft.id, 'publish')).statusCode, 404, "another country's officer does not know it");

  const returned = await calls.step(world.contact, draft.id, 'return');
  t.equal(returned.json().status, 'draft', 'the contact point sends it back');
  await calls.step(world.officer, draft.id, 'submit');
  const published = await calls.step(world.contact, draft.id, 'publish');
  t.equal(published.json().status, 'published');
  t.equal((await calls.step(world.contact, draft.id, 'publish')).statusCode, 403, 'not twice');

  const seen = await calls.read(world.foreign, draft.id);
  t.equal(seen.statusCode, 200, 'AMBER: a member of another member country reads it once published');
  t.equal(seen.json().images.length, 2);
  t.match(seen.json().permissions, { correct: true, sight: true, amend: false, update: false });
  t.equal((await calls.read(world.observer, draft.id)).statusCode, 404, 'AMBER excludes observers');

  const audit = await calls.read(world.auditor, draft.id);
  t.equal(audit.statusCode, 200);
  t.notOk('specimen' in audit.json(), 'an auditor gets metadata only');
  t.notOk('images' in audit.json());
  const auditorImage = await app.inject({ method: 'GET', url: `/api/specimens/${draft.id}/images/${imageId}`, headers: world.auditor.headers });
  t.equal(auditorImage.statusCode, 403, 'and no image');

  const withdrawn = await calls.step(world.officer, draft.id, 'withdraw');
  t.equal(withdrawn.json().status, 'withdrawn');
  t.equal((await calls.read(world.foreign, draft.id)).statusCode, 404, 'withdrawn: only its own country');

  // Every step is in the trail, the reads with the item as subject.
  const actions = (
    await database.db.selectFrom('auditEntry').select(['action', 'outcome', 'subjectId']).where('subjectId', '=', draft.id).orderBy('seq').execute()
  ).map((e) => `${e.action}:${e.outcome}`);
  for (const expected of [
    'specimen.create:allowed',
    'specimen.submit:error',
    'specimen.image.upload:allowed',
    'specimen.publish:allowed',
    'specimen.read:denied',
    'specimen.withdraw:allowed',
  ]) {
    t.ok(actions.includes(expected), expected);
  }
});

t.test('bad input is refused with a field and a message, and creates nothing', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const cases: [Record<string, unknown>, number, string][] = [
    [{ forgeryKind: 'erasure' }, 400, 'forgery_kind_not_allowed'],
    [{ issuedFrom: 2022, issuedTo: 2019 }, 400, 'years_reversed'],
    [{ features: [{ code: 'chip' }, { code: 'chip' }] }, 400, 'feature_repeated'],
    [{ detection: { date: '2099-01-01' } }, 400, 'detection_in_future'],
    [{ documentType: 'scroll' }, 400, 'validation_failed'],
    [{ issuingCountry: 'ZZZ' }, 400, 'validation_failed'],
    [{ features: [{ code: 'hologram', colour: 'red' }] }, 400, 'validation_failed'],
    [{ tlp: 'RED', namedRecipients: ['not-a-uuid'] }, 400, 'validation_failed'],
  ];
  for (const [body, status, code] of cases) {
    const res = await calls.create(world.officer, body);
    t.equal(res.statusCode, status, JSON.stringify(body));
    t.equal(res.json().error.code, code, JSON.stringify(body));
  }
  t.equal((await calls.create(world.observer)).statusCode, 404, 'an observer does not create');
  t.equal((await calls.create(world.secretariat)).statusCode, 404, 'nor the Secretariat');
  t.equal((await env.database.db.selectFrom('specimen').select('itemId').execute()).length, 0);
  t.equal((await env.database.db.selectFrom('item').select('id').execute()).length, 0);
});

t.test('the reference vocabularies, image removal from a draft, and query-string searches with repeated facets', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);

  const reference = (await app.inject({ method: 'GET', url: '/api/reference/specimens', headers: world.foreign.headers })).json();
  t.equal(reference.categories.length, 10);
  t.equal(reference.featureGroups.flatMap((g: { features: unknown[] }) => g.features).length, 20);
  t.match(
    reference.views.find((v: { code: string }) => v.code === 'uv'),
    { es: 'Ultravioleta (365 nm)', en: 'UV (365 nm)' },
  );
  t.match(
    reference.states.find((s: { code: string }) => s.code === 'CRI'),
    { alpha2: 'CR' },
  );
  t.equal((await app.inject({ method: 'GET', url: '/api/reference/specimens' })).statusCode, 401);

  const id = (await calls.create(world.officer, { sourceEvaluation: 'B' })).json().id;
  const cleared = await app.inject({
    method: 'PATCH',
    url: `/api/specimens/${id}`,
    headers: world.officer.headers,
    payload: { sourceEvaluation: null },
  });
  t.equal(cleared.json().handling.sourceEvaluation, null, 'an evaluation can be cleared on a draft');
  const [front, uv] = (await calls.images(world.officer, id, ['front', 'uv'])).json();
  const remove = (who: typeof world.officer, imageId: string) =>
    app.inject({ method: 'DELETE', url: `/api/specimens/${id}/images/${imageId}`, headers: who.headers });
  t.equal((await remove(world.contact, front.id)).statusCode, 403, 'only the originator edits');
  t.equal((await remove(world.officer, front.id)).statusCode, 204);
  t.equal((await remove(world.officer, front.id)).statusCode, 404, 'gone');
  t.same(
    (await calls.read(world.officer, id)).json().images.map((i: { id: string }) => i.id),
    [uv.id],
  );
  t.equal(
    (await database.db.selectFrom('storedFile').select('id').where('itemId', '=', id).execute()).length,
    2,
    'the remaining image and its thumbnail',
  );

  await calls.step(world.officer, id, 'submit');
  await calls.step(world.contact, id, 'publish');
  const get = (query: string) => app.inject({ method: 'GET', url: `/api/specimens?${query}`, headers: world.foreign.headers });
  t.equal((await get('type=passport&type=visa&mine=false')).json().total, 1);
  t.equal((await get('type=visa')).json().total, 0);
  t.equal((await get('issuingCountry=CRI&feature=hologram&feature=chip&sort=detected')).json().total, 1);
  t.equal((await get('sort=sideways')).statusCode, 400);
  t.equal((await get('type=passport&mine=true')).json().total, 0, 'mine: the foreign officer made none');
});

t.test('a portal clock ahead of the host clock still seals: keys are used at the portal time they are dated by', async (t) => {
  const env = await buildTestApp(t);
  env.clock.set(new Date(Date.now() + 24 * 3_600_000));
  const world = await buildWorld(env);
  const created = await specimenCalls(env, world).create(world.officer);
  t.equal(created.statusCode, 201, created.body);
});
