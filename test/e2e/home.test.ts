import type { Page } from 'playwright-core';
import t from 'tap';
import { alertBody } from '../helpers/alerts.ts';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, watchCsp } from '../helpers/browser.ts';
import { specimenCalls } from '../helpers/specimens.ts';
import type { SignedIn } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

t.test('the home page of tasks: what waits for the contact point, the menu count, only the cards each role may open', async (t) => {
  const env = await startPortal(t);
  const { app, signInOnPage, base } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  await env.database.db
    .updateTable('appUser')
    .set({ displayName: 'Carlos Jiménez', language: 'en' })
    .where('id', '=', world.contact.user.id)
    .execute();
  await env.database.db.updateTable('appUser').set({ language: 'en' }).where('id', '=', world.auditor.user.id).execute();

  // Four specimens submitted by the officer wait for the contact point; a warning alert waits too.
  for (let i = 0; i < 4; i++) {
    const created = await calls.create(world.officer, { tlp: 'AMBER', documentType: i % 2 ? 'identity_card' : 'passport' });
    t.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    t.equal((await calls.images(world.officer, id, ['front'])).statusCode, 201);
    t.equal((await calls.step(world.officer, id, 'submit')).statusCode, 200);
    env.clock.advance(60_000);
  }
  const warning = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { severity: 'warning', title: 'Sellado: no debe verse en el inicio' }),
  });
  t.equal(warning.statusCode, 201, warning.body);

  const browser = await launchBrowser(t);
  const signIn = async (page: Page, who: SignedIn, language: 'es' | 'en') => {
    await signInOnPage(page, who.user, language);
  };
  const noViolations = async (page: Page, what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);

  // --- The contact point, in English.
  const contactContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const contact = await contactContext.newPage();
  const contactCsp = await watchCsp(contact);
  await contact.goto(`${base}/signin`);
  await signIn(contact, world.contact, 'en');
  await contact.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  await contact.getByText('Signed in as Carlos Jiménez.', { exact: false }).waitFor();
  const waiting = contact.getByRole('region', { name: 'Waiting for you' });
  const specimensTile = waiting.getByRole('link', { name: /specimens to validate$/ });
  await waiting.getByRole('link', { name: '4 specimens to validate' }).waitFor();
  await waiting.getByRole('link', { name: '1 alert to validate' }).waitFor();
  const nav = contact.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Validation 4 waiting for you' }).waitFor();
  const toValidate = contact.getByRole('region', { name: 'To validate, longest waiting first' });
  t.same(
    await toValidate.locator('.task-item > a').allTextContents(),
    ['Passport · Costa Rica', 'Identity card · Costa Rica', 'Passport · Costa Rica', 'Identity card · Costa Rica', 'Alert from Costa Rica'],
    'the longest waiting first, named from what is in clear',
  );
  t.equal(await contact.getByText('Sellado').count(), 0, 'no sealed title on the home page');
  await contact.getByRole('region', { name: 'Loading deadlines of your spaces' }).getByText('Late', { exact: true }).waitFor();
  t.equal(await contact.getByRole('link', { name: 'Audit log' }).count(), 0, 'no audit card for a contact point');
  await contact.getByRole('region', { name: 'Where to go' }).getByRole('link', { name: 'Validation' }).waitFor();
  await noViolations(contact, 'home of a contact point (en)');
  await screenshot(contact, 'home-contact-en');

  // Live: an urgent alert published at once waits for the contact point's review, and the home page says so without a reload.
  let loads = 0;
  contact.on('load', () => (loads += 1));
  const urgent = await app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: alertBody(env, world, { targetCountries: ['CRI'], title: 'Sellado: urgente' }),
  });
  t.equal(urgent.statusCode, 201, urgent.body);
  await app.jobs.drain();
  await waiting.getByRole('link', { name: '1 urgent alert to review' }).waitFor();
  await waiting.getByRole('link', { name: '1 unread alert' }).waitFor();
  // Live: the officer submits a fifth specimen; the count on the page and beside the menu follow.
  const fifth = await calls.create(world.officer, { tlp: 'GREEN' });
  t.equal((await calls.images(world.officer, fifth.json().id, ['front'])).statusCode, 201);
  t.equal((await calls.step(world.officer, fifth.json().id, 'submit')).statusCode, 200);
  await waiting.getByRole('link', { name: '5 specimens to validate' }).waitFor();
  await nav.getByRole('link', { name: 'Validation 5 waiting for you' }).waitFor();
  t.equal(loads, 0, 'the counts came live, not by reloading the page');
  await screenshot(contact, 'home-contact-live-en');

  // The tile opens the queue.
  await specimensTile.click();
  await contact.getByRole('heading', { level: 1, name: 'Validation queue' }).waitFor();
  await contact.getByRole('status').filter({ hasText: '5 specimens awaiting validation' }).waitFor();
  t.equal(await nav.getByRole('link', { name: 'Validation 5 waiting for you' }).getAttribute('aria-current'), 'page');

  // In Spanish.
  await nav.getByRole('link', { name: 'Home' }).click();
  await contact.getByRole('button', { name: 'Español' }).click();
  await contact.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
  await contact.getByRole('region', { name: 'Espera por usted' }).getByRole('link', { name: '5 especímenes por validar' }).waitFor();
  await contact.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Validación 5 esperan por usted' }).waitFor();
  await contact.getByRole('region', { name: 'Plazos de carga de sus espacios' }).getByText('Vencido', { exact: true }).waitFor();
  await noViolations(contact, 'home of a contact point (es)');
  await screenshot(contact, 'home-contact-es');
  const phone = await contactContext.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(base);
  await phone.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
  await phone.getByRole('link', { name: '5 especímenes por validar' }).waitFor();
  t.same(
    await phone.evaluate(
      `[...document.querySelectorAll('.task-list')].filter((s) => s.getBoundingClientRect().right > s.parentElement.getBoundingClientRect().right + 0.5).length`,
    ),
    0,
    'each task list fits the phone’s column',
  );
  await screenshot(phone, 'home-contact-es-mobile');
  // The specimens' tabs, the validation queue's included, wrap on a phone instead of widening the page.
  await phone.getByRole('link', { name: '5 especímenes por validar' }).click();
  await phone.getByRole('link', { name: 'Mis búsquedas guardadas' }).waitFor();
  t.ok(await phone.evaluate('document.documentElement.scrollWidth <= innerWidth'), 'the specimens’ tabs fit a phone');
  await screenshot(phone, 'specimens-tabs-es-mobile');
  t.same(contactCsp, [], 'no CSP violation (contact point)');

  // --- The officer, in Spanish: its own items, no validation, no audit card.
  const officerContext = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const officer = await officerContext.newPage();
  const officerCsp = await watchCsp(officer);
  await officer.goto(`${base}/signin`);
  await signIn(officer, world.officer, 'es');
  await officer.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
  await officer.getByRole('region', { name: 'Sus últimos elementos' }).waitFor();
  t.equal(await officer.getByRole('link', { name: /por validar/ }).count(), 0, 'nothing to validate for an officer');
  t.equal(await officer.getByRole('link', { name: 'Registro de auditoría' }).count(), 0, 'no audit card for an officer');
  t.equal(await officer.getByRole('heading', { name: 'Registro de auditoría' }).count(), 0, 'nor the signed-out text about the audit trail');
  await noViolations(officer, 'home of an officer (es)');
  await screenshot(officer, 'home-officer-es');
  t.same(officerCsp, [], 'no CSP violation (officer)');

  // --- The auditor, in English: the audit console's cards, nothing of items.
  const auditorContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const auditor = await auditorContext.newPage();
  const auditorCsp = await watchCsp(auditor);
  await auditor.goto(`${base}/signin`);
  await signIn(auditor, world.auditor, 'en');
  await auditor.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  const go = auditor.getByRole('region', { name: 'Where to go' });
  await go.getByRole('link', { name: 'Audit log' }).waitFor();
  t.same(
    await go.getByRole('link').allTextContents(),
    ['Audit log', 'Integrity', 'Anomalies', 'My profile', 'Sessions'],
    'the auditor has the audit console',
  );
  await settles(t, () => auditor.getByRole('region', { name: 'Waiting for you' }).count(), 0, 'no tasks of items for an auditor');
  await noViolations(auditor, 'home of an auditor (en)');
  await screenshot(auditor, 'home-auditor-en');
  t.same(auditorCsp, [], 'no CSP violation (auditor)');
});
