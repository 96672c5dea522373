import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, until, watchCsp } from '../helpers/browser.ts';
import type { SignedIn } from '../helpers/users.ts';
import { buildWorld, multipart } from '../helpers/world.ts';

/** A document image for the test: a coloured card with a label (SVG rendered to PNG by sharp). */
async function cardImage(label: string, colour: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="520">
    <rect width="800" height="520" rx="24" fill="${colour}"/>
    <rect x="40" y="120" width="200" height="260" fill="#ffffff" fill-opacity="0.5"/>
    <g stroke="#ffffff" stroke-opacity="0.45" fill="none">${Array.from({ length: 12 }, (_, i) => `<circle cx="560" cy="260" r="${20 + i * 14}"/>`).join('')}</g>
    <text x="280" y="180" font-family="sans-serif" font-size="44" fill="#ffffff">${label}</text>
    <text x="280" y="240" font-family="monospace" font-size="28" fill="#ffffff">P&lt;CRI&lt;&lt;TEST</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

t.test(
  'an officer uploads a specimen with two images, the contact point publishes it, a foreign officer finds, views, compares and checks it',
  async (t) => {
    const env = await startPortal(t);
    const { app, database, signInOnPage, base } = env;
    const world = await buildWorld(env);
    const db = database.db;
    const name = async (who: SignedIn, displayName: string, language: 'es' | 'en') =>
      db.updateTable('appUser').set({ displayName, language }).where('id', '=', who.user.id).execute();
    await name(world.officer, 'Ana Rojas', 'es');
    await name(world.contact, 'Carlos Jiménez', 'en');
    await name(world.foreign, 'Pedro Sic', 'en');

    const call = async (who: SignedIn, method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = await app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };

    // A genuine reference of the same series, published beforehand through the API: the one to compare with.
    const genuine = await call(world.officer, 'POST', `/api/spaces/${world.spaceId}/specimens`, {
      documentType: 'passport',
      issuingCountry: 'CRI',
      series: 'PV-2019',
      issuedFrom: 2019,
      issuedTo: 2024,
      category: 'genuine_reference',
      features: [{ code: 'guilloche', note: 'Fine continuous lines in two colours.' }],
      detection: { date: '2025-06-02', country: 'CRI' },
      description: 'Genuine reference of the 2019 passport series, data page under visible light.',
      tlp: 'GREEN',
    });
    const upload = multipart([
      { name: 'view', data: 'data_page' },
      { name: 'caption', data: 'Genuine data page' },
      { name: 'file', filename: 'genuine.png', contentType: 'image/png', data: await cardImage('GENUINE', '#2f5d8a') },
    ]);
    const uploaded = await app.inject({
      method: 'POST',
      url: `/api/specimens/${genuine.id}/images`,
      headers: { ...world.officer.headers, ...upload.headers },
      payload: upload.payload,
    });
    t.equal(uploaded.statusCode, 201, 'the genuine reference has its image');
    await call(world.officer, 'POST', `/api/specimens/${genuine.id}/submit`);
    await call(world.contact, 'POST', `/api/specimens/${genuine.id}/publish`);

    const browser = await launchBrowser(t);
    const signIn = async (page: Page, who: SignedIn, language: 'es' | 'en') => {
      await signInOnPage(page, who.user, language);
    };
    const noViolations = async (page: Page, what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);

    // --- The Costa Rican officer, in Spanish: the list, then the wizard.
    const officerContext = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
    const officer = await officerContext.newPage();
    const officerCsp = await watchCsp(officer);
    await officer.goto(`${base}/specimens`);
    await officer.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await signIn(officer, world.officer, 'es');
    await officer.getByRole('heading', { level: 1, name: 'Especímenes documentales' }).waitFor();
    const officerNav = officer.getByRole('navigation', { name: 'Navegación principal' });
    await officerNav.getByRole('link', { name: 'Espacios' }).waitFor();
    t.same(
      await officerNav.getByRole('link', { includeHidden: true }).allTextContents(),
      [
        'Inicio',
        'Espacios',
        'Alertas',
        'Especímenes',
        'Informes',
        'Personas',
        'Buscar',
        'Consulta de números',
        'Declaraciones',
        'Compromisos',
        'Requisitos de entrada',
        'Directorio',
        'Reuniones',
        'Biblioteca',
      ],
      'an officer has the alerts, the specimens and the number check',
    );
    await officer.getByRole('status').filter({ hasText: '1 espécimen' }).waitFor();
    const officerRows = officer.locator('.specimen-list > li');
    await officerRows.first().getByRole('link', { name: 'Pasaporte · Costa Rica' }).waitFor();
    await officerRows.first().getByText('TLP:GREEN').waitFor();
    t.equal(
      await officerRows.first().getByRole('img').getAttribute('alt'),
      'Pasaporte: Página de datos',
      'the thumbnail names its view and the document type',
    );
    await until(
      async () =>
        (await officerRows
          .first()
          .getByRole('img')
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)) > 0,
      'the thumbnail has loaded',
    );
    await noViolations(officer, 'specimen list (es)');
    await screenshot(officer, 'specimens-list-es');

    await officer.getByRole('link', { name: 'Nuevo espécimen' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Nuevo espécimen' }).waitFor();
    await officer.getByRole('heading', { level: 2, name: 'Paso 1 de 5: Documento' }).waitFor();
    await officer.getByText('Espacio: Espacio').waitFor();
    await officer.getByLabel('Tipo de documento').selectOption({ label: 'Pasaporte' });
    await officer.getByLabel('País u organización emisora').selectOption('CRI');
    await officer.getByLabel('Serie (opcional)').fill('PV-2019');
    await officer.getByLabel('Categoría').selectOption({ label: 'Documento alterado' });
    await officer.getByRole('button', { name: 'Siguiente' }).click();
    await officer.getByRole('alert').filter({ hasText: 'Complete «Tipo de alteración»' }).waitFor();
    t.equal(await officer.getByLabel('Tipo de alteración').getAttribute('aria-invalid'), 'true', 'a forgery needs its kind, said before sending');
    await settles(t, () => officer.evaluate('document.activeElement?.getAttribute("name")'), 'forgeryKind', 'and the field has the focus');
    await officer.getByLabel('Tipo de alteración').selectOption({ label: 'Sustitución de fotografía' });
    await noViolations(officer, 'wizard, document step (es)');
    await screenshot(officer, 'specimen-wizard-document-es');
    await officer.getByRole('button', { name: 'Siguiente' }).click();

    await officer.getByRole('heading', { level: 2, name: 'Paso 2 de 5: Elementos de seguridad' }).waitFor();
    await officer.getByRole('group', { name: 'Dispositivos ópticamente variables' }).getByLabel('Holograma').check();
    await officer.getByLabel('Cómo detectarlo: Holograma (opcional)').fill('El holograma no cambia de color al inclinar el documento.');
    await officer.getByRole('group', { name: 'Impresión' }).getByLabel('Guilloches').check();
    await noViolations(officer, 'wizard, features step (es)');
    await screenshot(officer, 'specimen-wizard-features-es');
    await officer.getByRole('button', { name: 'Siguiente' }).click();

    await officer.getByRole('heading', { level: 2, name: 'Paso 3 de 5: Detección y descripción' }).waitFor();
    await officer.getByLabel('Fecha de detección').fill('2025-11-20');
    await officer.getByLabel('País de detección').selectOption('CRI');
    await officer.getByLabel('Puesto fronterizo').fill('Aeropuerto Internacional Juan Santamaría');
    await officer.getByLabel('Tipo de puesto').selectOption({ label: 'Aeropuerto' });
    await officer.getByLabel('Nacionalidad del titular').selectOption('HND');
    await officer.getByLabel('Número de documento (opcional)').fill('A1234567');
    await officer.getByLabel('Nombres del titular (opcional)').fill('JUAN PÉREZ LÓPEZ');
    await officer
      .getByLabel('Descripción', { exact: true })
      .fill('Fotografía sustituida bajo el laminado; el borde del laminado está despegado en la esquina inferior. Ruta del quetzal.');
    await officer.getByRole('button', { name: 'Siguiente' }).click();

    await officer.getByRole('heading', { level: 2, name: 'Paso 4 de 5: Manejo' }).waitFor();
    await officer.getByRole('button', { name: 'Siguiente' }).click();
    await officer.getByRole('alert').filter({ hasText: 'Complete «Etiqueta TLP»' }).waitFor();
    await officer.locator('input[name="tlp"][value="AMBER"]').check();
    await officer.getByLabel('Fiabilidad de la fuente (opcional)').selectOption('B');
    await officer.getByLabel('Exactitud de la información (opcional)').selectOption('2');
    await noViolations(officer, 'wizard, handling step (es)');
    await screenshot(officer, 'specimen-wizard-handling-es');
    await officer.getByRole('button', { name: 'Siguiente' }).click();

    await officer.getByRole('heading', { level: 2, name: 'Paso 5 de 5: Imágenes' }).waitFor();
    await officer.getByLabel('Elegir imágenes').setInputFiles([
      { name: 'anverso.png', mimeType: 'image/png', buffer: await cardImage('FORGED FRONT', '#7a2f2f') },
      { name: 'uv.png', mimeType: 'image/png', buffer: await cardImage('UV 365 nm', '#3b2a7a') },
    ]);
    await officer.getByRole('img', { name: 'Vista previa de anverso.png' }).waitFor();
    await officer.getByRole('img', { name: 'Vista previa de uv.png' }).waitFor();
    await officer.getByRole('button', { name: 'Enviar a validación' }).click();
    await officer.getByRole('alert').filter({ hasText: 'Elija la página que muestra «anverso.png».' }).waitFor();
    t.pass('each image needs its page before anything is sent');
    await officer.getByLabel('Página de anverso.png').selectOption({ label: 'Anverso' });
    await officer.getByLabel('Página de uv.png').selectOption({ label: 'Anverso' });
    await officer.getByLabel('Luz de uv.png').selectOption({ label: 'Ultravioleta (365 nm)' });
    await officer.getByLabel('Leyenda (opcional) de uv.png').fill('Bajo luz UV: el laminado no fluoresce');
    await noViolations(officer, 'wizard, images step (es)');
    await screenshot(officer, 'specimen-wizard-images-es');

    // Saving the draft uploads both images, each with its own progress bar.
    await officer.getByRole('button', { name: 'Guardar borrador' }).click();
    await officer.getByRole('status').filter({ hasText: 'Borrador guardado.' }).waitFor();
    t.match(new URL(officer.url()).search, /^\?draft=[0-9a-f-]{36}$/, 'the draft is in the address, so a reload reopens it');
    const bars = officer.getByRole('progressbar');
    t.equal(await bars.count(), 2, 'a progress bar per file');
    t.same(await Promise.all([0, 1].map((i) => bars.nth(i).getAttribute('value'))), ['100', '100'], 'both complete');
    t.equal(await officer.locator('.upload-state-done').count(), 2, 'both uploaded');
    await screenshot(officer, 'specimen-wizard-saved-es');
    await officer.getByRole('button', { name: 'Enviar a validación' }).click();
    await officer.getByRole('status').filter({ hasText: 'Enviado a validación.' }).waitFor();
    const forgedId = new URL(officer.url()).pathname.split('/')[2]!;
    t.match(forgedId, /^[0-9a-f-]{36}$/, 'submitting opens the specimen');
    await officer.getByRole('heading', { level: 1, name: 'Pasaporte · Costa Rica' }).waitFor();
    await officer.locator('.specimen-lead').getByText('Pendiente de validación').waitFor();
    t.equal(await officer.getByRole('button', { name: 'Publicar' }).count(), 0, 'an officer does not publish');

    // --- The contact point, in English: the validation queue.
    const contactContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const contact = await contactContext.newPage();
    const contactCsp = await watchCsp(contact);
    await contact.goto(`${base}/specimens/validation`);
    await contact.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signIn(contact, world.contact, 'en');
    await contact.getByRole('heading', { level: 1, name: 'Validation queue' }).waitFor();
    const contactNav = contact.getByRole('navigation', { name: 'Main navigation' });
    await contactNav.getByRole('link', { name: 'Spaces' }).waitFor();
    t.same(
      (await contactNav.getByRole('link', { includeHidden: true }).allTextContents()).map((text) => text.replace(/\d+ waiting for you$/, '')),
      [
        'Home',
        'Spaces',
        'Alerts',
        'Specimens',
        'Reports',
        'Persons',
        'Search',
        'Validation',
        'Number check',
        'Returns',
        'Commitments',
        'Entry requirements',
        'Directory',
        'Meetings',
        'Library',
      ],
      'a contact point also has the validation queue',
    );
    await contactNav.getByRole('link', { name: 'Validation 1 waiting for you' }).waitFor();
    t.pass('with the count of what waits, said in words');
    t.equal(await contactNav.getByRole('link', { name: 'Validation' }).getAttribute('aria-current'), 'page', 'the queue is the current page');
    t.equal(await contactNav.getByRole('link', { name: 'Specimens' }).getAttribute('aria-current'), null, 'only the queue is current');
    await contact.getByRole('status').filter({ hasText: '1 specimen awaiting validation' }).waitFor();
    const queue = contact.locator('.specimen-list > li');
    await queue.first().getByText('TLP:AMBER').waitFor();
    await queue.first().getByText('Awaiting validation').waitFor();
    await noViolations(contact, 'validation queue (en)');
    await screenshot(contact, 'validation-queue-en');
    await queue
      .first()
      .getByRole('link', { name: /^Review/ })
      .click();
    await contact.getByRole('heading', { level: 1, name: 'Passport · Costa Rica' }).waitFor();
    await contact.getByText('Photo substitution').first().waitFor();
    await contact.getByRole('button', { name: 'Publish' }).click();
    const publishDialog = contact.getByRole('dialog', { name: 'Publish this specimen?' });
    await publishDialog.getByRole('button', { name: 'Publish' }).click();
    await contact.getByRole('heading', { level: 1, name: 'Validation queue' }).waitFor();
    await contact.getByRole('status').filter({ hasText: '“Passport · Costa Rica” has been published.' }).waitFor();
    await contact.getByRole('heading', { level: 2, name: 'Nothing to validate' }).waitFor();
    t.pass('published, and the queue is empty');
    await screenshot(contact, 'validation-queue-empty-en');
    // The wizard in English, and the queue in Spanish, to look at.
    await contact.getByRole('link', { name: 'New specimen' }).click();
    await contact.getByRole('heading', { level: 2, name: 'Step 1 of 5: Document' }).waitFor();
    await contact.getByLabel('Category').selectOption({ label: 'Forgery' });
    await contact.getByLabel('Kind of forgery').waitFor();
    await noViolations(contact, 'wizard, document step (en)');
    await screenshot(contact, 'specimen-wizard-document-en');
    await contact.getByRole('button', { name: 'Español' }).click();
    await contact.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Validación' }).click();
    await contact.getByRole('heading', { level: 1, name: 'Cola de validación' }).waitFor();
    await contact.getByRole('heading', { level: 2, name: 'Nada que validar' }).waitFor();
    await screenshot(contact, 'validation-queue-empty-es');

    // --- The Guatemalan officer, in English: search, detail, viewer, compare, number check.
    const foreignContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await foreignContext.newPage();
    const csp = await watchCsp(page);
    await page.goto(`${base}/specimens`);
    await signIn(page, world.foreign, 'en');
    await page.getByRole('heading', { level: 1, name: 'Document specimens' }).waitFor();
    await page.getByRole('status').filter({ hasText: '2 specimens' }).waitFor();
    const rows = page.locator('.specimen-list > li');

    await page.getByRole('searchbox', { name: 'Keywords' }).fill('quetzal');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '1 specimen · for “quetzal”' }).waitFor();
    t.notMatch(page.url(), /quetzal/, 'the keyword stays out of the address');
    await rows.first().getByText('Forgery (photo substitution)').waitFor();
    await page.getByRole('button', { name: 'Clear the keywords' }).click();
    await page.getByRole('status').filter({ hasText: '2 specimens' }).waitFor();

    const category = page.getByRole('group', { name: 'Category' });
    await category.getByRole('checkbox', { name: /^Forgery/ }).check();
    await page.waitForURL(`${base}/specimens?category=forgery`);
    await page
      .getByRole('status')
      .filter({ hasText: /^1 specimen$/ })
      .waitFor();
    t.match(await category.getByText('Genuine (reference)').locator('..').textContent(), /1$/, 'the other values keep their counts');
    await page.getByRole('group', { name: 'Year of detection' }).getByRole('radio', { name: /^2025/ }).check();
    await page.waitForURL(`${base}/specimens?category=forgery&from=2025-01-01&to=2025-12-31`);
    await page
      .getByRole('status')
      .filter({ hasText: /^1 specimen$/ })
      .waitFor();
    await rows.first().getByText('TLP:AMBER').waitFor();
    await noViolations(page, 'specimen list, filtered (en)');
    await screenshot(page, 'specimens-list-filtered-en');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await readFile(await download.path(), 'utf8');
    t.match(download.suggestedFilename(), /\.csv$/, 'the export downloads as a CSV file');
    t.ok(csv.split('\n').filter((line) => line.trim()).length >= 2, 'with a header and the specimen');

    await rows.first().getByRole('link', { name: 'Passport · Costa Rica' }).click();
    await page.getByRole('heading', { level: 1, name: 'Passport · Costa Rica' }).waitFor();
    t.equal(new URL(page.url()).pathname, `/specimens/${forgedId}`, 'the row leads to the specimen');
    await page.locator('.specimen-lead').getByText('TLP:AMBER').waitFor();
    await page.getByText('El holograma no cambia de color al inclinar el documento.').waitFor();
    await page.getByText('Juan Santamaría', { exact: false }).first().waitFor();
    await page.getByRole('heading', { level: 2, name: 'Images (2)' }).waitFor();
    await noViolations(page, 'specimen detail (en)');
    await screenshot(page, 'specimen-detail-en');

    // The viewer: buttons, keys and the wheel zoom; the view and the label stay visible.
    await page.getByRole('button', { name: 'Open the Front · UV (365 nm) image in the viewer' }).click();
    const viewer = page.locator('.viewer').first();
    const stage = viewer.getByRole('group', { name: 'Image viewer: Front · UV (365 nm)' });
    await stage.waitFor();
    await stage.getByText('TLP:AMBER').waitFor();
    await stage.getByText('UV (365 nm)').waitFor();
    const zoom = viewer.locator('.zoom-level');
    t.equal(await zoom.textContent(), '100%', 'the viewer opens fitted');
    await viewer.getByRole('button', { name: 'Zoom in' }).click();
    await until(async () => (await zoom.textContent()) === '150%', 'the button zooms in');
    await stage.focus();
    await page.keyboard.press('+');
    await until(async () => (await zoom.textContent()) === '225%', 'the + key zooms in');
    const before = await stage.locator('img').evaluate((img) => (img as unknown as { style: { transform: string } }).style.transform);
    await page.keyboard.press('ArrowLeft');
    await until(
      async () => (await stage.locator('img').evaluate((img) => (img as unknown as { style: { transform: string } }).style.transform)) !== before,
      'the arrows pan',
    );
    await viewer.getByText('Bajo luz UV: el laminado no fluoresce').waitFor();
    await noViolations(page, 'specimen viewer (en)');
    await screenshot(page, 'specimen-viewer-en');
    await page.keyboard.press('0');
    await until(async () => (await zoom.textContent()) === '100%', '0 fits the image again');
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await until(async () => (await zoom.textContent()) !== '100%', 'the wheel zooms in');

    // Sightings: "detected here too".
    const sightings = page.getByRole('region', { name: 'Sightings' });
    await sightings.getByText('No other country has reported this specimen yet.').waitFor();
    await sightings.getByLabel('Date seen').fill('2026-01-10');
    await sightings.getByLabel('Country', { exact: true }).selectOption('GTM');
    await sightings.getByLabel('Place (optional)').fill('La Aurora International Airport');
    await sightings.getByRole('button', { name: 'Send the report' }).click();
    await sightings.getByRole('status').filter({ hasText: 'Your sighting has been recorded.' }).waitFor();
    await sightings.getByRole('cell', { name: 'La Aurora International Airport' }).waitFor();
    await sightings.getByText('Detected elsewhere: 1').waitFor();

    // A correction for the originator.
    const corrections = page.getByRole('region', { name: 'Corrections' });
    await corrections.getByLabel('What to correct').selectOption({ label: 'Version' });
    await corrections.getByLabel('New value: Version').fill('2019-B');
    await corrections.getByLabel('Why').fill('The 2019 series has a B version with a different hologram.');
    await corrections.getByRole('button', { name: 'Propose the correction' }).click();
    await corrections.getByRole('status').filter({ hasText: 'Your correction has been sent to the originator.' }).waitFor();
    await corrections.getByText('Proposed by Guatemala').waitFor();

    // Related: the genuine reference of the same series.
    const related = page.getByRole('region', { name: 'Related specimens' });
    await related.getByText('the same series').first().waitFor();
    t.pass('the genuine reference is related by its series');

    // Compare with…: the second specimen chosen among the related ones.
    await page.getByRole('link', { name: 'Compare with…' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compare specimens' }).waitFor();
    const chooser = page.getByRole('region', { name: 'Choose the second specimen' });
    await chooser.getByRole('link', { name: 'Passport · Costa Rica' }).first().click();
    await page.waitForURL(`${base}/specimens/compare?a=${forgedId}&b=${genuine.id}`);
    const panes = page.locator('.compare-pane');
    await until(async () => (await panes.count()) === 2, 'both panes are shown');
    const left = panes.nth(0);
    const right = panes.nth(1);
    await left.getByText('TLP:AMBER').first().waitFor();
    await right.getByText('TLP:GREEN').first().waitFor();
    await right.getByRole('group', { name: 'Image viewer: Data page' }).waitFor();
    const leftZoom = left.locator('.zoom-level');
    const rightZoom = right.locator('.zoom-level');
    await left.getByRole('button', { name: 'Zoom in' }).click();
    await until(
      async () => (await leftZoom.textContent()) === '150%' && (await rightZoom.textContent()) === '150%',
      'zooming one pane zooms the other',
    );
    t.pass('zoom is synchronised');
    const leftImage = left.locator('.viewer-stage img');
    const rightImage = right.locator('.viewer-stage img');
    await right.getByRole('group', { name: /^Image viewer/ }).focus();
    await page.keyboard.press('ArrowUp');
    await until(
      async () =>
        (await leftImage.evaluate((img) => (img as unknown as { style: { transform: string } }).style.transform)) ===
          (await rightImage.evaluate((img) => (img as unknown as { style: { transform: string } }).style.transform)) &&
        !(await leftImage.evaluate((img) => (img as unknown as { style: { transform: string } }).style.transform)).startsWith('translate(0px, 0px)'),
      'panning one pane pans the other',
    );
    await noViolations(page, 'compare (en)');
    await screenshot(page, 'compare-en');
    await page.getByLabel('Zoom and pan both together').uncheck();
    await right.getByRole('button', { name: 'Zoom in' }).click();
    await until(async () => (await rightZoom.textContent()) === '225%', 'the right pane zooms alone');
    t.equal(await leftZoom.textContent(), '150%', 'unlinked, the left pane stays');

    // A RED specimen naming this officer: it opens only once the purpose is stated.
    const red = await call(world.officer, 'POST', `/api/spaces/${world.spaceId}/specimens`, {
      documentType: 'visa',
      issuingCountry: 'USA',
      category: 'counterfeit',
      description: 'Counterfeit visa foil, shared with the Guatemalan officer only.',
      tlp: 'RED',
      namedRecipients: [world.foreign.user.id],
    });
    const redImage = multipart([
      { name: 'view', data: 'front' },
      { name: 'file', filename: 'visa.png', contentType: 'image/png', data: await cardImage('VISA', '#5a5a1f') },
    ]);
    t.equal(
      (
        await app.inject({
          method: 'POST',
          url: `/api/specimens/${red.id}/images`,
          headers: { ...world.officer.headers, ...redImage.headers },
          payload: redImage.payload,
        })
      ).statusCode,
      201,
    );
    await call(world.officer, 'POST', `/api/specimens/${red.id}/submit`);
    await call(world.contact, 'POST', `/api/specimens/${red.id}/publish`);
    await page.goto(`${base}/specimens/${red.id}`);
    const purpose = page.getByRole('dialog', { name: 'Why are you opening this RED item?' });
    await purpose.waitFor();
    await purpose.getByRole('button', { name: 'State and open' }).click();
    await purpose.getByRole('alert').filter({ hasText: 'The purpose takes 10 to 500 characters.' }).waitFor();
    await purpose.getByLabel('Purpose of the access').fill('Case GT-2026-114: inspection of a visa at La Aurora');
    await noViolations(page, 'purpose dialog (en)');
    await screenshot(page, 'specimen-purpose-en');
    await purpose.getByRole('button', { name: 'State and open' }).click();
    await page.getByRole('heading', { level: 1, name: 'Visa · United States' }).waitFor();
    await page.locator('.specimen-lead').getByText('TLP:RED').waitFor();
    await page.getByRole('group', { name: 'Image viewer: Front' }).getByText('TLP:RED').waitFor();
    t.pass('the RED specimen opens after its purpose, its label on the viewer');

    // The number check: the number never enters the address.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Number check' }).click();
    await page.getByRole('heading', { level: 1, name: 'Document number check' }).waitFor();
    await page.getByLabel('Issuing country or organisation').selectOption('CRI');
    await page.getByLabel('Document number', { exact: true }).fill('ZZ0000000');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Not known' }).waitFor();
    await page.getByLabel('Document number', { exact: true }).fill('A1234567');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Known to the network' }).waitFor();
    await page.getByRole('region', { name: 'Known to the network' }).getByRole('link', { name: 'Passport · Costa Rica' }).waitFor();
    t.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/checks', 'the number is not in the address');
    await noViolations(page, 'number check (en)');
    await screenshot(page, 'hit-check-en');

    // The same screens in Spanish, to look at.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Consulta de número de documento' }).waitFor();
    await page.goto(`${base}/specimens/${forgedId}`);
    await page.getByRole('heading', { level: 1, name: 'Pasaporte · Costa Rica' }).waitFor();
    await page.getByRole('region', { name: 'Avistamientos' }).getByText('Detectado en otros lugares: 1').waitFor();
    await noViolations(page, 'specimen detail (es)');
    await screenshot(page, 'specimen-detail-es');
    await page.goto(`${base}/specimens/compare?a=${forgedId}&b=${genuine.id}`);
    await page.getByRole('heading', { level: 1, name: 'Comparar especímenes' }).waitFor();
    await page.getByRole('group', { name: 'Visor de imagen: Página de datos' }).waitFor();
    await page.getByLabel('Zoom y desplazamiento de ambos a la vez').waitFor();
    await noViolations(page, 'compare (es)');
    await screenshot(page, 'compare-es');

    // --- Back to the originator: the correction is accepted.
    await officer.reload();
    await officer.getByRole('heading', { level: 1, name: 'Pasaporte · Costa Rica' }).waitFor();
    await officer.locator('.specimen-lead').getByText('Publicado').waitFor();
    const officerCorrections = officer.getByRole('region', { name: 'Correcciones' });
    await officerCorrections.getByText('Propuesta por Guatemala').waitFor();
    await officerCorrections.getByRole('button', { name: 'Aceptar' }).click();
    await officer.getByRole('dialog', { name: '¿Aceptar esta corrección?' }).getByRole('button', { name: 'Aceptar' }).click();
    await officerCorrections.getByRole('status').filter({ hasText: 'La corrección se aceptó y se aplicó.' }).waitFor();
    await officer.getByRole('region', { name: 'El documento' }).getByText('2019-B').waitFor();
    t.pass('the accepted correction is applied');
    await officer.getByRole('region', { name: 'Avistamientos' }).getByText('Detectado en otros lugares: 1').waitFor();

    // On a phone: nothing spills sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/specimens`);
    await page.locator('.specimen-list > li').first().waitFor();
    t.ok(await page.evaluate('document.documentElement.scrollWidth <= innerWidth'), 'the list fits a phone');
    await screenshot(page, 'specimens-list-es-mobile');
    await page.setViewportSize({ width: 320, height: 700 });
    t.ok(await page.evaluate('document.documentElement.scrollWidth <= innerWidth'), 'and the narrowest (320 px): the sort select shrinks');

    t.same(officerCsp, [], 'no CSP violation (officer)');
    t.same(contactCsp, [], 'no CSP violation (contact point)');
    t.same(csp, [], 'no CSP violation (foreign officer)');
  },
);
