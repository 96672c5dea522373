import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, startPortal, watchCsp } from '../helpers/browser.ts';
import { createUser } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

t.test(
  'the Secretariat registers a partner organisation, invites its observer and adds them to a space; in Spanish, English and on a phone',
  async (t) => {
    const env = await startPortal(t);
    const { app, signInOnPage, base, smtp } = env;
    const world = await buildWorld(env);
    const existing = await app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: world.secretariat.headers,
      payload: {
        code: 'IOM',
        country: 'IOM',
        kind: 'observer',
        nameEs: 'Organización Internacional para las Migraciones (OIM)',
        nameEn: 'International Organization for Migration (IOM)',
      },
    });
    t.equal(existing.statusCode, 201);

    const browser = await launchBrowser(t);
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const csp = await watchCsp(page);
    const noViolations = async (what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);
    await page.goto(`${base}/organisations`);
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    const secretariat = world.secretariat.user;
    await signInOnPage(page, secretariat, 'es');

    // The Secretariat's own links: accounts, organisations, webhooks.
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    await nav.getByRole('link', { name: 'Organizaciones', includeHidden: true }).waitFor({ state: 'attached' });
    t.same(await nav.getByRole('link', { includeHidden: true }).allTextContents(), [
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
    ]);
    await page.getByRole('heading', { level: 1, name: 'Organizaciones' }).waitFor();
    t.equal(await nav.getByRole('link', { name: 'Organizaciones', includeHidden: true }).getAttribute('aria-current'), 'page');
    await page.getByRole('rowheader', { name: /Organización Internacional para las Migraciones/ }).waitFor();

    // Registers a partner organisation: a state's code is refused, in Spanish.
    const form = page.getByRole('region', { name: 'Registrar una organización' });
    await form.getByLabel('Tipo').selectOption({ label: 'Organización socia' });
    await form.getByLabel('Código').fill('MEX');
    await form.getByLabel('Nombre en español').fill('Conferencia Suramericana sobre Migraciones');
    await form.getByLabel('Nombre en inglés').fill('South American Conference on Migration');
    await form.getByRole('button', { name: 'Registrar' }).click();
    await form.getByRole('alert').filter({ hasText: 'Este código es el de un país' }).waitFor();
    await form.getByLabel('Código').fill('CSM');
    await form.getByRole('button', { name: 'Registrar' }).click();
    await page.getByRole('status').filter({ hasText: 'Conferencia Suramericana sobre Migraciones (CSM) está registrada.' }).waitFor();
    await page.getByRole('rowheader', { name: /Conferencia Suramericana/ }).waitFor();

    // Filters by kind and words, in the address.
    await page.getByRole('search').getByLabel('Tipo').selectOption({ label: 'Organización socia' });
    await page.getByRole('search').getByRole('button', { name: 'Aplicar' }).click();
    await page.getByRole('status').filter({ hasText: '1 organización' }).waitFor();
    t.match(page.url(), /kind=partner/);
    await noViolations('organisations, filtered');
    await screenshot(page, 'organisations-es');
    await page.getByRole('link', { name: 'Quitar los filtros' }).click();
    await page.getByRole('status').filter({ hasText: '2 organizaciones' }).waitFor();

    // Edits the observer's English name.
    await page.getByRole('button', { name: 'Editar Organización Internacional para las Migraciones (OIM)' }).click();
    const edit = page.getByRole('region', { name: /^Editar / });
    t.same(
      await edit.getByLabel('Tipo').locator('option').allTextContents(),
      ['Observador', 'Organización socia'],
      'only the kinds that keep it in place',
    );
    await edit.getByLabel('Nombre en inglés').fill('IOM, the UN Migration Agency');
    await edit.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('status').filter({ hasText: '(IOM) está guardada.' }).waitFor();

    // Invites an observer for the partner: choosing its code ties the account to it.
    await page.goto(`${base}/users/invite`);
    await page.getByRole('heading', { level: 1, name: 'Invitar a una persona' }).waitFor();
    await page.getByLabel('Correo electrónico').fill('lucia.vera@csm.example');
    await page.getByLabel('Nombre completo').fill('Lucía Vera');
    await page.getByLabel('País u organización').selectOption('CSM');
    t.equal(
      await page.locator('select[name="country"] option[value="CSM"]').textContent(),
      'Conferencia Suramericana sobre Migraciones (CSM)',
      'the organisation from the table',
    );
    t.equal(await page.getByLabel('Institución').inputValue(), 'Conferencia Suramericana sobre Migraciones', 'its name filled in');
    await noViolations('invitation for a partner');
    await screenshot(page, 'organisations-invite-es');
    await page.getByRole('button', { name: 'Enviar la invitación' }).click();
    await page.getByRole('status').filter({ hasText: 'Invitación enviada a Lucía Vera' }).waitFor();
    t.ok(
      smtp.messages.some((m) => m.to.includes('lucia.vera@csm.example')),
      'the invitation is mailed',
    );

    // Adds her to the space as an observer.
    await page.goto(`${base}/spaces/${world.spaceId}/members`);
    const addForm = page.getByRole('region', { name: 'Añadir un miembro' });
    await addForm.getByRole('searchbox', { name: 'Buscar una cuenta' }).fill('Lucía');
    await addForm.getByRole('button', { name: 'Buscar' }).click();
    t.match(
      await addForm.locator('label', { hasText: 'Lucía Vera' }).textContent(),
      /Conferencia Suramericana sobre Migraciones/,
      'a partner registered today is named, not shown as its code',
    );
    await addForm.getByRole('radio', { name: /Lucía Vera/ }).check();
    await addForm.getByRole('combobox', { name: 'Función' }).selectOption({ label: 'Observador' });
    await addForm.getByRole('button', { name: 'Añadir al espacio' }).click();
    await page.getByRole('status').filter({ hasText: 'Lucía Vera se ha añadido como observador.' }).waitFor();

    // In English: the list, and deactivating the partner.
    await page.goto(`${base}/organisations`);
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    await page.getByRole('button', { name: 'Deactivate South American Conference on Migration' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate this organisation?' });
    await dialog.getByText('South American Conference on Migration will receive no new people').waitFor();
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('status').filter({ hasText: 'South American Conference on Migration (CSM) is deactivated.' }).waitFor();
    await page
      .getByRole('row', { name: /South American Conference/ })
      .getByText('Deactivated', { exact: true })
      .waitFor();
    await noViolations('organisations in English');
    await screenshot(page, 'organisations-en');

    // A deactivated organisation is not offered to new invitations.
    await page.goto(`${base}/users/invite`);
    await page.getByRole('heading', { level: 1, name: 'Invite someone' }).waitFor();
    await page.locator('select[name="country"] option[value="IOM"]').waitFor({ state: 'attached' });
    t.equal(await page.locator('select[name="country"] option[value="CSM"]').count(), 0);

    // An account of the IOM: the accounts list names it as the Secretariat registered (and renamed) it,
    // as the exports and mail do, not as the catalogue in the code has it ("International Organization…").
    await createUser(env.database.db, { email: 'iris.ramos@iom.example', country: 'IOM', organisation: 'OIM' });
    const menu = page.getByRole('navigation', { name: 'Main navigation' });
    const iomRow = async () => {
      await menu.getByRole('link', { name: 'Accounts', includeHidden: true }).click();
      const row = page.getByRole('row', { name: /iris\.ramos@iom\.example/ });
      await row.waitFor();
      return row.textContent();
    };
    t.match(await iomRow(), /IOM, the UN Migration Agency\s*IOM/, 'the registered name, after its rename');
    // Renamed again and reached by the menu, not a reload: the session that saved it names it so at once.
    await menu.getByRole('link', { name: 'Organisations', includeHidden: true }).click();
    await page.getByRole('button', { name: 'Edit IOM, the UN Migration Agency' }).click();
    await page
      .getByRole('region', { name: /^Edit / })
      .getByLabel('Name in English')
      .fill('UN Migration (IOM)');
    await page
      .getByRole('region', { name: /^Edit / })
      .getByRole('button', { name: 'Save' })
      .click();
    await page.getByRole('status').filter({ hasText: 'UN Migration (IOM) (IOM) is saved.' }).waitFor();
    t.match(await iomRow(), /UN Migration \(IOM\)\s*IOM/, 'the new name at once');

    // On a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/organisations`);
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    await page.getByRole('rowheader', { name: /South American Conference/ }).waitFor();
    await noViolations('organisations on a phone');
    await screenshot(page, 'organisations-phone-en');
    t.same(csp, [], 'no CSP violations');
  },
);
