import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, watchCsp } from '../helpers/browser.ts';
import { createUser, type UserFixture, type UserOptions } from '../helpers/users.ts';

/** Today in this machine's calendar, which is the browser's too. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

t.test('the Secretariat opens a space and appoints a contact point, who adds an officer of its own country; accounts are managed', async (t) => {
  const { database, smtp, signInOnPage, base } = await startPortal(t);

  const person = async (displayName: string, options: UserOptions): Promise<UserFixture> => {
    const user = await createUser(database.db, options);
    await database.db.updateTable('appUser').set({ displayName }).where('id', '=', user.id).execute();
    return user;
  };
  const secretariat = await person('Laura Méndez', { roles: ['secretariat'], country: 'SV', organisation: 'Secretaría Virtual' });
  const contact = await person('Carlos Jiménez', { country: 'CRI', language: 'en' });
  const officer = await person('Ana Rojas', { country: 'CRI' });
  const second = await person('Luis Mora', { country: 'CRI' });
  const foreign = await person('Pedro Sic', { country: 'GTM', organisation: 'Instituto Guatemalteco de Migración' });
  const invited = await person('Rosa Vega', { country: 'PAN', status: 'invited', enrolled: false, organisation: 'Servicio Nacional de Migración' });
  // Enough accounts for a second page of the accounts list (25 a page).
  for (let i = 1; i <= 20; i++)
    await person(`Oficial ${String(i).padStart(2, '0')}`, { country: 'MEX', organisation: 'Instituto Nacional de Migración' });

  const browser = await launchBrowser(t);

  // --- The Secretariat, in Spanish: a network, a space, a contact point for Costa Rica.
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${base}/spaces`);
  await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
  await signInOnPage(page, secretariat, 'es');
  await page.getByRole('heading', { level: 1, name: 'Mis espacios' }).waitFor();
  await page.getByText('Ninguna red tiene espacios todavía.').waitFor();
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
    'the Secretariat sees Spaces, Accounts and Webhooks',
  );
  t.equal(await page.getByRole('button', { name: /Espacio actual/ }).count(), 0, 'no switcher without spaces of one’s own');

  await page.getByRole('link', { name: 'Nuevo espacio' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nuevo espacio' }).waitFor();
  const networkForm = page.getByRole('region', { name: 'Nueva red' });
  await networkForm.getByLabel('Código').fill('Fraude Documental');
  await networkForm.getByLabel('Nombre de la red en español').fill('Fraude documental');
  await networkForm.getByLabel('Nombre de la red en inglés').fill('Document fraud');
  await networkForm.getByRole('button', { name: 'Crear la red' }).click();
  await networkForm.getByRole('alert').filter({ hasText: 'El código lleva de 2 a 40 letras minúsculas' }).waitFor();
  t.equal(await networkForm.getByLabel('Código').getAttribute('aria-invalid'), 'true', 'a code out of pattern is refused before sending');
  await networkForm.getByLabel('Código').fill('fraude-documental');
  await networkForm.getByRole('button', { name: 'Crear la red' }).click();
  await page.getByRole('status').filter({ hasText: 'La red «Fraude documental» se ha creado' }).waitFor();
  const networkSelect = page.getByRole('combobox', { name: 'Red', exact: true });
  t.match(
    await networkSelect.locator('option:checked').textContent(),
    /Fraude documental \(fraude-documental\)/,
    'the new network is chosen for the space',
  );

  const opensOn = today();
  await page.getByLabel('Nombre en español').fill('Especímenes 2026');
  await page.getByLabel('Nombre en inglés').fill('Specimens 2026');
  await page.getByLabel('Descripción en español (opcional)').fill('Intercambio de especímenes de documentos fraudulentos.');
  await page.getByLabel('Descripción en inglés (opcional)').fill('Exchange of specimens of fraudulent documents.');
  await page.getByLabel('Fecha de apertura').fill(opensOn);
  await page.getByText(/cuatro meses después de la apertura: \d+ de \w+ de \d{4}\./).waitFor();
  t.pass('the default deadline is explained with its date');
  t.same(await accessibilityViolations(page), [], 'new-space form: no WCAG 2.1 AA violations');
  await screenshot(page, 'space-new-es');
  await page.getByRole('button', { name: 'Crear el espacio' }).click();

  await page.getByRole('heading', { level: 1, name: 'Especímenes 2026' }).waitFor();
  t.match(new URL(page.url()).pathname, /^\/spaces\/[0-9a-f-]{36}\/members$/, 'a new space opens on its members');
  const spacePath = new URL(page.url()).pathname.replace(/\/members$/, '');
  await page.getByText('Nadie pertenece todavía a este espacio.').waitFor();

  const addForm = page.getByRole('region', { name: 'Añadir un miembro' });
  await addForm.getByRole('searchbox', { name: 'Buscar una cuenta' }).fill('Carlos');
  await addForm.getByRole('button', { name: 'Buscar' }).click();
  await addForm.getByRole('radio', { name: /Carlos Jiménez/ }).check();
  t.same(
    await addForm.getByRole('combobox', { name: 'Función' }).locator('option').allTextContents(),
    ['Oficial de enlace', 'Punto de contacto', 'Suplente', 'Observador'],
    'the Secretariat gives any role',
  );
  await addForm.getByRole('combobox', { name: 'Función' }).selectOption({ label: 'Punto de contacto' });
  await addForm.getByRole('button', { name: 'Añadir al espacio' }).click();
  await page.getByRole('status').filter({ hasText: 'Carlos Jiménez se ha añadido como punto de contacto.' }).waitFor();
  await page.getByRole('heading', { level: 3, name: /Costa Rica/ }).waitFor();

  // One contact point per country and network: the server says so, and the page names the role in words.
  await addForm.getByRole('searchbox', { name: 'Buscar una cuenta' }).fill('Luis');
  await addForm.getByRole('button', { name: 'Buscar' }).click();
  await addForm.getByRole('radio', { name: /Luis Mora/ }).check();
  await addForm.getByRole('combobox', { name: 'Función' }).selectOption({ label: 'Punto de contacto' });
  await addForm.getByRole('button', { name: 'Añadir al espacio' }).click();
  await addForm.getByRole('alert').filter({ hasText: 'Este país ya tiene un punto de contacto en esta red.' }).waitFor();
  t.equal(await addForm.getByRole('combobox', { name: 'Función' }).getAttribute('aria-invalid'), 'true', 'the role is the field at fault');

  // --- The contact point, in English, in a browser of its own.
  const cpContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const cp = await cpContext.newPage();
  const cpCsp = await watchCsp(cp);
  await cp.goto(`${base}/signin`);
  await signInOnPage(cp, contact, 'en');
  await cp.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  const cpNav = cp.getByRole('navigation', { name: 'Main navigation' });
  await cpNav.getByRole('link', { name: 'Spaces' }).waitFor();
  t.same(
    await cpNav.getByRole('link', { includeHidden: true }).allTextContents(),
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
    'Spaces, alerts and specimens for a member, the validation queue for a contact point, no Accounts',
  );
  const switcher = cp.getByRole('button', { name: /Current space/ });
  t.match(await switcher.textContent(), /Specimens 2026\s*Contact point/, 'the switcher shows the space in English and my role');
  t.equal(await switcher.getAttribute('aria-expanded'), 'false');
  await switcher.focus();
  await cp.keyboard.press('Enter');
  const spaceLink = cp.getByRole('link', { name: /Specimens 2026/ }).first();
  await spaceLink.waitFor();
  t.equal(await switcher.getAttribute('aria-expanded'), 'true', 'the switcher opens from the keyboard');
  await cp.keyboard.press('Escape');
  await settles(t, () => switcher.getAttribute('aria-expanded'), 'false', 'Escape closes it');
  await switcher.click();
  await spaceLink.click();
  await cp.getByRole('heading', { level: 1, name: 'Specimens 2026' }).waitFor();
  t.equal(new URL(cp.url()).pathname, spacePath, 'the switcher leads to the space');
  await settles(t, () => cp.evaluate('localStorage.getItem("enlace.space")'), spacePath.split('/')[2], 'the current space is remembered');
  await cp.getByText('Exchange of specimens of fraudulent documents.').waitFor();
  t.equal(await cp.getByRole('button', { name: 'Edit the space' }).count(), 0, 'only the Secretariat edits a space');

  await cpNav.getByRole('link', { name: 'Spaces' }).click();
  await cp.getByRole('heading', { level: 1, name: 'My spaces' }).waitFor();
  await cp.getByRole('heading', { level: 2, name: /Document fraud/ }).waitFor();
  await cp.getByText(/\d+ days left/).waitFor();
  t.same(await accessibilityViolations(cp), [], 'spaces list: no WCAG 2.1 AA violations (en)');
  await screenshot(cp, 'spaces-en');

  await cp.getByRole('link', { name: 'Members', exact: true }).click();
  await cp.getByRole('heading', { level: 2, name: 'Members' }).waitFor();
  const cpAdd = cp.getByRole('region', { name: 'Add a member' });
  // Without a search, the country's active accounts: its own people only.
  await cpAdd.getByRole('radio', { name: /Ana Rojas/ }).waitFor();
  t.ok(await cpAdd.getByRole('radio', { name: /Carlos Jiménez/ }).isDisabled(), 'a member already is shown but cannot be picked');
  t.equal(await cpAdd.getByRole('radio', { name: /Pedro Sic/ }).count(), 0, 'another country’s account is not offered');
  await cpAdd.getByRole('searchbox', { name: 'Find an account' }).fill(foreign.email);
  await cpAdd.getByRole('button', { name: 'Search' }).click();
  await cpAdd.getByText(`No active account of Costa Rica matches “${foreign.email}”.`).waitFor();
  t.equal(await cpAdd.getByRole('radio').count(), 0, 'and cannot be found by its address');
  t.same(
    await cpAdd.getByRole('combobox', { name: 'Role' }).locator('option').allTextContents(),
    ['Liaison officer', 'Substitute', 'Observer'],
    'a contact point offers the officer, substitute (its country’s, appointed by it) and observer roles only',
  );
  await cpAdd.getByRole('searchbox', { name: 'Find an account' }).fill('Ana');
  await cpAdd.getByRole('button', { name: 'Search' }).click();
  await cpAdd.getByRole('radio', { name: /Ana Rojas/ }).check();
  await cpAdd.getByRole('button', { name: 'Add to the space' }).click();
  await cp.getByRole('status').filter({ hasText: 'Ana Rojas has been added as liaison officer.' }).waitFor();
  const anaRow = cp.getByRole('row', { name: /Ana Rojas/ });
  await anaRow.getByText('Liaison officer').waitFor();
  t.equal(await cp.getByRole('button', { name: 'Remove Carlos Jiménez from the space' }).count(), 0, 'a contact point cannot remove itself');

  await cp.getByRole('button', { name: 'Change role of Ana Rojas' }).click();
  const roleDialog = cp.getByRole('dialog', { name: 'Change the role of Ana Rojas' });
  await roleDialog.getByRole('combobox', { name: 'New role' }).selectOption({ label: 'Observer' });
  await roleDialog.getByRole('button', { name: 'Save the role' }).click();
  await cp.getByRole('status').filter({ hasText: 'Ana Rojas is now observer in this space.' }).waitFor();
  await anaRow.getByText('Observer').waitFor();

  await cp.getByRole('button', { name: 'Remove Ana Rojas from the space' }).click();
  const removeDialog = cp.getByRole('dialog', { name: 'Remove Ana Rojas from the space?' });
  await removeDialog.getByText('Ana Rojas will no longer see “Specimens 2026”, where they are observer.').waitFor();
  await settles(t, () => cp.evaluate('document.activeElement?.textContent'), 'Cancel', 'the safe choice has the focus');
  t.same(await accessibilityViolations(cp), [], 'removal confirmation: no WCAG 2.1 AA violations');
  await screenshot(cp, 'space-remove-en');
  await cp.keyboard.press('Escape');
  await removeDialog.waitFor({ state: 'detached' });
  await settles(t, () => cp.evaluate('document.activeElement?.textContent'), 'Remove', 'the focus returns to the button that opened it');
  t.equal(await anaRow.count(), 1, 'cancelled: still a member');

  await cpAdd.getByRole('searchbox', { name: 'Find an account' }).fill('');
  await cpAdd.getByRole('button', { name: 'Search' }).click();
  await cpAdd.getByRole('radio', { name: /Luis Mora/ }).check();
  await cpAdd.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Observer' });
  await cpAdd.getByRole('button', { name: 'Add to the space' }).click();
  await cp.getByRole('status').filter({ hasText: 'Luis Mora has been added as observer.' }).waitFor();
  await cp.getByRole('button', { name: 'Remove Luis Mora from the space' }).click();
  await cp.getByRole('dialog', { name: 'Remove Luis Mora from the space?' }).getByRole('button', { name: 'Remove from the space' }).click();
  await cp.getByRole('status').filter({ hasText: 'Luis Mora is no longer a member of this space.' }).waitFor();
  t.equal(await cp.getByRole('row', { name: /Luis Mora/ }).count(), 0, 'removed after confirming');
  await settles(t, () => cp.evaluate('document.activeElement?.tagName'), 'H1', 'the focus goes to the page heading when its row is gone');

  t.same(await accessibilityViolations(cp), [], 'space members with the add form: no WCAG 2.1 AA violations (en)');
  await screenshot(cp, 'space-members-en');

  await cp.setViewportSize({ width: 390, height: 844 });
  // On a phone the switcher is in the menu.
  await cp.getByRole('button', { name: 'Menu' }).click();
  await cp.getByRole('button', { name: /Current space/ }).click();
  await cp.getByRole('link', { name: 'All my spaces' }).waitFor();
  await screenshot(cp, 'switcher-en-mobile');
  t.ok(
    await cp.evaluate('document.documentElement.scrollWidth <= innerWidth'),
    'nothing spills sideways on a phone (wide tables scroll in their box)',
  );

  // --- The Secretariat again: the space as it stands, then the accounts.
  await page.getByRole('link', { name: 'Resumen' }).click();
  await page.getByRole('heading', { level: 2, name: 'Sobre este espacio' }).waitFor();
  await page.getByRole('button', { name: 'Editar el espacio' }).click();
  await page.getByLabel('Plazo de carga').fill('2000-01-01');
  await page.getByRole('button', { name: 'Guardar el espacio' }).click();
  await page.getByRole('alert').filter({ hasText: 'El plazo de carga no puede ser anterior a la fecha de apertura.' }).waitFor();
  await page.getByLabel('Nombre en inglés').fill('Document specimens 2026');
  await page.getByLabel('Plazo de carga').fill(`${Number(opensOn.slice(0, 4)) + 1}${opensOn.slice(4)}`);
  await page.getByRole('button', { name: 'Guardar el espacio' }).click();
  await page.getByRole('status').filter({ hasText: 'El espacio se ha guardado.' }).waitFor();
  await page.getByText(/quedan \d+ días/).waitFor();
  await screenshot(page, 'space-es');

  await page.getByRole('link', { name: 'Miembros' }).click();
  await page.getByRole('row', { name: /Ana Rojas/ }).waitFor();
  t.same(await accessibilityViolations(page), [], 'space members (Secretariat): no WCAG 2.1 AA violations (es)');
  await screenshot(page, 'space-members-es');

  await nav.getByRole('link', { name: 'Cuentas' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cuentas' }).waitFor();
  await page.getByText('26 cuentas · página 1 de 2').waitFor();
  t.equal(await page.locator('tbody tr').count(), 25, '25 accounts a page');
  t.same(await accessibilityViolations(page), [], 'accounts: no WCAG 2.1 AA violations');
  await screenshot(page, 'users-es');
  await page.getByRole('navigation', { name: 'Páginas de cuentas' }).getByRole('link', { name: 'Página siguiente' }).click();
  await page.getByText('26 cuentas · página 2 de 2').waitFor();
  t.equal(new URL(page.url()).search, '?page=2', 'the page is in the address');
  t.equal(await page.locator('tbody tr').count(), 1, 'the rest on the second page');
  // The oldest account comes last: the Secretariat's own, without actions.
  await page
    .getByRole('row', { name: /Laura Méndez/ })
    .getByText('Su cuenta')
    .waitFor();
  t.pass('no actions on one’s own account');
  await page.getByRole('link', { name: 'Página anterior' }).click();
  await page.getByText('26 cuentas · página 1 de 2').waitFor();

  await page.getByRole('button', { name: 'Reenviar la invitación a Rosa Vega' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reenviar la invitación' }).click();
  await page.getByRole('status').filter({ hasText: 'Se ha enviado una invitación nueva a Rosa Vega' }).waitFor();
  // Members hear of every change (Carlos added; Ana added, her role changed; Luis added, removed), then Rosa's invitation.
  const mails = await smtp.received(6);
  t.same(
    mails.map((m) => m.to[0]),
    [contact.email, officer.email, officer.email, second.email, second.email, invited.email],
    'members are told by mail; the fresh invitation is mailed',
  );

  await page.getByRole('combobox', { name: 'País u organización' }).selectOption('CRI');
  await page.getByRole('button', { name: 'Filtrar' }).click();
  await page.getByText('3 cuentas').waitFor();
  t.equal(new URL(page.url()).search, '?country=CRI', 'the filter is in the address');
  await page.getByRole('button', { name: 'Bloquear la cuenta de Ana Rojas' }).click();
  const lockDialog = page.getByRole('dialog', { name: '¿Bloquear la cuenta de Ana Rojas?' });
  await lockDialog.getByRole('button', { name: 'Bloquear' }).click();
  await page.getByRole('status').filter({ hasText: 'La cuenta de Ana Rojas está ahora: bloqueada.' }).waitFor();
  await page
    .getByRole('row', { name: /Ana Rojas/ })
    .getByText('Bloqueada')
    .waitFor();
  const locked = await database.db.selectFrom('appUser').select('status').where('id', '=', officer.id).executeTakeFirstOrThrow();
  t.equal(locked.status, 'locked', 'the account is locked');
  await page.getByRole('button', { name: 'Desbloquear la cuenta de Ana Rojas' }).waitFor();

  await page.getByRole('button', { name: 'Funciones de Luis Mora' }).click();
  const rolesDialog = page.getByRole('dialog', { name: 'Funciones en todo el portal de Luis Mora' });
  await rolesDialog.getByLabel('Auditoría').check();
  await rolesDialog.getByRole('button', { name: 'Guardar las funciones' }).click();
  await page.getByRole('status').filter({ hasText: 'Se han guardado las funciones de Luis Mora.' }).waitFor();
  await page
    .getByRole('row', { name: /Luis Mora/ })
    .getByText('Auditoría')
    .waitFor();
  const audited = await database.db.selectFrom('appUser').select('roles').where('id', '=', second.id).executeTakeFirstOrThrow();
  t.same(audited.roles, ['auditor'], 'the role is saved');

  t.same(csp, [], 'no CSP violation (Secretariat)');
  t.same(cpCsp, [], 'no CSP violation (contact point)');
});
