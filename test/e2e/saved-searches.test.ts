import type { Page } from 'playwright-core';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, watchCsp } from '../helpers/browser.ts';
import { publishedSpecimen } from '../helpers/specimens.ts';
import type { UserFixture } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

const WORD = 'zarzamora';
const NAME = 'Pasaportes con zarzamora';

t.test('an officer saves a search; a matching specimen is published; the bell shows it live and leads to the specimen', async (t) => {
  const env = await startPortal(t);
  const { app, database, signInOnPage, base, smtp } = env;
  const db = database.db;
  const world = await buildWorld(env);
  await db.updateTable('appUser').set({ displayName: 'Pedro Sic', language: 'en' }).where('id', '=', world.foreign.user.id).execute();

  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  const signIn = async (p: Page, user: UserFixture) => {
    await signInOnPage(p, user, 'en');
  };
  const noViolations = async (what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);

  // --- The search, with words and a facet, saved under a name with mail.
  await page.goto(`${base}/specimens`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await signIn(page, world.foreign.user);
  await page.getByRole('heading', { level: 1, name: 'Document specimens' }).waitFor();
  const bell = page.getByRole('link', { name: /^Notifications/ });
  await bell.waitFor();
  t.equal(await bell.textContent(), 'Notifications', 'the bell, nothing unread');
  await page.getByRole('search', { name: 'Search the specimens' }).getByLabel('Keywords').fill(WORD);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByText('Save this search').click();
  const form = page.locator('.save-search-form');
  await form.getByLabel('Name of the search').fill(NAME);
  await form.getByRole('radio', { name: 'In the portal and by e-mail' }).check();
  await noViolations('search page, saving a search');
  await screenshot(page, 'saved-search-save-en');
  await form.getByRole('button', { name: 'Save the search' }).click();
  await form
    .getByRole('status')
    .filter({ hasText: `Search “${NAME}” saved.` })
    .waitFor();
  t.notMatch(page.url(), WORD, 'the words are not in the address');

  // --- My saved searches.
  await form.getByRole('link', { name: 'See my saved searches' }).click();
  await page.getByRole('heading', { level: 1, name: 'My saved searches' }).waitFor();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: NAME }) });
  await card.getByText(`“${WORD}”`).waitFor();
  t.equal(await card.getByRole('radio', { name: 'In the portal and by e-mail' }).isChecked(), true);
  await card.getByRole('button', { name: 'Show what it finds now' }).click();
  await card.getByRole('status').filter({ hasText: '0 published specimens found' }).waitFor();
  await noViolations('my saved searches');
  await screenshot(page, 'saved-searches-en');
  t.notMatch(page.url(), WORD);

  // --- A matching specimen is published (through the API); the job runs: the bell shows 1 without a reload.
  let loads = 0;
  page.on('load', () => (loads += 1));
  const mailsBefore = smtp.messages.length;
  const id = await publishedSpecimen(env, world, { description: `Counterfeit passport: a ${WORD} pattern under UV light.` });
  await app.jobs.drain();
  await settles(t, () => bell.textContent(), 'Notifications1 unread', 'the bell shows one unread notice');
  t.equal(loads, 0, 'live: no reload');

  // --- The notice leads to the specimen, and is read.
  await bell.click();
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  const notice = page.locator('.notification').first();
  await notice.getByText(`A new specimen matches your saved search “${NAME}”.`).waitFor();
  await page.getByText('1 notification · 1 unread').waitFor();
  await noViolations('notifications');
  await screenshot(page, 'notifications-en');
  await notice.getByRole('link', { name: 'Open the specimen' }).click();
  await page.waitForURL(`${base}/specimens/${id}`);
  await page.getByRole('heading', { level: 1, name: /Passport/ }).waitFor();
  await settles(t, () => bell.textContent(), 'Notifications', 'read: the count is gone');

  // --- The mail says nothing restricted.
  const [mail] = (await smtp.received(mailsBefore + 1)).slice(mailsBefore);
  t.equal(mail!.subject, 'Enlace: a new item matches your saved search');
  for (const restricted of [WORD, NAME, id]) t.notMatch(mail!.text, restricted);
  t.match(mail!.text, '/notifications');

  // --- The mail preference, on the notifications page.
  await bell.click();
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  const savedSearchMail = page.getByRole('group', { name: /New matches of my saved searches/ });
  t.equal(await savedSearchMail.getByRole('radio', { name: 'An e-mail at once' }).isChecked(), true);
  await savedSearchMail.getByRole('radio', { name: 'No e-mail' }).check();
  await page.getByRole('group', { name: 'Sightings reported on my items' }).getByRole('radio', { name: 'In a weekly summary' }).check();
  await page.getByRole('button', { name: 'Save my choices' }).click();
  await page.getByRole('status').filter({ hasText: 'Your choices are saved.' }).waitFor();
  await screenshot(page, 'notification-preferences-en');
  const prefs = await app.inject({ method: 'GET', url: '/api/me/notification-preferences', headers: world.foreign.headers });
  t.match(prefs.json().preferences, [{ kind: 'saved_search', mail: 'off' }, {}, {}, {}, {}, { kind: 'sighting', mail: 'digest' }]);
  await noViolations('notifications, mail choice saved');

  // Narrow screen: the bell stays beside the name.
  await page.setViewportSize({ width: 390, height: 844 });
  await bell.waitFor();
  await screenshot(page, 'notifications-phone-en');
  t.same(csp, [], 'no CSP violation');
});
