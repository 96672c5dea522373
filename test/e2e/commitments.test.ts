import type { Page } from 'playwright-core';
import sharp from 'sharp';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, startPortal } from '../helpers/browser.ts';
import { signIn } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

t.test(
  'the Secretariat creates a commitment for two countries; a contact point reports progress with evidence; the list shows the statuses',
  async (t) => {
    const env = await startPortal(t);
    const { app, database, clock } = env;
    const world = await buildWorld(env);
    const gtmContact = await signIn(app, database.db, clock, { country: 'GTM' });
    const added = await app.inject({
      method: 'POST',
      url: `/api/spaces/${world.spaceId}/members`,
      headers: world.secretariat.headers,
      payload: { userId: gtmContact.user.id, role: 'contact_point' },
    });
    t.equal(added.statusCode, 201);
    // The contact point reads the portal in English (the account's language wins over the browser's).
    await database.db.updateTable('appUser').set({ language: 'en' }).where('id', '=', world.contact.user.id).execute();
    // Periods counted from a month ago: the first one still runs, so no one is late yet.
    const start = clock.now();
    start.setUTCMonth(start.getUTCMonth() - 1);
    const startsOn = start.toISOString().slice(0, 10);
    const browser = await launchBrowser(t);

    const open = env.openAs;
    const noViolations = async (page: Page, what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);

    // The Secretariat, in Spanish, adds the seeds' activity for Costa Rica and Guatemala.
    const secretariat = await open(browser, world.secretariat, 'es-ES', '/commitments');
    const sp = secretariat.page;
    await sp.getByRole('heading', { level: 1, name: 'Compromisos' }).waitFor();
    await sp.getByText('Ningún compromiso coincide con estos filtros.', { exact: false }).waitFor();
    await sp.getByRole('link', { name: 'Nuevo compromiso' }).click();
    await sp.getByRole('heading', { level: 1, name: 'Nuevo compromiso' }).waitFor();
    await sp.getByLabel('Red', { exact: true }).selectOption({ label: 'Red' });
    await sp.getByLabel('Plan', { exact: true }).fill('Plan de acción 2026–2027');
    await sp
      .getByLabel('Actividad en español')
      .fill('Completar y enviar en tiempo y forma las matrices para la recopilación de información de flujos de migrantes extra-regionales.');
    await sp.getByLabel('Indicador en español').fill('Matrices recibidas por la ST');
    await sp.getByLabel('Calendario').selectOption('semiannual');
    await sp.getByLabel('Fecha de inicio').fill(startsOn);
    await sp.getByLabel('Costa Rica').check();
    await sp.getByLabel('Guatemala').check();
    await noViolations(sp, 'the form');
    await screenshot(sp, 'commitments-new');
    await sp.getByRole('button', { name: 'Crear el compromiso' }).click();
    await sp.getByRole('heading', { level: 1, name: /^Completar y enviar/ }).waitFor();
    const url = sp.url();
    await sp.getByText('Cada seis meses, vence el', { exact: false }).first().waitFor();
    t.equal(await sp.getByRole('region', { name: 'Informar el avance' }).count(), 0, 'the Secretariat is not responsible: no update form');

    // The contact point of Costa Rica, in English, reports "in progress" with a photo as evidence.
    const contact = await open(browser, world.contact, 'en-GB', new URL(url).pathname);
    const cp = contact.page;
    const form = cp.getByRole('region', { name: 'Report progress' });
    await form.waitFor();
    await form.getByLabel('Status').selectOption('in_progress');
    await form.getByLabel('Note').fill('The first semester matrix is being reviewed.');
    const photo = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2a5599' } })
      .png()
      .toBuffer();
    await form.getByLabel('Evidence files').setInputFiles({ name: 'matrix-sheet.png', mimeType: 'image/png', buffer: photo });
    await form.getByRole('button', { name: 'Post the update' }).click();
    await form.getByRole('status').filter({ hasText: 'Your update was recorded.' }).waitFor();
    const history = cp.getByRole('region', { name: 'Updates' });
    await history.getByText('The first semester matrix is being reviewed.').waitFor();
    await history.getByRole('link', { name: 'matrix-sheet.png' }).waitFor();
    const responsibles = cp.getByRole('region', { name: 'Responsible' });
    await responsibles.getByRole('row').filter({ hasText: 'Costa Rica' }).getByText('In progress').waitFor();
    await responsibles.getByRole('row').filter({ hasText: 'Guatemala' }).getByText('Not started').waitFor();
    await noViolations(cp, 'the commitment with its update');
    await screenshot(cp, 'commitments-detail');

    // The list shows each responsible's status and the counts.
    const cpNav = cp.getByRole('navigation', { name: 'Main navigation' });
    await cpNav.getByRole('button', { name: 'Coordination' }).click();
    await cpNav.getByRole('link', { name: 'Commitments' }).click();
    await cp.getByRole('heading', { level: 1, name: 'Commitments' }).waitFor();
    const row = cp.getByRole('row').filter({ hasText: 'Completar y enviar' });
    await row.getByText('In progress').waitFor();
    await row.getByText('Not started').waitFor();
    await cp.getByText('Commitments: 1.').waitFor();
    await noViolations(cp, 'the list');
    await screenshot(cp, 'commitments-list');

    // Filtered on Guatemala's own status.
    await cp.getByLabel('Responsible').selectOption('GTM');
    await cp.getByLabel('Status').selectOption('in_progress');
    await cp.getByRole('button', { name: 'Apply' }).click();
    await cp.getByText('No commitment matches these filters.', { exact: false }).waitFor();
    t.match(cp.url(), /responsible=GTM&status=in_progress/);

    t.same(secretariat.csp, [], 'no CSP violation (Secretariat)');
    t.same(contact.csp, [], 'no CSP violation (contact point)');
  },
);
