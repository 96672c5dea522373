import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, until, watchCsp } from '../helpers/browser.ts';
import { specimenCalls } from '../helpers/specimens.ts';
import type { SignedIn } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

t.test(
  'the specimen search: coming back keeps the words (out of the address), the facets, the page and the place; scoped to the current space; unknown filters left out',
  async (t) => {
    const env = await startPortal(t);
    const { app, signInOnPage, base } = env;
    const world = await buildWorld(env);
    const calls = specimenCalls(env, world);
    const post = async (who: SignedIn, url: string, payload: object) => {
      const res = await app.inject({ method: 'POST', url, headers: who.headers, payload });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };

    // Two more spaces of the network: the Guatemalan officer writes in "Rutas" as well, and only reads "Observatorio".
    const newSpace = (nameEs: string, nameEn: string, opensOn: string) =>
      post(world.secretariat, '/api/spaces', { networkId: world.networkId, nameEs, nameEn, opensOn });
    const rutas = await newSpace('Rutas', 'Routes', '2026-02-01');
    const observatorio = await newSpace('Observatorio', 'Observatory', '2026-01-01');
    await post(world.secretariat, `/api/spaces/${rutas.id}/members`, { userId: world.foreign.user.id, role: 'officer' });
    await post(world.secretariat, `/api/spaces/${observatorio.id}/members`, { userId: world.foreign.user.id, role: 'observer' });
    for (const space of [rutas.id, observatorio.id])
      await post(world.secretariat, `/api/spaces/${space}/members`, { userId: world.officer.user.id, role: 'officer' });

    const publish = async (spaceId: string, body: Record<string, unknown>) => {
      const created = await calls.create(world.officer, { tlp: 'GREEN', ...body }, spaceId);
      if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
      const id = created.json().id as string;
      for (const res of [
        await calls.images(world.officer, id, ['front']),
        await calls.step(world.officer, id, 'submit'),
        await calls.step(world.contact, id, 'publish'),
      ]) {
        if (res.statusCode >= 300) throw new Error(`publishing: ${res.statusCode} ${res.body}`);
      }
      return id;
    };
    // In the first space ("Espacio"): 24 passports and 2 visas with a lifted laminate, 3 passports without.
    for (let i = 0; i < 24; i++) await publish(world.spaceId, { description: `Pasaporte ${i + 1}: laminado despegado en la esquina.` });
    for (let i = 0; i < 2; i++) await publish(world.spaceId, { documentType: 'visa', description: `Visa ${i + 1}: laminado con burbujas.` });
    for (let i = 0; i < 3; i++) await publish(world.spaceId, { description: `Pasaporte sin defecto visible ${i + 1}.` });
    // In the others: one each.
    await publish(rutas.id, { description: 'Ruta del Pacífico: laminado reimpreso.' });
    await publish(observatorio.id, { description: 'Observado en frontera: laminado cortado.' });

    const browser = await launchBrowser(t);
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 640 } });
    const page = await context.newPage();
    const csp = await watchCsp(page);
    const signIn = async (who: SignedIn) => {
      await signInOnPage(page, who.user, 'es');
    };
    const noViolations = async (what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);
    const waitCount = (text: string) =>
      page
        .locator('.results-count')
        .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
        .waitFor();
    const searchbox = page.getByRole('searchbox', { name: 'Palabras clave' });
    const rows = page.locator('.specimen-list > li');
    const noWordsInAddress = (where: string) => t.notMatch(page.url(), /laminado/i, `${where}: the words are not in the address`);

    await page.goto(`${base}/specimens`);
    await signIn(world.foreign);
    await page.getByRole('heading', { level: 1, name: 'Especímenes documentales' }).waitFor();

    // --- 7. The current space (the first of mine, as the switcher shows it) scopes the search, visibly.
    await page.getByText('En su espacio actual, «Espacio».').waitFor();
    await waitCount('29 especímenes · página 1 de 2');
    await page.getByRole('link', { name: 'Buscar en todos mis espacios' }).click();
    await page.waitForURL(`${base}/specimens?space=all`);
    await waitCount('31 especímenes · página 1 de 2');
    await page.getByText('En todos los espacios que puede consultar.').waitFor();
    await noViolations('specimen search, every space');
    await page.getByRole('link', { name: 'Solo «Espacio» (espacio actual)' }).click();
    await page.waitForURL(`${base}/specimens`);
    await waitCount('29 especímenes · página 1 de 2');

    // --- 1. Words, a facet, page 2, scrolled down; a specimen; Back.
    await searchbox.fill('laminado');
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await waitCount('26 especímenes · página 1 de 2 · para «laminado»');
    await page
      .getByRole('group', { name: 'Tipo de documento' })
      .getByRole('checkbox', { name: /^Pasaporte/ })
      .check();
    await page.waitForURL(`${base}/specimens?type=passport`);
    await waitCount('24 especímenes · página 1 de 2 · para «laminado»');
    await page.getByRole('navigation', { name: 'Páginas de resultados' }).locator('a[rel="next"]').click();
    await page.waitForURL(`${base}/specimens?type=passport&page=2`);
    await waitCount('24 especímenes · página 2 de 2 · para «laminado»');
    noWordsInAddress('page 2');
    await rows.nth(3).scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, 120)');
    const scrolled = (await page.evaluate('Math.round(scrollY)')) as number;
    t.ok(scrolled > 100, 'scrolled down the list');
    await screenshot(page, 'specimens-search-page2-es');
    // The scroll position is kept as it changes (a frame later).
    await until(
      async () => ((await page.evaluate('sessionStorage.getItem("enlace.tab.search:/specimens")')) as string).includes(`"scroll":${scrolled}`),
      'the position is kept',
    );
    const opened = await rows.nth(3).getByRole('link').first().getAttribute('href');
    await rows.nth(3).getByRole('link').first().click();
    await page.waitForURL(`${base}${opened}`);
    await page.getByRole('link', { name: 'Volver a los especímenes' }).waitFor();

    await page.goBack();
    await page.waitForURL(`${base}/specimens?type=passport&page=2`);
    await waitCount('24 especímenes · página 2 de 2 · para «laminado»');
    await settles(t, () => searchbox.inputValue(), 'laminado', 'Back: the words are back in the box');
    t.ok(
      await page
        .getByRole('group', { name: 'Tipo de documento' })
        .getByRole('checkbox', { name: /^Pasaporte/ })
        .isChecked(),
      'Back: the facet too',
    );
    await settles(
      t,
      async () => Math.abs(((await page.evaluate('Math.round(scrollY)')) as number) - scrolled) <= 2,
      true,
      'Back: and the place on the page',
    );
    noWordsInAddress('after Back');
    t.notMatch(JSON.stringify(await page.evaluate('history.state')), /laminado/i, 'the history entry holds no words, only a key');

    // --- "Volver a los especímenes": the same search, on another history entry.
    await page.evaluate('window.scrollTo(0, 0)');
    await rows.first().getByRole('link').first().click();
    await page.getByRole('link', { name: 'Volver a los especímenes' }).waitFor();
    t.equal(
      await page.getByRole('link', { name: 'Volver a los especímenes' }).getAttribute('href'),
      '/specimens?type=passport&page=2',
      'the link leads to the search left',
    );
    await page.getByRole('link', { name: 'Volver a los especímenes' }).click();
    await page.waitForURL(`${base}/specimens?type=passport&page=2`);
    await waitCount('24 especímenes · página 2 de 2 · para «laminado»');
    await settles(t, () => searchbox.inputValue(), 'laminado', 'back to the list: the words are back');
    noWordsInAddress('back to the list');

    // Clearing the words is remembered as well; a new search on page 2 goes to page 1.
    await page.getByRole('button', { name: 'Quitar las palabras clave' }).click();
    await waitCount('27 especímenes · página 2 de 2');
    await searchbox.fill('laminado');
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.waitForURL(`${base}/specimens?type=passport`);
    await waitCount('24 especímenes · página 1 de 2 · para «laminado»');
    await noViolations('specimen search with words and a facet');

    // --- 8. A value the vocabularies do not know: left out, said in words, the page works.
    await page.goto(`${base}/specimens?category=altered&type=passport&from=2025-13-45`);
    await page.getByText('Algunos filtros de la dirección no se reconocieron y se han omitido; la búsqueda se hace sin ellos.').waitFor();
    await waitCount('27 especímenes · página 1 de 2');
    t.equal(await page.getByRole('alert').filter({ hasText: /\S/ }).count(), 0, 'no error shown');
    t.equal(await page.getByText(/debe ser uno de|must be one of/).count(), 0, 'never a schema message');
    t.ok(
      await page
        .getByRole('group', { name: 'Tipo de documento' })
        .getByRole('checkbox', { name: /^Pasaporte/ })
        .isChecked(),
      'the known facet applies',
    );
    await page.getByRole('group', { name: 'Tipo de documento' }).getByRole('checkbox', { name: /^Visa/ }).check();
    await page.waitForURL(`${base}/specimens?type=passport&type=visa`);
    await waitCount('29 especímenes · página 1 de 2');
    t.equal(await page.getByText('Algunos filtros de la dirección no se reconocieron').count(), 0, 'the next address is clean');
    await page.goto(`${base}/specimens?category=altered`);
    await page.getByText('Algunos filtros de la dirección no se reconocieron').waitFor();
    await noViolations('specimen search, unknown filters');
    await screenshot(page, 'specimens-search-unknown-filter-es');

    // --- 7. Another current space: the search follows it; the forms start in it, and offer only where I may write.
    const switchTo = async (name: string, id: string) => {
      await page.getByRole('button', { name: /^Espacio actual/ }).click();
      await page
        .locator('.switcher-menu')
        .getByRole('link', { name: new RegExp(`^${name}`) })
        .click();
      await page.waitForURL(`${base}/spaces/${id}`);
    };
    await switchTo('Rutas', rutas.id);
    await page.goto(`${base}/specimens`);
    await page.getByText('En su espacio actual, «Rutas».').waitFor();
    await waitCount('1 espécimen');
    await rows.first().getByText('Ruta del Pacífico').waitFor();
    await screenshot(page, 'specimens-search-current-space-es');

    await page.goto(`${base}/specimens/new`);
    await page.getByRole('heading', { level: 2, name: 'Paso 1 de 5: Documento' }).waitFor();
    const uploadSpace = page.getByLabel('Espacio', { exact: true });
    await settles(t, () => uploadSpace.inputValue(), rutas.id, 'the wizard starts in the current space');
    t.same(
      await uploadSpace.locator('option').allTextContents(),
      ['Elija…', 'Espacio', 'Rutas'],
      'and offers only the spaces where I may write (not the one I observe)',
    );

    await page.goto(`${base}/alerts/new`);
    await page.getByRole('heading', { level: 1, name: 'Nueva alerta' }).waitFor();
    const alertSpace = page.getByLabel('Espacio', { exact: true });
    await settles(t, () => alertSpace.inputValue(), rutas.id, 'the alert composer starts in the current space');
    t.same(await alertSpace.locator('option').allTextContents(), ['Elija…', 'Espacio', 'Rutas'], 'and offers the same spaces');

    // The space I only observe: the search is scoped to it, the forms do not start in it.
    await switchTo('Observatorio', observatorio.id);
    await page.goto(`${base}/specimens`);
    await page.getByText('En su espacio actual, «Observatorio».').waitFor();
    await waitCount('1 espécimen');
    await page.goto(`${base}/specimens/new`);
    await page.getByRole('heading', { level: 2, name: 'Paso 1 de 5: Documento' }).waitFor();
    await settles(t, () => page.getByLabel('Espacio', { exact: true }).inputValue(), '', 'a space that cannot hold the specimen is not chosen');

    // --- Signing out takes the words this tab kept.
    t.match(await page.evaluate('JSON.stringify(sessionStorage)'), /laminado/, 'the words were kept in this tab');
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bienvenido a Enlace' }).waitFor();
    await settles(
      t,
      async () => /laminado/.test((await page.evaluate('JSON.stringify(sessionStorage)')) as string),
      false,
      'signed out: no words left in the tab',
    );

    t.same(csp, [], 'no CSP violation');
  },
);
