import { readFile } from 'node:fs/promises';
import t from 'tap';
import { launchBrowser, startPortal, watchCsp } from '../helpers/browser.ts';
import { NETWORK, publishedReport, ROUTE } from '../helpers/reports.ts';
import { buildWorld } from '../helpers/world.ts';

t.test('exporting reports from their search: CSV and the routes as GeoJSON, the TLP in the file name', async (t) => {
  const env = await startPortal(t);
  const { signInOnPage, base } = env;
  const world = await buildWorld(env);
  await publishedReport(env, world, ROUTE);
  await publishedReport(env, world, NETWORK); // AMBER, not a route

  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${base}/reports`);
  await signInOnPage(page, world.foreign.user, 'es');
  await page.getByRole('heading', { level: 1, name: 'Informes de inteligencia' }).waitFor();
  const tools = page.getByRole('group', { name: 'Exportar lo seleccionado' });

  const [csv] = await Promise.all([page.waitForEvent('download'), tools.getByRole('button', { name: 'Exportar CSV' }).click()]);
  t.match(csv.suggestedFilename(), /^enlace-reports-\d{4}-\d{2}-\d{2}-TLP-AMBER\.csv$/, 'the most restrictive label in the name');
  const text = await readFile((await csv.path())!, 'utf8');
  t.match(text, /título/, 'headers in the reader’s language');
  t.match(text, new RegExp(ROUTE.title));

  const [geo] = await Promise.all([page.waitForEvent('download'), tools.getByRole('button', { name: 'Exportar rutas (GeoJSON)' }).click()]);
  t.match(geo.suggestedFilename(), /-TLP-GREEN\.geojson$/, 'the routes alone: GREEN');
  const collection = JSON.parse(await readFile((await geo.path())!, 'utf8'));
  t.equal(collection.type, 'FeatureCollection');
  t.ok(collection.features.some((f: { properties: { kind: string } }) => f.properties.kind === 'leg'));

  // On the narrowest phone (320 px) the three export buttons wrap within the page's column.
  await page.setViewportSize({ width: 320, height: 700 });
  const column = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
  const buttons = (await tools.boundingBox())!;
  t.ok(buttons.x + buttons.width <= column.x + column.width + 0.5, 'the export buttons fit a 320 px screen’s column');
  t.same(csp, [], 'no CSP violations');
});
