import type { Browser, Page } from 'playwright-core';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, startPortal } from '../helpers/browser.ts';
import { publishedReport, ROUTE } from '../helpers/reports.ts';
import { publishedSpecimen } from '../helpers/specimens.ts';
import type { SignedIn } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

/** The route the officer writes: five waypoints, and the four legs between them (places and costs are markers looked for). */
const WAYPOINTS = [
  {
    country: 'ECU',
    place: 'Quito Mariscal Sucre',
    crossing: 'Aeropuerto Mariscal Sucre',
    crossingKind: 'airport',
    latitude: '-0.125',
    longitude: '-78.354',
  },
  { country: 'COL', place: 'Necoclí', crossing: '', crossingKind: '', latitude: '', longitude: '' },
  { country: 'PAN', place: 'Bajo Chiquito', crossing: 'Paso Canaán Membrillo', crossingKind: 'irregular', latitude: '', longitude: '' },
  { country: 'CRI', place: 'Paso Canoas', crossing: 'Paso Canoas', crossingKind: 'land_border', latitude: '', longitude: '' },
  { country: 'NIC', place: 'Peñas Blancas', crossing: 'Peñas Blancas', crossingKind: 'land_border', latitude: '', longitude: '' },
];
const LEGS = [
  { mode: 'bus', cost: '180', days: '2' },
  { mode: 'boat', cost: '375', days: '1' },
  { mode: 'foot', cost: '4217', days: '6' },
  { mode: 'bus', cost: '', days: '1' },
];

t.test(
  'an officer composes a route of four legs linked to a specimen and submits it; the contact point publishes it; an officer of another country finds it by nationality, opens it and follows its link',
  async (t) => {
    const env = await startPortal(t);
    const { base } = env;
    const world = await buildWorld(env);
    const specimenId = await publishedSpecimen(env, world);

    const browser: Browser = await launchBrowser(t);
    const open = (who: SignedIn, path: string) => env.openAs(browser, who, 'es-ES', path);
    const noViolations = async (page: Page, what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);

    // --- The Costa Rican officer writes the route in the composer.
    const officer = await open(world.officer, '/reports');
    let page = officer.page;
    await page.getByRole('heading', { level: 1, name: 'Informes de inteligencia' }).waitFor();
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Informes' }).waitFor();
    await page.getByRole('link', { name: 'Nuevo informe' }).click();
    await page.waitForURL(`${base}/reports/new`);
    await page.getByRole('heading', { level: 1, name: 'Nuevo informe' }).waitFor();
    await page.getByRole('radio', { name: 'Ruta', exact: true }).check();
    await page.getByLabel('Título').fill('Ruta del Darién hacia el norte');
    await page.getByLabel('Resumen').fill('Llegan por vía aérea y siguen por tierra; los guías cambian en cada frontera.');
    await page.getByLabel('Período desde (opcional)').fill('2026-01-01');
    for (let i = 2; i < WAYPOINTS.length; i++) await page.getByRole('button', { name: 'Agregar un punto' }).click();
    for (const [i, w] of WAYPOINTS.entries()) {
      const row = page.getByRole('group', { name: `Punto ${i + 1}`, exact: true });
      await row.getByLabel('País').selectOption(w.country);
      await row.getByLabel('Lugar').fill(w.place);
      if (w.crossing) await row.getByLabel('Paso (opcional)').fill(w.crossing);
      if (w.crossingKind) await row.getByLabel('Tipo de paso').selectOption(w.crossingKind);
      if (w.latitude) {
        await row.getByLabel('Latitud (opcional)').fill(w.latitude);
        await row.getByLabel('Longitud (opcional)').fill(w.longitude);
      }
    }
    // Necoclí placed by pointing at the map: its fields take the point's latitude and longitude.
    const picker = page.getByRole('img', { name: /^Mapa para situar los puntos/ });
    await page.getByLabel('Punto que situar en el mapa').selectOption('1');
    const box = (await picker.boundingBox())!;
    await picker.click({ position: { x: box.width * 0.72, y: box.height * 0.72 } });
    const necocli = page.getByRole('group', { name: 'Punto 2', exact: true });
    const picked = [
      Number(await necocli.getByLabel('Latitud (opcional)').inputValue()),
      Number(await necocli.getByLabel('Longitud (opcional)').inputValue()),
    ];
    t.ok(picked[0]! > -5 && picked[0]! < 33 && picked[1]! > -118 && picked[1]! < -59, `placed on the map at ${picked.join(', ')}`);
    await picker.getByText('2. Necoclí').waitFor();
    await page.getByRole('img', { name: 'Mapa para situar los puntos: 2 de 5 situados' }).waitFor();
    for (const [i, leg] of LEGS.entries()) {
      const row = page.getByRole('group', { name: new RegExp(`^Tramo ${i + 1}: `) });
      await row.getByLabel('Medio de transporte').selectOption(leg.mode);
      if (leg.cost) await row.getByLabel('Costo (opcional)').fill(leg.cost);
      await row.getByLabel('Duración (días)').fill(leg.days);
    }
    t.equal(await page.getByRole('group', { name: /^Tramo \d+: / }).count(), 4, 'four legs between five waypoints');
    const nationalities = page.getByLabel('Agregar a «Nacionalidades de los viajeros»');
    for (const code of ['VEN', 'HTI', 'CHN']) await nationalities.selectOption(code);
    await page.getByRole('button', { name: 'Quitar China' }).waitFor();
    await page.getByLabel('Volumen estimado').fill('Unas 900 personas por semana');
    await page.getByRole('checkbox', { name: 'Extorsión' }).check();
    await page.getByRole('checkbox', { name: 'Abandono' }).check();
    await page.getByLabel('Elementos que este informe vincula (opcional)').fill(`${base}/specimens/${specimenId}`);
    await page.locator('input[name="tlp"][value="GREEN"]').check();
    await noViolations(page, 'report composer');
    await screenshot(page, 'report-composer-es');
    await page.getByRole('button', { name: 'Guardar el borrador' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    const reportPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: 'Ruta del Darién hacia el norte' }).waitFor();
    await page.getByRole('button', { name: 'Enviar a validación' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enviar a validación' }).click();
    await page.getByText('Enviado a validación.').waitFor();
    t.same(officer.csp, [], 'no CSP violations (officer)');

    // --- The contact point of Costa Rica publishes it.
    const contact = await open(world.contact, reportPath);
    page = contact.page;
    await page.getByRole('heading', { level: 1, name: 'Ruta del Darién hacia el norte' }).waitFor();
    await page.getByRole('button', { name: 'Publicar' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publicar' }).click();
    await page.getByText('Publicado.', { exact: true }).waitFor();
    t.same(contact.csp, [], 'no CSP violations (contact point)');

    // --- A Guatemalan officer finds it by a nationality moved along it, and opens it.
    const foreign = await open(world.foreign, '/reports');
    page = foreign.page;
    await page.getByRole('heading', { level: 1, name: 'Informes de inteligencia' }).waitFor();
    await page.getByText('En su espacio actual, «Espacio».').waitFor();
    await page.getByLabel('Nacionalidad trasladada por una ruta').selectOption('HTI');
    await page.waitForURL(`${base}/reports?nationality=HTI`);
    await page
      .locator('.results-count')
      .filter({ hasText: /^1 informe$/ })
      .waitFor();
    await page.getByRole('group', { name: 'Tipo de informe' }).getByRole('checkbox', { name: /^Ruta/ }).waitFor();
    await noViolations(page, 'report search');
    await screenshot(page, 'reports-search-es');
    await page.getByLabel('Nacionalidad trasladada por una ruta').selectOption('MEX');
    await page.waitForURL(`${base}/reports?nationality=MEX`);
    await page
      .locator('.results-count')
      .filter({ hasText: /^0 informes$/ })
      .waitFor();
    await page.getByLabel('Nacionalidad trasladada por una ruta').selectOption('HTI');
    await page
      .locator('.results-count')
      .filter({ hasText: /^1 informe$/ })
      .waitFor();
    await page.getByRole('link', { name: 'Ruta del Darién hacia el norte' }).waitFor();
    // The space map, by the same nationality: the route is drawn there, and its link opens it.
    await page.getByRole('link', { name: 'Mapa de rutas' }).click();
    await page.waitForURL(/\/reports\/map/);
    await page.getByLabel('Nacionalidades de los viajeros').selectOption('HTI');
    await page.waitForURL(/nationality=HTI/);
    const drawn = page.getByRole('region', { name: 'Rutas en el mapa (1)' });
    await drawn.waitFor();
    await page.getByRole('img', { name: /^Mapa de 1 rutas/ }).waitFor();
    await noViolations(page, 'space map');
    await screenshot(page, 'reports-space-map-es');
    // A second route over the same crossings, published now: the report's page lists it among its related reports.
    await publishedReport(env, world, { ...ROUTE, title: 'Ruta del Pacífico por los mismos pasos' });
    await drawn.getByRole('link', { name: 'Ruta del Darién hacia el norte' }).click();
    await page.waitForURL(`${base}${reportPath}`);
    await page.getByRole('heading', { level: 1, name: 'Ruta del Darién hacia el norte' }).waitFor();

    const legs = page.getByRole('table', { name: 'Tramos entre los puntos' });
    await legs.waitFor();
    t.equal(await legs.locator('tbody tr').count(), 4, 'four legs shown');
    t.match(
      await legs.locator('tbody tr').nth(2).textContent(),
      /Bajo Chiquito.*Paso Canoas.*A pie.*4217.*6/s,
      'the third leg: on foot, its cost and days',
    );
    const waypoints = page.getByRole('table', { name: 'Puntos de la ruta, en orden' });
    t.equal(await waypoints.locator('tbody tr').count(), 5, 'five waypoints shown');
    t.match(await waypoints.locator('tbody tr').nth(2).textContent(), /Panamá.*Bajo Chiquito.*Paso Canaán Membrillo.*Paso no habilitado/s);
    const links = page.getByRole('region', { name: 'Elementos vinculados' });
    await links.getByText('Vincula a').waitFor();
    // The related report's row has the list's width: a report has no picture, so no picture's column either.
    const relatedRow = page.getByRole('region', { name: 'Informes relacionados' }).getByRole('listitem').filter({ hasText: 'Ruta del Pacífico' });
    const rowBox = (await relatedRow.boundingBox())!;
    const titleBox = (await relatedRow.getByRole('heading', { level: 3 }).boundingBox())!;
    t.ok(titleBox.width > rowBox.width * 0.8, 'a related report uses its row’s width');
    await noViolations(page, 'report page');
    await screenshot(page, 'report-page-es');

    await links.getByRole('link').first().click();
    await page.waitForURL(`${base}/specimens/${specimenId}`);
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: /Pasaporte/ })
      .waitFor();
    const citing = page.getByRole('region', { name: 'Vínculos' });
    await citing.getByText('Vinculado desde').waitFor();
    t.match(await citing.textContent(), /Informe.*Ruta/s, "the specimen's page lists the route that cites it, by its kind");
    await noViolations(page, 'specimen page with its links');
    await screenshot(page, 'specimen-links-es');
    t.same(foreign.csp, [], 'no CSP violations (foreign officer)');
  },
);
