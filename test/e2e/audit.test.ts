import { readFile } from 'node:fs/promises';
import type { Download } from 'playwright-core';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, until, watchCsp } from '../helpers/browser.ts';
import { createUser, type UserFixture, type UserOptions } from '../helpers/users.ts';

const readDownload = async (download: Download) => readFile(await download.path(), 'utf8');

t.test('an auditor reads the log, filters it, follows a person, verifies the chain and reviews anomalies, in Spanish and English', async (t) => {
  const { database, clock, config, signInOnPage, base } = await startPortal(t);
  // Anomalies are counted per clock hour: near the end of one, the whole test moves to the next.
  const intoHour = clock.now().getTime() % 3_600_000;
  if (intoHour > 50 * 60_000) clock.advance(3_600_000 - intoHour + 60_000);

  const person = async (displayName: string, options: UserOptions): Promise<UserFixture> => {
    const user = await createUser(database.db, options);
    await database.db.updateTable('appUser').set({ displayName }).where('id', '=', user.id).execute();
    return user;
  };
  const auditor = await person('Marta Solís', { roles: ['auditor'], country: 'SV', organisation: 'Secretaría Virtual' });
  const officer = await person('Ana Rojas', { country: 'CRI' });

  const browser = await launchBrowser(t);

  // --- The officer: a wrong password first, then a real sign-in; the console is not for them.
  const officerContext = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const officerPage = await officerContext.newPage();
  const officerCsp = await watchCsp(officerPage);
  await officerPage.goto(`${base}/signin`);
  await officerPage.getByLabel('Correo electrónico').fill(officer.email);
  await officerPage.getByLabel('Contraseña', { exact: true }).fill('not the password at all');
  await officerPage.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
  await officerPage.getByRole('alert').filter({ hasText: 'El correo, la contraseña o el código no son correctos.' }).waitFor();
  await signInOnPage(officerPage, officer);
  await officerPage.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
  t.same(
    await officerPage.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { includeHidden: true }).allTextContents(),
    ['Inicio', 'Alertas'],
    'no audit console for an officer',
  );
  await officerPage.goto(`${base}/audit`);
  await officerPage.getByRole('heading', { level: 1, name: 'No disponible para usted' }).waitFor();
  await officerPage.getByText('Esta pantalla es para los auditores.').waitFor();
  t.equal(await officerPage.evaluate(`fetch('/api/audit', { headers: { accept: 'application/json' } }).then((r) => r.status)`), 403, 'nor its API');
  // Knocking on the log again and again: with the wrong password, enough denials in one hour to be an anomaly.
  const knocks = config.auditDenialsPerHour - 1;
  t.same(
    await officerPage.evaluate(`Promise.all(Array.from({ length: ${knocks} }, () => fetch('/api/audit?outcome=denied').then((r) => r.status)))`),
    Array(knocks).fill(403),
  );
  // The test clock stands still; the anomaly window ends at "now", exclusive.
  clock.advance(1000);

  // --- The auditor, in Spanish.
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${base}/audit`);
  await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
  await signInOnPage(page, auditor);
  await page.getByRole('heading', { level: 1, name: 'Registro de auditoría' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Navegación principal' });
  t.same(
    await nav.getByRole('link', { includeHidden: true }).allTextContents(),
    ['Inicio', 'Compromisos', 'Requisitos de entrada', 'Reuniones', 'Auditoría'],
    'an auditor has the console in the navigation',
  );
  t.equal(await nav.getByRole('link', { name: 'Auditoría' }).getAttribute('aria-current'), 'page');

  const log = page.getByRole('table', { name: 'Registro de auditoría' });
  const rows = log.locator('tbody').getByRole('row');
  await rows.filter({ hasText: 'Ana Rojas' }).filter({ hasText: 'Inicio de sesión' }).filter({ hasText: 'Permitido' }).first().waitFor();
  t.pass('the officer’s sign-in is in the log, with its action and outcome in words');
  await rows.filter({ hasText: 'Inicio de sesión' }).filter({ hasText: 'Denegado' }).first().waitFor();
  t.pass('and the wrong password, denied');
  const seqs = (await rows.getByRole('rowheader').allTextContents()).map(Number);
  t.ok(seqs.length > 2 && seqs.every((n, i) => i === 0 || n < seqs[i - 1]!), 'newest first');
  t.same(await log.locator('thead th').allTextContents(), [
    'N.º',
    'Hora',
    'Usuario',
    'Acción',
    'Resultado',
    'Objeto',
    'Espacio',
    'Dirección',
    'Detalles',
  ]);
  t.same(await accessibilityViolations(page), [], 'audit log: no WCAG 2.1 AA violations (es)');
  await screenshot(page, 'audit-log-es');

  // One entry's details: request id, user agent, hash.
  const first = rows.filter({ hasText: 'Ana Rojas' }).filter({ hasText: 'Inicio de sesión' }).filter({ hasText: 'Permitido' }).first();
  const firstSeq = await first.getByRole('rowheader').textContent();
  const toggle = page.getByRole('button', { name: `Detalles de la entrada n.º ${firstSeq}` });
  await toggle.click();
  await settles(t, () => toggle.getAttribute('aria-expanded'), 'true');
  const details = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
  t.match(await details.textContent(), /Hash[0-9a-f]{64}/, 'the hash of the entry');
  t.match(await details.textContent(), /HeadlessChrome|Chrome/, 'the user agent');
  await screenshot(page, 'audit-entry-es');
  await toggle.click();
  await settles(t, () => details.isHidden(), true, 'and closed again');

  // Filters: by person, then by outcome; each in the address, so a view can be shared.
  const filters = page.getByRole('search', { name: 'Filtrar el registro' });
  const actorOptions = await filters.getByRole('combobox', { name: 'Usuario', exact: true }).locator('option').allTextContents();
  t.ok(actorOptions.includes(`Ana Rojas (${officer.email})`), 'the people of the log are offered');
  await filters.getByRole('combobox', { name: 'Usuario', exact: true }).selectOption(officer.id);
  await filters.getByRole('button', { name: 'Filtrar' }).click();
  await page.waitForURL(`**/audit?actor=${officer.id}`);
  await page.getByRole('link', { name: 'Quitar los filtros' }).waitFor();
  const actorCells = rows.locator('td.cell-actor');
  await until(async () => (await actorCells.allTextContents()).every((p) => p.startsWith('Ana Rojas')), 'only the officer’s entries are shown');
  t.ok((await actorCells.count()) > 3, 'only the officer’s entries');

  await filters.getByRole('combobox', { name: 'Resultado' }).selectOption({ label: 'Denegado' });
  await filters.getByRole('button', { name: 'Filtrar' }).click();
  await page.waitForURL(`**/audit?actor=${officer.id}&outcome=denied`);
  await until(async () => (await rows.locator('.badge').allTextContents()).every((o) => o === 'Denegado'), 'only denials are shown');
  t.ok(
    (await actorCells.allTextContents()).every((p) => p.startsWith('Ana Rojas')),
    'the officer’s denials only',
  );
  await rows.filter({ hasText: 'Inicio de sesión' }).first().waitFor();
  t.equal(await rows.filter({ hasText: 'Consulta del registro' }).count(), knocks + 1, 'the wrong password, and every knock on the log');
  const exportLink = page.getByRole('link', { name: 'Exportar (JSONL)' });
  t.equal(await exportLink.getAttribute('href'), `/api/audit/export?actor=${officer.id}&outcome=denied`, 'the export takes the same filters');
  t.equal(await exportLink.getAttribute('download'), '', 'and is a download');
  const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
  const lines = (await readDownload(download))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; outcome?: string; action?: string; actorId?: string });
  t.equal(lines[0]?.type, 'header', 'the export opens with its header');
  const exported = lines.filter((l) => l.type === 'entry');
  t.equal(exported.length, await rows.count(), 'one JSON line per entry shown');
  t.ok(
    exported.every((l) => l.outcome === 'denied' && l.actorId === officer.id),
    'filtered as on screen',
  );
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Registro de auditoría' }).waitFor();
  await rows.first().waitFor();
  t.equal(await filters.getByRole('combobox', { name: 'Resultado' }).inputValue(), 'denied', 'a reload keeps the filters');
  t.equal(await filters.getByRole('combobox', { name: 'Usuario', exact: true }).inputValue(), officer.id);
  await screenshot(page, 'audit-log-denied-es');

  await filters.getByLabel('Desde').fill('2030-01-02T10:00');
  await filters.getByLabel('Hasta').fill('2030-01-01T10:00');
  await filters.getByRole('button', { name: 'Filtrar' }).click();
  await page.getByRole('alert').filter({ hasText: '«Hasta» no puede ser anterior a «Desde».' }).waitFor();
  t.equal(await filters.getByLabel('Hasta').getAttribute('aria-invalid'), 'true', 'a period the wrong way round is refused before asking');
  await page.getByRole('link', { name: 'Quitar los filtros' }).click();
  await page.waitForURL(`${base}/audit`);

  // An older page: the entries before a sequence number, with the way back to the newest.
  await page.goto(`${base}/audit?before=4`);
  await page.getByRole('heading', { level: 1, name: 'Registro de auditoría' }).waitFor();
  await page.getByRole('status').filter({ hasText: '3 entradas en esta página, de la n.º 3 a la n.º 1' }).waitFor();
  t.same((await rows.getByRole('rowheader').allTextContents()).map(Number), [3, 2, 1], 'older entries, newest first');
  const pager = page.getByRole('navigation', { name: 'Páginas del registro' });
  t.equal(await pager.getByRole('link', { name: 'Entradas anteriores' }).count(), 0, 'nothing before the first entry');
  await pager.getByRole('link', { name: 'Entradas más recientes' }).click();
  await page.waitForURL(`${base}/audit`);
  await until(async () => (await rows.count()) > 3, 'the newest page is back');

  // --- The officer's timeline.
  await rows.filter({ hasText: 'Ana Rojas' }).first().getByRole('link', { name: 'Ana Rojas' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cronología de Ana Rojas' }).waitFor();
  t.equal(new URL(page.url()).pathname, `/audit/users/${officer.id}`);
  await page.getByText(officer.email).first().waitFor();
  const mine = page.getByRole('region', { name: 'Anomalías de los últimos 7 días' });
  await mine.getByRole('row', { name: /Denegaciones repetidas/ }).waitFor();
  t.match(
    await mine.getByRole('row', { name: /Denegaciones repetidas/ }).textContent(),
    new RegExp(`${knocks + 2}\\s*${config.auditDenialsPerHour}$`),
    'her denials of the hour, against the threshold',
  );
  const day = page.locator('.timeline-day').first();
  await day.getByRole('heading', { level: 2 }).waitFor();
  t.match(await day.getByRole('heading', { level: 2 }).textContent(), /\d{4}\s*\d+ entradas?$/, 'entries grouped by day, with a count');
  await day.getByRole('row').filter({ hasText: 'Inicio de sesión' }).first().waitFor();
  t.equal(await day.getByRole('columnheader', { name: 'Usuario' }).count(), 0, 'no person column in a person’s timeline');
  t.same(await accessibilityViolations(page), [], 'timeline: no WCAG 2.1 AA violations (es)');
  await screenshot(page, 'audit-timeline-es');

  // --- Integrity: a verification on demand.
  const tabs = page.getByRole('navigation', { name: 'Secciones de la consola de auditoría' });
  await tabs.getByRole('link', { name: 'Integridad' }).click();
  await page.getByRole('heading', { level: 1, name: 'Integridad del registro' }).waitFor();
  const state = page.getByRole('region', { name: 'Estado de la cadena' });
  await state.getByText('Huella de la clave de auditoría').waitFor();
  await state.getByRole('button', { name: 'Verificar ahora' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Verificada el .*: la cadena es correcta hasta la entrada n\.º \d+\.$/ })
    .waitFor();
  await state.getByText(/^Correcta hasta la entrada n\.º \d+$/).waitFor();
  t.pass('the verification is shown as the last one');
  const keyLink = state.getByRole('link', { name: 'Descargar la clave pública (.asc)' });
  t.equal(await keyLink.getAttribute('href'), '/api/audit/public-key');
  const [keyDownload] = await Promise.all([page.waitForEvent('download'), keyLink.click()]);
  t.match(await readDownload(keyDownload), /^-----BEGIN PGP PUBLIC KEY BLOCK-----/, 'the public key downloads, armored');
  t.same(await accessibilityViolations(page), [], 'integrity: no WCAG 2.1 AA violations (es)');
  await screenshot(page, 'audit-integrity-es');

  // --- Anomalies, with their thresholds.
  await tabs.getByRole('link', { name: 'Anomalías' }).click();
  await page.getByRole('heading', { level: 1, name: 'Anomalías' }).waitFor();
  const thresholds = page.getByRole('region', { name: 'Umbrales' });
  await thresholds.getByText('Lecturas por hora', { exact: true }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /anomalías?$/ })
    .waitFor();
  const flagged = page.getByRole('table', { name: 'Anomalías' }).getByRole('row', { name: /Denegaciones repetidas/ });
  await flagged.getByRole('link', { name: 'Ana Rojas' }).waitFor();
  t.pass('the repeated denials are flagged, with the person');
  t.same(await accessibilityViolations(page), [], 'anomalies: no WCAG 2.1 AA violations (es)');
  await screenshot(page, 'audit-anomalies-es');

  // --- The same console in English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Anomalies' }).waitFor();
  await page
    .getByRole('table', { name: 'Anomalies' })
    .getByRole('row', { name: /Repeated denials/ })
    .waitFor();
  await page.getByRole('region', { name: 'Thresholds' }).getByText('Denials per hour').waitFor();
  const tabsEn = page.getByRole('navigation', { name: 'Sections of the audit console' });
  t.same(await tabsEn.getByRole('link').allTextContents(), ['Log', 'Integrity', 'Anomalies']);
  await screenshot(page, 'audit-anomalies-en');
  await tabsEn.getByRole('link', { name: 'Integrity' }).click();
  await page.getByRole('heading', { level: 1, name: 'Integrity of the log' }).waitFor();
  await page.getByText(/^Correct through entry #\d+$/).waitFor();
  t.same(await accessibilityViolations(page), [], 'integrity: no WCAG 2.1 AA violations (en)');
  await screenshot(page, 'audit-integrity-en');
  await tabsEn.getByRole('link', { name: 'Log' }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  const logEn = page.getByRole('table', { name: 'Audit log' });
  const rowsEn = logEn.locator('tbody').getByRole('row');
  await rowsEn.filter({ hasText: 'Sign-in' }).filter({ hasText: 'Denied' }).first().waitFor();
  await rowsEn.filter({ hasText: 'Chain verified' }).filter({ hasText: 'Allowed' }).first().waitFor();
  t.same(await logEn.locator('thead th').allTextContents(), ['No.', 'Time', 'User', 'Action', 'Outcome', 'Subject', 'Space', 'Address', 'Details']);
  const filtersEn = page.getByRole('search', { name: 'Filter the log' });
  t.same(await filtersEn.getByRole('combobox', { name: 'Outcome' }).locator('option').allTextContents(), [
    'Any outcome',
    'Allowed',
    'Denied',
    'Error',
  ]);
  t.same(await accessibilityViolations(page), [], 'audit log: no WCAG 2.1 AA violations (en)');
  await screenshot(page, 'audit-log-en');
  await rowsEn.filter({ hasText: 'Ana Rojas' }).first().getByRole('link', { name: 'Ana Rojas' }).click();
  await page.getByRole('heading', { level: 1, name: 'Timeline of Ana Rojas' }).waitFor();
  await page
    .getByRole('region', { name: 'Anomalies in the last 7 days' })
    .getByRole('row', { name: /Repeated denials/ })
    .waitFor();
  await screenshot(page, 'audit-timeline-en');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('navigation', { name: 'Sections of the audit console' }).getByRole('link', { name: 'Log' }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  await rowsEn.first().waitFor();
  t.ok(await page.evaluate('document.documentElement.scrollWidth <= innerWidth'), 'nothing spills sideways on a phone (the log scrolls in its box)');
  await screenshot(page, 'audit-log-en-mobile');

  t.same(csp, [], 'no CSP violation (auditor)');
  t.same(officerCsp, [], 'no CSP violation (officer)');
});
