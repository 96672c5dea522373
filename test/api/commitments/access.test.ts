import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { storedBlobs } from '../../helpers/blobs.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';
import { commitmentCalls, MATRICES, member, png, registerObserver } from './helpers.ts';

t.test('who creates, reports on and reads a commitment', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = commitmentCalls(env, world);
  const substitute = await signIn(app, database.db, clock, { country: 'CRI' });
  await member(env, world, substitute, 'substitute');
  const elsewhere = await buildWorld(env);
  const presidency = await signIn(app, database.db, clock, { roles: ['presidency'], country: 'HND' });
  const svSecretariat = world.secretariat;

  // Creating: the Secretariat and the Presidency only.
  for (const who of [world.officer, world.contact, world.observer, world.auditor]) {
    const refused = await calls.create(who, { ...MATRICES, responsibles: ['CRI'] });
    t.equal(refused.statusCode, 403, 'members and auditors do not create commitments');
  }
  await registerObserver(env, world, 'IOM');
  const id = (await calls.create(svSecretariat, { ...MATRICES, responsibles: ['CRI', 'IOM', 'SV'] })).json().id as string;
  const patchByContact = await calls.patch(world.contact, id, { plan: 'Otro' });
  t.equal(patchByContact.statusCode, 403, 'nor edit them');
  t.equal((await calls.patch(presidency, id, { plan: 'Plan de acción 2027' })).statusCode, 200, 'the Presidency edits');

  // Reporting: the responsible country's contact point or substitute, a responsible organisation's member, the Secretariat for SV.
  const status = (value: string) => [{ name: 'status', data: value }];
  for (const [label, who, code] of [
    ['an officer of the responsible country', world.officer, 403],
    ['a member country not responsible', world.foreign, 403],
    ['the Presidency', presidency, 403],
    ['an auditor', world.auditor, 403],
  ] as const) {
    const res = await calls.report(who, id, status('done'));
    t.equal(res.statusCode, code, label);
    t.equal(res.json().error.code, 'not_responsible', label);
  }
  t.equal((await calls.report(substitute, id, status('in_progress'))).statusCode, 201, 'the substitute reports');
  t.equal((await calls.report(world.observer, id, status('in_progress'))).statusCode, 201, 'IOM reports through its member');
  t.equal((await calls.report(svSecretariat, id, status('done'))).statusCode, 201, 'the Secretariat reports for SV');
  const gtmContact = await signIn(app, database.db, clock, { country: 'GTM' });
  await member(env, world, gtmContact, 'contact_point');
  const notResponsible = await calls.report(gtmContact, id, status('done'));
  t.equal(notResponsible.statusCode, 403, 'a contact point of a country not responsible cannot post');
  t.equal(notResponsible.json().error.code, 'not_responsible');
  t.equal((await database.db.selectFrom('commitmentUpdate').select('id').execute()).length, 3);

  // Outsiders (members of another network, people of no network): 404 whether it exists or not, alike.
  for (const who of [elsewhere.officer, elsewhere.contact, await signIn(app, database.db, clock, { country: 'MEX' })]) {
    const answers = [];
    for (const target of [id, randomUUID()]) {
      const get = await app.inject({ url: `/api/commitments/${target}`, headers: { ...who.headers, 'accept-language': 'en' } });
      const post = await calls.report(who, target, status('done'));
      const patch = await calls.patch(who, target, { plan: 'x' });
      answers.push([get.statusCode, get.body, post.statusCode, post.body, patch.statusCode, patch.body]);
    }
    t.equal(answers[0]![0], 404);
    t.equal(answers[0]![2], 404);
    t.equal(answers[0]![4], 404);
    t.same(answers[0], answers[1], 'an existing commitment answers like none');
    t.equal((await calls.list(who)).json().total, 0, 'and it is not listed');
  }

  // Readers: members of the network (observers included), the Secretariat, the Presidency; auditors see metadata only.
  for (const who of [world.officer, world.foreign, world.observer, svSecretariat, presidency]) {
    const res = await calls.get(who, id);
    t.equal(res.statusCode, 200);
    t.equal(res.json().commitment.permissions.readContent, true);
  }
  const evidenceUpload = await calls.report(world.contact, id, [
    { name: 'status', data: 'done' },
    { name: 'note', data: 'Nota reservada' },
    { name: 'file', filename: 'acta.png', data: await png() },
  ]);
  t.equal(evidenceUpload.statusCode, 201);
  const fileId = evidenceUpload.json().updates[0].evidence[0].id as string;
  const audited = await calls.get(world.auditor, id);
  t.equal(audited.statusCode, 200);
  t.notMatch(audited.body, 'Nota reservada', 'no note for an auditor');
  t.notMatch(audited.body, 'acta.png', 'nor evidence names');
  t.match(audited.json().updates[0], { note: null, evidence: [], evidenceCount: 1 });
  t.equal((await calls.evidence(world.auditor, id, fileId)).statusCode, 403, 'nor the evidence files');
  t.equal((await calls.list(world.auditor)).json().total, 1, 'auditors list commitments');
  t.equal((await calls.evidence(elsewhere.officer, id, fileId)).statusCode, 404);
  t.equal((await calls.evidence(world.officer, id, randomUUID())).statusCode, 404);
  t.equal((await calls.evidence(world.officer, id, fileId)).statusCode, 200);
});

t.test('refused input: a code and a bilingual message, and nothing kept', async (t) => {
  const env = await buildTestApp(t, { config: { uploadLimit: 64 * 1024 } });
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = commitmentCalls(env, world);
  const base = { activityEs: 'Actividad', responsibles: ['CRI'] };
  const cases: [string, Record<string, unknown>, number, string][] = [
    ['no activity', { calendar: 'continuous', responsibles: ['CRI'], activityEs: '  ' }, 400, 'validation_failed'],
    ['no activity in either language', { calendar: 'continuous', responsibles: ['CRI'] }, 400, 'commitment_activity_required'],
    [
      'a due date on a periodic one',
      { ...base, calendar: 'semiannual', startsOn: '2026-01-01', dueOn: '2026-02-01' },
      400,
      'commitment_due_once_only',
    ],
    ['a periodic one without its start', { ...base, calendar: 'annual' }, 400, 'commitment_start_required'],
    ['a start on a continuous one', { ...base, calendar: 'continuous', startsOn: '2026-01-01' }, 400, 'commitment_start_periodic_only'],
    ['an unknown network', { ...base, calendar: 'continuous', networkId: randomUUID() }, 400, 'network_unknown'],
    ['no responsible', { ...base, calendar: 'continuous', responsibles: [] }, 400, 'validation_failed'],
    ['a responsible that is not a code', { ...base, calendar: 'continuous', responsibles: ['x y'] }, 400, 'validation_failed'],
    ['an unknown responsible', { ...base, calendar: 'continuous', responsibles: ['XYZ'] }, 400, 'invalid_country'],
    ['a calendar not known', { ...base, calendar: 'weekly' }, 400, 'validation_failed'],
  ];
  for (const [label, body, status, code] of cases) {
    const en = await app.inject({
      method: 'POST',
      url: '/api/commitments',
      headers: { ...world.secretariat.headers, 'accept-language': 'en' },
      payload: { networkId: world.networkId, ...body },
    });
    t.equal(en.statusCode, status, `${label}: ${en.body}`);
    t.equal(en.json().error.code, code, label);
    const es = await app.inject({
      method: 'POST',
      url: '/api/commitments',
      headers: { ...world.secretariat.headers, 'accept-language': 'es' },
      payload: { networkId: world.networkId, ...body },
    });
    t.not(es.json().error.message, en.json().error.message, `${label}: said in Spanish too`);
  }
  t.equal((await database.db.selectFrom('commitment').select('id').execute()).length, 0, 'nothing created');

  const id = (await calls.create(world.secretariat, { ...base, calendar: 'continuous', responsibles: ['CRI', 'GTM'] })).json().id as string;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n'), Buffer.alloc(1000, 7)]);
  const updates: [string, Parameters<typeof calls.report>[2], number, string][] = [
    ['no status', [{ name: 'note', data: 'sin estado' }], 400, 'commitment_status_required'],
    ['a status not known', [{ name: 'status', data: 'finished' }], 400, 'commitment_status_unknown'],
    [
      'an unknown field',
      [
        { name: 'status', data: 'done' },
        { name: 'secret', data: 'x' },
      ],
      400,
      'form_field_unknown_update',
    ],
    [
      'a note too long',
      [
        { name: 'status', data: 'done' },
        { name: 'note', data: 'x'.repeat(4001) },
      ],
      400,
      'commitment_note_too_long',
    ],
    [
      'evidence of a forbidden type',
      [
        { name: 'status', data: 'done' },
        { name: 'file', filename: 'ok.png', data: await png() },
        { name: 'file', filename: 'acta.html', data: '<!doctype html><script>alert(1)</script>' },
      ],
      415,
      'file_type_refused',
    ],
    [
      'evidence too large',
      [
        { name: 'status', data: 'done' },
        { name: 'file', filename: 'informe.pdf', data: Buffer.concat([pdf, Buffer.alloc(100 * 1024, 1)]) },
      ],
      413,
      'file_too_large',
    ],
  ];
  for (const [label, parts, status, code] of updates) {
    const en = await calls.report(world.contact, id, parts, 'en');
    t.equal(en.statusCode, status, `${label}: ${en.body}`);
    t.equal(en.json().error.code, code, label);
    const es = await calls.report(world.contact, id, parts, 'es');
    t.not(es.json().error.message, en.json().error.message, `${label}: said in Spanish too`);
  }
  const json = await app.inject({
    method: 'POST',
    url: `/api/commitments/${id}/updates`,
    headers: world.contact.headers,
    payload: { status: 'done' },
  });
  t.equal(json.statusCode, 415);
  t.equal(json.json().error.code, 'multipart_expected');
  t.equal((await database.db.selectFrom('commitmentUpdate').select('id').execute()).length, 0, 'no update kept');
  t.equal((await database.db.selectFrom('storedFile').select('id').execute()).length, 0, 'no file row');
  t.equal((await database.db.selectFrom('sealed').select('id').execute()).length, 0, 'no sealed note');
  t.same(await storedBlobs(env.config.dataDir), [], 'no blob left behind (the good file before the bad one included)');
  t.equal((await calls.get(world.contact, id)).json().commitment.responsibles[0].status, 'not_started');

  // A responsible that has reported cannot be dropped; one that has not can.
  t.equal((await calls.report(world.contact, id, [{ name: 'status', data: 'in_progress' }])).statusCode, 201);
  const drop = await calls.patch(world.secretariat, id, { responsibles: ['GTM'] });
  t.equal(drop.statusCode, 409);
  t.equal(drop.json().error.code, 'responsible_has_updates');
  t.equal((await calls.patch(world.secretariat, id, { responsibles: ['CRI'] })).statusCode, 200);
  const calendar = await calls.patch(world.secretariat, id, { calendar: 'semiannual' });
  t.equal(calendar.json().error.code, 'commitment_start_required', 'a new calendar brings its dates');
  const empty = await calls.patch(world.secretariat, id, {});
  t.equal(empty.statusCode, 400);

  // A network with no space yet has no key to seal evidence with.
  const network = await app.inject({
    method: 'POST',
    url: '/api/networks',
    headers: world.secretariat.headers,
    payload: { code: 'nw-empty', nameEs: 'Vacía', nameEn: 'Empty' },
  });
  const noSpace = await app.inject({
    method: 'POST',
    url: '/api/commitments',
    headers: world.secretariat.headers,
    payload: { ...base, calendar: 'continuous', networkId: network.json().id },
  });
  t.equal(noSpace.statusCode, 409);
  t.equal(noSpace.json().error.code, 'network_without_space');
});

t.test('a failure after the evidence was written (the database refuses the row) keeps nothing, blobs included', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = commitmentCalls(env, world);
  const db = env.database.db;
  const id = (await calls.create(world.secretariat, { activityEs: 'Actividad', calendar: 'continuous', responsibles: ['CRI'] })).json().id as string;
  await sql`create function refuse() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`.execute(db);
  await sql`create trigger refuse before insert on commitment_evidence for each row execute function refuse()`.execute(db);
  const res = await calls.report(world.contact, id, [
    { name: 'status', data: 'done' },
    { name: 'note', data: 'Con evidencia' },
    { name: 'file', filename: 'acta.png', data: await png() },
  ]);
  t.equal(res.statusCode, 500);
  t.same(await storedBlobs(env.config.dataDir), [], 'the written chunks were removed');
  t.equal((await db.selectFrom('storedFile').select('id').execute()).length, 0, 'the transaction rolled back');
  t.equal((await db.selectFrom('commitmentUpdate').select('id').execute()).length, 0);
  t.equal((await calls.get(world.contact, id)).json().commitment.responsibles[0].status, 'not_started');

  // A file under another name than "file" is refused, and what came before it is removed.
  await sql`drop trigger refuse on commitment_evidence`.execute(db);
  const misnamed = await calls.report(world.contact, id, [
    { name: 'status', data: 'done' },
    { name: 'file', filename: 'ok.png', data: await png() },
    { name: 'evidence', filename: 'otra.png', data: await png() },
  ]);
  t.equal(misnamed.statusCode, 400);
  t.equal(misnamed.json().error.code, 'form_field_unknown_update');
  t.same(await storedBlobs(env.config.dataDir), [], 'no blob left behind');
});
