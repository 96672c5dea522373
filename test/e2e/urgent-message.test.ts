import type { Browser } from 'playwright-core';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, startPortal, watchCsp } from '../helpers/browser.ts';
import { type SignedIn, signIn } from '../helpers/users.ts';
import { addMember, buildWorld } from '../helpers/world.ts';

t.test('a contact point sends an urgent operational message from the directory; another acknowledges it; the board shows it', async (t) => {
  const env = await startPortal(t);
  const { app, database, nextCode, base, clock } = env;
  const world = await buildWorld(env);
  const gtmContact = await signIn(app, database.db, clock, { country: 'GTM', language: 'en' });
  await database.db.updateTable('appUser').set({ displayName: 'Rosa Ajú' }).where('id', '=', gtmContact.user.id).execute();
  const mexContact = await signIn(app, database.db, clock, { country: 'MEX' });
  await addMember(env, world, gtmContact, 'contact_point');
  await addMember(env, world, mexContact, 'contact_point');
  // The portal's job workers, played by the test: the fan-out and the mail run while the pages wait.
  env.workJobs();
  const browser = await launchBrowser(t);
  const open = async (browser: Browser, who: SignedIn, locale: string, path: string) => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const csp = await watchCsp(page);
    await page.goto(`${base}${path}`);
    const es = locale.startsWith('es');
    await page.getByLabel(es ? 'Correo electrónico' : 'E-mail').fill(who.user.email);
    await page.getByLabel(es ? 'Contraseña' : 'Password', { exact: true }).fill(who.user.password);
    await page.getByRole('button', { name: es ? 'Iniciar sesión' : 'Sign in', exact: true }).click();
    await page.getByLabel(es ? 'Código de verificación' : 'Verification code').fill(nextCode(who.user.totpSecret!));
    await page.getByRole('button', { name: es ? 'Verificar' : 'Verify' }).click();
    return { page, csp };
  };

  // Costa Rica's contact point, in Spanish, writes to Guatemala's contact point from the directory.
  const sender = await open(browser, world.contact, 'es-ES', '/directory');
  const sp = sender.page;
  await sp.getByRole('heading', { level: 1, name: 'Directorio' }).waitFor();
  await sp.getByRole('button', { name: 'Mensaje operativo urgente' }).click();
  const form = sp.getByRole('region', { name: 'Mensaje operativo urgente a los puntos de contacto' });
  await form.getByLabel('Asunto').fill('Cierre temporal del paso Tecún Umán');
  await form.getByLabel('Mensaje').fill('Desde las 18:00 el paso queda cerrado; desvíen los controles a El Carmen.');
  await form.getByText('Se enviará a los puntos de contacto y suplentes de todos los países de la red.').waitFor();
  await form.getByLabel('Guatemala').check();
  await form.getByText('Se enviará a los puntos de contacto y suplentes de: Guatemala.').waitFor();
  t.same(await accessibilityViolations(sp), [], 'the message form: no WCAG 2.1 AA violations');
  await screenshot(sp, 'urgent-message-form');
  await form.getByRole('button', { name: 'Enviar el mensaje urgente' }).click();
  await sp.getByRole('heading', { level: 1, name: 'Cierre temporal del paso Tecún Umán' }).waitFor();
  await sp.getByText('Mensaje operativo a los puntos de contacto').first().waitFor();
  const board = sp.getByRole('region', { name: 'Entrega' });
  const rosa = board.getByRole('row').filter({ hasText: 'Rosa Ajú' });
  await rosa.waitFor();
  t.equal(await board.getByRole('row').filter({ hasText: 'Test Officer' }).count(), 0, 'no officer among the recipients');

  // Guatemala's contact point, in English: the message in the inbox, marked, acknowledged.
  const recipient = await open(browser, gtmContact, 'en-GB', '/alerts');
  const rp = recipient.page;
  const row = rp.getByRole('listitem').filter({ hasText: 'Cierre temporal del paso Tecún Umán' });
  await row.getByText('Operational message to the contact points').waitFor();
  await row.getByRole('link', { name: 'Cierre temporal del paso Tecún Umán' }).click();
  await rp.getByRole('heading', { level: 1, name: 'Cierre temporal del paso Tecún Umán' }).waitFor();
  await rp.getByText('desvíen los controles a El Carmen', { exact: false }).waitFor();
  await rp.getByRole('region', { name: 'Acknowledge receipt' }).getByRole('button', { name: 'Acknowledge' }).click();
  await rp.getByRole('status').filter({ hasText: 'Receipt acknowledged. The issuer can see it.' }).waitFor();
  await screenshot(rp, 'urgent-message-recipient');

  // The sender's board: acknowledged.
  await board.getByRole('status').filter({ hasText: 'Acusó recibo: Rosa Ajú.' }).waitFor();
  await screenshot(sp, 'urgent-message-board');
  t.same(sender.csp, [], 'no CSP violation (sender)');
  t.same(recipient.csp, [], 'no CSP violation (recipient)');
});
