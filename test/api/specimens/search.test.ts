import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

type Facets = Record<string, { value: string; count: number }[]>;
const counts = (facets: Facets, name: string) => Object.fromEntries(facets[name]!.map((f) => [f.value, f.count]));

t.test('search: keyword over the token index, facets, exact totals and facet counts, all under the policy', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);

  const tick = () => env.clock.advance(60_000);
  const a = await publishedSpecimen(env, world, { description: 'Pasaporte falsificado con holograma impreso, detectado en frontera', tlp: 'GREEN' });
  tick();
  const b = await publishedSpecimen(env, world, {
    features: [{ code: 'chip' }],
    documentType: 'visa',
    issuingCountry: 'MEX',
    description: 'Visa alterada: fotografía sustituida',
    category: 'forgery',
    forgeryKind: 'photo_substitution',
    tlp: 'AMBER',
    detection: { date: '2025-07-01', country: 'MEX' },
  });
  tick();
  const c = await publishedSpecimen(env, world, { description: 'Counterfeit passports with printed holograms', tlp: 'AMBER', releasableTo: ['PAN'] });
  tick();
  const d = await publishedSpecimen(env, world, {
    description: 'Holograma plano en pasaporte',
    tlp: 'RED',
    namedRecipients: [world.contact.user.id],
  });
  tick();
  const draft = (await calls.create(world.officer, { description: 'Borrador con holograma' })).json().id;

  // The originator sees all, drafts included (not withdrawn).
  const mine = (await calls.search(world.officer, {})).json();
  t.equal(mine.total, 5);
  t.same(counts(mine.facets, 'type'), { passport: 4, visa: 1 });

  // Keyword, stemmed in both languages: "hologramas" finds "holograma" and "holograms" (the feature notes count too).
  const byWord = (await calls.search(world.officer, { q: 'hologramas' })).json();
  t.same(byWord.items.map((i: { id: string }) => i.id).sort(), [a, c, d, draft].sort());
  const two = (await calls.search(world.officer, { q: 'holograma pasaporte' })).json();
  t.same(
    two.items.map((i: { id: string }) => i.id).sort(),
    [a, d].sort(),
    'every word must match (stems, not translations: "passports" is not "pasaporte")',
  );
  t.equal((await calls.search(world.officer, { q: 'inexistente' })).json().total, 0);

  // Another country's officer: GREEN and AMBER of the space; not the draft, not RED, not what is not releasable to GTM.
  const foreign = (await calls.search(world.foreign, {})).json();
  t.same(foreign.items.map((i: { id: string }) => i.id).sort(), [a, b].sort());
  t.equal(foreign.total, 2);
  t.same(counts(foreign.facets, 'type'), { passport: 1, visa: 1 }, 'facet counts only count what the reader may read');
  t.same(counts(foreign.facets, 'issuingCountry'), { CRI: 1, MEX: 1 });
  t.same(counts(foreign.facets, 'category'), { counterfeit: 1, forgery: 1 });
  t.same(counts(foreign.facets, 'feature'), { chip: 1, hologram: 1, microtext: 1 });
  t.same(counts(foreign.facets, 'year'), { 2025: 1, 2026: 1 });
  t.equal((await calls.search(world.foreign, { q: 'holograms' })).json().total, 1, 'the keyword cannot reach past the policy');

  // Facets narrow; a facet's own counts stay under the other facets only.
  const visas = (await calls.search(world.foreign, { type: 'visa' })).json();
  t.same(
    visas.items.map((i: { id: string }) => i.id),
    [b],
  );
  t.same(counts(visas.facets, 'type'), { passport: 1, visa: 1 }, 'the chosen facet still shows the other values');
  t.same(counts(visas.facets, 'issuingCountry'), { MEX: 1 });
  t.equal((await calls.search(world.foreign, { issuingCountry: ['CRI', 'MEX'], feature: ['hologram', 'chip'] })).json().total, 2);
  t.equal((await calls.search(world.foreign, { detectedFrom: '2026-01-01', detectedTo: '2026-12-31' })).json().total, 1);
  t.equal((await calls.search(world.foreign, { detectionCountry: 'MEX' })).json().total, 1);

  // The observer reads GREEN only; the contact point also the RED one it is named on; the auditor no content.
  t.same(
    (await calls.search(world.observer, {})).json().items.map((i: { id: string }) => i.id),
    [a],
  );
  const contact = (await calls.search(world.contact, { q: 'holograma' })).json();
  t.ok(
    contact.items.some((i: { id: string }) => i.id === d),
    'a named recipient finds the RED item',
  );
  t.equal((await calls.search(world.auditor, {})).json().total, 0, 'auditors read metadata, not content: nothing to search');

  // Cards: excerpt, thumbnail, TLP.
  const card = foreign.items.find((i: { id: string }) => i.id === b);
  t.match(card, { tlp: 'AMBER', documentType: 'visa', excerpt: 'Visa alterada: fotografía sustituida', imageCount: 1, sightings: 0 });
  t.ok(card.thumbnail.imageId);
  const thumb = await app.inject({
    method: 'GET',
    url: `/api/specimens/${b}/images/${card.thumbnail.imageId}?size=thumb`,
    headers: world.foreign.headers,
  });
  t.equal(thumb.statusCode, 200);

  // Paging and sort.
  const page1 = (await calls.search(world.officer, { pageSize: 2, sort: 'oldest' })).json();
  const page3 = (await calls.search(world.officer, { pageSize: 2, page: 3, sort: 'oldest' })).json();
  t.equal(page1.total, 5);
  t.equal(page1.items.length, 2);
  t.equal(page3.items.length, 1);
  t.equal(page1.items[0].id, a);

  // The GET forms (for scripts) give the same; a space search is for its members.
  const get = await app.inject({ method: 'GET', url: `/api/spaces/${world.spaceId}/specimens?type=visa&pageSize=5`, headers: world.foreign.headers });
  t.equal(get.json().total, 1);
  const stranger = await signIn(app, env.database.db, env.clock, { country: 'HND' });
  t.equal((await app.inject({ method: 'GET', url: `/api/spaces/${world.spaceId}/specimens`, headers: stranger.headers })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: '/api/specimens?pageSize=500', headers: world.foreign.headers })).statusCode, 400);

  // The trail keeps the facets and only MACs of the words.
  const entry = await env.database.db
    .selectFrom('auditEntry')
    .select('details')
    .where('action', '=', 'specimen.search')
    .where('actorId', '=', world.foreign.user.id)
    .orderBy('seq', 'desc')
    .limit(20)
    .execute();
  const text = JSON.stringify(entry);
  t.notOk(/holograms/i.test(text), 'no search word in the trail');
  t.match(text, /"terms":\["[0-9a-f]{24}"\]/);
  t.match(text, /"issuingCountry":\["CRI","MEX"\]/);
});

t.test('hit check: hit or no hit, only ids the caller reads, "known" without ids in their networks, audited without the number', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const green = await publishedSpecimen(env, world, { documentNumber: 'A 123-456', tlp: 'GREEN' });
  const strict = await publishedSpecimen(env, world, { documentNumber: 'B999', tlp: 'AMBER+STRICT' });
  await publishedSpecimen(env, world, { documentNumber: 'R777', tlp: 'RED' });
  await publishedSpecimen(env, world, { documentNumber: 'Q555', tlp: 'AMBER', releasableTo: ['PAN'] });

  const found = (await calls.check(world.foreign, 'CRI', 'a123456')).json();
  t.same(found, { hit: true, items: [green], withheld: false }, 'normalised: case, spaces and dashes do not matter');
  t.same((await calls.check(world.foreign, 'MEX', 'A123456')).json(), { hit: false, items: [], withheld: false }, 'the issuer is part of the number');
  t.same(
    (await calls.check(world.foreign, 'CRI', 'B999')).json(),
    { hit: true, items: [], withheld: true },
    'AMBER+STRICT of another organisation: known, no id',
  );
  t.same((await calls.check(world.officer, 'CRI', 'B999')).json(), { hit: true, items: [strict], withheld: false });
  t.same((await calls.check(world.foreign, 'CRI', 'R777')).json(), { hit: false, items: [], withheld: false }, 'RED is not even hinted');
  t.same(
    (await calls.check(world.foreign, 'CRI', 'Q555')).json(),
    { hit: false, items: [], withheld: false },
    'nor what is not releasable to the asker',
  );
  t.same((await calls.check(world.observer, 'CRI', 'B999')).json(), { hit: false, items: [], withheld: false }, 'observers get no hint');
  t.equal((await calls.check(world.foreign, 'CRI', '---')).statusCode, 400);

  const entries = await database.db.selectFrom('auditEntry').select(['details', 'outcome']).where('action', '=', 'check.document_number').execute();
  t.equal(entries.length, 8);
  t.notOk(JSON.stringify(entries).includes('123456'), 'the number is not in the trail');
  t.notOk(JSON.stringify(entries).includes('B999'));
  const [first, second] = entries as { details: { number: string } }[];
  t.notSame(first!.details.number, second!.details.number, 'different issuers, different forms');
});
