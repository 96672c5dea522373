import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import t from 'tap';
import { alertBody } from '../helpers/alerts.ts';
import { accessibilityViolations, launchBrowser, screenshot, startPortal, watchCsp } from '../helpers/browser.ts';
import { flowHeaders, flowRow, returnCalls, xlsx } from '../helpers/returns.ts';
import { publishedSpecimen } from '../helpers/specimens.ts';
import { type SignedIn, signIn } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

/** The semester `back` semesters before the one holding `day` ("2026-S1"). */
function semesterBefore(day: Date, back: number): string {
  const index = day.getUTCFullYear() * 2 + (day.getUTCMonth() < 6 ? 0 : 1) - back;
  return `${Math.floor(index / 2)}-S${(index % 2) + 1}`;
}

t.test(
  'the Presidency follows the network on its dashboard: countries against the deadline, activity chart and table, export; others are refused',
  async (t) => {
    const env = await startPortal(t);
    const { signInOnPage, base } = env;
    const world = await buildWorld(env);
    const presidency = await signIn(env.app, env.database.db, env.clock, { roles: ['presidency'], country: 'HND', language: 'es' });
    const presidencyEn = await signIn(env.app, env.database.db, env.clock, { roles: ['presidency'], country: 'HND', language: 'en' });
    // The portal runs on the real clock here: the space's deadline is put three weeks ahead.
    const deadline = new Date(env.clock.now().getTime() + 21 * 86_400_000).toISOString().slice(0, 10);
    const moved = await env.app.inject({
      method: 'PATCH',
      url: `/api/spaces/${world.spaceId}`,
      headers: world.secretariat.headers,
      payload: { loadingDeadline: deadline },
    });
    t.equal(moved.statusCode, 200, moved.body);
    // Costa Rica has loaded (a specimen and a report, an alert acknowledged by Guatemala); Guatemala has not.
    await publishedSpecimen(env, world);
    const report = await world.item({ kind: 'report' });
    await world.publish(report.id);
    const alert = await env.app.inject({ method: 'POST', url: '/api/alerts', headers: world.officer.headers, payload: alertBody(env, world) });
    t.equal(alert.statusCode, 201);
    await env.app.jobs.drain();
    await env.app.inject({ method: 'POST', url: `/api/alerts/${alert.json().id}/ack`, headers: world.foreign.headers });

    const browser: Browser = await launchBrowser(t);
    const open = async (
      who: SignedIn,
      path: string,
      language: 'es' | 'en',
      browserLocale = language === 'es' ? 'es-ES' : 'en-GB',
    ): Promise<{ page: Page; csp: string[] }> => {
      const context = await browser.newContext({ locale: browserLocale, acceptDownloads: true, viewport: { width: 1280, height: 1000 } });
      const page = await context.newPage();
      const csp = await watchCsp(page);
      await page.goto(`${base}${path}`);
      await signInOnPage(page, who.user, browserLocale.startsWith('es') ? 'es' : 'en');
      return { page, csp };
    };

    const { page, csp } = await open(presidency, '/specimens', 'es');
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    // The coordination's screens are grouped behind one button; it opens and closes with Escape.
    const group = nav.getByRole('button', { name: 'Coordinación' });
    await group.click();
    t.equal(await group.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    t.equal(await group.getAttribute('aria-expanded'), 'false', 'Escape closes the group');
    t.equal(await nav.getByRole('link', { name: 'Seguimiento' }).count(), 0, 'its links hidden when closed');
    await group.click();
    await nav.getByRole('link', { name: 'Seguimiento' }).click();
    await page.getByRole('heading', { level: 1, name: 'Seguimiento' }).waitFor();
    t.equal(await group.getAttribute('aria-expanded'), 'false', 'closed on the new screen');
    t.match(await group.getAttribute('class'), /navgroup-current/, 'the group shows it holds the current screen');
    await group.click();
    await nav.getByRole('link', { name: 'Declaraciones' }).waitFor();
    await screenshot(page, 'followup-menu-open-es');
    await page.keyboard.press('Escape');
    const loading = page.getByRole('table', { name: 'Carga por espacio y país' });
    await loading.waitFor();
    // The summary's five cards share the width; the longest Spanish state ("Cargado con retraso") stays in its card.
    const spilling = await page.evaluate(
      `[...document.querySelectorAll('.followup-summary li')].filter((li) => [...li.children].some((c) =>
        c.getBoundingClientRect().right > li.getBoundingClientRect().right)).map((li) => li.textContent)`,
    );
    t.same(spilling, [], 'every summary card holds its figure and its state');
    t.match(await loading.getByRole('row', { name: /Costa Rica/ }).textContent(), /A tiempo/, 'Costa Rica loaded on time');
    t.match(await loading.getByRole('row', { name: /Guatemala/ }).textContent(), /En plazo/, 'Guatemala: nothing yet, deadline ahead');
    const activity = page.getByRole('table', { name: 'Actividad por mes' });
    t.match(await activity.textContent(), new RegExp(`${new Date().toISOString().slice(0, 7)}\\s*3`), 'the chart’s figures as a table');
    const activityChart = page.locator('canvas[data-chart="activity"][data-drawn]');
    await activityChart.waitFor();
    t.match(await activityChart.getAttribute('data-drawn'), /Costa Rica: 3/, 'the chart is drawn with the same figures');
    t.match(await page.getByRole('table', { name: /Alertas: acuse/ }).textContent(), /Guatemala\s*1\s*1/);
    t.same(await accessibilityViolations(page), [], 'no WCAG 2.1 AA violations');
    await screenshot(page, 'followup-dashboard-es');
    const csv = await page.request.get(`${base}${await page.getByRole('link', { name: 'Exportar CSV' }).getAttribute('href')}`);
    t.equal(csv.status(), 200);
    t.match(await csv.text(), 'Carga por espacio y país');
    const pdf = await page.request.get(`${base}${await page.getByRole('link', { name: 'Exportar PDF' }).getAttribute('href')}`);
    t.equal(pdf.headers()['content-type'], 'application/pdf');
    t.same(csp, [], 'no CSP violation (the chart included)');

    // The flows matrix of two semesters ago (due 30 days after its semester: late whatever today is) for Costa Rica
    // and Guatemala. Costa Rica's contact point uploads it in the browser from an XLSX file and submits it; the
    // Presidency sees Costa Rica's row turn from late (not opened) to submitted, and the chart of returns by country
    // and state redrawn with it.
    const returns = returnCalls(env);
    const template = (await returns.template(world.secretariat, world.networkId, 'extra_regional_flows', { countries: ['CRI', 'GTM'] })).json();
    const period = semesterBefore(env.clock.now(), 2);
    await page.goto(`${base}/followup?period=${period}`);
    const table = page.getByRole('table', { name: 'Declaraciones periódicas que el período espera' });
    await table.waitFor();
    t.match(await table.getByRole('row', { name: /Costa Rica/ }).textContent(), /Sin abrir.*Atrasado/);
    const byCountry = page.getByRole('table', { name: 'Declaraciones por país y estado' });
    t.match(await byCountry.getByRole('row', { name: /Costa Rica/ }).textContent(), /Costa Rica\s*1\s*0\s*0\s*0\s*0/, 'one late');
    const chart = page.locator('canvas[data-chart="returns"][data-drawn]');
    const drawn = async () => {
      await chart.waitFor();
      return chart.getAttribute('data-drawn');
    };
    t.equal(await drawn(), 'Atrasado: 2; Vence pronto: 0; En plazo: 0; Cargado con retraso: 0; A tiempo: 0', 'the chart draws both late');
    await screenshot(page, 'followup-dashboard-returns-before-es');

    const contact = await open(world.contact, '/returns', 'es');
    await contact.page.getByRole('heading', { level: 1, name: 'Declaraciones periódicas' }).waitFor();
    await contact.page.getByLabel('Periodo').selectOption(period);
    await contact.page.getByRole('button', { name: 'Abrir la declaración' }).click();
    await contact.page.getByRole('heading', { level: 1, name: /Matriz semestral de flujos de migrantes extra-regionales — Costa Rica/ }).waitFor();
    await contact.page.getByLabel('Hoja de cálculo (XLSX o CSV)').setInputFiles({
      name: 'matriz.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await xlsx([flowHeaders(template), flowRow(template, 'CHN', 'Peñas Blancas')]),
    });
    await contact.page.getByRole('button', { name: 'Enviar el archivo' }).click();
    await contact.page.getByText('El archivo fue aceptado: 1 fila.').waitFor();
    await contact.page.getByRole('button', { name: 'Enviar la declaración' }).click();
    await contact.page.getByText('La declaración fue enviada.').waitFor();
    t.same(contact.csp, [], 'no CSP violation on the return');

    await page.reload();
    await table.waitFor();
    t.match(await table.getByRole('row', { name: /Costa Rica/ }).textContent(), /Presentada.*Cargado con retraso/);
    t.match(await table.getByRole('row', { name: /Guatemala/ }).textContent(), /Sin abrir.*Atrasado/);
    t.match(await byCountry.getByRole('row', { name: /Costa Rica/ }).textContent(), /Costa Rica\s*0\s*0\s*0\s*1\s*0/, 'submitted, late');
    t.equal(await drawn(), 'Atrasado: 1; Vence pronto: 0; En plazo: 0; Cargado con retraso: 1; A tiempo: 0', 'the chart redrawn');
    await screenshot(page, 'followup-dashboard-returns-es');

    // In English, another period: nothing in it.
    // The portal in English in a Spanish browser: the export, a plain link the browser follows with its own
    // Accept-Language, still comes in the portal's language.
    const english = await open(presidencyEn, '/followup?period=2025-S2', 'en', 'es-ES');
    await english.page.getByRole('heading', { level: 1, name: 'Follow-up' }).waitFor();
    await english.page.getByText('Period 2025-S2').waitFor();
    t.equal(await english.page.getByText('Nothing in this period.').count(), 3, 'no items, activity or alerts in 2025-S2');
    await screenshot(english.page, 'followup-dashboard-en');
    const [download] = await Promise.all([english.page.waitForEvent('download'), english.page.getByRole('link', { name: 'Export CSV' }).click()]);
    const file = await readFile((await download.path()) as string, 'utf8');
    t.match(file, 'Loading by space and country', 'the downloaded file in English, as the portal');
    t.notMatch(file, 'Carga por espacio y país', 'not in the browser’s Spanish');

    // A member of the network has no such screen.
    const officer = await open(world.officer, '/followup', 'es');
    await officer.page.getByRole('heading', { level: 1, name: 'No disponible para usted' }).waitFor();
    t.equal(await officer.page.getByRole('link', { name: 'Seguimiento' }).count(), 0, 'nor a menu entry');
  },
);
