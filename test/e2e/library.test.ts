import type { Page } from 'playwright-core';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, startPortal } from '../helpers/browser.ts';
import { textPdf } from '../helpers/pdf.ts';
import type { SignedIn } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

/** A word only inside the PDF's body. */
const WORD = 'Xochipelusa';

t.test('an officer adds a manual with its PDF; another member finds it by a word inside the PDF and previews it', async (t) => {
  const env = await startPortal(t);
  const world = await buildWorld(env);
  const browser = await launchBrowser(t);

  const signInAs = (who: SignedIn, locale: string) => env.openAs(browser, who, locale, '/library');

  // The officer (Spanish) adds a manual with its PDF.
  const officer = await signInAs(world.officer, 'es-ES');
  let page: Page = officer.page;
  await page.getByRole('heading', { level: 1, name: 'Biblioteca' }).waitFor();
  await page
    .getByRole('navigation', { name: 'Navegación principal' })
    .getByRole('link', { name: 'Biblioteca', includeHidden: true })
    .waitFor({ state: 'attached' });
  await page.getByRole('link', { name: 'Agregar un documento' }).click();
  await page.getByLabel('Título en español').fill('Manual de sellos falsos');
  await page.getByLabel('Título en inglés').fill('Manual of forged stamps');
  await page.getByLabel('Resumen en español').fill('Cómo reconocer sellos de entrada alterados.');
  await page.getByLabel('Resumen en inglés').fill('How to recognise altered entry stamps.');
  await page.getByLabel('Año', { exact: true }).fill('2025');
  await page.getByLabel('Etiquetas (separadas por comas)').fill('sellos, frontera');
  const pdf = await textPdf(['Capítulo 2', `El sello ${WORD} tiene tinta reactiva.`]);
  await page.getByLabel('Archivo (PDF o imagen)').setInputFiles({ name: 'manual-sellos.pdf', mimeType: 'application/pdf', buffer: pdf });
  t.same(await accessibilityViolations(page), [], 'the form: no WCAG 2.1 AA violations');
  await screenshot(page, 'library-new');
  await page.getByRole('button', { name: 'Agregar a la biblioteca' }).click();
  await page.getByRole('heading', { level: 1, name: 'Manual de sellos falsos' }).waitFor();
  await page.getByText('Versión 1 — manual-sellos.pdf').waitFor();
  // Its description, corrected afterwards by its author.
  await page.getByRole('link', { name: 'Editar la descripción' }).click();
  await page.getByRole('heading', { level: 1, name: 'Editar la descripción' }).waitFor();
  await page.getByLabel('Resumen en inglés').fill('How to recognise altered entry stamps under ultraviolet light.');
  t.same(await accessibilityViolations(page), [], 'the edit form: no WCAG 2.1 AA violations');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await page.getByText('How to recognise altered entry stamps under ultraviolet light.').waitFor();
  // A second version: the form asks for a file first (on its field), then takes it.
  await page.getByRole('button', { name: 'Subir', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Elija primero un archivo.' }).waitFor();
  t.equal(await page.getByLabel('Archivo (PDF o imagen)').getAttribute('aria-invalid'), 'true', 'the file field is marked');
  await page.getByLabel('Archivo (PDF o imagen)').setInputFiles({
    name: 'manual-sellos-2.pdf',
    mimeType: 'application/pdf',
    buffer: await textPdf(['Capítulo 3', `El sello ${WORD} revisado en 2026.`]),
  });
  await page.getByRole('button', { name: 'Subir', exact: true }).click();
  await page.getByText('Versión 2 — manual-sellos-2.pdf').waitFor();
  t.same(await accessibilityViolations(page), [], 'the document with its versions: no WCAG 2.1 AA violations');
  t.same(officer.csp, [], 'no CSP violation for the officer');

  // Another country's officer (English) searches a word that is only inside the PDF.
  await env.database.db.updateTable('appUser').set({ language: 'en' }).where('id', '=', world.foreign.user.id).execute();
  const foreign = await signInAs(world.foreign, 'en-GB');
  page = foreign.page;
  await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
  await page.getByLabel('Words (also inside PDFs)').fill(WORD.toLowerCase());
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '1 document' }).waitFor();
  await page.getByRole('link', { name: 'Manual of forged stamps' }).waitFor();
  t.same(await accessibilityViolations(page), [], 'the results: no WCAG 2.1 AA violations');
  await screenshot(page, 'library-search');
  await page.getByRole('link', { name: 'Manual of forged stamps' }).click();
  await page.getByRole('heading', { level: 1, name: 'Manual of forged stamps' }).waitFor();
  await page.getByRole('button', { name: 'Preview' }).first().click();
  await page.getByRole('img', { name: 'Page 1 of the document' }).waitFor();
  const drawn = await page.evaluate(`(() => {
    const c = document.querySelector('canvas.library-preview-page');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && d[i] < 128) dark++;
    return dark;
  })()`);
  t.ok((drawn as number) > 50, `the page is drawn (${drawn} dark pixels)`);
  t.same(await accessibilityViolations(page), [], 'the document: no WCAG 2.1 AA violations');
  await screenshot(page, 'library-preview');
  t.same(foreign.csp, [], 'the preview renders with no CSP violation');
});
