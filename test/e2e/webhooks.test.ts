import { readFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import http from 'node:http';
import * as openpgp from 'openpgp';
import type { Page } from 'playwright-core';
import t from 'tap';
import { alertBody } from '../helpers/alerts.ts';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, until, watchCsp } from '../helpers/browser.ts';
import { buildWorld } from '../helpers/world.ts';

t.test(
  'the Secretariat registers a national system for a migration authority, which verifies a delivery with the key from the page; an insecure address is refused; a stopped system receives nothing',
  async (t) => {
    // The national system: a tiny receiver on this machine, answering 200.
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    t.teardown(
      () =>
        new Promise<void>((resolve) => {
          receiver.closeAllConnections();
          receiver.close(() => resolve());
        }),
    );
    const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

    const env = await startPortal(t);
    const { app, database, signInOnPage, base } = env;
    // The portal key is made first, while the portal's clock is still the real time: its creation
    // time comes from that clock, which each sign-in then moves ahead, but openpgp signs at the real
    // time and refuses a key from the future.
    const keyAnswer = await app.inject({ url: '/api/alerts/signing-key' });
    const fingerprint = String(keyAnswer.headers['enlace-key']);
    const grouped = fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
    const world = await buildWorld(env);
    await database.db.updateTable('appUser').set({ displayName: 'Laura Méndez' }).where('id', '=', world.secretariat.user.id).execute();
    const organisation = async (payload: Record<string, string>): Promise<{ id: string }> => {
      const res = await app.inject({ method: 'POST', url: '/api/organisations', headers: world.secretariat.headers, payload });
      if (res.statusCode !== 201) throw new Error(`organisation: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const mexico = await organisation({
      code: 'MEX-INM',
      country: 'MEX',
      kind: 'migration_authority',
      nameEs: 'Instituto Nacional de Migración de México',
      nameEn: 'National Migration Institute of Mexico',
    });
    await organisation({
      code: 'GTM-IGM',
      country: 'GTM',
      kind: 'migration_authority',
      nameEs: 'Instituto Guatemalteco de Migración',
      nameEn: 'Guatemalan Migration Institute',
    });
    await organisation({
      code: 'CRI-DGME',
      country: 'CRI',
      kind: 'member_authority',
      nameEs: 'Dirección General de Migración y Extranjería',
      nameEn: 'Directorate General of Migration and Foreigners',
    });

    const browser = await launchBrowser(t);
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const csp = await watchCsp(page);
    const noViolations = async (what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);

    await page.goto(`${base}/webhooks`);
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    const secretariat = world.secretariat.user;
    await signInOnPage(page, secretariat, 'es');

    await page.getByRole('heading', { level: 1, name: 'Webhooks de los sistemas nacionales' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    t.same(
      await nav.getByRole('link', { includeHidden: true }).allTextContents(),
      [
        'Inicio',
        'Espacios',
        'Declaraciones',
        'Compromisos',
        'Requisitos de entrada',
        'Directorio',
        'Reuniones',
        'Seguimiento',
        'Cuentas',
        'Organizaciones',
        'Webhooks',
      ],
      'the Secretariat has the webhooks beside the accounts',
    );
    t.equal(await nav.getByRole('link', { name: 'Webhooks' }).getAttribute('aria-current'), 'page');

    const mexicoRegion = page.getByRole('region', { name: 'Instituto Nacional de Migración de México' });
    await mexicoRegion.getByText('Ningún sistema nacional todavía: esta autoridad recibe sus alertas solo en el portal y por correo.').waitFor();
    t.same(
      await page.locator('main h2').allTextContents(),
      ['Instituto Guatemalteco de Migración', 'Instituto Nacional de Migración de México', 'Cómo comprueba un sistema nacional una entrega'],
      'the migration authorities by country (Guatemala, México), not the member authority; then the verification notes',
    );
    const help = page.getByRole('region', { name: 'Cómo comprueba un sistema nacional una entrega' });
    await help.getByText(grouped).waitFor();
    t.pass('the portal key fingerprint is shown, in groups of four');
    for (const header of ['Enlace-Signature', 'Enlace-Key', 'Enlace-Delivery']) await help.getByText(header, { exact: true }).waitFor();

    // Checked here first: an address that is not one.
    const field = mexicoRegion.getByRole('textbox', { name: 'Nueva dirección de un sistema nacional' });
    const register = mexicoRegion.getByRole('button', { name: 'Registrar' });
    await field.fill('intranet/hook');
    await register.click();
    await mexicoRegion.getByRole('alert').filter({ hasText: 'Escriba una dirección completa que empiece por https://, sin espacios.' }).waitFor();
    t.equal(await field.getAttribute('aria-invalid'), 'true', 'the address is the field at fault');

    // The server's rule: https, or plain http to this machine only — in the reader's language.
    await field.fill('http://example.org/hook');
    await register.click();
    await mexicoRegion
      .getByRole('alert')
      .filter({ hasText: 'La dirección de un webhook debe usar https (http solo para esta misma máquina).' })
      .waitFor();
    t.equal(await field.getAttribute('aria-invalid'), 'true', 'refused by the server: the field is marked');
    await settles(t, () => page.evaluate('document.activeElement?.getAttribute("name")'), 'url', 'and has the focus');

    await field.fill(hookUrl);
    await register.click();
    await mexicoRegion
      .getByRole('status')
      .filter({ hasText: `${hookUrl} queda registrada para Instituto Nacional de Migración de México` })
      .waitFor();
    const item = mexicoRegion
      .getByRole('list', { name: 'Webhooks de Instituto Nacional de Migración de México' })
      .getByRole('listitem')
      .filter({ hasText: hookUrl });
    await item.getByText('Activo').waitFor();
    await item.getByText(/^Registrado .*\d{4}/).waitFor();
    await mexicoRegion.getByText('1 dirección activa').waitFor();
    t.equal(await field.inputValue(), '', 'the form is cleared for the next address');
    t.equal(await field.getAttribute('aria-invalid'), null, 'and no longer marked');
    const stored = await database.db.selectFrom('webhook').select(['url', 'organisationId', 'disabledAt']).execute();
    t.same(stored, [{ url: hookUrl, organisationId: mexico.id, disabledAt: null }], 'one webhook, for Mexico’s authority');
    await noViolations('webhooks with one registered (es)');
    await screenshot(page, 'webhooks-es');

    // An urgent alert to Mexico's authority: the system receives it, signed, and checks it with the key the page offers.
    const issued = await app.inject({
      method: 'POST',
      url: '/api/alerts',
      headers: world.officer.headers,
      payload: alertBody(env, world, { targetOrganisations: [mexico.id] }),
    });
    t.equal(issued.statusCode, 201, 'an urgent alert is published');
    await app.jobs.drain();
    await until(async () => received.length > 0, 'the national system received the alert');
    const delivery = received[0]!;
    t.equal(delivery.headers['enlace-key'], fingerprint, 'Enlace-Key is the fingerprint the page shows');

    const keyLink = help.getByRole('link', { name: 'Descargar la clave pública del portal' });
    t.equal(await keyLink.getAttribute('href'), '/api/alerts/signing-key');
    const [download] = await Promise.all([page.waitForEvent('download'), keyLink.click()]);
    t.equal(download.suggestedFilename(), 'enlace-portal-key.asc');
    const key = await openpgp.readKey({ armoredKey: await readFile((await download.path())!, 'utf8') });
    t.equal(key.getFingerprint().toUpperCase(), fingerprint, 'the downloaded key has that fingerprint');
    const signature = await openpgp.readSignature({ binarySignature: Buffer.from(String(delivery.headers['enlace-signature']), 'base64') });
    const verified = await openpgp.verify({
      message: await openpgp.createMessage({ binary: Buffer.from(delivery.body, 'utf8') }),
      signature,
      verificationKeys: key,
      expectSigned: true,
    });
    t.ok(verified.data, 'the delivery verifies with the downloaded key, as the page explains');
    t.equal(JSON.parse(delivery.body).type, 'alert.published');
    await page.getByRole('heading', { level: 1, name: 'Webhooks de los sistemas nacionales' }).waitFor();
    t.equal(new URL(page.url()).pathname, '/webhooks', 'the download leaves the page where it was');

    // --- In English: the same refusal, in English; then the system is stopped.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks of national systems' }).waitFor();
    const mexicoEn = page.getByRole('region', { name: 'National Migration Institute of Mexico' });
    await mexicoEn
      .getByRole('status')
      .filter({ hasText: `${hookUrl} is registered for National Migration Institute of Mexico` })
      .waitFor();
    t.pass('the success notice follows the change of language');
    const guatemalaEn = page.getByRole('region', { name: 'Guatemalan Migration Institute' });
    const fieldEn = guatemalaEn.getByRole('textbox', { name: 'New address of a national system' });
    await fieldEn.fill('http://example.org/hook');
    await guatemalaEn.getByRole('button', { name: 'Register' }).click();
    await guatemalaEn.getByRole('alert').filter({ hasText: 'A webhook address must use https (plain http only for this machine).' }).waitFor();
    t.pass('the server’s refusal is in the reader’s language');
    // An https address is taken without being called: nothing is sent to it until an alert is addressed to Guatemala.
    const guatemalaUrl = 'https://alertas.migracion.gob.gt/enlace/webhook';
    await fieldEn.fill(guatemalaUrl);
    await guatemalaEn.getByRole('button', { name: 'Register' }).click();
    await guatemalaEn
      .getByRole('status')
      .filter({ hasText: `${guatemalaUrl} is registered for Guatemalan Migration Institute` })
      .waitFor();
    t.equal(await guatemalaEn.getByRole('alert').filter({ hasText: 'https' }).count(), 0, 'the refusal is gone once an address is accepted');
    await guatemalaEn.getByText('1 active address').waitFor();

    await mexicoEn.getByRole('button', { name: `Stop deliveries to ${hookUrl}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop deliveries to this national system?' });
    await dialog.getByText('National Migration Institute of Mexico will no longer receive alerts at this address:').waitFor();
    await dialog.getByText(hookUrl).waitFor();
    await settles(t, () => page.evaluate('document.activeElement?.textContent'), 'Cancel', 'the safe choice has the focus');
    await noViolations('stop confirmation (en)');
    await screenshot(page, 'webhooks-stop-en');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await settles(t, () => page.evaluate('document.activeElement?.textContent'), 'Stop', 'cancelled: the focus is back on the button');
    await mexicoEn.getByRole('button', { name: `Stop deliveries to ${hookUrl}` }).click();
    await dialog.getByRole('button', { name: 'Stop deliveries' }).click();
    await mexicoEn
      .getByRole('status')
      .filter({ hasText: `Deliveries to ${hookUrl} have stopped.` })
      .waitFor();
    const itemEn = mexicoEn.getByRole('listitem').filter({ hasText: hookUrl });
    await itemEn.getByText('Stopped', { exact: true }).first().waitFor();
    await itemEn.getByText(/^Stopped .*\d{4}/).waitFor();
    t.equal(await itemEn.getByRole('button').count(), 0, 'a stopped system has no action left');
    await mexicoEn.getByText('0 active addresses').waitFor();
    await settles(t, () => page.evaluate('document.activeElement?.tagName'), 'H1', 'its button gone, the focus goes to the heading');
    const stopped = await database.db.selectFrom('webhook').select('disabledAt').where('url', '=', hookUrl).executeTakeFirstOrThrow();
    t.ok(stopped.disabledAt, 'the webhook is stopped in the portal');
    await noViolations('webhooks with one stopped (en)');
    await screenshot(page, 'webhooks-en');

    const again = await app.inject({
      method: 'POST',
      url: '/api/alerts',
      headers: world.officer.headers,
      payload: alertBody(env, world, { targetOrganisations: [mexico.id] }),
    });
    t.equal(again.statusCode, 201);
    await app.jobs.drain();
    t.equal(received.length, 1, 'a stopped system receives nothing more');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Webhooks of national systems' }).waitFor();
    await page
      .getByRole('region', { name: 'National Migration Institute of Mexico' })
      .getByRole('listitem')
      .filter({ hasText: hookUrl })
      .getByText(/^Stopped .*\d{4}/)
      .waitFor();
    t.pass('still listed as stopped after a reload');

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'webhooks-en-mobile');
    t.ok(await page.evaluate('document.documentElement.scrollWidth <= innerWidth'), 'nothing spills sideways on a phone');

    t.same(csp, [], 'no CSP violation');
  },
);

/** Someone without the Secretariat's role is told the screen is not theirs, and has no entry for it. */
t.test('the webhooks screen is the Secretariat’s only', async (t) => {
  const env = await startPortal(t);
  const { signInOnPage, base } = env;
  const world = await buildWorld(env);
  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const page: Page = await context.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${base}/webhooks`);
  await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
  const contact = world.contact.user;
  await signInOnPage(page, contact, 'es');
  await page.getByRole('heading', { level: 1, name: 'No disponible para usted' }).waitFor();
  await page.getByText('Esta pantalla es para la Secretaría Virtual.').waitFor();
  t.equal(
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Webhooks' }).count(),
    0,
    'no Webhooks entry for a contact point',
  );
  t.same(csp, [], 'no CSP violation');
});
