import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import t from 'tap';
import { ARTIFACTS_DIR, accessibilityViolations, launchBrowser, screenshot, settles, startPortal, until, watchCsp } from '../helpers/browser.ts';
import type { SignedIn } from '../helpers/users.ts';
import { buildWorld, multipart } from '../helpers/world.ts';

/** A document image for the test: a card with a label, its colour standing for the light (SVG rendered by sharp). */
async function cardImage(label: string, colour: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="520">
    <rect width="800" height="520" rx="24" fill="${colour}"/>
    <rect x="40" y="120" width="200" height="260" fill="#ffffff" fill-opacity="0.5"/>
    <g stroke="#ffffff" stroke-opacity="0.45" fill="none">${Array.from({ length: 12 }, (_, i) => `<circle cx="560" cy="260" r="${20 + i * 14}"/>`).join('')}</g>
    <text x="280" y="180" font-family="sans-serif" font-size="44" fill="#ffffff">${label}</text>
    <text x="40" y="470" font-family="monospace" font-size="28" fill="#ffffff">P&lt;CRI&lt;&lt;SPECIMEN&lt;&lt;TEST</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const style = (locator: Locator, property: 'transform' | 'filter' | 'clipPath') =>
  locator.evaluate((el, p) => (el as unknown as { style: Record<string, string> }).style[p] ?? '', property);

t.test(
  'the examiner’s viewer: zoom kept across lights, tools, marks drawn and seen by another reader, compare two images of one specimen',
  async (t) => {
    const env = await startPortal(t);
    const { app, database, signInOnPage, base } = env;
    const world = await buildWorld(env);
    await database.db.updateTable('appUser').set({ displayName: 'Ana Rojas', language: 'es' }).where('id', '=', world.officer.user.id).execute();
    await database.db.updateTable('appUser').set({ displayName: 'Pedro Sic', language: 'en' }).where('id', '=', world.foreign.user.id).execute();

    const call = async (who: SignedIn, method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = await app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    /** A published specimen with its images, each described by its page and light. */
    const publish = async (body: object, images: { page: string; light: string; label: string; colour: string }[]) => {
      const created = await call(world.officer, 'POST', `/api/spaces/${world.spaceId}/specimens`, {
        documentType: 'passport',
        issuingCountry: 'CRI',
        series: 'S-2021',
        issuedFrom: 2021,
        detection: { date: '2026-01-10', country: 'CRI' },
        tlp: 'GREEN',
        ...body,
      });
      const parts = [];
      for (const image of images) {
        parts.push({ name: 'page', data: image.page }, { name: 'light', data: image.light });
        parts.push({
          name: 'file',
          filename: `${image.page}-${image.light}.png`,
          contentType: 'image/png',
          data: await cardImage(image.label, image.colour),
        });
      }
      const upload = multipart(parts);
      const res = await app.inject({
        method: 'POST',
        url: `/api/specimens/${created.id}/images`,
        headers: { ...world.officer.headers, ...upload.headers },
        payload: upload.payload,
      });
      if (res.statusCode !== 201) throw new Error(`images: ${res.body}`);
      await call(world.officer, 'POST', `/api/specimens/${created.id}/submit`);
      await call(world.contact, 'POST', `/api/specimens/${created.id}/publish`);
      return created.id as string;
    };
    // Related by their series: an older counterfeit, then the genuine reference; the compare chooser offers the reference first.
    const genuine = await publish({ category: 'genuine_reference', description: 'Genuine reference of the 2021 series.' }, [
      { page: 'data_page', light: 'visible', label: 'GENUINE', colour: '#2f5d8a' },
    ]);
    await publish({ category: 'counterfeit', description: 'Another counterfeit of the 2021 series.' }, [
      { page: 'data_page', light: 'visible', label: 'OTHER', colour: '#5d2f2f' },
    ]);
    const id = await publish({ category: 'counterfeit', description: 'Counterfeit passport: the laminate does not fluoresce under UV.' }, [
      { page: 'data_page', light: 'visible', label: 'DATA PAGE', colour: '#7a2f2f' },
      { page: 'data_page', light: 'uv', label: 'DATA PAGE UV', colour: '#3b2a7a' },
      { page: 'back', light: 'visible', label: 'BACK', colour: '#2f6a4f' },
    ]);

    const browser = await launchBrowser(t);
    const signIn = async (page: Page, who: SignedIn, language: 'es' | 'en') => {
      await signInOnPage(page, who.user, language);
    };
    const noViolations = async (page: Page, what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);

    // --- A Guatemalan examiner, in English.
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const csp = await watchCsp(page);
    await page.goto(`${base}/specimens/${id}`);
    await signIn(page, world.foreign, 'en');
    await page.getByRole('heading', { level: 1, name: 'Passport · Costa Rica' }).waitFor();
    const images = page.getByRole('region', { name: 'Images (3)' });
    const viewer = images.locator('.viewer');
    const stage = viewer.getByRole('group', { name: 'Image viewer: Data page' });
    await stage.waitFor();
    const img = stage.locator('img').first();
    await until(async () => (await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)) > 0, 'the image has loaded');
    const zoom = viewer.locator('.zoom-level');

    // Zoom in and move to a detail, then switch the light: the detail stays.
    await viewer.getByRole('button', { name: 'Zoom in' }).click();
    await viewer.getByRole('button', { name: 'Zoom in' }).click();
    await until(async () => (await zoom.textContent()) === '225%', 'zoomed in twice');
    await stage.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    await until(async () => (await style(img, 'transform')).startsWith('translate(48px, 48px)'), 'moved to a detail');
    const placed = await style(img, 'transform');
    const lights = viewer.getByRole('group', { name: 'Lights of this page' });
    t.same(await lights.getByRole('button').allTextContents(), ['Visible light', 'UV (365 nm)'], 'the lights of the data page');
    await lights.getByRole('button', { name: 'UV (365 nm)' }).click();
    const uvStage = viewer.getByRole('group', { name: 'Image viewer: Data page · UV (365 nm)' });
    await uvStage.waitFor();
    t.equal(await lights.getByRole('button', { name: 'UV (365 nm)' }).getAttribute('aria-pressed'), 'true', 'the light chosen is pressed');
    t.equal(await zoom.textContent(), '225%', 'the zoom is kept across lights');
    t.equal(await style(uvStage.locator('img').first(), 'transform'), placed, 'and so is the position: the same detail under UV');
    await until(
      async () => (await uvStage.locator('img').first().getAttribute('src'))?.includes('/images/') === true,
      'the UV image is in the same viewer',
    );

    // Another page starts fitted; back on the data page, the place is still there.
    await images.getByRole('button', { name: 'Open the Back image in the viewer' }).click();
    await viewer.getByRole('group', { name: 'Image viewer: Back' }).waitFor();
    await settles(t, async () => zoom.textContent(), '100%', 'another page starts fitted');
    await images.getByRole('button', { name: 'Open the Data page · UV (365 nm) image in the viewer' }).click();
    await uvStage.waitFor();
    await settles(t, async () => zoom.textContent(), '225%', 'the data page keeps its place');

    // Tools: rotation, invert, contrast, magnifier, full screen — buttons and keys.
    const uvImg = uvStage.locator('img').first();
    await viewer.getByRole('button', { name: 'Rotate right (90°)' }).click();
    await until(async () => (await style(uvImg, 'transform')).includes('rotate(90deg)'), 'a quarter turn');
    await viewer.getByText('turned 90°').waitFor();
    await uvStage.focus();
    await page.keyboard.press('r');
    await until(async () => (await style(uvImg, 'transform')).includes('rotate(180deg)'), 'R turns it again');
    await viewer.getByRole('button', { name: 'Rotate left (90°)' }).click();
    await viewer.getByRole('button', { name: 'Rotate left (90°)' }).click();
    await until(async () => (await style(uvImg, 'transform')).includes('rotate(0deg)'), 'and back');
    const invert = viewer.getByRole('button', { name: 'Invert' });
    await invert.click();
    await settles(t, () => invert.getAttribute('aria-pressed'), 'true', 'invert is pressed');
    await until(async () => (await style(uvImg, 'filter')).includes('invert(1)'), 'the colours are inverted (a CSS filter set through the DOM)');
    await viewer.getByLabel('Contrast').fill('150');
    await until(async () => (await style(uvImg, 'filter')) === 'contrast(1.5) invert(1)', 'contrast raised');
    const loupe = viewer.getByRole('button', { name: 'Magnifier' });
    await loupe.click();
    const box = (await uvStage.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
    await viewer.locator('.viewer-loupe').waitFor();
    await screenshot(page, 'viewer-tools-en');
    await loupe.click();
    await until(async () => (await viewer.locator('.viewer-loupe').count()) === 0, 'the magnifier goes');
    const full = viewer.getByRole('button', { name: 'Full screen' });
    await full.click();
    await settles(t, () => full.getAttribute('aria-pressed'), 'true', 'full screen');
    await until(async () => (await viewer.getAttribute('class'))?.includes('viewer-full') === true, 'the viewer fills the screen');
    t.ok(
      await page.evaluate('document.fullscreenElement === null || document.fullscreenElement.classList.contains("viewer")'),
      'through the Fullscreen API where the browser grants it',
    );
    t.comment(`Fullscreen API granted: ${await page.evaluate('document.fullscreenElement !== null')}`);
    // What the screen shows (a full-page capture would stretch the page under the fixed viewer).
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'viewer-fullscreen-en.png') });
    await full.click();
    await settles(t, () => full.getAttribute('aria-pressed'), 'false', 'out of full screen');
    await invert.click();
    await viewer.getByLabel('Contrast').fill('100');
    await until(async () => (await style(uvImg, 'filter')) === 'none', 'the image as it is again');

    // A mark drawn with the mouse: the numbers of the form follow; feature and note, then saved.
    await uvStage.focus();
    await page.keyboard.press('0');
    await until(async () => (await zoom.textContent()) === '100%', 'fitted again, to draw on the whole image');
    const marks = images.getByRole('region', { name: 'Marked regions' });
    await marks.getByText('No region is marked on this image.').waitFor();
    await viewer.getByRole('button', { name: 'Draw a mark' }).click();
    await settles(t, () => viewer.getByRole('button', { name: 'Draw a mark' }).getAttribute('aria-pressed'), 'true', 'drawing');
    const frame = (await viewer.locator('.viewer-frame').boundingBox())!;
    await page.mouse.move(frame.x + frame.width * 0.2, frame.y + frame.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(frame.x + frame.width * 0.35, frame.y + frame.height * 0.45, { steps: 5 });
    await page.mouse.move(frame.x + frame.width * 0.5, frame.y + frame.height * 0.6, { steps: 5 });
    await page.mouse.up();
    const form = marks.getByRole('form', { name: 'Mark a region' });
    await until(async () => (await form.getByLabel('Width (%)').inputValue()) !== '', 'the drawn region fills the numbers');
    const numbers = await Promise.all(
      ['From the left (%)', 'From the top (%)', 'Width (%)', 'Height (%)'].map((l) => form.getByLabel(l).inputValue()),
    );
    t.ok(
      numbers.every((n, i) => Math.abs(Number(n) - [20, 30, 30, 30][i]!) < 2),
      `the region as drawn, in percentages of the image (${numbers.join(', ')})`,
    );
    await form.getByRole('button', { name: 'Save the mark' }).click();
    await form.getByRole('alert').filter({ hasText: 'Fill in “Security feature”' }).waitFor();
    await form.getByLabel('Security feature').selectOption({ label: 'Laminate' });
    await form.getByLabel('Note (optional)').fill('The laminate does not fluoresce here.');
    await form.getByRole('button', { name: 'Save the mark' }).click();
    await marks.getByRole('status').filter({ hasText: 'The mark has been saved.' }).waitFor();
    await marks.getByText('Mark 1: Laminate').waitFor();
    await until(async () => (await viewer.locator('.viewer-mark').count()) === 1, 'the mark is drawn over the image');

    // The keyboard's way: the numbers typed.
    await viewer.getByRole('button', { name: 'Draw a mark' }).click();
    await form.getByLabel('Security feature').selectOption({ label: 'Microtext' });
    await form.getByLabel('From the left (%)').fill('60');
    await form.getByLabel('From the top (%)').fill('10');
    await form.getByLabel('Width (%)').fill('50');
    await form.getByLabel('Height (%)').fill('10');
    await form.getByRole('button', { name: 'Save the mark' }).click();
    await form.getByRole('alert').filter({ hasText: 'The region must lie within the image and have a size.' }).waitFor();
    await form.getByLabel('Width (%)').fill('30');
    await form.getByRole('button', { name: 'Save the mark' }).click();
    await marks.getByText('Mark 2: Microtext').waitFor();
    await until(async () => (await viewer.locator('.viewer-mark').count()) === 2, 'both marks over the image');
    await noViolations(page, 'viewer with marks (en)');
    await screenshot(page, 'viewer-marks-en');
    const show = viewer.getByRole('button', { name: 'Show the marks' });
    await show.click();
    await settles(t, () => show.getAttribute('aria-pressed'), 'false', 'the overlay is hidden');
    t.equal(await viewer.locator('.viewer-mark').count(), 0, 'no mark drawn while hidden');
    await marks.getByText('Mark 2: Microtext').waitFor();
    await show.click();

    // --- The originator, in Spanish, in another browser: the marks are there, with who made them.
    const officerContext = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
    const officer = await officerContext.newPage();
    const officerCsp = await watchCsp(officer);
    await officer.goto(`${base}/specimens/${id}`);
    await signIn(officer, world.officer, 'es');
    await officer.getByRole('heading', { level: 1, name: 'Pasaporte · Costa Rica' }).waitFor();
    const officerViewer = officer.locator('.viewer');
    await officerViewer.getByRole('group', { name: 'Luces de esta página' }).getByRole('button', { name: 'Ultravioleta (365 nm)' }).click();
    await officerViewer.getByRole('group', { name: 'Visor de imagen: Página de datos · Ultravioleta (365 nm)' }).waitFor();
    const officerMarks = officer.getByRole('region', { name: 'Regiones marcadas' });
    await officerMarks.getByText('Marca 1: Laminado').waitFor();
    await officerMarks.getByText('The laminate does not fluoresce here.').waitFor();
    await officerMarks.getByText('marcada por Guatemala').first().waitFor();
    await until(async () => (await officerViewer.locator('.viewer-mark').count()) === 2, 'the other reader sees both marks over the image');
    await officerMarks.getByRole('button', { name: 'Quitar la marca 2' }).waitFor();
    t.pass('the originator may remove the marks on their specimen');
    await noViolations(officer, 'viewer with marks (es)');
    await screenshot(officer, 'viewer-marks-es');

    // --- Compare: the genuine reference offered first; two images of this one specimen side by side.
    await page.getByRole('link', { name: 'Compare with…' }).click();
    const chooser = page.getByRole('region', { name: 'Choose the second specimen' });
    await chooser.getByRole('heading', { name: 'Related specimens' }).waitFor();
    const firstRelated = chooser.locator('.specimen-list > li').first();
    await firstRelated.getByText('Genuine reference of the same series').waitFor();
    t.match(
      await firstRelated.getByRole('link').first().getAttribute('href'),
      `b=${genuine}`,
      'the genuine reference of the same series is offered first',
    );
    await noViolations(page, 'compare chooser (en)');
    await chooser.getByRole('link', { name: 'Two images of this specimen' }).click();
    await page.waitForURL(`${base}/specimens/compare?a=${id}&b=${id}`);
    const panes = page.locator('.compare-pane');
    await until(async () => (await panes.count()) === 2, 'both panes are shown');
    const left = panes.nth(0);
    const right = panes.nth(1);
    await left.getByRole('group', { name: 'Image viewer: Data page' }).waitFor();
    await right.getByRole('group', { name: 'Image viewer: Data page · UV (365 nm)' }).waitFor();
    t.pass('visible beside UV, the same specimen on both sides');
    await left.getByRole('button', { name: 'Zoom in' }).click();
    await until(
      async () => (await left.locator('.zoom-level').textContent()) === '150%' && (await right.locator('.zoom-level').textContent()) === '150%',
      'zooming one side zooms the other',
    );
    await noViolations(page, 'compare one specimen (en)');
    await screenshot(page, 'compare-same-specimen-en');

    // Swipe: the right image over the left, as far as the slider says.
    await page.getByRole('radio', { name: 'Swipe' }).check();
    const overlay = page.locator('.compare-overlay');
    await overlay.waitFor();
    t.equal(await left.locator('.viewer').count(), 0, 'one frame instead of two');
    const over = overlay.locator('.compare-over');
    await until(async () => (await style(over, 'clipPath')) === 'inset(0px 0px 0px 50%)', 'half of the right image at first');
    await overlay.getByLabel('Share of the right image shown').fill('80');
    await until(async () => (await style(over, 'clipPath')) === 'inset(0px 0px 0px 20%)', 'the slider reveals more of it');
    t.match(await style(over.locator('img'), 'transform'), /scale\(1\.5\)/, 'at the zoom of the side-by-side viewers');
    await noViolations(page, 'compare, swipe (en)');
    await screenshot(page, 'compare-swipe-en');

    // Blink: one, then the other, at the reader's pace (a button, no timer).
    await page.getByRole('radio', { name: 'Blink' }).check();
    await overlay.getByText('Showing: Left — Data page').waitFor();
    t.equal(await overlay.locator('.compare-over').getAttribute('class'), 'compare-over compare-hidden', 'the left image alone');
    await overlay.getByRole('button', { name: 'Show the other image' }).click();
    await overlay.getByText('Showing: Right — Data page · UV (365 nm)').waitFor();
    t.equal(await overlay.locator('.compare-under').getAttribute('class'), 'compare-under compare-hidden', 'then the right one alone');
    await noViolations(page, 'compare, blink (en)');
    await screenshot(page, 'compare-blink-en');

    t.same(csp, [], 'no CSP violation (examiner)');
    t.same(officerCsp, [], 'no CSP violation (originator)');
  },
);
