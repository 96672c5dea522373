import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { returnCalls } from '../../helpers/returns.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

/**
 * The Secretariat edits a return template (PATCH /api/returns/templates/:id): titles, schedule,
 * countries, observers and archiving at any time; the layout only while no return has been opened
 * for it; a country that has a return stays; everyone else is refused the same way whether the
 * template exists or not; every edit is in the trail with the names of what changed.
 */
t.test('return templates: the Secretariat edits, locks the layout once a return is opened, archives', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const db = env.database.db;
  env.clock.set(new Date('2026-07-10T12:00:00Z'));
  const world = await buildWorld(env);
  const calls = returnCalls(env);
  const template = (await calls.template(world.secretariat, world.networkId, 'extra_regional_flows')).json();
  t.same(template.permissions, { update: true }, 'the Secretariat may edit it');
  t.equal(template.layoutLocked, false);
  t.equal(template.archived, false);
  const seen = (await app.inject({ url: `/api/returns/templates/${template.id}`, headers: world.contact.headers })).json();
  t.same(seen.permissions, { update: false }, 'a contact point may not');
  t.equal(seen.layoutLocked, null, 'nor learn whether any country opened a return');

  // Titles, due days and countries.
  env.clock.advance(60_000);
  const editedAt = env.clock.now().toISOString();
  const edited = await calls.edit(world.secretariat, template.id, {
    titleEs: '  Matriz semestral de flujos (revisada) ',
    titleEn: 'Semiannual flows matrix (revised)',
    dueDays: 45,
    countries: ['CRI', 'GTM', 'HND', 'PAN'],
  });
  t.equal(edited.statusCode, 200, edited.body);
  t.match(edited.json(), {
    titleEs: 'Matriz semestral de flujos (revisada)',
    titleEn: 'Semiannual flows matrix (revised)',
    dueDays: 45,
    countries: ['CRI', 'GTM', 'HND', 'PAN'],
    updatedAt: editedAt,
  });
  const audit = await db
    .selectFrom('auditEntry')
    .select(['outcome', 'details'])
    .where('action', '=', 'return_template.update')
    .where('subjectId', '=', template.id)
    .orderBy('seq')
    .execute();
  t.equal(audit.length, 1);
  t.match(audit[0], { outcome: 'allowed', details: { networkId: world.networkId, changed: ['titleEs', 'titleEn', 'dueDays', 'countries'] } });
  t.notMatch(JSON.stringify(audit[0]!.details), /revisada|revised/, 'names of fields, not their values');

  // The layout may change while no return is opened: a written report's sections instead of the matrix, and back.
  const written = await calls.edit(world.secretariat, template.id, {
    kind: 'written',
    periodKind: 'year',
    sections: [{ key: 'summary', labelEs: 'Resumen', labelEn: 'Summary' }],
  });
  t.equal(written.statusCode, 200, written.body);
  t.match(written.json(), { kind: 'written', periodKind: 'year', dimensions: [], columns: [], sections: [{ key: 'summary' }] });
  const matrix = await calls.edit(world.secretariat, template.id, {
    kind: 'matrix',
    periodKind: 'semester',
    dimensions: template.dimensions,
    columns: template.columns.slice(0, 4),
  });
  t.equal(matrix.statusCode, 200, matrix.body);
  t.equal(matrix.json().columns.length, 4);

  // Bad input: 400 with a code, nothing changed.
  const before = (await app.inject({ url: `/api/returns/templates/${template.id}`, headers: world.secretariat.headers })).json();
  const bad = [
    [{ dueDays: 400 }, 'validation_failed'],
    [{ titleEs: '' }, 'validation_failed'],
    [{ countries: ['CRI', 'COL'] }, 'return_country_not_concerned'],
    [{ dueOn: '2026-12-31' }, 'template_layout_invalid'],
    [{ sections: [{ key: 's', labelEs: 's', labelEn: 's' }] }, 'template_layout_invalid'],
    [{ columns: [template.columns[0], template.columns[0]] }, 'template_layout_invalid'],
    [{ color: 'red' }, 'validation_failed'],
    [{}, 'validation_failed'],
  ] as const;
  for (const [payload, code] of bad) {
    const res = await calls.edit(world.secretariat, template.id, payload);
    t.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
    t.equal(res.json().error.code, code);
  }
  const esMessage = (await calls.edit(world.secretariat, template.id, { countries: ['COL'] }, 'es')).json().error.message;
  t.equal(esMessage, 'Esta plantilla no concierne a COL.');
  t.same((await app.inject({ url: `/api/returns/templates/${template.id}`, headers: world.secretariat.headers })).json(), before, 'nothing changed');

  // Once a return is opened: the layout is locked; the schedule still moves, and with it the draft's due date.
  const ret = (await calls.open(world.contact, template.id, '2026-S1')).json();
  t.equal(ret.dueOn, '2026-08-14', 'due 45 days after the semester');
  const locked = await calls.edit(world.secretariat, template.id, { columns: template.columns }, 'es');
  t.equal(locked.statusCode, 409);
  t.equal(locked.json().error.code, 'return_template_layout_locked');
  t.match(locked.json().error.message, /Ya se abrió una declaración/);
  t.equal((await calls.edit(world.secretariat, template.id, { periodKind: 'year' })).json().error.code, 'return_template_layout_locked');
  const same = await calls.edit(world.secretariat, template.id, { kind: 'matrix', columns: matrix.json().columns, dueDays: 20 });
  t.equal(same.statusCode, 200, 'the layout sent as it is is no change');
  t.equal(same.json().layoutLocked, true);
  t.equal((await calls.get(world.contact, ret.id)).json().dueOn, '2026-07-20', 'the draft follows the new schedule');

  // A country with a return is not removed; one without is.
  const kept = await calls.edit(world.secretariat, template.id, { countries: ['GTM', 'HND'] });
  t.equal(kept.statusCode, 409);
  t.equal(kept.json().error.code, 'return_template_country_has_returns');
  t.equal(kept.json().error.message, 'The template cannot stop concerning CRI: there is already a return of theirs for it.');
  const fewer = await calls.edit(world.secretariat, template.id, { countries: ['CRI', 'GTM'] });
  t.equal(fewer.statusCode, 200, fewer.body);
  t.same(fewer.json().countries, ['CRI', 'GTM']);

  // Submitted and archived: no new return, the old ones still listed and read.
  t.equal((await calls.patch(world.contact, ret.id, { rows: [] })).statusCode, 200);
  t.equal((await calls.submit(world.contact, ret.id)).statusCode, 200);
  env.clock.advance(60_000);
  const archivedAt = env.clock.now().toISOString();
  const archived = await calls.edit(world.secretariat, template.id, { archived: true });
  t.equal(archived.statusCode, 200, archived.body);
  t.match(archived.json(), { archived: true, archivedAt });
  const refused = await calls.open(world.contact, template.id, '2025-S2');
  t.equal(refused.statusCode, 409);
  t.equal(refused.json().error.code, 'return_template_archived');
  t.same(
    (await calls.list(world.contact, `?templateId=${template.id}`)).json().items.map((r: { id: string }) => r.id),
    [ret.id],
    'its returns are still listed',
  );
  t.equal((await calls.get(world.contact, ret.id)).statusCode, 200, 'and read');
  const listed = (await app.inject({ url: '/api/returns/templates', headers: world.contact.headers })).json().items;
  t.match(listed, [{ id: template.id, archived: true }], 'the template is still listed, marked archived');
  const unarchived = await calls.edit(world.secretariat, template.id, { archived: false });
  t.match(unarchived.json(), { archived: false, archivedAt: null });
  t.equal((await calls.open(world.contact, template.id, '2025-S2')).statusCode, 201, 'unarchived, it opens returns again');
  const changes = await db
    .selectFrom('auditEntry')
    .select('details')
    .where('action', '=', 'return_template.update')
    .where('outcome', '=', 'allowed')
    .where('subjectId', '=', template.id)
    .orderBy('seq', 'desc')
    .limit(2)
    .execute();
  t.match(
    changes.map((c) => (c.details as { changed: string[] }).changed),
    [['archived'], ['archived']],
  );
});

t.test('return templates: whoever is not the Secretariat is refused the same way, whether the template exists or not', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const db = env.database.db;
  env.clock.set(new Date('2026-07-10T12:00:00Z'));
  const world = await buildWorld(env);
  const calls = returnCalls(env);
  const presidency = await signIn(app, db, env.clock, { roles: ['presidency'], country: 'HND' });
  const outsider = await signIn(app, db, env.clock, { country: 'MEX' });
  const template = (await calls.template(world.secretariat, world.networkId, 'country_report')).json();
  const missing = '00000000-0000-4000-8000-000000000000';
  const people = [
    ['contact point', world.contact],
    ['officer', world.officer],
    ['observer', world.observer],
    ['Presidency', presidency],
    ['auditor', world.auditor],
    ['outsider', outsider],
  ] as const;
  for (const [name, who] of people) {
    const existing = await calls.edit(who, template.id, { dueDays: 10 });
    const absent = await calls.edit(who, missing, { dueDays: 10 });
    t.equal(existing.statusCode, 403, `${name}: an existing template`);
    t.equal(absent.statusCode, 403, `${name}: a template that does not exist`);
    t.same(existing.json().error.code, absent.json().error.code, `${name}: the same answer`);
    t.same(existing.json().error.message, absent.json().error.message);
  }
  t.equal((await calls.edit(world.secretariat, missing, { dueDays: 10 })).statusCode, 404, 'the Secretariat learns that it does not exist');
  const after = (await app.inject({ url: `/api/returns/templates/${template.id}`, headers: world.secretariat.headers })).json();
  t.equal(after.dueDays, template.dueDays, 'nothing changed');
  t.equal(after.updatedAt, null);
});
