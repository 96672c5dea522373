import t from 'tap';
import { accessibilityViolations, launchBrowser, settles, startPortal, watchCsp } from '../helpers/browser.ts';
import { buildWorld } from '../helpers/world.ts';

/** A screen's own code: a file named after its page (`specimen-page-<hash>.js`), not the shell. */
const SCREEN_CODE = /\/assets\/[a-z-]+-page-[\w-]+\.js$/;

t.test('each screen’s code comes on its first visit; when it cannot, the screen says so and a reload brings it', async (t) => {
  const env = await startPortal(t);
  const { base, signInOnPage } = env;
  const world = await buildWorld(env);
  const browser = await launchBrowser(t);
  // Without the offline shell's service worker, so that every fetch of code is the page's own, seen and routed here.
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const csp = await watchCsp(page);
  const fetched: string[] = [];
  const came: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') fetched.push(new URL(request.url()).pathname);
  });
  page.on('requestfinished', (request) => {
    if (request.resourceType() === 'script') came.push(new URL(request.url()).pathname);
  });

  // The sign-in form is part of the shell: no screen's code before it.
  await page.goto(`${base}/signin`);
  await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).waitFor();
  t.same(
    fetched.filter((p) => SCREEN_CODE.test(p)),
    [],
    'the sign-in page fetches no screen’s code',
  );

  // Signed in, the home page's code comes, and only it.
  await signInOnPage(page, world.officer.user, 'es');
  await page.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
  t.match(
    fetched.filter((p) => SCREEN_CODE.test(p)),
    [/\/assets\/home-page-/],
    'the home page’s code, and no other screen’s',
  );
  t.equal(fetched.filter((p) => SCREEN_CODE.test(p)).length, 1, 'one screen’s code so far');

  // Back to a screen visited before: its code is not fetched again.
  const nav = page.getByRole('navigation', { name: 'Navegación principal' });
  await nav.getByRole('link', { name: 'Alertas', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Alertas tempranas' }).waitFor();
  const seen = fetched.length;
  await nav.getByRole('link', { name: 'Inicio', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
  t.same(
    fetched.slice(seen).filter((p) => SCREEN_CODE.test(p)),
    [],
    'a screen seen before opens from the code it has',
  );

  // The specimens' screen cannot be fetched (the link dropped, or a new release replaced the files).
  const blocked = /\/assets\/search-page-[\w-]+\.js$/;
  await context.route(blocked, (route) => route.abort('internetdisconnected'));
  t.notOk(
    came.some((p) => blocked.test(p)),
    'the specimens’ screen was not visited before',
  );
  await nav.getByRole('link', { name: 'Especímenes', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'No se pudo cargar esta pantalla' }).waitFor();
  await page.getByText('Revise su conexión y vuelva a cargar la página.').waitFor();
  t.equal(new URL(page.url()).pathname, '/specimens', 'the address is the screen asked for');
  t.same(await accessibilityViolations(page), [], 'the message: no WCAG 2.1 AA violations');

  // The link is back: the reload brings the screen.
  await context.unroute(blocked);
  await page.getByRole('button', { name: 'Volver a cargar' }).click();
  await page.getByRole('heading', { level: 1, name: 'Especímenes documentales' }).waitFor();
  t.ok(
    came.some((p) => blocked.test(p)),
    'the specimens’ screen came once the link was back',
  );

  // While a screen's code is on its way the person opens the navigation's group: when the screen comes, the
  // group stays open and the focus stays on its button (a screen that comes at once takes the focus to its heading).
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const directoryCode = /\/assets\/directory-page-[\w-]+\.js$/;
  await context.route(directoryCode, async (route) => {
    await held;
    await route.continue();
  });
  const group = nav.getByRole('button', { name: 'Coordinación' });
  // What must not happen is seen only once the page's effects have run: after the next frame is painted, two frames later.
  const painted = () => page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done))))');
  await group.click();
  await nav.getByRole('link', { name: 'Directorio', exact: true }).click();
  await page.getByText('Cargando…').waitFor();
  t.equal(await group.getAttribute('aria-expanded'), 'false', 'the group closes on leaving for another screen');
  await group.click();
  t.equal(await group.getAttribute('aria-expanded'), 'true', 'opened again while the screen’s code is held');
  release();
  await page.getByRole('heading', { level: 1, name: 'Directorio' }).waitFor();
  await painted();
  t.equal(await group.getAttribute('aria-expanded'), 'true', 'the group stays open when the screen comes');
  t.equal(
    await page.evaluate(`document.activeElement?.matches('nav .navgroup-button') && document.activeElement.textContent`),
    'Coordinación',
    'the focus stays where the person put it',
  );
  await nav.getByRole('link', { name: 'Inicio', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
  await settles(
    t,
    () => page.evaluate(`document.activeElement === document.querySelector('main h1')`),
    true,
    'a screen whose code is at hand takes the focus to its heading',
  );

  // A screen the person may not open says so, and its code is not fetched.
  await page.goto(`${base}/audit`);
  await page.getByRole('heading', { level: 1, name: 'No disponible para usted' }).waitFor();
  t.notOk(
    fetched.some((p) => /\/assets\/log-page-[\w-]+\.js$/.test(p)),
    'the audit log’s code is not fetched for an officer',
  );
  t.same(csp, [], 'no Content-Security-Policy violations');
});
