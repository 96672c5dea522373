import type { Browser } from 'playwright-core';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, startPortal } from '../helpers/browser.ts';
import { publishedReport, ROUTE } from '../helpers/reports.ts';
import type { SignedIn } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

t.test('a correction of a report: an officer of another country proposes a new title, the originator accepts it from the report page', async (t) => {
  const env = await startPortal(t);
  const world = await buildWorld(env);
  const id = await publishedReport(env, world, ROUTE);
  const browser: Browser = await launchBrowser(t);
  const open = async (who: SignedIn) => {
    const opened = await env.openAs(browser, who, 'es-ES', `/reports/${id}`);
    await opened.page.getByRole('heading', { level: 1, name: ROUTE.title }).waitFor();
    return opened;
  };

  // The Guatemalan officer proposes a new title.
  const foreign = await open(world.foreign);
  const form = foreign.page.getByRole('form', { name: 'Proponer una corrección' });
  await form.getByLabel('Qué corregir').selectOption('title');
  await form.getByLabel('Nuevo valor: Título').fill('Ruta del Darién por Turbo');
  await form.getByLabel('Motivo').fill('El embarque sale de Turbo desde marzo.');
  await form.getByRole('button', { name: 'Proponer la corrección' }).click();
  await form.getByRole('status').filter({ hasText: 'Su corrección se envió a quien originó el elemento.' }).waitFor();
  const panel = foreign.page.getByRole('region', { name: 'Correcciones' });
  await panel.getByText('Ruta del Darién por Turbo').waitFor();
  t.same(await accessibilityViolations(foreign.page), [], 'the proposer’s page: no WCAG 2.1 AA violations');
  t.same(foreign.csp, [], 'no CSP violations');

  // The Costa Rican originator accepts it: the report takes the new title.
  const officer = await open(world.officer);
  const mine = officer.page.getByRole('region', { name: 'Correcciones' });
  await mine.getByText('El embarque sale de Turbo desde marzo.').waitFor();
  await mine.getByRole('button', { name: 'Aceptar' }).click();
  const dialog = officer.page.getByRole('dialog');
  await dialog.getByText('El informe se modifica según la propuesta').waitFor();
  await dialog.getByRole('button', { name: 'Aceptar' }).click();
  await officer.page.getByRole('heading', { level: 1, name: 'Ruta del Darién por Turbo' }).waitFor();
  await mine.getByText('Aceptada').first().waitFor();
  t.same(await accessibilityViolations(officer.page), [], 'the originator’s page: no WCAG 2.1 AA violations');
  await screenshot(officer.page, 'report-correction');
  t.same(officer.csp, [], 'no CSP violations');
});
