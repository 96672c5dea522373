import ExcelJS from 'exceljs';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { flowHeaders, flowRow, returnCalls, xlsx } from '../../helpers/returns.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('returns: a template, a country’s return from a file and the form, cell errors, submission, amendment and history', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const db = env.database.db;
  env.clock.set(new Date('2026-07-10T12:00:00Z'));
  const world = await buildWorld(env);
  const calls = returnCalls(env);

  // Presets: anyone signed in sees the seeds' four; only the Secretariat makes a template.
  const presets = await calls.presets(world.officer);
  t.equal(presets.statusCode, 200);
  t.same(
    presets.json().items.map((p: { preset: string }) => p.preset),
    ['extra_regional_flows', 'legislation_matrix', 'palermo_protocol', 'country_report'],
  );
  t.equal((await calls.template(world.contact, world.networkId, 'extra_regional_flows')).statusCode, 403, 'a contact point makes no template');
  const made = await calls.template(world.secretariat, world.networkId, 'extra_regional_flows');
  t.equal(made.statusCode, 201, made.body);
  const template = made.json();
  t.equal(template.columns.length, 16, 'four measures × two sexes × adults and minors');
  t.equal(template.countries.length, 11, 'the member countries by default');
  const bad = await calls.template(world.secretariat, world.networkId, 'extra_regional_flows', {
    sections: [{ key: 'x', labelEs: 'x', labelEn: 'x' }],
  });
  t.equal(bad.json().error.code, 'template_layout_invalid');
  const listed = await app.inject({ url: `/api/returns/templates?networkId=${world.networkId}`, headers: world.officer.headers });
  t.same(
    listed.json().items.map((x: { id: string }) => x.id),
    [template.id],
    'a member reads its network’s templates',
  );
  const outsider = await signIn(app, db, env.clock, { country: 'MEX' });
  t.equal((await app.inject({ url: `/api/returns/templates/${template.id}`, headers: outsider.headers })).statusCode, 404);

  // The blank template file, in the reader's language.
  const blank = await app.inject({ url: `/api/returns/templates/${template.id}/file?format=xlsx&language=es`, headers: world.contact.headers });
  t.equal(blank.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(blank.rawPayload as unknown as ArrayBuffer);
  const headerRow = workbook.worksheets[0]!.getRow(1).values as string[];
  t.equal(headerRow[1], 'Nacionalidad');
  t.equal(headerRow[3], 'Detectados — mujeres adultas');
  const csv = await app.inject({ url: `/api/returns/templates/${template.id}/file?format=csv&language=en`, headers: world.contact.headers });
  t.match(csv.body, /^\uFEFFNationality,Entry point or route,"Detected — women, adults",/);

  // The contact point opens Costa Rica's return for the first semester: due 30 days after it ends.
  t.equal((await calls.open(world.officer, template.id, '2026-S1')).statusCode, 403, 'an officer does not open the return');
  t.equal((await calls.open(world.contact, template.id, '2026')).json().error.code, 'return_period_invalid');
  const opened = await calls.open(world.contact, template.id, '2026-S1');
  t.equal(opened.statusCode, 201, opened.body);
  const ret = opened.json();
  t.match(ret, { country: 'CRI', status: 'draft', version: 1, submittedVersion: null, dueOn: '2026-07-30', late: false });
  t.same(ret.shown, { version: 1, submitted: false, rows: [], sections: null });
  t.equal((await calls.open(world.contact, template.id, '2026-S1')).statusCode, 409, 'one return per template, period and country');
  t.equal((await calls.get(world.foreign, ret.id)).statusCode, 404, 'another country does not know it');
  t.equal((await calls.get(world.officer, ret.id)).statusCode, 200, 'its country’s officer reads it');

  // A file with wrong cells: refused whole, each cell named in the caller's language; nothing saved.
  const headers = flowHeaders(template);
  const wrong = flowRow(template, 'CHN', 'Peñas Blancas');
  wrong[3] = -3;
  const unknown = flowRow(template, 'XXX', 'Paso Canoas');
  unknown[2] = 2.5;
  const blankRoute = flowRow(template, 'IND', '');
  const repeated = flowRow(template, 'chn', ' Peñas  Blancas ');
  const missing = flowRow(template, 'CMR', 'Aeropuerto Juan Santamaría');
  missing[4] = null;
  const badFile = await xlsx([headers, wrong, unknown, blankRoute, repeated, missing]);
  const refused = await calls.upload(world.contact, ret.id, badFile, 'return.xlsx', 'es');
  t.equal(refused.statusCode, 400, refused.body);
  const error = refused.json().error;
  t.equal(error.code, 'return_cells_invalid');
  t.equal(error.message, 'Hay 6 celdas que corregir; no se guardó nada.');
  t.same(
    error.cells.map((c: { sheet: string; cell: string; code: string }) => [c.sheet, c.cell, c.code]),
    [
      ['Return', 'D2', 'cell_negative'],
      ['Return', 'A3', 'cell_country_unknown'],
      ['Return', 'C3', 'cell_not_integer'],
      ['Return', 'B4', 'cell_required'],
      ['Return', 'A5', 'cell_row_repeated'],
      ['Return', 'E6', 'cell_required'],
    ],
  );
  t.equal(error.cells[1].message, 'Celda A3: "XXX" no es un código de país ISO 3166-1 alfa-3 (p. ej. CHN).');
  t.equal(error.cells[4].message, 'Celda A5: esta fila repite la fila 2 (mismas dimensiones); sume sus cifras en una sola fila.');
  const headerErrors = await calls.upload(world.contact, ret.id, await xlsx([[...headers.slice(0, -1), 'Bogus']]), 'r.xlsx', 'en');
  t.same(
    headerErrors.json().error.cells.map((c: { cell: string; code: string; message: string }) => [c.cell, c.code]),
    [
      ['R1', 'cell_header_unknown'],
      ['S1', 'cell_header_missing'],
    ],
  );
  t.match(headerErrors.json().error.cells[1].message, 'the column "Asylum requests — men, minors" is missing');
  t.equal((await db.selectFrom('returnCell').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n, 0, 'no cell saved');
  const untouched = (await calls.get(world.contact, ret.id)).json();
  t.same(untouched.shown.rows, [], 'the draft is as it was');
  t.equal(untouched.updatedAt, ret.updatedAt);

  // Not a spreadsheet, an old binary workbook, too large: refused before any cell is read.
  t.equal(
    (await calls.upload(world.contact, ret.id, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'old.xls')).json().error.code,
    'return_file_type',
  );
  t.equal((await calls.upload(world.contact, ret.id, Buffer.from('PK\u0003\u0004 not a zip'), 'x.xlsx')).json().error.code, 'return_file_unreadable');
  t.equal((await calls.upload(world.contact, ret.id, Buffer.alloc(3 * 1024 * 1024, 'a'), 'big.csv')).statusCode, 413);
  t.equal((await calls.upload(world.officer, ret.id, badFile)).statusCode, 403, 'an officer does not fill it');

  // The right file, with labels for headers in Spanish, read for an English-speaking user.
  env.clock.advance(60_000);
  const spanish = [
    headerRow.slice(1) as string[],
    flowRow(template, 'CHN', 'Peñas Blancas', { 'detected.female.minor': 4 }, 2),
    flowRow(template, 'IND', 'Paso Canoas', {}, 3),
  ];
  const accepted = await calls.upload(world.contact, ret.id, await xlsx(spanish), 'matriz.xlsx', 'en');
  t.equal(accepted.statusCode, 200, accepted.body);
  t.equal(accepted.json().shown.rows.length, 2);
  t.same(accepted.json().shown.rows[0].dims, ['CHN', 'Peñas Blancas']);
  t.equal(accepted.json().shown.rows[0].values['detected.female.minor'], 4);

  // The same as CSV, semicolons (a Spanish spreadsheet's export), then the form; a wrong form cell is named too.
  const csvText = `\uFEFF${[headers, flowRow(template, 'CHN', 'Peñas Blancas', {}, 5)].map((r) => r.join(';')).join('\r\n')}\r\n`;
  const fromCsv = await calls.upload(world.contact, ret.id, csvText, 'matriz.csv');
  t.equal(fromCsv.statusCode, 200, fromCsv.body);
  t.equal(fromCsv.json().shown.rows[0].values['returned.male.adult'], 5);
  const values = (n: string, given: Record<string, string> = {}) => template.columns.map((c: { key: string }) => given[c.key] ?? n);
  const formBad = await calls.patch(world.contact, ret.id, {
    rows: [{ dims: ['CHN', 'Peñas Blancas'], values: values('1', { 'returned.male.adult': 'ten' }) }],
  });
  t.equal(formBad.statusCode, 400);
  t.same(formBad.json().error.cells, [{ sheet: 'form', cell: 'M2', code: 'cell_not_a_number', message: 'Cell M2: "ten" is not a number.' }]);
  const form = await calls.patch(world.contact, ret.id, {
    rows: [
      { dims: ['CHN', 'Peñas Blancas'], values: values('2', { 'detected.female.minor': '4' }) },
      { dims: ['IND', 'Paso Canoas'], values: values('3') },
    ],
  });
  t.equal(form.statusCode, 200, form.body);

  // Submitted: frozen, and counted.
  const submitted = await calls.submit(world.contact, ret.id);
  t.equal(submitted.statusCode, 200, submitted.body);
  t.match(submitted.json(), { status: 'submitted', submittedVersion: 1, permissions: { update: false, submit: false, amend: true } });
  t.equal((await calls.patch(world.contact, ret.id, { rows: [] })).statusCode, 403, 'a submitted version is not edited');
  t.equal((await calls.submit(world.contact, ret.id)).statusCode, 403);

  // An amendment: a new version from the submitted one, with its reason; the first stays readable and counted until the second is submitted.
  env.clock.advance(10 * 60_000);
  t.equal((await calls.amend(world.officer, ret.id, 'Late figures')).statusCode, 403);
  const amended = await calls.amend(world.contact, ret.id, 'Figures of Paso Canoas corrected by the border post');
  t.equal(amended.statusCode, 200, amended.body);
  t.match(amended.json(), { status: 'amending', version: 2, submittedVersion: 1 });
  t.equal(amended.json().shown.rows.length, 2, 'the amendment starts from the submitted figures');
  t.equal((await calls.patch(world.contact, ret.id, { rows: [{ dims: ['IND', 'Paso Canoas'], values: values('7') }] })).statusCode, 200);
  const total = async () => (await calls.rollup(world.secretariat, `templateId=${template.id}&period=2026-S1&by=country`)).json().rows[0]?.total;
  t.equal(await total(), 16 * 2 + 2 + 16 * 3, 'the roll-up counts version 1 while version 2 is drafted');
  t.equal((await calls.submit(world.contact, ret.id)).statusCode, 200);
  t.equal(await total(), 16 * 7, 'and version 2 once submitted');
  const first = await calls.get(world.contact, ret.id, '?version=1');
  t.equal(first.json().shown.rows.length, 2, 'version 1’s figures stay readable');
  t.equal((await calls.get(world.contact, ret.id, '?version=3')).statusCode, 404);
  const hist = await calls.history(world.contact, ret.id);
  t.equal(hist.statusCode, 200);
  t.match(hist.json().items, [
    { version: 2, reason: 'Figures of Paso Canoas corrected by the border post', source: 'form', createdBy: 'Test Officer', submittedAt: String },
    { version: 1, reason: null, source: 'form', submittedBy: 'Test Officer' },
  ]);
  t.equal((await calls.history(world.foreign, ret.id)).statusCode, 404);

  // Every step is in the trail.
  const actions = await db.selectFrom('auditEntry').select('action').where('subjectId', '=', ret.id).orderBy('seq').execute();
  for (const action of ['return.create', 'return.upload', 'return.update', 'return.submit', 'return.amend', 'return.history']) {
    t.ok(
      actions.some((a) => a.action === action),
      action,
    );
  }
});

t.test('written returns: sections sealed at rest, the Presidency sees no text; observers contribute where the template says', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const db = env.database.db;
  env.clock.set(new Date('2026-02-01T12:00:00Z'));
  const world = await buildWorld(env);
  const calls = returnCalls(env);
  const presidency = await signIn(app, db, env.clock, { roles: ['presidency'], country: 'HND' });

  const report = (await calls.template(world.secretariat, world.networkId, 'country_report')).json();
  const ret = (await calls.open(world.contact, report.id, '2025-S2')).json();
  t.equal(ret.late, true, 'due on 2026-01-30 and not submitted');
  t.equal((await calls.patch(world.contact, ret.id, { rows: [] })).json().error.code, 'return_not_a_matrix');
  t.equal((await calls.patch(world.contact, ret.id, { sections: [{ key: 'bogus', text: 'x' }] })).json().error.code, 'return_section_unknown');
  t.equal((await calls.patch(world.contact, ret.id, { sections: [{ key: 'achievements', text: 'Sellado: logros del semestre' }] })).statusCode, 200);
  t.equal((await calls.submit(world.contact, ret.id)).json().error.code, 'return_incomplete');
  const saved = await calls.patch(world.contact, ret.id, {
    sections: [
      { key: 'achievements', text: 'Sellado: logros del semestre' },
      { key: 'progress', text: 'Avances' },
      { key: 'challenges', text: 'Retos' },
    ],
  });
  t.same(saved.json().shown.sections, { achievements: 'Sellado: logros del semestre', progress: 'Avances', challenges: 'Retos' });
  const stored = await db.selectFrom('returnSection').select('body').execute();
  t.equal(stored.length, 3);
  for (const s of stored) t.notMatch(s.body, /Sellado|Avances|Retos/, 'no section in clear');
  t.equal((await calls.submit(world.contact, ret.id)).statusCode, 200);

  const seen = await calls.get(presidency, ret.id);
  t.equal(seen.statusCode, 200, 'the Presidency reads the return’s metadata');
  t.equal(seen.json().shown, null, 'and never its text');
  t.notMatch(seen.body, /Sellado/);
  t.equal((await calls.get(presidency, ret.id, '?version=1')).statusCode, 403);
  t.same((await calls.get(world.secretariat, ret.id)).json().shown.sections.progress, 'Avances', 'the Secretariat reads it');
  t.equal((await calls.rollup(presidency, `templateId=${report.id}`)).json().error.code, 'return_not_a_matrix');

  // IOM's legislation matrix: the observer fills Costa Rica's return, the contact point submits it.
  const legislation = (await calls.template(world.secretariat, world.networkId, 'legislation_matrix')).json();
  const flows = (await calls.template(world.secretariat, world.networkId, 'extra_regional_flows')).json();
  t.equal((await calls.open(world.observer, flows.id, '2026-S1', 'CRI')).statusCode, 403, 'not where the template does not say so');
  const byObserver = await calls.open(world.observer, legislation.id, '2026-S1', 'CRI');
  t.equal(byObserver.statusCode, 201, byObserver.body);
  const rowOf = (topic: string, v: string) => ({
    dims: [topic],
    values: [v, '2', '8', '0'],
  });
  const bad = await calls.patch(world.observer, byObserver.json().id, { rows: [rowOf('piracy', '1')] }, 'es');
  t.equal(bad.json().error.cells[0].code, 'cell_choice_unknown');
  t.match(bad.json().error.cells[0].message, 'no es ninguno de: Tráfico ilícito de migrantes, Trata de personas');
  const filled = await calls.patch(world.observer, byObserver.json().id, {
    rows: [rowOf('Trata de personas', '1'), rowOf('migrant_smuggling', '1')],
  });
  t.equal(filled.statusCode, 200, filled.body);
  t.same(
    filled.json().shown.rows.map((r: { dims: string[] }) => r.dims[0]),
    ['trafficking_in_persons', 'migrant_smuggling'],
  );
  t.equal((await calls.submit(world.observer, byObserver.json().id)).statusCode, 403, 'the observer does not submit');
  t.equal((await calls.submit(world.contact, byObserver.json().id)).statusCode, 200, 'the country does');
  const observerList = (await calls.list(world.observer)).json().items.map((r: { id: string }) => r.id);
  t.same(observerList, [byObserver.json().id], 'the observer lists only the returns it contributes to');
});

t.test('roll-ups: submitted figures only, under the policy, by nationality, route and country, minors apart; exports', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const db = env.database.db;
  env.clock.set(new Date('2026-07-10T12:00:00Z'));
  const world = await buildWorld(env);
  const calls = returnCalls(env);
  const presidency = await signIn(app, db, env.clock, { roles: ['presidency'], country: 'HND' });
  const gtmContact = await signIn(app, db, env.clock, { country: 'GTM' });
  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: `/api/spaces/${world.spaceId}/members`,
        headers: world.secretariat.headers,
        payload: { userId: gtmContact.user.id, role: 'contact_point' },
      })
    ).statusCode,
    201,
  );
  const template = (await calls.template(world.secretariat, world.networkId, 'extra_regional_flows')).json();
  const values = (adult: number, minor: number) =>
    template.columns.map((c: { key: string; age: string }) => String(c.age === 'minor' ? minor : adult));

  // Costa Rica submits; Guatemala keeps a draft with large figures, which no one counts.
  const cri = (await calls.open(world.contact, template.id, '2026-S1')).json();
  await calls.patch(world.contact, cri.id, {
    rows: [
      { dims: ['CHN', 'Peñas Blancas'], values: values(2, 1) },
      { dims: ['IND', 'Peñas Blancas'], values: values(1, 0) },
    ],
  });
  t.equal((await calls.submit(world.contact, cri.id)).statusCode, 200);
  const gtm = (await calls.open(gtmContact, template.id, '2026-S1')).json();
  t.equal((await calls.patch(gtmContact, gtm.id, { rows: [{ dims: ['CHN', 'Tecún Umán'], values: values(1000, 1000) }] })).statusCode, 200);
  // An earlier semester, for the trend.
  const earlier = (await calls.open(world.contact, template.id, '2025-S2')).json();
  await calls.patch(world.contact, earlier.id, { rows: [{ dims: ['CHN', 'Paso Canoas'], values: values(1, 1) }] });
  await calls.submit(world.contact, earlier.id);

  const byNationality = await calls.rollup(gtmContact, `templateId=${template.id}&period=2026-S1`);
  t.equal(byNationality.statusCode, 200, byNationality.body);
  const body = byNationality.json();
  t.equal(body.by, 'nationality');
  t.same(body.periods, [{ period: '2026-S1', submitted: 1, concerned: 11 }], 'Guatemala’s own draft is not counted, not even for Guatemala');
  t.match(body.rows, [
    { period: '2026-S1', key: 'CHN', label: /China/, total: 8 * 2 + 8 * 1, adults: 16, minors: 8 },
    { period: '2026-S1', key: 'IND', label: 'India', total: 8, adults: 8, minors: 0 },
  ]);
  t.equal(body.rows[0].values['detected.female.minor'], 1);
  t.equal(body.rows[0].values['asylum_request.male.adult'], 2);

  const byRoute = (await calls.rollup(presidency, `templateId=${template.id}&by=route`)).json();
  t.same(
    byRoute.rows.map((r: { period: string; key: string; total: number }) => [r.period, r.key, r.total]),
    [
      ['2025-S2', 'Paso Canoas', 16],
      ['2026-S1', 'Peñas Blancas', 32],
    ],
    'the trend across periods, by route, for the Presidency',
  );
  const byCountry = (await calls.rollup(world.secretariat, `templateId=${template.id}&period=2026-S1&by=country`)).json();
  t.same(
    byCountry.rows.map((r: { key: string; label: string; total: number }) => [r.key, r.label, r.total]),
    [['CRI', 'Costa Rica', 32]],
  );
  t.equal((await calls.rollup(world.secretariat, `templateId=${template.id}&by=sex`)).json().error.code, 'rollup_dimension_unknown');
  t.equal((await calls.rollup(world.auditor, `templateId=${template.id}`)).statusCode, 403, 'auditors: metadata, no figures');
  const outsider = await signIn(app, db, env.clock, { country: 'MEX' });
  t.equal((await calls.rollup(outsider, `templateId=${template.id}`)).statusCode, 404);

  // The Presidency: every return's status and the submitted figures; no draft.
  const presidencyList = (await calls.list(presidency, `?templateId=${template.id}`)).json().items;
  t.same(presidencyList.map((r: { country: string; status: string }) => `${r.country}:${r.status}`).sort(), [
    'CRI:submitted',
    'CRI:submitted',
    'GTM:draft',
  ]);
  t.equal((await calls.get(presidency, gtm.id)).json().shown, null, 'a draft’s figures are not the Presidency’s');
  t.equal((await calls.get(presidency, cri.id)).json().shown.rows.length, 2, 'a submitted return’s figures are');
  t.equal((await calls.get(presidency, gtm.id, '?version=1')).statusCode, 403);
  t.equal((await calls.get(world.contact, gtm.id)).statusCode, 404, 'a country does not see another’s draft');
  t.same(
    (await calls.list(world.contact)).json().items.map((r: { country: string }) => r.country),
    ['CRI', 'CRI'],
    'a contact point lists its own country’s returns',
  );

  // Exports: the same figures as CSV and XLSX, audited.
  const csv = await app.inject({
    url: `/api/returns/rollup/export?templateId=${template.id}&period=2026-S1&format=csv&language=en`,
    headers: world.officer.headers,
  });
  t.equal(csv.statusCode, 200, csv.body);
  t.match(csv.headers['content-type'], 'text/csv');
  const lines = csv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  t.match(lines[0], /^Period,Nationality,Code,"Detected — women, adults",/);
  t.match(lines[1], /^2026-S1,[^,]*China,CHN,2,1,2,1,/);
  t.match(lines[1], /,16,8,24$/);
  const xlsxFile = await app.inject({
    url: `/api/returns/rollup/export?templateId=${template.id}&period=2026-S1&format=xlsx&language=es`,
    headers: presidency.headers,
  });
  t.equal(xlsxFile.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsxFile.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  t.equal(sheet.getCell('A1').value, 'Matriz semestral de flujos de migrantes extra-regionales');
  t.equal(sheet.getCell('B3').value, 'China');
  const exported = await db.selectFrom('auditEntry').select(['action', 'details']).where('action', '=', 'return.rollup_export').execute();
  t.equal(exported.length, 2);
});
