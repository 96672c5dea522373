import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, watchCsp } from '../helpers/browser.ts';
import { specimenCalls } from '../helpers/specimens.ts';
import { buildWorld } from '../helpers/world.ts';

t.test('an officer reports a stolen passport by its number, without an image; the number check then finds it', async (t) => {
  const env = await startPortal(t);
  const { database, signInOnPage, base } = env;
  const world = await buildWorld(env);
  await database.db.updateTable('appUser').set({ displayName: 'Ana Rojas', language: 'en' }).where('id', '=', world.officer.user.id).execute();

  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  const user = world.officer.user;

  await page.goto(`${base}/specimens/new`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await signInOnPage(page, user, 'en');

  await page.getByRole('heading', { level: 2, name: 'Step 1 of 5: Document' }).waitFor();
  await page.getByLabel('Document type').selectOption({ label: 'Passport' });
  await page.getByLabel('Issuing country or organisation').selectOption('CRI');
  await page.getByLabel('Category').selectOption({ label: 'Stolen' });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { level: 2, name: 'Step 2 of 5: Security features' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('heading', { level: 2, name: 'Step 3 of 5: Detection and description' }).waitFor();
  await page.getByText('For a status report: the date the document was lost, stolen or revoked.').waitFor();
  await page.getByLabel('Date of detection').fill('2026-01-05');
  await page.getByLabel('Description', { exact: true }).fill('Passport stolen with its holder’s luggage; reported at the consulate.');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { level: 2, name: 'Step 4 of 5: Handling' }).waitFor();
  await page.locator('input[name="tlp"][value="GREEN"]').check();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('heading', { level: 2, name: 'Step 5 of 5: Images' }).waitFor();
  await page.getByText('Images are optional for a status report').waitFor();
  await page.getByText('No images. A status report can be submitted without them, by its document number.').waitFor();
  t.same(await accessibilityViolations(page), [], 'images step of a status report: no WCAG 2.1 AA violations');
  await screenshot(page, 'specimen-wizard-status-report-en');

  // Without images the number is what it is found by: asked for before anything is sent.
  await page.getByRole('button', { name: 'Submit for validation' }).click();
  await page.getByRole('alert').filter({ hasText: 'A status report without images needs its document number.' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Step 3 of 5: Detection and description' }).waitFor();
  await settles(t, () => page.evaluate('document.activeElement?.getAttribute("name")'), 'documentNumber', 'the number field has the focus');
  t.equal(
    await database.db
      .selectFrom('item')
      .select('id')
      .where('originatorId', '=', user.id)
      .execute()
      .then((r) => r.length),
    0,
    'nothing saved',
  );

  await page.getByLabel('Document number (optional)').fill('R 5550123');
  await page.getByRole('button', { name: '5 Images' }).click();
  await page.getByRole('button', { name: 'Submit for validation' }).click();
  await page.getByRole('status').filter({ hasText: 'Submitted for validation.' }).waitFor();
  const id = new URL(page.url()).pathname.split('/')[2]!;
  t.match(id, /^[0-9a-f-]{36}$/, 'submitting without an image opens the specimen');

  const calls = specimenCalls(env, world);
  t.equal((await calls.step(world.contact, id, 'publish')).statusCode, 200, 'the contact point publishes it');
  t.same((await calls.check(world.foreign, 'CRI', 'R5550123')).json(), { hit: true, items: [id], withheld: false }, 'found by its number');
  t.same(csp, [], 'no CSP violation');
});
