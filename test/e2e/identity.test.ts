import { readFile } from 'node:fs/promises';
import * as openpgp from 'openpgp';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, watchCsp } from '../helpers/browser.ts';
import { createUser } from '../helpers/users.ts';

const tokenFrom = (text: string) => /#([A-Za-z0-9_-]{20,})/.exec(text)?.[1] ?? '';
const RECOVERY_CODE = /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/;

t.test('the Secretariat invites someone, who chooses a password, sets up a second factor and signs back in', async (t) => {
  const { database, smtp, nextCode, base } = await startPortal(t);
  const officer = await createUser(database.db, { roles: ['secretariat'], country: 'SV', organisation: 'Secretaría Virtual' });
  const browser = await launchBrowser(t);

  // --- The Secretariat officer, in Spanish.
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cspViolations = await watchCsp(page);

  await page.goto(`${base}/profile`);
  await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
  t.equal(
    new URL(page.url()).pathname + new URL(page.url()).search,
    '/signin?next=%2Fprofile',
    'a protected screen sends a signed-out visitor to sign in',
  );
  t.same(await accessibilityViolations(page), [], 'sign-in: no WCAG 2.1 AA violations');
  await screenshot(page, 'signin-es');

  const signIn = page.getByRole('button', { name: 'Iniciar sesión', exact: true });
  await signIn.click();
  await page.getByRole('alert').filter({ hasText: 'Complete «Correo electrónico»' }).waitFor();
  t.equal(await page.getByLabel('Correo electrónico').getAttribute('aria-invalid'), 'true', 'the empty field is marked invalid');

  await page.getByLabel('Correo electrónico').fill(officer.email);
  await page.getByLabel('Contraseña', { exact: true }).fill('not the password at all');
  await signIn.click();
  await page.getByRole('alert').filter({ hasText: 'El correo, la contraseña o el código no son correctos.' }).waitFor();
  t.pass('a wrong password shows the server’s message, in Spanish');

  // From here every step is right: the browser's console reports no refused request.
  const refused: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /status of 4\d\d/.test(msg.text())) refused.push(msg.text());
  });
  await page.getByLabel('Contraseña', { exact: true }).fill(officer.password);
  await signIn.click();
  await page.getByRole('heading', { level: 2, name: 'Segundo factor' }).waitFor();
  await settles(t, () => page.evaluate('document.activeElement?.getAttribute("name")'), 'otp', 'the code field has the focus');
  await page.getByRole('button', { name: 'Usar un código de recuperación' }).click();
  await page.getByLabel('Código de recuperación').waitFor();
  await page.getByRole('button', { name: 'Usar el código de la aplicación' }).click();
  await screenshot(page, 'signin-second-factor-es');
  await page.getByLabel('Código de verificación').fill(nextCode(officer.totpSecret!));
  await page.getByRole('button', { name: 'Verificar' }).click();

  await page.getByRole('heading', { level: 1, name: 'Mi perfil' }).waitFor();
  t.equal(new URL(page.url()).pathname, '/profile', 'after signing in, back to the screen asked for');
  t.same(refused, [], 'a normal sign-in asks for the code without a refused request');
  const steps = await database.db
    .selectFrom('auditEntry')
    .select(['outcome', 'details'])
    .where('action', '=', 'session.login')
    .where('actorId', '=', officer.id)
    .orderBy('seq')
    .execute();
  t.same(
    steps.map((s) => [s.outcome, (s.details as { status: number }).status]),
    [
      ['denied', 401],
      ['allowed', 202],
      ['allowed', 200],
    ],
    'the trail: the wrong password denied, then the password step and the sign-in allowed',
  );
  const banner = page.getByRole('banner');
  await banner.getByText('Test Officer').waitFor();
  await settles(t, async () => !!(await page.evaluate('localStorage.getItem("enlace.csrf")')), true, 'the CSRF token is kept for reloads');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Mi perfil' }).waitFor();
  t.pass('a reload keeps the session');
  await page.getByText('Secretaría Virtual', { exact: true }).first().waitFor();
  t.same(await accessibilityViolations(page), [], 'profile: no WCAG 2.1 AA violations (es)');
  await screenshot(page, 'profile-es');

  const nav = page.getByRole('navigation', { name: 'Navegación principal' });
  t.same(
    await nav.getByRole('link', { includeHidden: true }).allTextContents(),
    [
      'Inicio',
      'Espacios',
      'Declaraciones',
      'Compromisos',
      'Requisitos de entrada',
      'Directorio',
      'Reuniones',
      'Seguimiento',
      'Cuentas',
      'Organizaciones',
      'Webhooks',
    ],
    'the Secretariat runs spaces, accounts and webhooks',
  );

  await nav.getByRole('link', { name: 'Cuentas' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cuentas' }).waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Invitar a una persona' }).click();
  await page.getByRole('heading', { level: 1, name: 'Invitar a una persona' }).waitFor();
  const inviteeEmail = 'ana.rojas@migracion.example.cr';
  await page.getByLabel('Correo electrónico').fill(inviteeEmail);
  await page.getByLabel('Nombre completo').fill('Ana Rojas');
  await page.getByLabel('País u organización').selectOption('CRI');
  t.equal(await page.locator('select[name="country"] option[value="CRI"]').textContent(), 'Costa Rica', 'country names come from the locale');
  t.equal(await page.locator('select[name="country"] option[value="SV"]').textContent(), 'Secretaría Virtual', 'organisations from the catalogue');
  await page.getByLabel('Institución').fill('Dirección General de Migración y Extranjería');
  t.same(await accessibilityViolations(page), [], 'invitation form: no WCAG 2.1 AA violations');
  await screenshot(page, 'invite-es');
  await page.getByRole('button', { name: 'Enviar la invitación' }).click();
  await page.getByRole('status').filter({ hasText: 'Invitación enviada a Ana Rojas' }).waitFor();
  const [mail] = await smtp.received(1);
  t.same(mail!.to, [inviteeEmail]);
  const token = tokenFrom(mail!.text);
  t.ok(token, 'the invitation mail carries a link with the token after #');

  await page.getByRole('banner').getByRole('link', { name: 'Sesiones' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sesiones' }).waitFor();
  await page.getByText('Este navegador', { exact: true }).waitFor();
  t.same(await accessibilityViolations(page), [], 'sessions: no WCAG 2.1 AA violations');
  await screenshot(page, 'sessions-es');

  // --- The invitee, in another browser: starts in Spanish, switches to English.
  const inviteeContext = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const invitee = await inviteeContext.newPage();
  const inviteeCsp = await watchCsp(invitee);
  await invitee.goto(`${base}/invitation#${token}`);
  await invitee.getByRole('heading', { level: 1, name: 'Elija su contraseña' }).waitFor();
  t.equal(new URL(invitee.url()).hash, '', 'the token leaves the address bar at once');

  await invitee.getByRole('button', { name: 'English' }).click();
  await invitee.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
  const password = 'un paseo largo por la playa';
  await invitee.getByLabel('New password', { exact: true }).fill(password);
  await invitee.getByLabel('Repeat the new password').fill('un paseo corto');
  await invitee.getByRole('button', { name: 'Save password and continue' }).click();
  await invitee.getByRole('alert').filter({ hasText: 'The two passwords are not the same.' }).waitFor();
  t.equal(await invitee.getByLabel('Repeat the new password').getAttribute('aria-invalid'), 'true');
  await invitee.getByLabel('Show password').check();
  await settles(t, () => invitee.getByLabel('New password', { exact: true }).getAttribute('type'), 'text', 'the password can be shown');
  await invitee.getByLabel('Repeat the new password').fill(password);
  await invitee.getByRole('button', { name: 'Save password and continue' }).click();

  await invitee.getByRole('heading', { level: 1, name: 'Set up your second factor' }).waitFor();
  t.equal(new URL(invitee.url()).pathname, '/enrol', 'a new account goes on to set up its second factor');
  const secret = ((await invitee.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
  t.match(secret, /^[A-Z2-7]{32}$/, 'the secret is shown for typing');
  await invitee.getByAltText('QR code to scan with your authenticator app').waitFor();
  await invitee.waitForFunction('document.querySelector("img.qr")?.naturalWidth > 0');
  t.pass('the QR code (a data: URL) loads under the CSP');
  t.same(await accessibilityViolations(invitee), [], 'enrolment: no WCAG 2.1 AA violations (en)');
  await screenshot(invitee, 'enrol-en');

  await invitee.getByLabel('Verification code').fill(nextCode(secret));
  await invitee.getByRole('button', { name: 'Turn on the second factor' }).click();
  await invitee.getByRole('heading', { level: 1, name: 'Store your recovery codes' }).waitFor();
  const codes = (await invitee.locator('ol.codes li').allTextContents()).map((c) => c.trim());
  t.equal(codes.length, 10, 'ten recovery codes');
  t.ok(
    codes.every((c) => RECOVERY_CODE.test(c)),
    'in the form XXXX-XXXX-XXXX-XXXX',
  );
  t.same(await accessibilityViolations(invitee), [], 'recovery codes: no WCAG 2.1 AA violations');
  await screenshot(invitee, 'recovery-codes-en');
  const [download] = await Promise.all([invitee.waitForEvent('download'), invitee.getByRole('button', { name: 'Download as .txt' }).click()]);
  t.equal(download.suggestedFilename(), 'enlace-recovery-codes.txt');
  const file = await readFile(await download.path(), 'utf8');
  t.ok(
    codes.every((c) => file.includes(c)),
    'the download holds the ten codes',
  );
  await invitee.getByRole('button', { name: 'I have stored them' }).click();

  await invitee.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  const inviteeBanner = invitee.getByRole('banner');
  await inviteeBanner.getByText('Ana Rojas').waitFor();
  t.same(
    await invitee.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { includeHidden: true }).allTextContents(),
    ['Home', 'Alerts'],
    'no invitation screen for a liaison officer; the alerts addressed to them',
  );

  await inviteeBanner.getByRole('button', { name: 'Sign out' }).click();
  await invitee.getByRole('status').filter({ hasText: 'You have signed out.' }).waitFor();
  await invitee.getByRole('link', { name: 'Sign in' }).first().click();
  await invitee.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await invitee.getByLabel('E-mail address').fill(inviteeEmail);
  await invitee.getByLabel('Password', { exact: true }).fill(password);
  await invitee.getByRole('button', { name: 'Sign in', exact: true }).click();
  await invitee.getByLabel('Verification code').fill(nextCode(secret));
  await invitee.getByRole('button', { name: 'Verify' }).click();
  await invitee.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  await inviteeBanner.getByText('Ana Rojas').waitFor();
  t.pass('signed back in with password and code');

  await invitee.getByRole('link', { name: 'My profile' }).first().click();
  await invitee.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
  await invitee.getByText('You have 10 unused recovery codes.').waitFor();
  t.equal(await invitee.locator('.facts dd').nth(1).textContent(), 'Costa Rica CRI');
  t.same(await accessibilityViolations(invitee), [], 'profile: no WCAG 2.1 AA violations (en)');
  await screenshot(invitee, 'profile-en');

  await invitee.setViewportSize({ width: 390, height: 844 });
  // On a phone the navigation is behind the Menu button.
  await invitee.getByRole('button', { name: 'Menu' }).click();
  await invitee.getByRole('banner').getByRole('link', { name: 'Sessions' }).click();
  await invitee.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
  await invitee.getByText('This browser', { exact: true }).waitFor();
  await screenshot(invitee, 'sessions-en-mobile');

  t.same(cspViolations, [], 'no CSP violation (Secretariat)');
  t.same(inviteeCsp, [], 'no CSP violation (invitee)');
});

t.test('the profile, recovery codes, a password reset by mail and signing out everywhere', async (t) => {
  const { database, smtp, nextCode, signInOnPage, base } = await startPortal(t);
  const user = await createUser(database.db, { language: 'en', country: 'GTM', organisation: 'Instituto Guatemalteco de Migración' });
  const browser = await launchBrowser(t);
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cspViolations = await watchCsp(page);

  // No language chosen in this browser: the account's language (English) wins at sign-in.
  await page.goto(`${base}/signin`);
  await signInOnPage(page, user, 'es');
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  await settles(t, () => page.getAttribute('html', 'lang'), 'en', 'the account’s language is adopted');

  await page.getByRole('banner').getByRole('link', { name: 'My profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
  await page.getByLabel('Name shown to others').fill('María Pérez');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mi perfil' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Sus cambios se han guardado.' }).waitFor();
  await page.getByRole('banner').getByText('María Pérez').waitFor();
  t.pass('a new name and language apply at once');

  const pgpField = page.getByLabel('Clave pública', { exact: true });
  await pgpField.fill('-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nthis is not a key at all, only words\n-----END PGP PUBLIC KEY BLOCK-----');
  await page.getByRole('button', { name: 'Guardar la clave' }).click();
  await page.getByRole('alert').filter({ hasText: 'Esto no es una clave pública OpenPGP' }).waitFor();
  t.equal(await pgpField.getAttribute('aria-invalid'), 'true', 'the key field is marked invalid');
  const { publicKey } = await openpgp.generateKey({ userIDs: [{ email: user.email }], type: 'curve25519', format: 'armored' });
  const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint().toUpperCase();
  await pgpField.fill(publicKey);
  await page.getByRole('button', { name: 'Guardar la clave' }).click();
  await page.getByRole('status').filter({ hasText: 'Su clave pública se ha guardado.' }).waitFor();
  t.equal(((await page.locator('.fingerprint code').textContent()) ?? '').replace(/\s/g, ''), fingerprint, 'the fingerprint is shown');
  await page.getByRole('button', { name: 'Quitar la clave' }).click();
  await page.getByRole('status').filter({ hasText: 'Su clave pública se ha quitado.' }).waitFor();

  await page.getByRole('region', { name: 'Códigos de recuperación' }).getByLabel('Código de verificación').fill(nextCode(user.totpSecret!));
  await page.getByRole('button', { name: 'Crear códigos de recuperación nuevos' }).click();
  await page.getByRole('heading', { level: 3, name: 'Sus nuevos códigos de recuperación' }).waitFor();
  const codes = (await page.locator('ol.codes li').allTextContents()).map((c) => c.trim());
  t.equal(codes.length, 10, 'ten new recovery codes');
  await page.getByRole('button', { name: 'Ya los he guardado' }).click();
  await page.getByText('Le quedan 10 códigos de recuperación sin usar.').waitFor();

  await page.getByLabel('Contraseña actual').fill('not my password at all');
  await page.getByLabel('Nueva contraseña', { exact: true }).fill('una contraseña nueva y larga');
  await page.getByLabel('Repita la nueva contraseña').fill('una contraseña nueva y larga');
  await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
  await page.getByRole('alert').filter({ hasText: 'Su contraseña actual no es correcta.' }).waitFor();
  await settles(t, () => page.evaluate('document.activeElement?.getAttribute("name")'), 'currentPassword', 'the focus goes to the wrong field');
  await page.getByLabel('Contraseña actual').fill(user.password);
  await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
  await page.getByRole('status').filter({ hasText: 'Su contraseña ha cambiado.' }).waitFor();
  // The renewed session's CSRF token is the one sent next.
  await page.getByLabel('Nombre que ven los demás').fill('María Pérez Soto');
  await page.getByRole('button', { name: 'Guardar los cambios' }).click();
  await page.getByRole('banner').getByText('María Pérez Soto').waitFor();
  t.pass('after a password change, the renewed session keeps working');

  await page.getByRole('banner').getByRole('button', { name: 'Cerrar sesión' }).click();
  await page.getByRole('status').filter({ hasText: 'Ha cerrado la sesión.' }).waitFor();

  // Forgotten password: a link by mail, a new password, then a recovery code instead of the app.
  await page.getByRole('banner').getByRole('link', { name: 'Iniciar sesión' }).click();
  await page.getByRole('link', { name: '¿Olvidó su contraseña?' }).click();
  await page.getByRole('heading', { level: 1, name: 'Restablecer la contraseña' }).waitFor();
  await page.getByLabel('Correo electrónico').fill(user.email);
  await page.getByRole('button', { name: 'Enviar el enlace' }).click();
  await page.getByRole('status').filter({ hasText: 'Si existe una cuenta con esa dirección' }).waitFor();
  const [mail] = await smtp.received(1);
  await page.goto(`${base}/reset#${tokenFrom(mail!.text)}`);
  await page.getByRole('heading', { level: 1, name: 'Elija una nueva contraseña' }).waitFor();
  t.equal(new URL(page.url()).hash, '', 'the reset token leaves the address bar at once');
  await page.getByLabel('Nueva contraseña', { exact: true }).fill('otra frase distinta para entrar');
  await page.getByLabel('Repita la nueva contraseña').fill('otra frase distinta para entrar');
  await page.getByRole('button', { name: 'Guardar la nueva contraseña' }).click();
  await page.getByRole('status').filter({ hasText: 'Su contraseña ha cambiado' }).waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Iniciar sesión' }).click();
  await page.getByLabel('Correo electrónico').fill(user.email);
  await page.getByLabel('Contraseña', { exact: true }).fill('otra frase distinta para entrar');
  await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
  await page.getByRole('button', { name: 'Usar un código de recuperación' }).click();
  await page.getByLabel('Código de recuperación').fill(codes[0]!.toLowerCase());
  await page.getByRole('button', { name: 'Verificar' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inicio' }).waitFor();
  t.pass('signed in with the new password and a recovery code');

  await page.getByRole('banner').getByRole('link', { name: 'Sesiones' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sesiones' }).waitFor();
  await page.getByRole('button', { name: 'Cerrar la sesión en todas partes' }).click();
  await page.getByRole('status').filter({ hasText: 'Ha cerrado la sesión.' }).waitFor();
  await page.goto(`${base}/sessions`);
  await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
  t.pass('signed out everywhere: the sessions screen asks to sign in again');

  t.same(cspViolations, [], 'no CSP violation');
});
