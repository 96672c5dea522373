import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Test } from 'tap';
import { totpCode } from '../../server/platform/auth/totp.ts';
import { buildTestApp } from './app.ts';
import { startSmtp } from './smtp.ts';

export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../e2e/artifacts');
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium, headless, with nothing phoning home. */
export async function launchBrowser(t: Test): Promise<Browser> {
  const executablePath = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!executablePath) throw new Error('Chromium not found: install Debian’s `chromium` or set CHROMIUM_PATH');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--metrics-recording-only',
    ],
  });
  t.teardown(() => browser.close());
  return browser;
}

const POLL_EVERY = 100;
const SETTLE_WITHIN = 15_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `check` holds. The pages' CSP forbids evaluating a string predicate there, so
 * `page.waitForFunction` with one cannot be used: the check runs here and reads the page.
 */
export async function until(check: () => Promise<boolean>, what: string, timeout = SETTLE_WITHIN): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await pause(POLL_EVERY);
  }
}

/**
 * Asserts a piece of page state that the app sets after the event that causes it (the focus
 * once a dialog has opened or closed, an attribute after a click or a key press, the page's
 * language, localStorage): reads it every 100 ms until it equals `expected` (deeply, for arrays
 * and objects), for at most `timeout`, then records `t.equal` (`t.same` for arrays and objects)
 * with the last value read, so a failure still shows what the page had. Returns that value.
 */
export async function settles<T>(t: Test, read: () => Promise<T>, expected: NoInfer<T>, message?: string, timeout = SETTLE_WITHIN): Promise<T> {
  const end = Date.now() + timeout;
  let actual = await read();
  while (!isDeepStrictEqual(actual, expected) && Date.now() < end) {
    await pause(POLL_EVERY);
    actual = await read();
  }
  const assert = typeof expected === 'object' && expected !== null ? t.same.bind(t) : t.equal.bind(t);
  if (message === undefined) assert(actual, expected);
  else assert(actual, expected, message);
  return actual;
}

/** Records every Content-Security-Policy violation the page reports. */
export async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.exposeFunction('__reportCsp', (v: string) => violations.push(v));
  // Page-side code as text: the server's tsconfig has no DOM types, on purpose.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => window.__reportCsp(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  return violations;
}

const require = createRequire(import.meta.url);

/** axe-core's WCAG 2.1 A/AA rules; evaluated through the DevTools protocol, so the page's CSP stays on. */
export async function accessibilityViolations(page: Page): Promise<{ id: string; help: string; nodes: number }[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`)) as {
    violations: { id: string; help: string; nodes: unknown[] }[];
  };
  return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.length }));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

/**
 * The built portal on a real port, with a real SMTP server catching its mail. The session
 * cookie's Expires comes from the server's clock and Chromium drops a cookie already expired by
 * its own, so the test clock starts from the real time; `nextCode` gives the current TOTP code
 * and moves the clock to the next step, since each step is accepted once.
 */
export async function startPortal(t: Test) {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { webDir: WEB_DIST, smtpUrl: smtp.url } });
  env.clock.set(new Date());
  const nextCode = (secret: string) => {
    const code = totpCode(secret, env.clock.now());
    env.clock.advance(30_000);
    return code;
  };
  const base = await env.app.listen({ host: '127.0.0.1', port: 0 });
  /** Fills the sign-in form the page shows, in `language`, then the verification step with the account's code. */
  const signInOnPage = async (page: Page, user: SignInAccount, language: 'es' | 'en' = 'es') => {
    const words = SIGN_IN_WORDS[language];
    await page.getByLabel(words.email).fill(user.email);
    await page.getByLabel(words.password, { exact: true }).fill(user.password);
    await page.getByRole('button', { name: words.submit, exact: true }).click();
    await page.getByLabel(words.code).fill(nextCode(user.totpSecret!));
    await page.getByRole('button', { name: words.verify }).click();
  };
  /**
   * A new browser context in `locale` (1280×900) opened at `path` and signed in there (the form in
   * the locale's language): the page and the CSP violations it reports.
   */
  const openAs = async (browser: Browser, who: { user: SignInAccount }, locale: string, path: string) => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const csp = await watchCsp(page);
    await page.goto(`${base}${path}`);
    await signInOnPage(page, who.user, locale.startsWith('es') ? 'es' : 'en');
    return { page, csp };
  };
  /**
   * The portal's job workers, played by the test while its pages wait on them (the fan-out, the
   * mail): queued jobs run every 200 ms until the test ends.
   */
  const workJobs = () => {
    let working = true;
    const worker = (async () => {
      while (working) {
        await env.app.jobs.drain().catch(() => 0);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    t.teardown(async () => {
      working = false;
      await worker;
    });
  };
  return { ...env, smtp, nextCode, base, signInOnPage, openAs, workJobs };
}

/** What the sign-in form needs of an account: its address, password and TOTP secret. */
export interface SignInAccount {
  email: string;
  password: string;
  totpSecret?: string | null | undefined;
}

/** The sign-in form's labels in each language. */
export const SIGN_IN_WORDS = {
  es: { email: 'Correo electrónico', password: 'Contraseña', submit: 'Iniciar sesión', code: 'Código de verificación', verify: 'Verificar' },
  en: { email: 'E-mail address', password: 'Password', submit: 'Sign in', code: 'Verification code', verify: 'Verify' },
} as const;
