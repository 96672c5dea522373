import t from 'tap';
import { runNotifications } from '../../server/features/notifications/service.ts';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, watchCsp } from '../helpers/browser.ts';
import { specimenCalls } from '../helpers/specimens.ts';
import { buildWorld } from '../helpers/world.ts';

const DAY = 86_400_000;

t.test('a contact point sees an item waiting for validation and a deadline drawing near, and follows each', async (t) => {
  const env = await startPortal(t);
  const { app, database, signInOnPage, base } = env;
  const db = database.db;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);

  // The space is due in 14 days and Costa Rica has loaded nothing: reminded; then a specimen of Costa Rica's is submitted.
  const dueOn = new Date(env.clock.now().getTime() + 14 * DAY).toISOString().slice(0, 10);
  await db.updateTable('space').set({ loadingDeadline: dueOn }).where('id', '=', world.spaceId).execute();
  t.match(await runNotifications(app.services), { reminders: 2, notices: 1 });
  env.clock.advance(1000);
  const created = await calls.create(world.officer);
  const id = created.json().id as string;
  await calls.images(world.officer, id, ['front']);
  t.equal((await calls.step(world.officer, id, 'submit')).statusCode, 200);

  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${base}/notifications`);
  await signInOnPage(page, world.contact.user, 'es');

  const bell = page.locator('.bell');
  await settles(t, () => bell.textContent(), 'Notificaciones2 sin leer', 'the bell counts both');
  await bell.click();
  await page.getByRole('heading', { level: 1, name: 'Notificaciones' }).waitFor();
  const notices = page.locator('.notification');
  await notices.filter({ hasText: `Un elemento de su país espera su validación: espécimen ${id.slice(0, 8)}.` }).waitFor();
  const deadline = notices.filter({ hasText: 'La carga del espacio «Espacio» vence el' });
  await deadline.waitFor();
  t.same(await accessibilityViolations(page), [], 'no WCAG 2.1 AA violations');
  await screenshot(page, 'notifications-kinds-es');

  await deadline.getByRole('link', { name: 'Abrir el espacio' }).click();
  await page.waitForURL(`${base}/spaces/${world.spaceId}`);
  await settles(t, () => bell.textContent(), 'Notificaciones1 sin leer', 'read once opened');
  await bell.click();
  await notices.filter({ hasText: 'espera su validación' }).getByRole('link', { name: 'Abrir el espécimen' }).click();
  await page.waitForURL(`${base}/specimens/${id}`);
  await settles(t, () => bell.textContent(), 'Notificaciones', 'all read');
  t.same(csp, [], 'no CSP violation');
});
