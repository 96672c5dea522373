import type { Browser, Page } from 'playwright-core';
import t from 'tap';
import { accessibilityViolations, launchBrowser, screenshot, settles, startPortal, watchCsp } from '../helpers/browser.ts';
import { publishedPerson, TRAVELLER } from '../helpers/persons.ts';
import { type SignedIn, signIn } from '../helpers/users.ts';
import { buildWorld } from '../helpers/world.ts';

/** The names a test types (fictional), each looked for in every address the browser went to. */
const NAMES = ['Ilse', 'Marvany', 'Quetzal', 'Brando', 'Wendel', 'Oropeza', 'Lisardo', 'Johanna'];

t.test(
  'an officer records an adult travelling with two minors (AMBER), the contact point publishes it, another country follows the group with a sighting, a third finds it by name with the person check',
  async (t) => {
    const env = await startPortal(t);
    const { signInOnPage, base } = env;
    const world = await buildWorld(env);
    // A third member country in the same space: a Panamanian officer.
    const third = await signIn(env.app, env.database.db, env.clock, { country: 'PAN', language: 'en' });
    const added = await env.app.inject({
      method: 'POST',
      url: `/api/spaces/${world.spaceId}/members`,
      headers: world.secretariat.headers,
      payload: { userId: third.user.id, role: 'officer' },
    });
    t.equal(added.statusCode, 201, 'the Panamanian officer is a member');
    // A traveller Costa Rica keeps to itself (AMBER+STRICT, the default): known, but withheld from the others.
    await publishedPerson(env, world, TRAVELLER);

    const browser: Browser = await launchBrowser(t);
    const visited: string[] = [];
    const open = async (who: SignedIn, path: string, language: 'es' | 'en' = 'es'): Promise<{ page: Page; csp: string[] }> => {
      const context = await browser.newContext({ locale: language === 'es' ? 'es-ES' : 'en-GB', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on('framenavigated', (frame) => visited.push(frame.url()));
      page.on('request', (request) => visited.push(request.url()));
      const csp = await watchCsp(page);
      await page.goto(`${base}${path}`);
      await signInOnPage(page, who.user, language);
      return { page, csp };
    };
    const noViolations = async (page: Page, what: string) => t.same(await accessibilityViolations(page), [], `${what}: no WCAG 2.1 AA violations`);

    // --- The Costa Rican officer records the group in the guided form.
    const officer = await open(world.officer, '/persons');
    let page = officer.page;
    await page.getByRole('heading', { level: 1, name: 'Registros de personas' }).waitFor();
    await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Personas' }).waitFor();
    await page.getByRole('link', { name: 'Registrar adultos con menores' }).click();
    await page.waitForURL(`${base}/persons/new?form=minors`);
    await page.getByRole('heading', { level: 1, name: 'Registrar adultos que viajan con menores' }).waitFor();
    await page.getByLabel('Fecha de detección').fill('2026-11-20');
    await page.getByLabel('País de detección').selectOption('CRI');
    await page.getByLabel('Puesto o paso').fill('Peñas Blancas');
    await page.getByLabel('Transportista (vuelo, autobús, embarcación)').fill('Autobuses Tica Sur');
    await page.getByLabel('Resultado', { exact: true }).selectOption('referred');

    const minor1 = page.getByRole('group', { name: 'Menor 1', exact: true });
    await minor1.getByLabel('Nombre completo').fill('Ilse Marvany Quetzal');
    await minor1.getByLabel('Sexo').selectOption('F');
    await minor1.getByLabel('Fecha de nacimiento').fill('30/09/2015');
    await minor1.getByLabel('Agregar a «Nacionalidades»').selectOption('HND');
    await page.getByRole('button', { name: 'Agregar un menor' }).click();
    const minor2 = page.getByRole('group', { name: 'Menor 2', exact: true });
    await minor2.getByLabel('Nombre completo').fill('Brando Quetzal');
    await minor2.getByLabel('Sexo').selectOption('M');
    // A date of birth that makes him an adult: the server refuses it, at this field.
    await minor2.getByLabel('Fecha de nacimiento').fill('2001-05-05');
    await minor2.getByLabel('Agregar a «Nacionalidades»').selectOption('HND');

    const adult = page.getByRole('group', { name: 'Adulto 1', exact: true });
    await adult.getByLabel('Nombre completo').fill('Wendel Oropeza Lisardo');
    await adult.getByRole('button', { name: 'Agregar otro nombre' }).click();
    await adult.getByLabel('Otro nombre, alias o transliteración 2').fill('Wendy Oropeza');
    await adult.getByLabel('Fecha de nacimiento').fill('1984');
    await adult.getByLabel('Agregar a «Nacionalidades»').selectOption('NIC');
    await adult.getByLabel('Vínculo declarado').selectOption('relative');
    await adult.getByLabel('Respaldo').selectOption('none');
    await adult.getByRole('button', { name: 'Agregar un documento utilizado' }).click();
    const passport = adult.getByRole('group', { name: 'Documento 1' });
    await passport.getByLabel('Tipo de documento').selectOption('passport');
    await passport.getByLabel('Estado emisor').selectOption('NIC');
    await passport.getByLabel('Número del documento').fill('C01234567');
    await page.getByRole('checkbox', { name: 'Relatos contradictorios' }).check();
    await page.getByRole('checkbox', { name: 'El adulto retiene los documentos' }).check();
    await page.getByLabel('Destino', { exact: true }).selectOption('USA');
    await page.getByLabel('Derivado a', { exact: true }).selectOption('child_protection');
    await page.getByLabel('Oficina o referencia de la derivación').fill('PANI, oficina de Liberia');
    const labels = page.locator('input[name="tlp"]');
    const offered = [];
    for (let i = 0; i < (await labels.count()); i++) offered.push(await labels.nth(i).getAttribute('value'));
    t.same(offered, ['AMBER', 'AMBER+STRICT', 'RED'], 'never CLEAR or GREEN');
    t.equal(await page.locator('input[name="tlp"]:checked').getAttribute('value'), 'AMBER+STRICT', 'AMBER+STRICT by default');
    await page.getByText('Los registros de personas nunca son CLEAR ni GREEN').waitFor();
    await page.locator('input[name="tlp"][value="AMBER"]').check();
    await noViolations(page, 'person form (minors)');
    await screenshot(page, 'person-form-minors-es');

    await page.getByRole('button', { name: 'Guardar el borrador' }).click();
    await page.getByRole('alert').filter({ hasText: 'tenía 18 años o más al ser detectada' }).waitFor();
    const wrongBirth = minor2.getByLabel('Fecha de nacimiento');
    await settles(t, () => wrongBirth.getAttribute('aria-invalid'), 'true', 'the server’s error marks the minor’s date of birth');
    await settles(
      t,
      () => page.evaluate('document.activeElement && document.activeElement.getAttribute("name")'),
      'group.minors.1.dateOfBirth',
      'and gives it the focus',
    );
    await wrongBirth.fill('');
    await minor2.getByLabel('Edad (años)').fill('7');
    await page.getByRole('button', { name: 'Guardar el borrador' }).click();
    await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);
    const personPath = new URL(page.url()).pathname;
    const title = 'Adultos que viajan con menores sin vínculo familiar · Costa Rica, 2026';
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    // The originator reads it at once: no purpose asked.
    await page.getByRole('region', { name: 'Menores (2)' }).getByText('Brando Quetzal').waitFor();
    await page.getByRole('region', { name: 'Lo que está en claro' }).getByText('Derivado', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Enviar a validación' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enviar a validación' }).click();
    await page.getByText('Enviado a validación.').waitFor();
    await page.getByRole('region', { name: 'Conservación' }).getByRole('heading', { name: 'Conservar más tiempo' }).waitFor();
    await noViolations(page, 'person page (originator)');
    await screenshot(page, 'person-page-originator-es');

    // My country's records, by their clear facets: the group and the traveller, never a name.
    await page.getByRole('link', { name: 'Volver a los registros de personas' }).click();
    await page.waitForURL(`${base}/persons`);
    await page
      .locator('.results-count')
      .filter({ hasText: /^2 registros$/ })
      .waitFor();
    await page.getByLabel('Tipo de registro').selectOption('minors');
    await page.waitForURL(`${base}/persons?form=minors`);
    await page
      .locator('.results-count')
      .filter({ hasText: /^1 registro$/ })
      .waitFor();
    t.equal(await page.locator('.specimen-list').getByText('Quetzal').count(), 0, 'the list names no one');
    await noViolations(page, 'person list');
    await screenshot(page, 'persons-list-es');

    // The blank form, as printed for a post without a connection.
    await page.goto(`${base}/persons/blank/minors`);
    await page.getByRole('heading', { level: 1, name: 'Formulario en blanco: adultos que viajan con menores' }).waitFor();
    await page.getByText('Relatos contradictorios').waitFor();
    await noViolations(page, 'blank form');
    await page.emulateMedia({ media: 'print' });
    t.equal(await page.locator('.print-head').isVisible(), true, 'printed, the label heads every page');
    t.match(await page.locator('.print-head').textContent(), /TLP:AMBER\+STRICT/);
    t.equal(await page.getByRole('button', { name: 'Imprimir / PDF' }).isVisible(), false, 'the buttons are not printed');
    await screenshot(page, 'person-blank-minors-print-es');
    await page.emulateMedia({ media: 'screen' });
    t.same(officer.csp, [], 'no CSP violations (officer)');

    // --- The contact point of Costa Rica finds it waiting on the home page, states a purpose and publishes it.
    const contact = await open(world.contact, '/signin');
    page = contact.page;
    await page.getByRole('link', { name: '1 registro de persona por validar' }).click();
    await page.waitForURL(`${base}/persons?status=submitted`);
    await page.getByRole('heading', { level: 1, name: 'Registros de personas por validar' }).waitFor();
    await page.getByRole('link', { name: 'Detectado en Costa Rica, 2026' }).click();
    const purpose = page.getByRole('dialog', { name: '¿Por qué abre este registro de persona?' });
    await purpose.waitFor();
    await noViolations(page, 'purpose dialog (person record)');
    await purpose.getByLabel('Propósito del acceso').fill('Validación del registro de Peñas Blancas');
    await purpose.getByRole('button', { name: 'Indicar y abrir' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('button', { name: 'Publicar' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publicar' }).click();
    await page.waitForURL(`${base}/persons?status=submitted`);
    await page.getByText('Publicado: quienes su etiqueta permite ya pueden encontrar el registro.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Nada que validar' }).waitFor();
    t.same(contact.csp, [], 'no CSP violations (contact point)');

    // --- A Guatemalan officer checks a minor by name (another order, no accents or case), states a purpose, and follows the group.
    const foreign = await open(world.foreign, '/persons/check');
    page = foreign.page;
    await page.getByRole('heading', { level: 1, name: 'Consulta de personas' }).waitFor();
    const one = page.getByRole('region', { name: 'Una persona' });
    await one.getByLabel('Nombre', { exact: true }).fill('quetzal ilse marvany');
    await one.getByLabel('Fecha de nacimiento').fill('2015-09-30');
    await one.getByRole('button', { name: 'Consultar' }).click();
    const answer = one.getByRole('region', { name: 'Conocida' });
    await answer.getByText('coincidencia exacta').waitFor();
    await noViolations(page, 'person check (es)');
    await screenshot(page, 'person-check-es');
    await answer.getByRole('link', { name: /^Registro de persona / }).click();
    await page.waitForURL(`${base}${personPath}`);
    const foreignPurpose = page.getByRole('dialog', { name: '¿Por qué abre este registro de persona?' });
    await foreignPurpose.getByLabel('Propósito del acceso').fill('Control migratorio en Tecún Umán, caso GT-2026-88');
    await foreignPurpose.getByRole('button', { name: 'Indicar y abrir' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('region', { name: 'Menores (2)' }).getByText('Ilse Marvany Quetzal').waitFor();
    t.equal(await page.getByRole('heading', { name: 'Conservar más tiempo' }).count(), 0, 'only the originator keeps it longer');
    const follow = page.getByRole('region', { name: 'Seguimiento: visto desde entonces' });
    await follow.getByText('Ningún país ha informado haberlos visto desde entonces.').waitFor();
    t.equal(await follow.getByLabel('País').inputValue(), 'GTM', 'seen in my own country, unless I say otherwise');
    await follow.getByLabel('Puesto o paso (opcional)').fill('Tecún Umán');
    await follow.getByRole('button', { name: 'Informar «visto aquí»' }).click();
    await follow.getByText('Registrado: su país da seguimiento a este registro.').waitFor();
    await follow.getByRole('row').filter({ hasText: 'Tecún Umán' }).filter({ hasText: 'Guatemala' }).waitFor();
    await noViolations(page, 'person page (foreign reader)');
    await screenshot(page, 'person-page-es');
    t.same(foreign.csp, [], 'no CSP violations (foreign officer)');

    // --- A Panamanian officer, in English, screens a list from a CSV file: the adult by name, his alias by sound, the traveller withheld.
    const panama = await open(third, '/persons/check', 'en');
    page = panama.page;
    await page.getByRole('heading', { level: 1, name: 'Person check' }).waitFor();
    const batch = page.getByRole('region', { name: 'Several persons' });
    const csv = [
      'names;dateOfBirth;nationality',
      'Wendel Oropeza Lisardo;1984;NIC',
      'Wendell Oropesa Lizardo;1984;',
      'Johanna González Pérez;17/04/1991;COL',
      'Nadia Ficticia Nadie;1970;',
    ].join('\n');
    await batch.getByLabel('CSV file (optional)').setInputFiles({ name: 'screening.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await settles(t, () => batch.getByLabel('Persons to check, one a line').inputValue(), csv, 'the file is read into the list, here in the browser');
    await batch.getByRole('button', { name: 'Check 4 persons' }).click();
    await batch.getByText('4 checked: 2 known, 1 withheld, 1 not known.').waitFor();
    const rows = batch.getByRole('table', { name: 'Results, line by line' }).locator('tbody tr');
    t.match(await rows.nth(0).textContent(), /Known.*Person record.*exact match/s, 'the adult by his name');
    t.match(await rows.nth(1).textContent(), /Known.*Person record.*phonetic match \(weaker\)/s, 'and by its sound, as a weaker match');
    t.match(await rows.nth(2).textContent(), /Withheld.*ask your contact point/s, 'the traveller Costa Rica keeps to itself: withheld');
    t.match(await rows.nth(3).textContent(), /Not known/);
    await noViolations(page, 'person check, batch (en)');
    await screenshot(page, 'person-check-batch-en');
    await rows
      .nth(1)
      .getByRole('link', { name: /^Person record / })
      .click();
    await page.waitForURL(`${base}${personPath}`);
    const englishPurpose = page.getByRole('dialog', { name: 'Why are you opening this person record?' });
    await englishPurpose.getByLabel('Purpose of the access').fill('Screening at Paso Canoas, case PA-2026-17');
    await englishPurpose.getByRole('button', { name: 'State and open' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adults travelling with minors without family ties · Costa Rica, 2026' }).waitFor();
    await page.getByRole('region', { name: 'Follow-up: seen since' }).getByRole('row').filter({ hasText: 'Tecún Umán' }).waitFor();
    await page.getByRole('region', { name: 'Accompanying adults (1)' }).getByText('Wendy Oropeza').waitFor();
    await noViolations(page, 'person page (en)');
    await screenshot(page, 'person-page-en');
    t.same(panama.csp, [], 'no CSP violations (Panamanian officer)');

    const leaked = visited.filter((url) => NAMES.some((name) => decodeURIComponent(url).toLowerCase().includes(name.toLowerCase())));
    t.same(leaked, [], 'no name in any address the browsers went to or asked for');
  },
);
