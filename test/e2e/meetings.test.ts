import { readFile } from 'node:fs/promises';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, startPortal } from '../helpers/browser.ts';
import { textPdf } from '../helpers/pdf.ts';
import type { SignedIn } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

t.test('the Secretariat records a meeting’s minutes and an agreement; a contact point reads them in Spanish and opens the commitment', async (t) => {
  const env = await startPortal(t);
  const { base } = env;
  const world = await buildWorld(env);
  // The Secretariat reads the portal in English (its account's language), the contact point in Spanish.
  await env.database.db.updateTable('appUser').set({ language: 'en' }).where('id', '=', world.secretariat.user.id).execute();
  const browser = await launchBrowser(t);
  const signInAt = (locale: string, who: SignedIn, path: string) => env.openAs(browser, who, locale, path);

  // The Secretariat, in English, creates the meeting.
  const sv = await signInAt('en-GB', world.secretariat, '/meetings');
  await sv.page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  await sv.page.getByRole('link', { name: 'New meeting' }).click();
  await sv.page.getByLabel('Network').selectOption({ label: 'Network' });
  await sv.page.getByLabel('Title (Spanish)').fill('Reunión de la red de oficiales de enlace');
  await sv.page.getByLabel('Title (English)').fill('Liaison officers’ network meeting');
  // The portal's clock is the real one here (browser.ts): the meeting is ten days ahead, so upcoming.
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await sv.page.getByLabel('Starts').fill(`${day}T09:00`);
  await sv.page.getByLabel('Ends').fill(`${day}T13:00`);
  await sv.page.getByLabel('Place').fill('San José, Costa Rica');
  await sv.page.getByLabel('Agenda').fill('1. Rutas del corredor norte\n2. Directorio consular');
  t.same(await accessibilityViolations(sv.page), [], 'the form: no WCAG 2.1 AA violations');
  await screenshot(sv.page, 'meetings-form-en');
  await sv.page.getByRole('button', { name: 'Create meeting' }).click();
  await sv.page.getByRole('heading', { level: 1, name: 'Liaison officers’ network meeting' }).waitFor();

  // Minutes in both languages, then an agreement for Costa Rica and Guatemala.
  await sv.page.getByText('Record the minutes').click();
  await sv.page.getByLabel('Minutes (Spanish)').fill('Se acordó compartir el directorio de puntos focales consulares.');
  await sv.page.getByLabel('Minutes (English)').fill('It was agreed to share the directory of consular focal points.');
  await sv.page.getByRole('button', { name: 'Save minutes' }).click();
  await sv.page.getByText('It was agreed to share the directory of consular focal points.').waitFor();
  await sv.page.getByText('Record an agreement').click();
  await sv.page.getByLabel('Agreement (Spanish)').fill('Compartir el directorio de puntos focales consulares');
  await sv.page.getByLabel('Agreement (English)').fill('Share the directory of consular focal points');
  const agreementForm = sv.page.getByRole('region', { name: 'Agreements' });
  await agreementForm.getByLabel('Costa Rica').check();
  await agreementForm.getByLabel('Guatemala').check();
  await sv.page.getByLabel('Due date').fill(new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10));
  await sv.page.getByRole('button', { name: 'Save agreement' }).click();
  await sv.page.getByRole('link', { name: 'Open the commitment' }).waitFor();
  t.same(await accessibilityViolations(sv.page), [], 'the meeting: no WCAG 2.1 AA violations');
  await screenshot(sv.page, 'meeting-secretariat-en');
  const meetingPath = new URL(sv.page.url()).pathname;

  // The signed minutes and a stray photo, attached as documents; the photo is removed again.
  const signed = await textPdf(['Acta firmada de la reunión de la red']);
  const documents = sv.page.getByRole('region', { name: 'Documents' });
  await documents.getByText('Attach documents').click();
  await documents.getByLabel('Kind of document').selectOption({ label: 'Signed minutes' });
  await documents.getByLabel('Files').setInputFiles([{ name: 'acta-firmada.pdf', mimeType: 'application/pdf', buffer: signed }]);
  await documents.getByRole('button', { name: 'Attach', exact: true }).click();
  await documents.getByRole('link', { name: 'acta-firmada.pdf' }).waitFor();
  await documents.getByLabel('Kind of document').selectOption({ label: 'Other' });
  await documents.getByLabel('Files').setInputFiles([{ name: 'foto.pdf', mimeType: 'application/pdf', buffer: await textPdf(['foto']) }]);
  await documents.getByRole('button', { name: 'Attach', exact: true }).click();
  await documents.getByRole('link', { name: 'foto.pdf' }).waitFor();
  await documents.getByRole('button', { name: 'Remove foto.pdf' }).click();
  await sv.page.getByRole('dialog', { name: 'Remove this document?' }).getByRole('button', { name: 'Remove' }).click();
  await documents.getByRole('link', { name: 'foto.pdf' }).waitFor({ state: 'detached' });
  t.same(await accessibilityViolations(sv.page), [], 'the meeting with its documents: no WCAG 2.1 AA violations');
  await screenshot(sv.page, 'meeting-documents-en');

  // Costa Rica's contact point, in Spanish, finds it in the calendar and opens it.
  const cp = await signInAt('es-ES', world.contact, '/meetings');
  await cp.page.getByRole('heading', { level: 1, name: 'Reuniones' }).waitFor();
  await cp.page
    .getByRole('navigation', { name: 'Navegación principal' })
    .getByRole('link', { name: 'Reuniones', includeHidden: true })
    .waitFor({ state: 'attached' });
  await screenshot(cp.page, 'meetings-list-es');
  await cp.page.getByRole('link', { name: 'Reunión de la red de oficiales de enlace' }).click();
  await cp.page.getByRole('heading', { level: 1, name: 'Reunión de la red de oficiales de enlace' }).waitFor();
  t.equal(new URL(cp.page.url()).pathname, meetingPath);
  await cp.page.getByText('Se acordó compartir el directorio de puntos focales consulares.').waitFor();
  await cp.page.getByText('Compartir el directorio de puntos focales consulares').first().waitFor();
  t.equal(await cp.page.getByText('Registrar el acta').count(), 0, 'a contact point does not record minutes');
  t.same(await accessibilityViolations(cp.page), [], 'the meeting in Spanish: no WCAG 2.1 AA violations');
  await screenshot(cp.page, 'meeting-contact-es');
  // The signed minutes, downloaded as they were attached.
  const mine = cp.page.getByRole('region', { name: 'Documentos' });
  await mine.getByText('Acta firmada ·').waitFor();
  t.equal(await mine.getByText('Adjuntar documentos').count(), 0, 'a contact point does not attach documents');
  const [download] = await Promise.all([cp.page.waitForEvent('download'), mine.getByRole('link', { name: 'acta-firmada.pdf' }).click()]);
  t.ok((await readFile((await download.path())!)).equals(signed), 'the PDF downloaded is the one attached');
  await cp.page.getByRole('button', { name: 'Ver la versión en inglés' }).click();
  await cp.page.getByText('It was agreed to share the directory of consular focal points.').waitFor();

  // The link leads to the commitment, which links back to its meeting.
  await cp.page.getByRole('link', { name: 'Abrir el compromiso' }).click();
  await cp.page.getByRole('heading', { level: 1, name: 'Compartir el directorio de puntos focales consulares' }).waitFor();
  await cp.page.getByRole('link', { name: 'Ver la reunión de origen' }).waitFor();
  await screenshot(cp.page, 'meeting-commitment-es');
  await cp.page.getByRole('link', { name: 'Ver la reunión de origen' }).click();
  await cp.page.getByRole('heading', { level: 1, name: 'Reunión de la red de oficiales de enlace' }).waitFor();

  // The calendar link, made and revoked.
  await cp.page.goto(`${base}/meetings`);
  await cp.page.getByRole('button', { name: 'Crear mi enlace de calendario' }).click();
  const link = await cp.page.getByLabel('Su enlace de calendario').inputValue();
  t.match(link, /\/api\/calendar\.ics\?key=[A-Za-z0-9_-]{43}$/);
  await screenshot(cp.page, 'meetings-subscribe-es');
  await cp.page.getByRole('button', { name: 'Revocar el enlace' }).click();
  await cp.page.getByRole('button', { name: 'Crear mi enlace de calendario' }).waitFor();

  t.same(sv.csp, [], 'no CSP violations');
  t.same(cp.csp, [], 'no CSP violations');
});
