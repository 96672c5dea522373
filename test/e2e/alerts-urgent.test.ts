import type { Page } from 'playwright-core';
import t from 'tap';
import { alertBody } from '../helpers/alerts.ts';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, until, watchCsp } from '../helpers/browser.ts';
import type { SignedIn, UserFixture } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

// The browser's desktop notifications, recorded instead of shown, and a page the person is not
// looking at (a notification is only for then). Page-side code as text: the server's tsconfig has no DOM types.
const FAKE_NOTIFICATIONS = `
  window.__notes = [];
  class FakeNotification {
    static permission = 'default';
    static requestPermission() { FakeNotification.permission = 'granted'; return Promise.resolve('granted'); }
    constructor(title, options) { window.__notes.push({ title, body: (options && options.body) || '', tag: (options && options.tag) || '' }); }
    close() {}
  }
  window.Notification = FakeNotification;
  document.hasFocus = () => false;
`;

t.test(
  'an urgent alert published while its target is on the specimen list: a banner on every screen and a count in the tab until it is opened; others in the space see nothing',
  async (t) => {
    const env = await startPortal(t);
    const { app, database, signInOnPage, base } = env;
    const db = database.db;
    const world = await buildWorld(env);
    await db.updateTable('appUser').set({ displayName: 'Pedro Sic', language: 'en' }).where('id', '=', world.foreign.user.id).execute();
    await db.updateTable('appUser').set({ language: 'en' }).where('id', '=', world.contact.user.id).execute();

    // The portal's job workers, played by the test: the fan-out and the mail run while the pages wait.
    env.workJobs();
    const publish = async (who: SignedIn, title: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/alerts',
        headers: who.headers,
        payload: alertBody(env, world, { title, targetCountries: ['GTM'], tlp: 'GREEN' }),
      });
      if (res.statusCode !== 201) throw new Error(`POST /api/alerts: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };

    const browser = await launchBrowser(t);
    const open = async (user: UserFixture, locale: string) => {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const csp = await watchCsp(page);
      await page.addInitScript({ content: FAKE_NOTIFICATIONS });
      await page.goto(`${base}/specimens`);
      await signInOnPage(page, user, 'en');
      await page.getByRole('heading', { level: 1, name: /specimens/i }).waitFor();
      return { page, csp };
    };
    const title = (page: Page) => page.evaluate('document.title') as Promise<string>;
    const banner = (page: Page) => page.getByRole('region', { name: 'Urgent alerts' });

    // Guatemala's officer (a target) and Costa Rica's contact point (in the space, not a target), both on the specimen list.
    const { page: officer, csp: officerCsp } = await open(world.foreign.user, 'en-GB');
    const { page: bystander, csp: bystanderCsp } = await open(world.contact.user, 'en-GB');
    await officer.getByRole('link', { name: 'Alerts', exact: true }).waitFor();
    const listTitle = await title(officer);
    t.notMatch(listTitle, /⚠/, 'nothing urgent yet');
    t.equal(await banner(officer).count(), 0);
    let loads = 0;
    officer.on('load', () => (loads += 1));

    // Costa Rica's officer publishes an urgent alert for Guatemala (through the API, as the composer does).
    const first = 'Visas falsas en La Aurora';
    const firstId = await publish(world.officer, first);
    await banner(officer)
      .getByRole('alert')
      .filter({ hasText: `Urgent alert not opened yet: ${first}` })
      .waitFor();
    t.equal(loads, 0, 'it arrived live, without a reload');
    await settles(t, () => title(officer), `(1) ⚠ ${listTitle}`, 'the tab counts it, and says nothing of it');
    await officer.getByRole('link', { name: 'Alerts 1 unread' }).waitFor();
    t.equal(await banner(bystander).count(), 0, 'a member of the space not targeted gets no banner');
    t.equal(await title(bystander), listTitle, 'nor a mark in the tab');

    // It stays: on another screen, and after a reload (the server's inbox, not the live event).
    await officer.getByRole('link', { name: 'Home' }).click();
    await officer.waitForURL(`${base}/`);
    await banner(officer).getByRole('link', { name: first }).waitFor();
    await officer.reload();
    await banner(officer).getByRole('link', { name: first }).waitFor();
    await until(async () => (await title(officer)).startsWith('(1) ⚠ '), 'the tab keeps its mark after a reload');

    // Sound and desktop notifications, turned on from the banner (a click: what lets the page ask).
    const desktop = banner(officer).getByRole('button', { name: 'Desktop notification' });
    t.equal(await desktop.getAttribute('aria-pressed'), 'false');
    await desktop.click();
    await settles(t, () => desktop.getAttribute('aria-pressed'), 'true', 'desktop notifications on');
    const sound = banner(officer).getByRole('button', { name: 'Sound' });
    await sound.click();
    await settles(t, () => sound.getAttribute('aria-pressed'), 'true', 'sound on');

    const second = 'Sellos de entrada alterados en Tecún Umán';
    // The portal's clock stands still in tests: a minute later, so that this one is the newest.
    env.clock.advance(60_000);
    const secondId = await publish(world.officer, second);
    await banner(officer)
      .getByRole('alert')
      .filter({ hasText: `2 urgent alerts not opened yet. The newest: ${second}` })
      .waitFor();
    await until(async () => (await title(officer)).startsWith('(2) ⚠ '), 'the tab counts two');
    t.notMatch(await title(officer), /Aurora|Tecún/, 'no alert’s title in the tab');
    const notes = await settles(
      t,
      () => officer.evaluate('window.__notes') as Promise<{ title: string; body: string; tag: string }[]>,
      [{ title: 'Urgent alert in Enlace', body: 'Open the portal to read it.', tag: 'enlace-urgent-alert' }],
      'one desktop notification, with no content',
    );
    t.notMatch(JSON.stringify(notes), /Aurora|Tecún|Sellos/);
    t.same(await bystander.evaluate('window.__notes'), [], 'none for the member not targeted');
    t.same(await accessibilityViolations(officer), [], 'the banner: no WCAG 2.1 AA violations (en)');
    await screenshot(officer, 'alerts-urgent-banner-en');

    // In Spanish, and on a phone.
    await officer.getByRole('button', { name: 'Español' }).click();
    const bandera = officer.getByRole('region', { name: 'Alertas urgentes' });
    await bandera
      .getByRole('alert')
      .filter({ hasText: `2 alertas urgentes sin abrir. La más reciente: ${second}` })
      .waitFor();
    await bandera.getByRole('link', { name: 'verlas en la bandeja' }).waitFor();
    await bandera.getByRole('button', { name: 'Sonido' }).waitFor();
    t.same(await accessibilityViolations(officer), [], 'the banner: no WCAG 2.1 AA violations (es)');
    await screenshot(officer, 'alerts-urgent-banner-es');
    await officer.setViewportSize({ width: 390, height: 844 });
    t.ok(await officer.evaluate('document.documentElement.scrollWidth <= innerWidth'), 'the banner fits a phone');
    await screenshot(officer, 'alerts-urgent-banner-es-mobile');
    await officer.setViewportSize({ width: 1280, height: 900 });

    // Opening each clears it: the newest from the banner, then the other.
    await bandera.getByRole('link', { name: second }).click();
    await officer.getByRole('heading', { level: 1, name: second }).waitFor();
    t.match(officer.url(), secondId);
    await bandera
      .getByRole('alert')
      .filter({ hasText: `Alerta urgente sin abrir: ${first}` })
      .waitFor();
    await until(async () => (await title(officer)).startsWith('(1) ⚠ '), 'one left');
    await bandera.getByRole('link', { name: first }).click();
    await officer.getByRole('heading', { level: 1, name: first }).waitFor();
    t.match(officer.url(), firstId);
    await until(async () => (await bandera.count()) === 0, 'the banner is gone once both are opened');
    await until(async () => !(await title(officer)).includes('⚠'), 'and so is the mark in the tab');
    await officer.goto(`${base}/specimens`);
    await officer.getByRole('heading', { level: 1 }).waitFor();
    t.equal(await bandera.count(), 0, 'and it does not come back');
    const readRows = await db.selectFrom('alertRecipient').select('readAt').where('userId', '=', world.foreign.user.id).execute();
    t.ok(readRows.length === 2 && readRows.every((r) => r.readAt), 'both read on the server');

    // Costa Rica's contact point, not notified, reads the alert all the same, and follows its delivery
    // (a validator of the issuing country): the targets first, filtered by the server.
    await bystander.goto(`${base}/alerts/${firstId}`);
    await bystander.getByRole('heading', { level: 1, name: first }).waitFor();
    t.equal(await bystander.getByRole('region', { name: 'Acknowledge receipt' }).count(), 0, 'nothing for them to acknowledge');
    const board = bystander.getByRole('region', { name: 'Delivery' });
    const pedro = board.getByRole('row').filter({ hasText: 'Pedro Sic' });
    await pedro.getByText('Target country').waitFor();
    const filters = board.getByRole('group', { name: 'Filter the recipients' });
    await filters.getByLabel('Target').selectOption('other');
    await board.getByText('No recipient matches these filters.').waitFor();
    await board.getByRole('status').filter({ hasText: '0 of 1 recipients shown, targeted first' }).waitFor();
    await filters.getByLabel('Target').selectOption('targeted');
    await filters.getByLabel('Acknowledged').selectOption('false');
    await pedro.waitFor();
    t.same(await accessibilityViolations(bystander), [], 'the delivery board with its filters: no WCAG 2.1 AA violations');
    await screenshot(bystander, 'alert-delivery-board-filters-en');

    t.same(officerCsp, [], 'no CSP violation (target)');
    t.same(bystanderCsp, [], 'no CSP violation (bystander)');
  },
);
