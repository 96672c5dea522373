import type { Page } from 'playwright-core';
import sharp from 'sharp';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, until, watchCsp } from '../helpers/browser.ts';
import { createUser, type SignedIn, type UserFixture } from '../helpers/users.ts';
import { buildWorld, multipart } from '../helpers/world.ts';

t.test(
  'an officer issues an urgent alert to a foreign migration authority; its officer sees it arrive live and acknowledges it; the issuer sees the acknowledgement live',
  async (t) => {
    const env = await startPortal(t);
    const { app, database, signInOnPage, base } = env;
    const db = database.db;
    const world = await buildWorld(env);
    const name = async (id: string, displayName: string, language: 'es' | 'en') =>
      db.updateTable('appUser').set({ displayName, language }).where('id', '=', id).execute();
    await name(world.officer.user.id, 'Ana Rojas', 'es');
    await name(world.contact.user.id, 'Carlos Jiménez', 'en');
    await name(world.foreign.user.id, 'Pedro Sic', 'en');

    // The portal's job workers, played by the test: the fan-out and the mail run while the pages wait.
    env.workJobs();

    const call = async (who: SignedIn, method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = await app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };

    // Guatemala's migration authority, and one of its officers: outside every space, a recipient by organisation.
    const authority = await call(world.secretariat, 'POST', '/api/organisations', {
      code: 'GT-IGM',
      country: 'GTM',
      kind: 'migration_authority',
      nameEs: 'Instituto Guatemalteco de Migración',
      nameEn: 'Guatemalan Migration Institute',
    });
    const recipientUser: UserFixture = await createUser(db, { country: 'GTM', organisation: 'Instituto Guatemalteco de Migración', language: 'en' });
    await db.updateTable('appUser').set({ displayName: 'Lucía Pérez', organisationId: authority.id }).where('id', '=', recipientUser.id).execute();

    // A published specimen the alert will link, made through the API.
    const specimen = await call(world.officer, 'POST', `/api/spaces/${world.spaceId}/specimens`, {
      documentType: 'passport',
      issuingCountry: 'CRI',
      series: 'PV-2019',
      category: 'counterfeit',
      detection: { date: '2026-01-12', country: 'CRI' },
      description: 'Counterfeit passport book seen on the quetzal route: the laminate does not fluoresce under UV.',
      tlp: 'GREEN',
    });
    const png = await sharp({ create: { width: 400, height: 260, channels: 3, background: '#7a2f2f' } })
      .png()
      .toBuffer();
    const image = multipart([
      { name: 'view', data: 'data_page' },
      { name: 'file', filename: 'page.png', contentType: 'image/png', data: png },
    ]);
    const uploaded = await app.inject({
      method: 'POST',
      url: `/api/specimens/${specimen.id}/images`,
      headers: { ...world.officer.headers, ...image.headers },
      payload: image.payload,
    });
    t.equal(uploaded.statusCode, 201, 'the specimen has its image');
    await call(world.officer, 'POST', `/api/specimens/${specimen.id}/submit`);
    await call(world.contact, 'POST', `/api/specimens/${specimen.id}/publish`);

    const browser = await launchBrowser(t);
    const noViolations = async (page: Page, what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);

    // --- The recipient, in English: the inbox open, empty, listening.
    const recipientContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const recipient = await recipientContext.newPage();
    const recipientCsp = await watchCsp(recipient);
    await recipient.goto(`${base}/alerts`);
    await recipient.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signInOnPage(recipient, recipientUser, 'en');
    await recipient.getByRole('heading', { level: 1, name: 'Early alerts' }).waitFor();
    const recipientNav = recipient.getByRole('navigation', { name: 'Main navigation' });
    await recipientNav.getByRole('link', { name: 'Alerts' }).waitFor();
    t.same(
      await recipientNav.getByRole('link', { includeHidden: true }).allTextContents(),
      ['Home', 'Alerts'],
      'a migration authority’s officer has the alerts, nothing of the spaces',
    );
    await recipient.getByRole('heading', { level: 2, name: 'No alerts in force' }).waitFor();
    await recipient.getByText('Live: new alerts appear here without reloading the page.').waitFor();
    let recipientLoads = 0;
    recipient.on('load', () => (recipientLoads += 1));
    await noViolations(recipient, 'inbox, empty (en)');
    await screenshot(recipient, 'alerts-inbox-empty-en');

    // --- The Costa Rican officer, in Spanish: the composer.
    const officerContext = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
    const officer = await officerContext.newPage();
    const officerCsp = await watchCsp(officer);
    await officer.goto(`${base}/alerts/new`);
    await officer.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await signInOnPage(officer, world.officer.user, 'es');
    await officer.getByRole('heading', { level: 1, name: 'Nueva alerta' }).waitFor();
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
      'an officer has the alerts',
    );
    t.equal(await officerNav.getByRole('link', { name: 'Alertas' }).getAttribute('aria-current'), 'true', 'the composer is in the alerts section');
    await officer.getByText('Espacio: Espacio').waitFor();

    const composer = officer.getByRole('form', { name: 'Nueva alerta' });
    await composer.getByRole('button', { name: 'Enviar a validación' }).click();
    await composer.getByRole('alert').filter({ hasText: 'Complete «Título».' }).waitFor();
    t.equal(await composer.getByLabel('Título').getAttribute('aria-invalid'), 'true', 'the title is the field at fault');
    await settles(t, () => officer.evaluate('document.activeElement?.getAttribute("name")'), 'title', 'and has the focus');

    const title = 'Pasaportes falsos PV-2019 en la ruta del quetzal';
    await composer.getByLabel('Título').fill(title);
    await composer.getByRole('radio', { name: /^urgente/i }).check();
    await composer
      .getByLabel('Mensaje')
      .fill('Libretas falsificadas de la serie PV-2019: el laminado no fluoresce bajo luz UV. Retener el documento y avisar al punto de contacto.');
    await composer.getByRole('button', { name: 'Publicar ya la alerta urgente' }).click();
    await composer.getByRole('alert').filter({ hasText: 'Elija al menos un país o una autoridad migratoria destinatarios.' }).waitFor();
    await composer.getByText('Elija primero los países destinatarios: aquí aparecen sus autoridades migratorias.').waitFor();
    await composer.getByRole('group', { name: 'Países destinatarios' }).getByRole('checkbox', { name: 'Guatemala' }).check();
    await composer.getByRole('checkbox', { name: 'Instituto Guatemalteco de Migración · Guatemala' }).check();
    await composer.getByLabel('Puestos fronterizos (opcional)').fill('Aeropuerto Internacional La Aurora\nTecún Umán');
    t.match(await composer.getByLabel('Vigente desde').inputValue(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'the validity starts now by default');
    // The handling: with a migration authority as target, three labels only.
    const tlpGroup = composer.getByRole('group', { name: 'Etiqueta TLP' });
    await settles(
      t,
      () => tlpGroup.locator('input[name="tlp"]').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value)),
      ['CLEAR', 'GREEN', 'AMBER'],
      'CLEAR, GREEN or AMBER for an authority',
    );
    await tlpGroup.locator('input[name="tlp"][value="AMBER"]').check();
    // The specimen, found by keyword.
    await composer.getByLabel('Buscar especímenes por palabras clave').fill('quetzal');
    await composer.getByRole('button', { name: 'Buscar', exact: true }).click();
    const results = composer.getByRole('list', { name: 'Especímenes encontrados' });
    await results.getByRole('checkbox', { name: /Pasaporte · Costa Rica/ }).check();
    await composer.getByRole('button', { name: 'Quitar Pasaporte · Costa Rica' }).waitFor();
    await composer.getByLabel('Fiabilidad de la fuente (opcional)').selectOption('B');
    await noViolations(officer, 'composer (es)');
    await screenshot(officer, 'alert-composer-es');

    await composer.getByRole('button', { name: 'Publicar ya la alerta urgente' }).click();
    await officer.getByRole('heading', { level: 1, name: title }).waitFor();
    const alertId = new URL(officer.url()).pathname.split('/')[2]!;
    t.match(alertId, /^[0-9a-f-]{36}$/, 'the new alert opens on its page');
    await officer.getByRole('status').filter({ hasText: 'Alerta urgente publicada: se está entregando ahora.' }).waitFor();
    await officer.locator('.specimen-lead').getByText('Urgente').waitFor();
    await officer.locator('.specimen-lead').getByText('Publicada').waitFor();
    await officer.locator('.specimen-lead').getByText('TLP:AMBER').waitFor();
    let officerLoads = 0;
    officer.on('load', () => (officerLoads += 1));
    const board = officer.getByRole('region', { name: 'Entrega' });
    await board.getByText('En directo: los acuses de recibo aparecen aquí en cuanto llegan.').waitFor();
    const luciaRow = board.getByRole('row').filter({ hasText: 'Lucía Pérez' });
    await luciaRow.waitFor();
    t.match(await luciaRow.textContent(), /Autoridad migratoria/, 'she receives it through her organisation');
    t.match(await luciaRow.textContent(), /GT-IGM/, 'her organisation’s code');

    // --- The recipient: it arrives without a reload.
    const rows = recipient.locator('.alert-list > li');
    await rows.first().getByRole('link', { name: title }).waitFor();
    await recipient
      .getByRole('status')
      .filter({ hasText: `New URGENT alert received: “${title}”. Open it and acknowledge it.` })
      .waitFor();
    t.equal(recipientLoads, 0, 'the inbox was not reloaded');
    await rows.first().getByText('Urgent').waitFor();
    await rows.first().getByText('TLP:AMBER').waitFor();
    await rows.first().getByText('Unread').waitFor();
    await rows.first().getByText('Not acknowledged yet').waitFor();
    await recipientNav.getByRole('link', { name: 'Alerts 1 unread' }).waitFor();
    t.pass('the navigation counts it unread');
    await noViolations(recipient, 'inbox (en)');
    await screenshot(recipient, 'alerts-inbox-en');

    await rows.first().getByRole('link', { name: title }).click();
    await recipient.getByRole('heading', { level: 1, name: title }).waitFor();
    await recipient.getByRole('region', { name: 'Linked specimens' }).getByRole('link', { name: 'Passport · Costa Rica' }).waitFor();
    await recipient.getByText('Tecún Umán', { exact: false }).waitFor();
    await recipientNav.getByRole('link', { name: 'Alerts', exact: true }).waitFor();
    t.pass('opened, it is no longer unread');
    t.equal(await recipient.getByRole('region', { name: 'Delivery' }).count(), 0, 'a recipient does not see the delivery board');
    const ack = recipient.getByRole('region', { name: 'Acknowledge receipt' });
    await noViolations(recipient, 'alert page, to acknowledge (en)');
    await screenshot(recipient, 'alert-page-recipient-en');
    await ack.getByRole('button', { name: 'Acknowledge' }).click();
    await recipient.getByText(/^You acknowledged this alert on /).waitFor();
    await recipient.getByRole('status').filter({ hasText: 'Receipt acknowledged. The issuer can see it.' }).waitFor();
    t.equal(await recipient.getByRole('button', { name: 'Acknowledge' }).count(), 0, 'acknowledged once');

    // --- The issuer: the acknowledgement on the board, live.
    await board.getByRole('status').filter({ hasText: 'Acusó recibo: Lucía Pérez.' }).waitFor();
    await until(async () => /✓/.test((await luciaRow.textContent()) ?? ''), 'her row shows the acknowledgement');
    const summary = board.locator('.delivery-summary');
    await until(async () => /Recibo acusado\s*1/.test((await summary.textContent()) ?? ''), 'the summary counts it');
    t.equal(officerLoads, 0, 'the board was not reloaded');
    await noViolations(officer, 'alert page with the delivery board (es)');
    await screenshot(officer, 'alert-page-issuer-es');

    // The recipient's inbox, back: acknowledged.
    await recipient.getByRole('link', { name: 'Back to the alerts' }).click();
    await rows
      .first()
      .getByText(/^Acknowledged /)
      .waitFor();
    await recipient.getByRole('button', { name: 'Español' }).click();
    await recipient.getByRole('heading', { level: 1, name: 'Alertas tempranas' }).waitFor();
    await rows.first().getByText('Urgente').waitFor();
    await noViolations(recipient, 'inbox (es)');
    await screenshot(recipient, 'alerts-inbox-es');
    await recipient.getByRole('link', { name: title }).click();
    await recipient.getByText(/^Usted acusó recibo de esta alerta el /).waitFor();
    await screenshot(recipient, 'alert-page-recipient-es');

    // --- Search, in both languages (the issuer's).
    await officer.goto(`${base}/alerts/search`);
    await officer.getByRole('heading', { level: 1, name: 'Buscar alertas' }).waitFor();
    await officer.getByRole('searchbox', { name: 'Palabras clave' }).fill('laminado');
    await officer.getByRole('button', { name: 'Buscar', exact: true }).click();
    await officer.getByRole('status').filter({ hasText: '1 alerta · para «laminado»' }).waitFor();
    t.notMatch(officer.url(), /laminado/, 'the keyword stays out of the address');
    await officer.getByLabel('Gravedad').selectOption('warning');
    await officer.waitForURL(`${base}/alerts/search?severity=warning`);
    await officer.getByRole('heading', { level: 2, name: 'Ninguna alerta coincide' }).waitFor();
    await officer.getByLabel('Gravedad').selectOption('');
    await officer
      .getByRole('status')
      .filter({ hasText: /^1 alerta/ })
      .waitFor();
    await noViolations(officer, 'search (es)');
    await screenshot(officer, 'alerts-search-es');
    await officer.getByRole('button', { name: 'English' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Search alerts' }).waitFor();
    await officer
      .getByRole('status')
      .filter({ hasText: /^1 alert/ })
      .waitFor();
    await noViolations(officer, 'search (en)');
    await screenshot(officer, 'alerts-search-en');
    await officer.goto(`${base}/alerts/${alertId}`);
    await officer.getByRole('region', { name: 'Delivery' }).getByRole('row').filter({ hasText: 'Lucía Pérez' }).waitFor();
    await screenshot(officer, 'alert-page-issuer-en');

    // --- A warning waits for the contact point; the urgent one waits for a review.
    const warning = await call(world.officer, 'POST', '/api/alerts', {
      spaceId: world.spaceId,
      title: 'Sellos de salida alterados en Peñas Blancas',
      body: 'Sellos de salida con fecha raspada y reimpresa.',
      severity: 'warning',
      targetCountries: ['NIC'],
      targetOrganisations: [],
      validFrom: new Date().toISOString(),
      validUntil: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      tlp: 'GREEN',
    });
    t.equal(warning.status, 'submitted', 'a warning goes to validation');

    const contactContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const contact = await contactContext.newPage();
    const contactCsp = await watchCsp(contact);
    await contact.goto(`${base}/alerts/validation`);
    await signInOnPage(contact, world.contact.user, 'en');
    await contact.getByRole('heading', { level: 1, name: 'Alerts to validate' }).waitFor();
    const review = contact.getByRole('region', { name: /^To review/ });
    const validate = contact.getByRole('region', { name: /^To validate/ });
    await review.getByRole('link', { name: title }).first().waitFor();
    await validate.getByRole('link', { name: 'Sellos de salida alterados en Peñas Blancas' }).first().waitFor();
    await noViolations(contact, 'alerts to validate (en)');
    await screenshot(contact, 'alerts-validation-en');
    await review.getByRole('link', { name: /^Review/ }).click();
    await contact.getByRole('heading', { level: 1, name: title }).waitFor();
    await contact.getByRole('region', { name: 'Delivery' }).waitFor();
    t.pass('the contact point follows the deliveries of its country’s alerts');
    await contact.getByRole('button', { name: 'Mark as reviewed' }).click();
    await contact.getByRole('dialog', { name: 'Mark this alert as reviewed?' }).getByRole('button', { name: 'Mark as reviewed' }).click();
    await contact.getByRole('heading', { level: 1, name: 'Alerts to validate' }).waitFor();
    await contact
      .getByRole('status')
      .filter({ hasText: `“${title}” has been reviewed.` })
      .waitFor();
    await review.getByText('No urgent alert waits for a review.').waitFor();
    await validate.getByRole('link', { name: /^Validate/ }).click();
    await contact.getByRole('heading', { level: 1, name: 'Sellos de salida alterados en Peñas Blancas' }).waitFor();
    await contact.getByRole('button', { name: 'Publish' }).click();
    await contact.getByRole('dialog', { name: 'Publish this alert?' }).getByRole('button', { name: 'Publish' }).click();
    await contact.getByRole('status').filter({ hasText: '“Sellos de salida alterados en Peñas Blancas” has been published.' }).waitFor();
    await validate.getByText(/^Nothing to validate/).waitFor();
    // The composer in English, to look at.
    await contact.getByRole('link', { name: 'New alert' }).click();
    await contact.getByRole('heading', { level: 1, name: 'New alert' }).waitFor();
    await contact.getByRole('radio', { name: /^urgent/i }).check();
    await contact.getByRole('group', { name: 'Target countries' }).getByRole('checkbox', { name: 'Guatemala' }).check();
    await contact.getByRole('checkbox', { name: 'Guatemalan Migration Institute · Guatemala' }).waitFor();
    await noViolations(contact, 'composer (en)');
    await screenshot(contact, 'alert-composer-en');

    // On a phone: nothing spills sideways.
    await recipient.setViewportSize({ width: 390, height: 844 });
    await recipient.goto(`${base}/alerts`);
    await rows.first().waitFor();
    t.ok(await recipient.evaluate('document.documentElement.scrollWidth <= innerWidth'), 'the inbox fits a phone');
    await screenshot(recipient, 'alerts-inbox-es-mobile');

    t.same(recipientCsp, [], 'no CSP violation (recipient)');
    t.same(officerCsp, [], 'no CSP violation (officer)');
    t.same(contactCsp, [], 'no CSP violation (contact point)');
  },
);
