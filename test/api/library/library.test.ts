import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { storedBlobs } from '../../helpers/blobs.ts';
import { libraryCalls, MANUAL } from '../../helpers/library.ts';
import { textPdf } from '../../helpers/pdf.ts';
import { clearColumnHits } from '../../helpers/sealing.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

/** A word found only inside the PDF's body. */
const WORD = 'Quetzalfirma';

t.test("a PDF's words are searchable, and appear in no clear column of any table", async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const calls = libraryCalls(env, world);

  const created = await calls.create(world.officer, MANUAL);
  t.equal(created.statusCode, 201, created.body);
  const doc = created.json();
  t.match(doc, { title: MANUAL.title, docType: 'manual', country: 'CRI', year: 2025, tlp: 'GREEN', versions: 0, canEdit: true, isLink: false });

  const pdf = await textPdf(['Capítulo 3: sellos de entrada.', `El sello ${WORD} aparece bajo luz ultravioleta.`]);
  const uploaded = await calls.version(world.officer, doc.id, [{ name: 'file', filename: 'manual.pdf', contentType: 'application/pdf', data: pdf }]);
  t.equal(uploaded.statusCode, 201, uploaded.body);
  t.match(uploaded.json(), { seq: 1, name: 'manual.pdf', mediaType: 'application/pdf', textIndexed: true });

  for (const who of [world.foreign, world.observer, world.contact]) {
    const found = await calls.search(who, { q: WORD.toLowerCase() });
    t.equal(found.statusCode, 200, found.body);
    t.same(
      found.json().items.map((d: { id: string }) => d.id),
      [doc.id],
      'a GREEN document is found by a word inside its PDF by every member of the space',
    );
    t.equal(found.json().total, 1);
  }
  t.equal((await calls.search(world.foreign, { q: 'ultravioleta luz' })).json().total, 1, 'every word must be there');
  t.equal((await calls.search(world.foreign, { q: `${WORD} inexistente` })).json().total, 0);
  t.equal((await calls.search(world.foreign, { q: 'pasaportes' })).json().total, 1, 'tags are searched');
  t.equal((await calls.search(world.foreign, { type: 'guideline' })).json().total, 0, 'filters in SQL');
  t.equal((await calls.search(world.foreign, { type: 'manual', year: 2025, country: 'CRI', language: 'es' })).json().total, 1);

  const outsider = await signIn(env.app, database.db, env.clock, { country: 'HND' });
  t.equal((await calls.search(outsider, { q: WORD })).json().total, 0, 'another network finds nothing');
  t.equal((await calls.read(outsider, doc.id)).statusCode, 404);
  t.equal((await calls.search(world.auditor, { q: WORD })).json().total, 0, 'metadata readers search no content');

  // The sealing proof: the PDF's distinctive word in no text, JSON, array or byte column of any table.
  for (const word of [WORD, WORD.toLowerCase(), 'ultravioleta']) {
    const { hits, scanned } = await clearColumnHits(database.db, word);
    t.ok(scanned > 50, `${scanned} columns scanned`);
    t.same(hits, [], `"${word}" is in no clear column`);
  }
  const row = await database.db.selectFrom('libraryDocument').selectAll().where('itemId', '=', doc.id).executeTakeFirstOrThrow();
  t.ok(row.tokens.length > 20, 'the title, summary, tags and PDF text are token-indexed');

  const file = await calls.file(world.observer, doc.id, uploaded.json().id);
  t.equal(file.statusCode, 200);
  t.ok(file.rawPayload.equals(pdf), 'the file comes back as it was given');
  t.equal((await calls.file(outsider, doc.id, uploaded.json().id)).statusCode, 404);
});

t.test('AMBER: observers and other networks see nothing, the same answer whether it exists', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = libraryCalls(env, world);
  const doc = (await calls.create(world.officer, { ...MANUAL, tlp: 'AMBER' })).json();
  const outsider = await signIn(env.app, env.database.db, env.clock, { country: 'HND' });
  for (const who of [world.observer, outsider]) {
    const real = await calls.read(who, doc.id);
    const none = await calls.read(who, '00000000-0000-4000-8000-000000000000');
    t.equal(real.statusCode, 404);
    t.same(real.json(), none.json(), 'the same answer as for no document');
    t.equal((await calls.search(who, {})).json().total, 0, 'and it is not counted');
    t.equal((await calls.list(who)).json().total, 0);
  }
  t.equal((await calls.search(world.foreign, {})).json().total, 1, "a member country's officer reads AMBER");
  t.equal((await calls.patch(world.foreign, doc.id, { year: 2020 })).statusCode, 403, "another country's officer does not edit it");
  t.equal((await calls.create(world.observer, MANUAL)).statusCode, 404, 'an observer adds nothing');
  t.equal((await calls.create(outsider, MANUAL)).statusCode, 404, 'nor does a stranger to the space');

  const conference = (await calls.create(world.officer, { ...MANUAL, tlp: 'CLEAR' })).json();
  t.same(
    (await calls.search(outsider, {})).json().items.map((d: { id: string }) => d.id),
    [conference.id],
    'a CLEAR document is conference-wide: every signed-in user reads it',
  );
});

t.test('versions, edits and links', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = libraryCalls(env, world);
  const doc = (await calls.create(world.officer, MANUAL)).json();
  const v1 = await calls.version(world.officer, doc.id, [{ name: 'file', filename: 'v1.pdf', data: await textPdf(['Primera edición Alfaversión']) }]);
  t.equal(v1.statusCode, 201, v1.body);
  const v2 = await calls.version(world.contact, doc.id, [{ name: 'file', filename: 'v2.pdf', data: await textPdf(['Segunda edición Betaversión']) }]);
  t.equal(v2.statusCode, 201, 'the contact point of the same country adds a version');
  t.equal((await calls.version(world.foreign, doc.id, [{ name: 'file', filename: 'x.pdf', data: await textPdf(['x']) }])).statusCode, 403);
  const read = (await calls.read(world.foreign, doc.id)).json();
  t.same(
    read.versionList.map((v: { seq: number; name: string }) => [v.seq, v.name]),
    [
      [2, 'v2.pdf'],
      [1, 'v1.pdf'],
    ],
    'the earlier version stays listed',
  );
  t.equal((await calls.file(world.foreign, doc.id, v1.json().id)).statusCode, 200, 'and readable');
  t.equal((await calls.search(world.foreign, { q: 'alfaversión' })).json().total, 1, "an earlier version's words still find it");

  const edited = await calls.patch(world.officer, doc.id, { title: { es: 'Manual revisado', en: 'Revised manual' }, year: 2026 });
  t.equal(edited.statusCode, 200, edited.body);
  t.match(edited.json(), { title: { es: 'Manual revisado' }, year: 2026, summary: MANUAL.summary });
  t.equal((await calls.search(world.foreign, { q: 'revisado' })).json().total, 1);
  t.equal((await calls.search(world.foreign, { q: 'detección fraudulentos' })).json().total, 0, 'the old title no longer finds it');
  t.equal((await calls.search(world.foreign, { q: 'betaversión' })).json().total, 1, 'the PDF words stay after an edit');

  const link = await calls.create(world.officer, {
    ...MANUAL,
    docType: 'campaign',
    title: { es: 'Campaña Corazón Azul', en: 'Blue Heart Campaign' },
    url: 'https://www.unodc.org/blueheart/',
  });
  t.equal(link.statusCode, 201, link.body);
  t.match(link.json(), { isLink: true, url: 'https://www.unodc.org/blueheart/' });
  const plain = await calls.create(world.officer, { ...MANUAL, url: 'http://example.org/' });
  t.equal(plain.statusCode, 400, 'https only');
  const js = await calls.create(world.officer, { ...MANUAL, url: 'javascript:alert(1)' });
  t.equal(js.statusCode, 400);
});

t.test('validation errors carry a code and a message in both languages; a failed upload leaves no file and no row', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const calls = libraryCalls(env, world);
  const en = await env.app.inject({
    method: 'POST',
    url: '/api/library',
    headers: { ...world.officer.headers, 'accept-language': 'en' },
    payload: { ...MANUAL, spaceId: world.spaceId, docType: 'novel' },
  });
  const es = await env.app.inject({
    method: 'POST',
    url: '/api/library',
    headers: { ...world.officer.headers, 'accept-language': 'es' },
    payload: { ...MANUAL, spaceId: world.spaceId, docType: 'novel' },
  });
  t.equal(en.statusCode, 400);
  t.ok(en.json().error.code);
  t.not(en.json().error.message, es.json().error.message, 'said in Spanish and in English');

  const doc = (await calls.create(world.officer, MANUAL)).json();
  const sealedBefore = (await database.db.selectFrom('sealed').select('id').execute()).length;
  const pdf = await textPdf(['Texto Gammaversión']);
  const cases = [
    {
      label: 'a second file',
      parts: [
        { name: 'file', filename: 'a.pdf', data: pdf },
        { name: 'file', filename: 'b.pdf', data: pdf },
      ],
      code: 'form_field_unknown',
    },
    {
      label: 'an unknown field after the file',
      parts: [
        { name: 'file', filename: 'a.pdf', data: pdf },
        { name: 'note', data: 'x' },
      ],
      code: 'form_field_unknown',
    },
    { label: 'not a PDF nor an image', parts: [{ name: 'file', filename: 'a.pdf', data: 'hola, soy texto' }], code: undefined },
    { label: 'no file', parts: [{ name: 'note', data: 'x' }], code: 'form_field_unknown' },
  ];
  for (const c of cases) {
    const enRes = await calls.version(world.officer, doc.id, c.parts, 'en');
    const esRes = await calls.version(world.officer, doc.id, c.parts, 'es');
    t.ok(enRes.statusCode >= 400 && enRes.statusCode < 500, `${c.label}: ${enRes.statusCode}`);
    if (c.code) t.equal(enRes.json().error.code, c.code, c.label);
    t.not(enRes.json().error.message, esRes.json().error.message, `${c.label}: bilingual`);
    t.same(await storedBlobs(env.config.dataDir), [], `${c.label}: no blob left behind`);
  }
  t.equal((await database.db.selectFrom('storedFile').select('id').execute()).length, 0, 'no file row');
  t.equal((await database.db.selectFrom('libraryVersion').select('fileId').execute()).length, 0, 'no version row');
  t.equal((await database.db.selectFrom('sealed').select('id').execute()).length, sealedBefore);

  const broken = await calls.version(world.officer, doc.id, [{ name: 'file', filename: 'broken.pdf', data: '%PDF-1.4\n1 0 obj garbage\n%%EOF' }]);
  t.equal(broken.statusCode, 201, `a PDF whose text cannot be read is kept as a file without text: ${broken.body}`);
  t.equal(broken.json().textIndexed, false);
});
