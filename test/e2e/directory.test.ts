import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, startPortal, watchCsp } from '../helpers/browser.ts';
import { signIn } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

t.test('a contact point updates its country’s directory entry and confirms it', async (t) => {
  const env = await startPortal(t);
  const { app, database, clock, signInOnPage, base } = env;
  const world = await buildWorld(env);
  const gtmContact = await signIn(app, database.db, clock, { country: 'GTM' });
  const added = await app.inject({
    method: 'POST',
    url: `/api/spaces/${world.spaceId}/members`,
    headers: world.secretariat.headers,
    payload: { userId: gtmContact.user.id, role: 'contact_point' },
  });
  t.equal(added.statusCode, 201);
  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${base}/directory`);
  await signInOnPage(page, world.contact.user, 'es');

  await page.getByRole('heading', { level: 1, name: 'Directorio' }).waitFor();
  await page
    .getByRole('navigation', { name: 'Navegación principal' })
    .getByRole('link', { name: 'Directorio', includeHidden: true })
    .waitFor({ state: 'attached' });
  const costaRica = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Costa Rica' }) });
  const guatemala = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Guatemala' }) });
  await costaRica.getByText('Nunca confirmada').waitFor();
  await costaRica.getByText('Por confirmar').waitFor();
  t.equal(await guatemala.getByRole('button', { name: 'Editar la ficha' }).count(), 0, 'another country’s entry is not mine to edit');

  // The contact point fills in its entry, with a duty contact.
  await costaRica.getByRole('button', { name: 'Editar la ficha' }).click();
  await costaRica.getByLabel('Institución', { exact: true }).fill('Dirección General de Migración y Extranjería');
  await costaRica.getByLabel('Teléfono de oficina').fill('+506 2299 8100');
  await costaRica.getByLabel('Línea 24/7').fill('+506 2299 8000');
  await costaRica.getByLabel('Idiomas').fill('es, en');
  await costaRica.getByRole('button', { name: 'Añadir un contacto' }).click();
  const contact = costaRica.getByRole('group', { name: 'Contacto 1' });
  await contact.getByLabel('Nombre').fill('Ana Mora');
  await contact.getByLabel('Cargo').fill('Jefa de guardia, aeropuerto Juan Santamaría');
  await contact.getByLabel('Correo electrónico').fill('guardia@migracion.example.cr');
  await contact.getByLabel('Teléfono', { exact: true }).fill('+506 2437 2000');
  t.same(await accessibilityViolations(page), [], 'the form: no WCAG 2.1 AA violations');
  await screenshot(page, 'directory-edit');
  await costaRica.getByRole('button', { name: 'Guardar la ficha' }).click();
  await costaRica.getByRole('status').filter({ hasText: 'Se guardó la ficha de Costa Rica.' }).waitFor();
  await costaRica.getByText('+506 2299 8000').waitFor();
  await costaRica.getByText('Ana Mora').waitFor();
  await costaRica.getByText('español, inglés').waitFor();

  // And confirms it.
  await costaRica.getByRole('button', { name: 'Confirmar que la ficha está al día' }).click();
  await costaRica.getByRole('status').filter({ hasText: 'La ficha de Costa Rica queda confirmada hoy.' }).waitFor();
  t.equal(await costaRica.getByText('Por confirmar').count(), 0, 'no longer flagged');
  await costaRica
    .getByText(/por .+/)
    .first()
    .waitFor();
  t.same(await accessibilityViolations(page), [], 'the directory: no WCAG 2.1 AA violations');
  await screenshot(page, 'directory');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'directory-print');
  await page.emulateMedia({ media: 'screen' });

  const entry = await database.db
    .selectFrom('directoryEntry')
    .select(['confirmedAt', 'confirmedBy'])
    .where('country', '=', 'CRI')
    .executeTakeFirstOrThrow();
  t.equal(entry.confirmedBy, world.contact.user.id);
  const vcard = await page.getByRole('link', { name: 'Descargar contactos (vCard)' }).getAttribute('href');
  t.match(vcard, /^\/api\/networks\/[0-9a-f-]+\/directory\?format=vcard&lang=es$/);
  t.same(csp, [], 'no CSP violation');
});
