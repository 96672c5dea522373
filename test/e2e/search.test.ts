import t from 'tap';
import { alertBody } from '../helpers/alerts.ts';
import { accessibilityViolations, launchBrowser, screenshot, startPortal, watchCsp } from '../helpers/browser.ts';
import { publishedReport, ROUTE } from '../helpers/reports.ts';
import { publishedSpecimen, SPECIMEN } from '../helpers/specimens.ts';
import { buildWorld } from '../helpers/world.ts';

t.test('the combined search: an officer finds a specimen, a report and an alert with one search, narrows to reports and opens one', async (t) => {
  const env = await startPortal(t);
  const { app, signInOnPage, base } = env;
  const world = await buildWorld(env);
  await publishedSpecimen(env, world, { detection: { ...SPECIMEN.detection, port: 'Paso Canoas' } });
  const report = await publishedReport(env, world, ROUTE);
  const alert = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { title: 'Pasaportes alterados en Paso Canoas', ports: ['Paso Canoas'], tlp: 'GREEN' }),
  });
  t.equal(alert.statusCode, 201, alert.body);

  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${base}/search`);
  await signInOnPage(page, world.foreign.user, 'es');

  await page.getByRole('heading', { level: 1, name: 'Buscar en todo' }).waitFor();
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Buscar' }).waitFor();
  await page.getByRole('searchbox').or(page.getByRole('textbox')).first().fill('Canoas');
  await page.keyboard.press('Enter');
  const results = page.getByRole('list', { name: 'Resultados' });
  await results.waitFor();
  t.equal(await results.getByRole('listitem').count(), 3, 'a specimen, a report and an alert');
  t.notOk(page.url().includes('Canoas'), 'the words are not in the address');
  await page.getByRole('link', { name: 'Todo (3)' }).waitFor();
  t.same(await accessibilityViolations(page), [], 'no WCAG 2.1 AA violations');
  await screenshot(page, 'search');

  await page.getByRole('link', { name: 'Informes (1)' }).click();
  await page.waitForURL(`${base}/search?kind=report`);
  // The list of three gives way to the reports alone (the words kept: the search runs again with them).
  await results.getByRole('listitem').nth(1).waitFor({ state: 'detached' });
  t.equal(await results.getByRole('listitem').count(), 1, 'narrowed to reports, the words kept');
  t.equal(await page.getByRole('link', { name: 'Informes (1)' }).getAttribute('aria-current'), 'page');
  await results.getByRole('link', { name: ROUTE.title }).click();
  await page.waitForURL(`${base}/reports/${report}`);
  await page.getByRole('heading', { level: 1, name: ROUTE.title }).waitFor();
  t.same(csp, [], 'no CSP violations');
});
