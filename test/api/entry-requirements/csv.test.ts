import { parse } from 'csv-parse/sync';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { buildWorld } from '../../helpers/world.ts';
import { CUBA_VISA, matrixCalls } from './helpers.ts';

const HEADER = 'destination,nationality,requirement,days_allowed,exceptions_es,exceptions_en,legal_source,effective_on,note';

t.test('a CSV import is refused whole, naming row and column, then accepted; the export round-trips', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const calls = matrixCalls(env);
  await calls.set(world.secretariat, 'CRI', 'CUB', { ...CUBA_VISA, note: '=HYPERLINK("x")' });

  const wrong = [
    HEADER,
    'MEX,VEN,visa,,,,,,',
    'PAN,DEU,none,180,,,,2026-02-30,',
    'CHN,DEU,none,,,,,,',
    'GTM,XXX,sometimes,,,,,,',
    'MEX,VEN,visa,,,,,,',
    'HND,COL,visa,30,,,,,',
  ].join('\n');
  const refused = await calls.importCsv(world.secretariat, wrong);
  t.equal(refused.statusCode, 400);
  const error = refused.json().error;
  t.equal(error.code, 'entry_import_invalid');
  t.same(
    error.rows.map((r: { row: number; column: string; code: string }) => [r.row, r.column, r.code]),
    [
      [3, 'effective_on', 'entry_import_date_invalid'],
      [4, 'destination', 'entry_import_destination_unknown'],
      [5, 'nationality', 'entry_import_nationality_unknown'],
      [5, 'requirement', 'entry_import_requirement_unknown'],
      [6, 'nationality', 'entry_import_row_repeated'],
      [7, 'days_allowed', 'entry_import_days_none_only'],
    ],
  );
  t.equal(error.rows[0].message, 'Row 3, column "effective_on": "2026-02-30" is not a date (YYYY-MM-DD).');
  const inSpanish = (await calls.importCsv(world.secretariat, wrong, 'es')).json().error;
  t.match(inSpanish.message, /No se guardó nada/);
  t.equal(inSpanish.rows[0].message, 'Fila 3, columna "effective_on": "2026-02-30" no es una fecha (AAAA-MM-DD).');
  t.equal((await database.db.selectFrom('entryRequirement').select('destination').execute()).length, 1, 'nothing saved');
  t.equal((await database.db.selectFrom('entryRequirementChange').select('id').execute()).length, 1);

  const missing = await calls.importCsv(world.secretariat, 'destination,nacionalidad\nCRI,CUB');
  t.same(
    missing.json().error.rows.map((r: { column: string; code: string }) => [r.column, r.code]),
    [
      ['nacionalidad', 'entry_import_column_unknown'],
      ['nationality', 'entry_import_column_missing'],
      ['requirement', 'entry_import_column_missing'],
    ],
  );
  t.equal((await calls.importCsv(world.officer, wrong)).statusCode, 403, 'the Secretariat only');
  t.equal((await calls.importCsv(world.contact, wrong)).statusCode, 403);

  // Fixed, it goes in whole (a semicolon-separated file from a spreadsheet too); the cell already so is left alone.
  const right = [
    HEADER.replaceAll(',', ';'),
    'MEX;VEN;visa;;;;;;',
    'PAN;DEU;none;180;;;;2026-02-28;',
    'GTM;COL;special_authorisation;;"Salvo pasaportes diplomáticos; y oficiales";Except diplomatic passports;Acuerdo 12-2025;;',
    'HND;COL;visa;;;;;;',
  ].join('\r\n');
  const imported = await calls.importCsv(world.secretariat, right);
  t.equal(imported.statusCode, 200, imported.body);
  t.same(imported.json(), { rows: 4, changed: 4, unchanged: 0 });
  t.match((await calls.get(world.officer, 'GTM', 'COL')).json(), {
    exceptionsEs: 'Salvo pasaportes diplomáticos; y oficiales',
    legalSource: 'Acuerdo 12-2025',
  });
  t.match((await calls.history(world.officer, 'PAN', 'DEU')).json().items[0], { source: 'import', newValue: { daysAllowed: 180 } });
  const notices = await database.db
    .selectFrom('notification')
    .select(['destination', 'nationality'])
    .where('kind', '=', 'entry_requirement_changed')
    .execute();
  t.same(notices.slice(-1), [{ destination: null, nationality: null }], 'an import is one notice per contact point, naming what its cells share');

  // The export in the import's columns: imported back, it changes nothing.
  const exported = await calls.exportCsv(world.officer);
  t.equal(exported.statusCode, 200);
  t.match(exported.headers['content-type'], /text\/csv/);
  const lines = parse(exported.body) as string[][];
  t.same(lines[0], HEADER.split(','));
  t.equal(lines.length, 6);
  t.same(lines[1]!.slice(0, 3), ['CRI', 'CUB', 'visa']);
  t.equal(lines[1]![8], `'=HYPERLINK("x")`, 'a formula is made inert');
  const again = await calls.importCsv(world.secretariat, exported.body);
  t.same(again.json(), { rows: 5, changed: 0, unchanged: 5 }, 'the export round-trips');
  t.equal((await calls.get(world.officer, 'CRI', 'CUB')).json().note, '=HYPERLINK("x")');
  const row = parse((await calls.exportCsv(world.officer, '&destination=GTM')).body) as string[][];
  t.equal(row.length, 2, 'filtered like the list');
  t.equal((await calls.exportCsv(world.officer, '&format=xlsx')).statusCode, 400);
});
