import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { accessibilityViolations, launchBrowser, screenshot, settles, WEB_DIST, watchCsp } from '../helpers/browser.ts';

t.test('the home page switches between Spanish and English and remembers the choice', async (t) => {
  const { app } = await buildTestApp(t, { config: { webDir: WEB_DIST } });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cspViolations = await watchCsp(page);

  await page.goto(base);
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor();
  t.equal(await heading.textContent(), 'Bienvenido a Enlace');
  t.equal(await page.getAttribute('html', 'lang'), 'es');
  await page.getByRole('status').filter({ hasText: 'Servicio disponible' }).waitFor();
  t.same(await accessibilityViolations(page), [], 'no WCAG 2.1 AA violations (es)');
  await screenshot(page, 'home-es');

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welcome to Enlace' }).waitFor();
  await settles(t, () => page.getAttribute('html', 'lang'), 'en');
  t.equal(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
  t.same(await accessibilityViolations(page), [], 'no WCAG 2.1 AA violations (en)');
  await screenshot(page, 'home-en');

  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  t.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Welcome to Enlace', 'the choice is remembered');

  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bienvenido a Enlace' }).waitFor();

  const narrow = await browser.newPage({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
  await narrow.goto(base);
  await narrow.getByRole('heading', { level: 1, name: 'Welcome to Enlace' }).waitFor();
  await screenshot(narrow, 'home-en-mobile');

  t.same(cspViolations, [], 'the page runs under the strict CSP without a single violation');
});
