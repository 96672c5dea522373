import { readFile } from 'node:fs/promises';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, startPortal, watchCsp } from '../helpers/browser.ts';
import { publishedReport, ROUTE } from '../helpers/reports.ts';
import { buildWorld } from '../helpers/world.ts';

t.test(
  'the offline map: a route drawn on its page and exported with its label; the space map filtered by nationality leads to a route',
  async (t) => {
    const env = await startPortal(t);
    const { signInOnPage, base } = env;
    const world = await buildWorld(env);
    const darien = await publishedReport(env, world, { ...ROUTE, tlp: 'AMBER' });
    await publishedReport(env, world, {
      ...ROUTE,
      title: 'Variante cubana por Paso Canoas',
      route: { ...ROUTE.route, waypoints: ROUTE.route.waypoints.slice(1, 4), legs: ROUTE.route.legs.slice(1, 3), nationalities: ['CUB'] },
    });

    const browser = await launchBrowser(t);
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const csp = await watchCsp(page);
    await page.goto(`${base}/reports/${darien}`);
    await signInOnPage(page, world.foreign.user, 'es');
    await page.getByRole('heading', { level: 1, name: ROUTE.title }).waitFor();

    // The route's own map: three legs have both ends placed (the last waypoint has no coordinates).
    const routeMap = page.getByRole('img', { name: 'Mapa de la ruta: 3 tramos dibujados entre 4 lugares' });
    await routeMap.waitFor();
    t.equal(await routeMap.locator('line.route-map-leg').count(), 3, 'a line per leg whose two places have coordinates');
    t.ok((await routeMap.locator('path').count()) > 100, 'the country boundaries, bundled');
    await page.getByText('Puntos sin coordenadas, fuera del mapa: 1.').waitFor();
    t.match(await routeMap.textContent(), /TLP:AMBER/, 'the label printed on the map');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportar PNG' }).click()]);
    t.match(png.suggestedFilename(), /^enlace-route-TLP-AMBER-\d{4}-\d{2}-\d{2}\.png$/);
    t.same([...(await readFile((await png.path())!)).subarray(1, 4)], [...Buffer.from('PNG')], 'a PNG picture');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportar SVG' }).click()]);
    t.match(svg.suggestedFilename(), /-TLP-AMBER-.*\.svg$/);
    t.match(await readFile((await svg.path())!, 'utf8'), /TLP:AMBER/, 'the exported SVG carries the label');
    t.same(await accessibilityViolations(page), [], 'route page with its map: no WCAG 2.1 AA violations');

    // The space map, by nationality moved: the Cuban variant alone, its link opens it.
    await page.getByRole('link', { name: 'Informes', exact: true }).first().click();
    await page.getByRole('link', { name: 'Mapa de rutas' }).click();
    await page.waitForURL(/\/reports\/map/);
    await page.getByRole('img', { name: /Mapa de 2 rutas/ }).waitFor();
    await screenshot(page, 'reports-map-es');
    await page.getByLabel('Nacionalidades de los viajeros').selectOption('CUB');
    await page.waitForURL(/nationality=CUB/);
    await page.getByRole('img', { name: /Mapa de 1 rutas/ }).waitFor();
    const routes = page.getByRole('region', { name: 'Rutas en el mapa (1)' });
    t.same(await accessibilityViolations(page), [], 'space map: no WCAG 2.1 AA violations');
    await routes.getByRole('link', { name: 'Variante cubana por Paso Canoas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Variante cubana por Paso Canoas' }).waitFor();
    t.same(csp, [], 'no CSP violations: nothing fetched from another host');
  },
);
