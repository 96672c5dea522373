import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import t, { type Test } from 'tap';
import { alertBody } from '../helpers/alerts.ts';
import { ARTIFACTS_DIR, accessibilityViolations, launchBrowser, screenshot, startPortal, watchCsp } from '../helpers/browser.ts';
import { SPECIMEN, specimenCalls } from '../helpers/specimens.ts';
import type { SignedIn } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

/** What the print styles make of the page's frame, read in the page (as text: the server's tsconfig has no DOM types). */
const PRINTED_FRAME = `(() => {
  const shown = (el) => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
  const style = (el) => { const s = getComputedStyle(el); return {
    position: s.position, color: s.color, background: s.backgroundColor, borderColor: s.borderTopColor,
    borderWidth: parseFloat(s.borderTopWidth), colorAdjust: s.printColorAdjust, shadow: s.boxShadow, weight: Number(s.fontWeight) }; };
  const part = (selector) => { const el = document.querySelector(selector); return el && {
    shown: shown(el), text: el.textContent.replace(/\\s+/g, ' ').trim(), style: style(el),
    chip: style(el.querySelector('.tlp')), name: style(el.querySelector('.print-tlp-name')) }; };
  return {
    head: part('.print-head'),
    foot: part('.print-foot'),
    watermark: shown(document.querySelector('.print-watermark')) ? document.querySelector('.print-watermark').textContent : null,
    masthead: shown(document.querySelector('header.masthead')),
    footer: shown(document.querySelector('body > #app > footer')),
    buttons: [...document.querySelectorAll('button:not(.gallery-item), .button')].filter(shown).map((b) => b.textContent.trim()),
    navs: [...document.querySelectorAll('nav')].filter(shown).length,
    forms: [...document.querySelectorAll('form')].filter(shown).length,
    h1: document.querySelector('main h1').textContent,
  };
})()`;

type Style = {
  position: string;
  color: string;
  background: string;
  borderColor: string;
  borderWidth: number;
  colorAdjust: string;
  shadow: string;
  weight: number;
};
type Frame = {
  head: { shown: boolean; text: string; style: Style; chip: Style; name: Style } | null;
  foot: { shown: boolean; text: string; style: Style; chip: Style; name: Style } | null;
  watermark: string | null;
  masthead: boolean;
  footer: boolean;
  buttons: string[];
  navs: number;
  forms: number;
  h1: string;
};

/** WCAG's contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const WHITE = 'rgb(255, 255, 255)';
const BLACK = 'rgb(0, 0, 0)';
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

/** The label on the head and foot of the printed page: FIRST's colour on black, kept exactly, and legible if the black is lost. */
function checkLabel(t: Test, frame: Frame, tlp: string, colour: string) {
  for (const [where, part] of [
    ['head', frame.head],
    ['foot', frame.foot],
  ] as const) {
    t.ok(part?.shown, `the ${where} of the page is printed`);
    if (!part) continue;
    t.equal(part.style.position, 'fixed', `the ${where} is fixed: Chromium repeats it on every printed page`);
    t.match(
      part.text,
      new RegExp(`TLP:${tlp.replace('+', '\\+')}\\s*TLP:${tlp.replace('+', '\\+')} `),
      `the ${where} shows the label, then its name in words`,
    );
    t.equal(part.chip.color, colour, `${where}: the label in FIRST’s colour`);
    t.equal(part.chip.background, BLACK, `${where}: on black`);
    t.equal(part.chip.colorAdjust, 'exact', `${where}: its colours printed exactly, with or without background graphics`);
    t.match(part.chip.shadow, /rgb\(0, 0, 0\).*inset|inset.*rgb\(0, 0, 0\)/, `${where}: the black field painted again as a shadow`);
    t.equal(part.chip.borderColor, BLACK, `${where}: a black border`);
    t.ok(part.chip.borderWidth >= 1.5, `${where}: a border that shows on white paper (${part.chip.borderWidth}px)`);
    t.equal(contrast(part.chip.borderColor, WHITE), 21, `${where}: the border against the paper, 21:1`);
    t.equal(part.name.color, BLACK, `${where}: the label’s name in black`);
    t.ok(part.name.weight >= 700, `${where}: and bold`);
    t.equal(contrast(part.name.color, WHITE), 21, `${where}: the name against the paper when the background is dropped, 21:1`);
  }
}

t.test(
  'an alert prints as a bulletin: no screen tools, the TLP label and its handling on the head and foot of every page, two pages at most',
  async (t) => {
    const env = await startPortal(t);
    const { app, database, signInOnPage, base } = env;
    const world = await buildWorld(env);
    await database.db.updateTable('appUser').set({ displayName: 'Pedro Sic', language: 'en' }).where('id', '=', world.foreign.user.id).execute();
    const calls = specimenCalls(env, world);
    const call = async (who: SignedIn, url: string, payload: object) => {
      const res = await app.inject({ method: 'POST', url, headers: who.headers, payload });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const publish = async (body: Record<string, unknown>) => {
      const id = (await calls.create(world.officer, body)).json().id as string;
      for (const res of [
        await calls.images(world.officer, id, ['front']),
        await calls.step(world.officer, id, 'submit'),
        await calls.step(world.contact, id, 'publish'),
      ])
        if (res.statusCode >= 300) throw new Error(`specimen: ${res.statusCode} ${res.body}`);
      return id;
    };
    const green = await publish({ ...SPECIMEN, tlp: 'GREEN' });
    const amber = await publish({ ...SPECIMEN, series: 'C-2021', tlp: 'AMBER' });
    // A typical urgent alert to Guatemala (the foreign officer receives it): a few paragraphs, a linked specimen.
    const alert = await call(
      world.officer,
      '/api/alerts',
      alertBody(env, world, {
        title: 'Counterfeit passports on the Tapachula route',
        body: [
          'Passports with a substituted photograph were detected at the Ciudad Hidalgo border post over the last week.',
          'The laminate is lifted at the corner of the data page and does not fluoresce under UV light; the MRZ check digits are correct.',
          'Holders travel in groups of three to five, by bus, and present the passport with a genuine onward ticket.',
          'Check the laminate under UV at first line and refer any doubtful document to second line.',
        ].join('\n\n'),
        specimenIds: [green],
      }),
    );
    // A GREEN alert linking an AMBER specimen: its paper is handled as AMBER.
    const mixed = await call(
      world.officer,
      '/api/alerts',
      alertBody(env, world, { title: 'Photo substitution', tlp: 'GREEN', specimenIds: [amber] }),
    );
    await app.jobs.drain();

    const browser = await launchBrowser(t);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const csp = await watchCsp(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${base}/alerts/${alert.id}`);
    await signInOnPage(page, world.foreign.user, 'en');
    await page.getByRole('heading', { level: 1, name: 'Counterfeit passports on the Tapachula route' }).waitFor();
    await page.getByRole('region', { name: 'Linked specimens' }).getByRole('link').first().waitFor();

    // On the screen: the button, and how to get a PDF from it.
    const print = page.getByRole('button', { name: 'Print / PDF' });
    t.match(await print.getAttribute('aria-describedby'), /\S/, 'the button has its help');
    await page.getByText('choose “Save as PDF” as the printer there').waitFor();
    t.equal(await page.locator('.print-head').isVisible(), false, 'the printed head is not on the screen');
    t.same(await accessibilityViolations(page), [], 'the alert with its print button: no WCAG 2.1 AA violations');
    await screenshot(page, 'print-alert-screen-en');

    const before = new Set(requests);
    const printing = requests.length;
    await page.emulateMedia({ media: 'print' });
    const frame = (await page.evaluate(PRINTED_FRAME)) as Frame;
    t.equal(frame.masthead, false, 'no masthead');
    t.equal(frame.footer, false, 'no site footer');
    t.equal(frame.navs, 0, 'no navigation');
    t.same(frame.buttons, [], 'no button (acknowledge, print)');
    t.equal(frame.forms, 0, 'no form');
    t.equal(frame.h1, 'Counterfeit passports on the Tapachula route', 'the title');
    checkLabel(t, frame, 'AMBER', 'rgb(255, 192, 0)');
    t.match(frame.head?.text, 'only within their organisation and with its clients, on a need-to-know basis', 'the head says how to handle it');
    t.match(frame.foot?.text, /Printed on/, 'the foot says when it was printed');
    t.notMatch(frame.foot?.text, 'Pedro Sic', 'not RED: no name on the paper');
    t.equal(frame.watermark, null, 'not RED: no watermark');
    await page.getByText('Passports with a substituted photograph').waitFor();
    await screenshot(page, 'print-alert-en');

    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({ format, printBackground: false });
      await writeFile(path.join(ARTIFACTS_DIR, `print-alert-${format}.pdf`), pdf);
      t.ok(pageCount(pdf) >= 1 && pageCount(pdf) <= 2, `a typical alert prints on two ${format} pages at most (${pageCount(pdf)})`);
    }
    t.same(
      requests.slice(printing).filter((url) => !before.has(url)),
      [],
      'printing asks the portal for nothing the screen had not shown',
    );

    // The GREEN alert linking an AMBER specimen: the paper carries the strictest label, and says why.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${base}/alerts/${mixed.id}`);
    await page.getByRole('heading', { level: 1, name: 'Photo substitution' }).waitFor();
    await page.getByRole('region', { name: 'Linked specimens' }).getByRole('link').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    const strictest = (await page.evaluate(PRINTED_FRAME)) as Frame;
    checkLabel(t, strictest, 'AMBER', 'rgb(255, 192, 0)');
    t.match(
      strictest.head?.text,
      'The strictest label of what this page prints; the item itself is TLP:GREEN.',
      'the head names the item’s own label',
    );
    await screenshot(page, 'print-alert-strictest-en');

    t.same(csp, [], 'no CSP violation');
  },
);

t.test('a RED specimen prints as a sheet: its images fitted, the label in red on every page, who printed it and when', async (t) => {
  const env = await startPortal(t);
  const { database, signInOnPage, base } = env;
  const world = await buildWorld(env);
  await database.db.updateTable('appUser').set({ displayName: 'Pedro Sic', language: 'es' }).where('id', '=', world.foreign.user.id).execute();
  const calls = specimenCalls(env, world);
  const created = await calls.create(world.officer, { ...SPECIMEN, tlp: 'RED', namedRecipients: [world.foreign.user.id] });
  t.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  for (const res of [
    await calls.images(world.officer, id, ['data_page', 'uv']),
    await calls.step(world.officer, id, 'submit'),
    await calls.step(world.contact, id, 'publish'),
  ])
    t.ok(res.statusCode < 300, `specimen: ${res.statusCode}`);

  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const page: Page = await context.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${base}/specimens/${id}`);
  await signInOnPage(page, world.foreign.user, 'es');
  const purpose = page.getByRole('dialog');
  await purpose.getByRole('textbox').fill('Caso GT-2026-114: inspección en La Aurora');
  await purpose.getByRole('button', { name: 'Indicar y abrir' }).click();
  await page.getByRole('heading', { level: 2, name: 'El documento' }).waitFor();
  await page.locator('.viewer-stage img').waitFor();
  await page.getByRole('button', { name: 'Imprimir / PDF' }).waitFor();
  t.same(await accessibilityViolations(page), [], 'the specimen with its print button: no WCAG 2.1 AA violations (es)');

  const seen = new Set<string>();
  page.on('request', (r) => seen.add(r.url()));
  await page.emulateMedia({ media: 'print' });
  const frame = (await page.evaluate(PRINTED_FRAME)) as Frame;
  t.equal(frame.masthead, false, 'no masthead');
  t.equal(frame.navs, 0, 'no navigation');
  t.same(frame.buttons, [], 'no button (workflow, viewer tools, print); the thumbnails are images here');
  t.equal(frame.forms, 0, 'no form (sighting, correction)');
  checkLabel(t, frame, 'RED', 'rgb(255, 43, 43)');
  t.match(frame.head?.text, 'solo para los ojos y oídos de los destinatarios individuales', 'the head says how to handle it, in Spanish');
  t.match(frame.foot?.text, /Impreso por Pedro Sic el /, 'RED: the foot names who printed it and when');
  t.match(frame.watermark, /^TLP:RED · Pedro Sic · /, 'RED: a watermark across the page with the reader’s name');
  const image = (await page.evaluate(`(() => {
    const img = document.querySelector('.viewer-stage img');
    const r = img.getBoundingClientRect();
    return { width: r.width, height: r.height, transform: getComputedStyle(img).transform, main: document.querySelector('main').getBoundingClientRect().width };
  })()`)) as { width: number; height: number; transform: string; main: number };
  t.equal(image.transform, 'none', 'the image printed still, as it is (no zoom or pan)');
  t.ok(image.width > 0 && image.width <= image.main, 'the image fits the width of the paper');
  t.ok(image.height <= 90 * (96 / 25.4) + 1, 'and at most 90 mm high');
  await screenshot(page, 'print-specimen-red-es');
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  await writeFile(path.join(ARTIFACTS_DIR, 'print-specimen-red-A4.pdf'), pdf);
  t.ok(pageCount(pdf) <= 3, `the specimen sheet takes ${pageCount(pdf)} A4 pages`);
  t.same([...seen], [], 'printing asks the portal for nothing more');
  t.same(csp, [], 'no CSP violation');
});
