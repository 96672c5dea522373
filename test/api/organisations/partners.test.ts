import t from 'tap';
import { newTotpSecret, sealTotpSecret } from '../../../server/platform/auth/totp.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { TEST_KEYRING } from '../../helpers/keys.ts';
import { MODUS_OPERANDI, reportCalls } from '../../helpers/reports.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { SPECIMEN, specimenCalls } from '../../helpers/specimens.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

const tokenFrom = (text: string) => /#([A-Za-z0-9_-]{20,})/.exec(text)?.[1] ?? '';

t.test('a partner organisation’s observer sees what GREEN releases to them in their space, and nothing else', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url } });
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const as = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const ok = async (who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const res = await as(who, method, url, payload);
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  // The Secretariat registers a partner organisation and invites its observer, placed under its code.
  const partner = await ok(world.secretariat, 'POST', '/api/organisations', {
    code: 'CSM',
    country: 'CSM',
    kind: 'partner',
    nameEs: 'Conferencia Suramericana sobre Migraciones',
    nameEn: 'South American Conference on Migration',
  });
  const invited = await ok(world.secretariat, 'POST', '/api/invitations', {
    email: 'observadora@csm.example',
    displayName: 'Observadora CSM',
    country: 'CSM',
    organisation: partner.nameEs,
    organisationId: partner.id,
    language: 'es',
  });
  t.match(invited, { country: 'CSM', organisationId: partner.id, status: 'invited' });
  const mail = smtp.messages.find((m) => m.to.includes('observadora@csm.example'));
  const password = 'una frase larga para la observadora';
  const accepted = await app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: tokenFrom(mail!.text), password } });
  t.equal(accepted.statusCode, 200, accepted.body);
  // The second factor's set-up has its own tests: here it is provisioned as the user factory does.
  const totpSecret = newTotpSecret();
  await database.db
    .updateTable('appUser')
    .set({ totpSecret: sealTotpSecret(TEST_KEYRING, invited.id, totpSecret), totpEnabledAt: clock.now() })
    .where('id', '=', invited.id)
    .execute();
  const observer = await signIn(app, database.db, clock, { user: { id: invited.id, email: invited.email, password, totpSecret } });

  // Only as an observer, in one space.
  const asOfficer = await as(world.secretariat, 'POST', `/api/spaces/${world.spaceId}/members`, { userId: invited.id, role: 'officer' });
  t.equal(asOfficer.statusCode, 409);
  t.equal(asOfficer.json().error.code, 'observer_only');
  await ok(world.secretariat, 'POST', `/api/spaces/${world.spaceId}/members`, { userId: invited.id, role: 'observer' });
  const observerNow = await signIn(app, database.db, clock, { user: { id: invited.id, email: invited.email, password, totpSecret } });

  // Another space of the network, where the partner is no member: its contact point and officer publish there too.
  const other = await ok(world.secretariat, 'POST', '/api/spaces', {
    networkId: world.networkId,
    nameEs: 'Otro',
    nameEn: 'Other',
    opensOn: '2026-03-01',
  });
  await ok(world.secretariat, 'POST', `/api/spaces/${other.id}/members`, { userId: world.officer.user.id, role: 'officer' });
  await ok(world.secretariat, 'POST', `/api/spaces/${other.id}/members`, { userId: world.contact.user.id, role: 'contact_point' });
  const officer = await signIn(app, database.db, clock, { user: world.officer.user });
  const contact = await signIn(app, database.db, clock, { user: world.contact.user });

  const specimens = specimenCalls(env, world);
  const reports = reportCalls(env, world);
  const specimen = async (tlp: string, number: string, spaceId = world.spaceId, extra: object = {}) => {
    const created = await specimens.create(officer, { tlp, documentNumber: number, ...extra }, spaceId);
    if (created.statusCode !== 201) throw new Error(created.body);
    const id = created.json().id as string;
    await specimens.images(officer, id, ['front']);
    await ok(officer, 'POST', `/api/specimens/${id}/submit`);
    await ok(contact, 'POST', `/api/specimens/${id}/publish`);
    return id;
  };
  const report = async (tlp: string, spaceId = world.spaceId) => {
    const created = await reports.create(officer, { ...MODUS_OPERANDI, tlp }, spaceId);
    if (created.statusCode !== 201) throw new Error(created.body);
    const id = created.json().id as string;
    await ok(officer, 'POST', `/api/reports/${id}/submit`);
    await ok(contact, 'POST', `/api/reports/${id}/publish`);
    return id;
  };

  const green = await specimen('GREEN', 'G-100');
  const amber = await specimen('AMBER', 'A-100');
  const strict = await specimen('AMBER+STRICT', 'S-100');
  const red = await specimen('RED', 'R-100', world.spaceId, { namedRecipients: [world.foreign.user.id] });
  const elsewhere = await specimen('GREEN', 'E-100', other.id);
  const draft = (await specimens.create(officer, { tlp: 'GREEN', documentNumber: 'D-100' })).json().id as string;
  const greenReport = await report('GREEN');
  const amberReport = await report('AMBER');
  const elsewhereReport = await report('GREEN', other.id);

  for (const who of [observer, observerNow]) t.ok(who.csrfToken, 'signed in');
  const me = observerNow;

  // Direct reads: GREEN in their space; everything else answers exactly as a missing id does.
  t.equal((await specimens.read(me, green)).statusCode, 200, 'GREEN specimen of their space');
  t.equal((await reports.read(me, greenReport)).statusCode, 200, 'GREEN report of their space');
  const missing = await specimens.read(me, '00000000-0000-4000-8000-000000000000');
  for (const [label, id] of [
    ['AMBER', amber],
    ['AMBER+STRICT', strict],
    ['RED', red],
    ['another space', elsewhere],
    ['a draft', draft],
  ] as const) {
    const res = await specimens.read(me, id);
    t.equal(res.statusCode, missing.statusCode, `${label} specimen: as missing`);
    t.same(res.json().error.code, missing.json().error.code);
  }
  const missingReport = await reports.read(me, '00000000-0000-4000-8000-000000000000');
  for (const id of [amberReport, elsewhereReport]) {
    const res = await reports.read(me, id);
    t.equal(res.statusCode, missingReport.statusCode, 'a report they may not read: as missing');
    t.equal(res.json().error.code, missingReport.json().error.code);
  }

  // Lists, counts and searches: the GREEN items of their space only.
  const found = (await specimens.search(me, {})).json();
  t.equal(found.total, 1, 'the count excludes what they may not read');
  t.same(
    found.items.map((i: { id: string }) => i.id),
    [green],
  );
  const inSpace = (await as(me, 'GET', `/api/spaces/${world.spaceId}/specimens`)).json();
  t.equal(inSpace.total, 1);
  const foundReports = (await reports.search(me, {})).json();
  t.equal(foundReports.total, 1);
  t.same(
    foundReports.items.map((i: { id: string }) => i.id),
    [greenReport],
  );
  const otherSpace = await as(me, 'GET', `/api/spaces/${other.id}/specimens`);
  t.not(otherSpace.statusCode, 200, 'another space’s list is closed to them');

  // The document-number check answers only with what they may read.
  t.match((await specimens.check(me, SPECIMEN.issuingCountry, 'G-100')).json(), { hit: true, items: [green] });
  for (const number of ['A-100', 'S-100', 'R-100', 'E-100', 'D-100']) {
    const res = (await specimens.check(me, SPECIMEN.issuingCountry, number)).json();
    t.same(res.items, [], `${number}: no id they may not read`);
  }

  // Exports carry the GREEN specimen and nothing else.
  const exported = await as(me, 'POST', '/api/specimens/export', { format: 'json' });
  t.equal(exported.statusCode, 200, exported.body);
  t.ok(exported.body.includes(green), 'the GREEN specimen is exported');
  for (const id of [amber, strict, red, elsewhere, draft]) t.notOk(exported.body.includes(id), 'nothing else is');
  const exportedReports = await as(me, 'POST', '/api/reports/export', { format: 'json' });
  t.equal(exportedReports.statusCode, 200, exportedReports.body);
  t.ok(exportedReports.body.includes(greenReport));
  for (const id of [amberReport, elsewhereReport]) t.notOk(exportedReports.body.includes(id));

  // A member-country officer of the same space reads the AMBER items the partner does not (the control).
  t.equal((await specimens.read(officer, amber)).statusCode, 200);
  t.equal((await specimens.search(officer, {})).json().total > 1, true);
});
