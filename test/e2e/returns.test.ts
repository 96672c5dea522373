import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, startPortal, watchCsp } from '../helpers/browser.ts';
import { flowHeaders, flowRow, returnCalls, xlsx } from '../helpers/returns.ts';
import { buildWorld } from '../helpers/world.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

t.test('a contact point uploads a semiannual matrix from an XLSX file: wrong cells named, then accepted, submitted and charted', async (t) => {
  const env = await startPortal(t);
  const { signInOnPage, base } = env;
  const world = await buildWorld(env);
  const made = await returnCalls(env).template(world.secretariat, world.networkId, 'extra_regional_flows');
  t.equal(made.statusCode, 201, made.body);
  const template = made.json();

  const headers = flowHeaders(template);
  const wrong = flowRow(template, 'CHN', 'Peñas Blancas', {}, 3);
  wrong[3] = -2;
  const unknown = flowRow(template, 'XYZ', 'Paso Canoas', {}, 1);
  const bad = await xlsx([headers, wrong, unknown]);
  const good = await xlsx([
    headers,
    flowRow(template, 'CHN', 'Peñas Blancas', { 'detected.female.minor': 5, 'detected.male.minor': 4 }, 3),
    flowRow(template, 'IND', 'Paso Canoas', {}, 1),
  ]);

  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${base}/returns`);
  await signInOnPage(page, world.contact.user, 'es');
  await page.getByRole('heading', { level: 1, name: 'Declaraciones periódicas' }).waitFor();
  await page.locator('nav.mainnav a[href="/returns"]').waitFor({ state: 'attached' });

  // Open Costa Rica's return for the semester just ended.
  await page.getByRole('button', { name: 'Abrir la declaración' }).click();
  await page.getByRole('heading', { level: 1, name: /Matriz semestral de flujos de migrantes extra-regionales — Costa Rica/ }).waitFor();

  // A file with wrong cells: each one named, nothing saved.
  const file = page.getByLabel('Hoja de cálculo (XLSX o CSV)');
  await file.setInputFiles({ name: 'matrix.xlsx', mimeType: XLSX_TYPE, buffer: bad });
  await page.getByRole('button', { name: 'Enviar el archivo' }).click();
  const cells = page.getByRole('region', { name: 'Celdas que corregir' });
  await cells.waitFor();
  await page.getByText('Hay 2 celdas que corregir; no se guardó nada.').waitFor();
  t.match(await cells.textContent(), /D2.*Celda D2: una cifra no puede ser negativa\./s);
  t.match(await cells.textContent(), /A3.*Celda A3: "XYZ" no es un código de país ISO 3166-1 alfa-3/s);
  await screenshot(page, 'returns-upload-errors');

  // The right file: accepted, its figures in the grid.
  await file.setInputFiles({ name: 'matrix.xlsx', mimeType: XLSX_TYPE, buffer: good });
  await page.getByRole('button', { name: 'Enviar el archivo' }).click();
  await page.getByText('El archivo fue aceptado: 2 filas.').waitFor();
  t.equal(await page.getByLabel('Detectados — mujeres menores (D2)').inputValue(), '5');
  t.equal(await page.getByLabel('Nacionalidad (A3)').inputValue(), 'IND');
  await screenshot(page, 'returns-upload-accepted');

  await page.getByRole('button', { name: 'Enviar la declaración' }).click();
  await page.getByText('La declaración fue enviada.').waitFor();
  await page.getByRole('heading', { level: 2, name: 'Enmendar' }).waitFor();
  t.equal(await page.getByRole('button', { name: 'Guardar el borrador' }).count(), 0, 'a submitted return is amended, not edited');
  t.same(await accessibilityViolations(page), [], 'no accessibility violations on the return');

  // The roll-up: the chart drawn in the browser and the same figures as a table.
  await page.goto(`${base}/returns/rollup`);
  await page.getByRole('heading', { level: 1, name: 'Consolidados y gráficos' }).waitFor();
  const table = page.getByRole('table', { name: 'Matriz semestral de flujos de migrantes extra-regionales' });
  await table.waitFor();
  const china = table.getByRole('row', { name: /China/ });
  // China: eight adult columns at 3 = 24; eight minor columns, two at 5 and 4, six at 3 = 27.
  t.match(await china.textContent(), /24\s*27\s*51/);
  await page.locator('.rollup-chart canvas').waitFor();
  await page.locator('.rollup-chart .loading').waitFor({ state: 'detached' });
  t.ok((await page.locator('.rollup-chart canvas').evaluate((canvas) => (canvas as unknown as { width: number }).width)) > 0, 'the chart is drawn');
  await screenshot(page, 'returns-rollup');
  t.same(await accessibilityViolations(page), [], 'no accessibility violations on the roll-up');

  // The Secretariat: the templates with their files, and every country's return with its status.
  const secretariat = await (await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } })).newPage();
  const secretariatCsp = await watchCsp(secretariat);
  await secretariat.goto(`${base}/returns/templates`);
  await signInOnPage(secretariat, world.secretariat.user, 'es');
  await secretariat.getByRole('heading', { level: 1, name: 'Plantillas de declaración' }).waitFor();
  await secretariat.getByRole('heading', { level: 2, name: 'Nueva plantilla' }).waitFor();
  await secretariat.getByRole('link', { name: 'Plantilla (XLSX)' }).first().waitFor();
  t.equal(await secretariat.getByRole('link', { name: 'Plantilla (XLSX)' }).count(), 1);
  t.equal(await secretariat.getByLabel('Definición').inputValue(), 'extra_regional_flows', 'the first definition is chosen');
  await screenshot(secretariat, 'returns-templates');

  // The Secretariat edits the template's schedule: a return is open, so the layout is shown locked.
  await secretariat.getByRole('button', { name: 'Editar Matriz semestral de flujos de migrantes extra-regionales' }).click();
  await secretariat.getByRole('heading', { level: 2, name: 'Editar Matriz semestral de flujos de migrantes extra-regionales' }).waitFor();
  await secretariat.getByText('Ya se abrió una declaración con esta plantilla').waitFor();
  t.ok(await secretariat.getByLabel('Periodo', { exact: true }).isDisabled(), 'the period cannot change once a return is open');
  await secretariat.getByLabel('Días para declarar').fill('45');
  await screenshot(secretariat, 'returns-template-edit');
  t.same(await accessibilityViolations(secretariat), [], 'no accessibility violations on the edit form');
  await secretariat.getByRole('button', { name: 'Guardar la plantilla' }).click();
  await secretariat.getByText('La plantilla fue guardada.').waitFor();
  const templateRow = secretariat.getByRole('row', { name: /Matriz semestral de flujos/ });
  await templateRow.getByText('45 días después del fin del periodo').waitFor();
  t.match(await templateRow.textContent(), /Cada semestre · 45 días después del fin del periodo/, 'the new due days are listed');
  // Archived: marked in the list; its returns stay listed below.
  await secretariat.getByRole('button', { name: 'Archivar Matriz semestral de flujos de migrantes extra-regionales' }).click();
  await secretariat.getByText('La plantilla fue archivada').waitFor();
  await templateRow.getByText('Archivada', { exact: true }).waitFor();
  t.equal(await secretariat.getByRole('button', { name: 'Desarchivar Matriz semestral de flujos de migrantes extra-regionales' }).count(), 1);
  await screenshot(secretariat, 'returns-templates-archived');
  await secretariat.goto(`${base}/returns`);
  const row = secretariat.getByRole('row', { name: /Costa Rica/ });
  await row.waitFor();
  t.match(await row.textContent(), /Enviada/);
  await screenshot(secretariat, 'returns-list-secretariat');
  t.same(await accessibilityViolations(secretariat), [], 'no accessibility violations on the list');
  t.same([...csp, ...secretariatCsp], [], 'no CSP violations (chart.js included)');
});
