import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, watchCsp } from '../helpers/browser.ts';
import { buildWorld } from '../helpers/world.ts';

/** Where the focus is: the element's tag and text, and whether it is inside the element with this id. */
const focus = (insideId: string) =>
  `(() => { const el = document.activeElement; return { tag: el.tagName, text: el.textContent.trim(), inside: !!document.getElementById(${JSON.stringify(insideId)})?.contains(el) }; })()`;

t.test('on a phone the header is one compact bar; its Menu button shows the navigation, the space, the language and the account', async (t) => {
  const env = await startPortal(t);
  const { database, signInOnPage, base } = env;
  const world = await buildWorld(env);
  await database.db.updateTable('appUser').set({ displayName: 'Ana Rojas', language: 'en' }).where('id', '=', world.officer.user.id).execute();

  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  const header = page.locator('header.masthead');
  const menuButton = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  const headerHeight = async () => (await header.boundingBox())?.height ?? Number.POSITIVE_INFINITY;

  // A visitor: the name and the Menu button, nothing else in the bar.
  await page.goto(base);
  await page.getByRole('heading', { level: 1, name: 'Welcome to Enlace' }).waitFor();
  t.ok((await headerHeight()) <= 80, `the header of a visitor is compact (${await headerHeight()} px)`);
  t.equal(await menuButton.getAttribute('aria-expanded'), 'false');
  t.equal(await nav.isVisible(), false, 'the navigation waits behind the button');
  t.same(await accessibilityViolations(page), [], 'a visitor’s phone header: no WCAG 2.1 AA violations');
  await menuButton.click();
  await nav.getByRole('link', { name: 'Home' }).waitFor();
  t.ok(await page.getByRole('group', { name: 'Language' }).isVisible(), 'the language switch is in the menu');
  t.ok(await header.getByRole('link', { name: 'Sign in' }).isVisible(), 'and the way to sign in');
  await screenshot(page, 'phone-visitor-menu-en');

  // Signed in.
  await page.goto(`${base}/signin`);
  await signInOnPage(page, world.officer.user, 'en');
  await settles(t, () => page.evaluate('location.pathname'), '/', 'signed in, at home');
  await page.locator('.account-name').waitFor({ state: 'attached' });
  t.ok((await headerHeight()) <= 80, `the header of an officer is compact (${await headerHeight()} px of 844)`);
  t.equal(await nav.isVisible(), false);
  t.equal(await page.locator('.account-name').isVisible(), false, 'the account is in the menu too');
  t.same(await accessibilityViolations(page), [], 'the phone header, closed: no WCAG 2.1 AA violations');
  await screenshot(page, 'phone-home-en');

  // By keyboard: Enter opens it, the focus stays on the button, the next Tab goes into the menu.
  const menuId = (await menuButton.getAttribute('aria-controls')) ?? '';
  t.match(menuId, /\S/, 'the button names the menu it controls');
  await menuButton.focus();
  await page.keyboard.press('Enter');
  await settles(t, () => menuButton.getAttribute('aria-expanded'), 'true', 'Enter opens the menu');
  await nav.getByRole('link', { name: 'Specimens' }).waitFor();
  t.same(
    await nav.getByRole('link', { includeHidden: true }).allTextContents(),
    [
      'Home',
      'Spaces',
      'Alerts',
      'Specimens',
      'Reports',
      'Persons',
      'Search',
      'Number check',
      'Returns',
      'Commitments',
      'Entry requirements',
      'Directory',
      'Meetings',
      'Library',
    ],
    'the whole navigation is in the menu',
  );
  t.ok(await page.getByRole('button', { name: /Current space/ }).isVisible(), 'the space switcher is in the menu');
  t.ok(await page.getByRole('group', { name: 'Language' }).isVisible(), 'so is the language');
  t.ok(await page.locator('.account-name').isVisible(), 'and the account');
  t.same(await page.evaluate(focus(menuId)), { tag: 'BUTTON', text: 'Menu', inside: false }, 'the focus stays on the button');
  await page.keyboard.press('Tab');
  t.equal(((await page.evaluate(focus(menuId))) as { inside: boolean }).inside, true, 'the next Tab is in the menu');
  t.same(await accessibilityViolations(page), [], 'the phone menu, open: no WCAG 2.1 AA violations');
  await screenshot(page, 'phone-menu-open-en');

  // The space switcher inside: its Escape closes it alone; the next one closes the menu and the focus goes back to the button.
  const switcher = page.getByRole('button', { name: /Current space/ });
  await switcher.click();
  await page.getByRole('link', { name: 'All my spaces' }).waitFor();
  await screenshot(page, 'phone-menu-switcher-en');
  await page.keyboard.press('Escape');
  await settles(t, () => switcher.getAttribute('aria-expanded'), 'false', 'Escape closes the switcher');
  t.equal(await menuButton.getAttribute('aria-expanded'), 'true', 'the menu stays open');
  t.equal(((await page.evaluate(focus(menuId))) as { text: string }).text.startsWith('Current space'), true, 'the focus is on the switcher');
  await page.keyboard.press('Escape');
  await settles(t, () => menuButton.getAttribute('aria-expanded'), 'false', 'the next Escape closes the menu');
  await settles(t, async () => ((await page.evaluate(focus(menuId))) as { text: string }).text, 'Menu', 'the focus goes back to the button');
  t.equal(await nav.isVisible(), false);

  // Going somewhere closes it; the focus goes to the new screen's heading.
  await menuButton.click();
  await nav.getByRole('link', { name: 'Specimens' }).click();
  await settles(t, () => page.evaluate('location.pathname'), '/specimens');
  await settles(t, () => menuButton.getAttribute('aria-expanded'), 'false', 'moving to another screen closes the menu');
  await settles(t, () => page.evaluate('document.activeElement.tagName'), 'H1', 'the focus is on the new screen’s heading');
  t.ok(await page.evaluate('document.documentElement.scrollWidth <= innerWidth'), 'nothing spills sideways');
  t.ok((await headerHeight()) <= 80, 'still compact');
  t.same(await accessibilityViolations(page), [], 'specimens on a phone: no WCAG 2.1 AA violations');
  await screenshot(page, 'phone-specimens-en');

  // A wide screen: no Menu button, the tools beside the name and the navigation in its row.
  await page.setViewportSize({ width: 1280, height: 800 });
  await nav.waitFor();
  t.equal(await menuButton.isVisible(), false, 'no Menu button on a wide screen');
  t.ok(await page.locator('.account-name').isVisible(), 'the account in the bar');
  const [brand, navBox] = [await page.locator('.brand').boundingBox(), await nav.boundingBox()];
  t.ok(brand && navBox && navBox.y >= brand.y + brand.height, 'the navigation in a row below the name');
  await screenshot(page, 'header-wide-en');

  t.same(csp, [], 'no CSP violation');
});
