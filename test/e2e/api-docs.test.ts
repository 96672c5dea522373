import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { launchBrowser, screenshot, watchCsp } from '../helpers/browser.ts';

t.test('the API documentation renders under the strict CSP and shows every operation its error answer', async (t) => {
  const { app } = await buildTestApp(t);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchBrowser(t);
  const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const cspViolations = await watchCsp(page);

  await page.goto(`${base}/api/docs/`);
  await page.getByRole('heading', { name: /Enlace API/ }).waitFor();
  const read = page
    .locator('.opblock')
    .filter({ has: page.locator('[data-path="/api/specimens/{id}"]') })
    .filter({ hasText: 'GET' });
  await read.locator('.opblock-summary-control').first().click();
  const responses = read.locator('.responses-table').first();
  await responses.waitFor();
  t.ok(await responses.locator('tr.response[data-code="200"]').isVisible(), 'the read documents its 200');
  const failure = responses.locator('tr.response[data-code="default"]');
  t.ok(await failure.isVisible(), 'and, beside it, the error answer any operation may give');
  t.match(await failure.textContent(), /audit_unavailable/);
  await screenshot(page, 'api-docs');

  t.same(cspViolations, [], 'swagger-ui runs under the portal CSP without a single violation');
});
