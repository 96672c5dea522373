import type { Page } from 'playwright-core';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, startPortal } from '../helpers/browser.ts';
import { buildWorld } from '../helpers/world.ts';

t.test('the Secretariat sets a cell of the matrix; a contact point sees the change notice and the new value', async (t) => {
  const env = await startPortal(t);
  const { database } = env;
  const world = await buildWorld(env);
  await database.db.updateTable('appUser').set({ language: 'en' }).where('id', '=', world.contact.user.id).execute();
  const browser = await launchBrowser(t);

  const open = env.openAs;
  const noViolations = async (page: Page, what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);

  // The Secretariat, in Spanish, records that Cuban nationals need a visa to enter Costa Rica.
  const secretariat = await open(browser, world.secretariat, 'es-ES', '/commitments');
  const sp = secretariat.page;
  await sp.getByRole('heading', { level: 1, name: 'Compromisos' }).waitFor();
  const nav = sp.getByRole('navigation', { name: 'Navegación principal' });
  await nav.getByRole('button', { name: 'Coordinación' }).click();
  await nav.getByRole('link', { name: 'Requisitos de entrada' }).click();
  await sp.getByRole('heading', { level: 1, name: 'Requisitos de entrada' }).waitFor();
  await sp.getByText('Aún no hay información').waitFor();
  await sp.getByRole('button', { name: 'Fijar una celda' }).click();
  const form = sp.getByRole('region', { name: 'Fijar una celda de la matriz' });
  await form.getByLabel('Destino').selectOption('CRI');
  await form.getByLabel('Nacionalidad').selectOption('CUB');
  await form.getByLabel('Requisito').selectOption('visa');
  await form.getByLabel('Excepciones (español)').fill('Salvo residentes permanentes de los Estados Unidos.');
  await form.getByLabel('Excepciones (inglés)').fill('Except permanent residents of the United States.');
  await form.getByLabel('Fuente legal').fill('Directriz DG-001-2026');
  await form.getByLabel('Vigente desde').fill('2026-01-15');
  await noViolations(sp, 'the cell form');
  await form.getByRole('button', { name: 'Guardar la celda' }).click();
  await form.getByRole('status').filter({ hasText: 'Se guardó la celda.' }).waitFor();
  const row = sp.getByRole('row').filter({ hasText: 'Cuba' });
  await row.getByText('Visa', { exact: true }).waitFor();
  await row.getByRole('button', { name: 'Historial Cuba' }).click();
  await sp
    .getByRole('region', { name: /^Historial/ })
    .getByText('Editada por la Secretaría')
    .waitFor();
  await noViolations(sp, 'the row with its history');
  await screenshot(sp, 'entry-requirements-secretariat');

  // Costa Rica's contact point, in English, has the notice and follows it to the new value.
  const contact = await open(browser, world.contact, 'en-GB', '/notifications');
  const cp = contact.page;
  await cp.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  const notice = cp.getByRole('listitem').filter({ hasText: 'The entry requirements changed: Costa Rica ← Cuba.' });
  await notice.waitFor();
  await notice.getByRole('link', { name: 'Open the entry requirements' }).click();
  await cp.getByRole('heading', { level: 1, name: 'Entry requirements' }).waitFor();
  const cuba = cp.getByRole('row').filter({ hasText: 'Cuba' });
  await cuba.getByText('Visa', { exact: true }).waitFor();
  await cuba.getByText('Except permanent residents of the United States.').waitFor();
  await cuba.getByRole('button', { name: 'Propose a change Cuba' }).waitFor();
  await noViolations(cp, 'the row as a contact point reads it');
  await screenshot(cp, 'entry-requirements-contact');

  // The view by nationality: the eleven member countries, no information where nothing was set.
  await cp.getByRole('link', { name: 'By nationality' }).click();
  await cp.getByLabel('Nationality').selectOption('CUB');
  await cp.getByRole('button', { name: 'Show' }).click();
  await cp.getByRole('row').filter({ hasText: 'Costa Rica' }).getByText('Visa', { exact: true }).waitFor();
  await cp.getByRole('row').filter({ hasText: 'Mexico' }).getByText('No information').waitFor();
  await noViolations(cp, 'the view by nationality');
  await screenshot(cp, 'entry-requirements-nationality');

  // The Secretariat clears the cell: no information again, and its history shows what was removed.
  await sp.getByRole('row').filter({ hasText: 'Cuba' }).getByRole('button', { name: 'Editar Cuba' }).click();
  await sp.getByRole('region', { name: 'Fijar una celda de la matriz' }).getByRole('button', { name: 'Vaciar la celda' }).click();
  const dialog = sp.getByRole('dialog', { name: '¿Vaciar la celda Costa Rica · Cuba?' });
  await noViolations(sp, 'the clearing question');
  await dialog.getByRole('button', { name: 'Vaciar la celda' }).click();
  const history = sp.getByRole('region', { name: /^Historial/ });
  await history.getByText('Sin información').first().waitFor();
  await sp.getByText('Aún no hay información').waitFor();
  await screenshot(sp, 'entry-requirements-cleared');

  t.same(secretariat.csp, [], 'no CSP violation (Secretariat)');
  t.same(contact.csp, [], 'no CSP violation (contact point)');
});
