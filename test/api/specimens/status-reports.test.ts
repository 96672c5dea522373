import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { specimenCalls } from '../../helpers/specimens.ts';
import { buildWorld } from '../../helpers/world.ts';

/** A lost passport as the lost-and-stolen database reports it: issuer, type, number and date, no picture. */
const LOST = {
  series: null,
  version: null,
  issuedFrom: null,
  issuedTo: null,
  category: 'lost',
  features: [],
  detection: { date: '2026-02-03', country: 'CRI' },
  documentNumber: 'C-7654321',
  holderNames: [],
  description: 'Reported lost by its holder at the consulate.',
};

t.test('a lost passport is reported by its number without an image, published, and found by the document-number check', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);

  const created = await calls.create(world.officer, LOST);
  t.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  t.same(created.json().images, []);

  const submitted = await calls.step(world.officer, id, 'submit');
  t.equal(submitted.statusCode, 200, submitted.body);
  t.equal(submitted.json().status, 'submitted', 'no image needed for a status report');
  t.same(
    (await calls.check(world.foreign, 'CRI', 'C7654321')).json(),
    { hit: false, items: [], withheld: false },
    'not found before it is published',
  );

  const published = await calls.step(world.contact, id, 'publish');
  t.equal(published.statusCode, 200, published.body);
  t.equal(published.json().status, 'published');
  t.match(
    published.json().specimen,
    { category: 'lost', documentNumber: 'C-7654321', detection: { date: '2026-02-03' } },
    'the date is its detection date',
  );

  t.same(
    (await calls.check(world.foreign, 'CRI', 'c 765 4321')).json(),
    { hit: true, items: [id], withheld: false },
    'found by number, however typed',
  );
  t.same(
    (await calls.check(world.foreign, 'MEX', 'C-7654321')).json(),
    { hit: false, items: [], withheld: false },
    'the issuer is part of the number',
  );
});

t.test('every other category still needs an image', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);

  for (const category of ['counterfeit', 'genuine_reference', 'impostor']) {
    const id = (await calls.create(world.officer, { ...LOST, category })).json().id as string;
    const refused = await calls.step(world.officer, id, 'submit');
    t.equal(refused.statusCode, 422, category);
    t.equal(refused.json().error.code, 'images_required', `${category}: a number is not enough`);
    t.equal((await calls.read(world.officer, id)).json().status, 'draft');
  }
});

t.test('a status report without an image needs its number; with an image it does not', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const itemRow = (id: string) => database.db.selectFrom('item').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  const id = (await calls.create(world.officer, { ...LOST, category: 'stolen', documentNumber: null })).json().id as string;
  const before = await itemRow(id);
  env.clock.advance(60_000);
  const refused = await app.inject({
    method: 'POST',
    url: `/api/specimens/${id}/submit`,
    headers: { ...world.officer.headers, 'accept-language': 'es' },
  });
  t.equal(refused.statusCode, 422);
  t.match(refused.json().error, { code: 'document_number_required', field: 'documentNumber', message: /necesita su número de documento/ });
  t.same(await itemRow(id), before, 'nothing changes: still a draft, not even its time');

  // Dashes and spaces alone are no number the check could find.
  t.equal(
    (await app.inject({ method: 'PATCH', url: `/api/specimens/${id}`, headers: world.officer.headers, payload: { documentNumber: ' - ' } }))
      .statusCode,
    200,
  );
  const blank = await calls.step(world.officer, id, 'submit');
  t.equal(blank.json().error?.code, 'document_number_required', blank.body);

  t.equal(
    (await app.inject({ method: 'PATCH', url: `/api/specimens/${id}`, headers: world.officer.headers, payload: { documentNumber: 'X998877' } }))
      .statusCode,
    200,
  );
  t.equal((await calls.step(world.officer, id, 'submit')).json().status, 'submitted', 'with its number it goes');

  // A stolen blank shown by a picture (no number yet) is submitted as before.
  const blankForm = (await calls.create(world.officer, { ...LOST, category: 'stolen_blank', documentNumber: null })).json().id as string;
  t.equal((await calls.images(world.officer, blankForm, ['front'])).statusCode, 201);
  t.equal((await calls.step(world.officer, blankForm, 'submit')).json().status, 'submitted');
});
