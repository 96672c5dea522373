import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import t from 'tap';
import { verifyFile } from '../../../server/features/audit/commands.ts';
import { makeCheckpoint } from '../../../server/platform/audit/checkpoints.ts';
import { scheduledVerification } from '../../../server/platform/audit/schedule.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { TEST_KEYRING } from '../../helpers/keys.ts';
import { GROUP, personCalls, publishedPerson, TRAVELLER } from '../../helpers/persons.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { createUser, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('auditors read, filter, page and export the trail; no one else reads it, and the attempt is recorded', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const get = (url: string, who = world.auditor) => app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

  for (const who of [world.secretariat, world.officer, world.contact]) {
    const res = await get('/api/audit', who);
    t.equal(res.statusCode, 403, 'only auditors');
  }
  const denied = await get(`/api/audit?outcome=denied&action=audit.search&actor=${world.secretariat.user.id}`);
  t.equal(denied.statusCode, 200);
  t.match(denied.json().entries[0], {
    action: 'audit.search',
    outcome: 'denied',
    actor: { id: world.secretariat.user.id, displayName: String, country: 'SV' },
    details: { status: 403, code: 'forbidden' },
  });
  t.equal(denied.json().entries.length, 1);

  // Membership additions by the Secretariat, with the space's names.
  const members = await get(`/api/audit?action=member.add&space=${world.spaceId}`);
  t.equal(members.json().entries.length, 4);
  t.match(members.json().entries[0], {
    space: { id: world.spaceId, nameEs: 'Espacio', nameEn: 'Space' },
    actor: { id: world.secretariat.user.id },
    hash: /^[0-9a-f]{64}$/,
  });

  // Paging: newest first, nextBefore until the end, no entry twice.
  const seen: number[] = [];
  let before: number | null = null;
  do {
    const page: { entries: { seq: number }[]; nextBefore: number | null } = (
      await get(`/api/audit?limit=5${before ? `&before=${before}` : ''}`)
    ).json();
    seen.push(...page.entries.map((e) => e.seq));
    before = page.nextBefore;
  } while (before);
  t.same(
    seen,
    [...seen].sort((a, b) => b - a),
    'newest first',
  );
  t.equal(new Set(seen).size, seen.length);
  t.equal(seen.at(-1), 1);

  // Time window and subject.
  clock.advance(1000);
  const since = clock.now().toISOString();
  await get(`/api/audit?subject=${world.spaceId}`);
  const windowed = (await get(`/api/audit?from=${encodeURIComponent(since)}&action=audit.search`)).json();
  t.equal(windowed.entries.length, 1, 'only what happened after `from`');
  t.equal((await get('/api/audit?outcome=maybe')).statusCode, 400);
  t.equal((await get('/api/audit?limit=500')).statusCode, 400);

  const facets = (await get('/api/audit/facets')).json();
  t.ok(facets.actors.some((a: { id: string }) => a.id === world.officer.user.id));
  t.match(facets.spaces, [{ id: world.spaceId }]);
  t.ok(
    ['session.login', 'attachment.download', 'key.rotate', 'audit.verify', 'member.add'].every((a) => facets.actions.includes(a)),
    'route and system actions',
  );

  // Export: JSONL with the key and checkpoints, which verifies offline.
  await makeCheckpoint(database.db, TEST_KEYRING, clock.now());
  const exported = await get('/api/audit/export');
  t.equal(exported.statusCode, 200);
  t.match(exported.headers['content-disposition'], /^attachment; filename="enlace-audit-.*\.jsonl"$/);
  const lines = exported.body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.match(lines[0], { type: 'header', format: 'enlace-audit-export', version: 1, from: 1, filtered: false, publicKey: /BEGIN PGP PUBLIC KEY/ });
  t.equal(lines.filter((l) => l.type === 'checkpoint').length, 1);
  const dir = t.testdir({});
  const file = path.join(dir, 'export.jsonl');
  await fs.writeFile(file, exported.body);
  t.match((await verifyFile(file, undefined)).verdict, { ok: true, checkpoints: 1 });
  const entryLines = lines.filter((l) => l.type === 'entry');
  entryLines[3].outcome = 'denied';
  await fs.writeFile(file, [lines[0], ...lines.filter((l) => l.type === 'checkpoint'), ...entryLines].map((l) => JSON.stringify(l)).join('\n'));
  t.match((await verifyFile(file, undefined)).verdict, { ok: false, firstBad: entryLines[3].seq, reason: /content does not match/ });

  // A filtered export verifies where it can (each entry against its own hash, checkpoints that fall inside).
  const filtered = await get(`/api/audit/export?actor=${world.secretariat.user.id}`);
  await fs.writeFile(file, filtered.body);
  t.match(JSON.parse(filtered.body.split('\n')[0]!), { filtered: true });
  t.match((await verifyFile(file, undefined)).verdict, { ok: true });

  t.match(await database.db.selectFrom('auditEntry').select(['action', 'outcome']).where('action', '=', 'audit.export').execute(), [
    { outcome: 'allowed' },
    { outcome: 'allowed' },
  ]);
});

t.test('integrity: checkpoints, the public key, verify now; a scheduled verification alerts auditors once per break', async (t) => {
  const smtp = await startSmtp(t);
  const env = await buildTestApp(t, { config: { smtpUrl: smtp.url, publicUrl: 'https://enlace.example.org' } });
  const { app, database, clock } = env;
  const auditor = await signIn(app, database.db, clock, { roles: ['auditor'], country: 'PAN', language: 'es' });
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: auditor.cookie } });

  const first = (await get('/api/audit/integrity')).json();
  t.match(first, { head: { seq: Number }, lastCheckpoint: null, lastVerification: null, fingerprint: /^[0-9A-F]{40}$/ });
  const cp = await makeCheckpoint(database.db, TEST_KEYRING, clock.now());
  t.ok(cp);
  const key = await get('/api/audit/public-key');
  t.match(key.headers['content-type'], /application\/pgp-keys/);
  t.match(key.body, /BEGIN PGP PUBLIC KEY BLOCK/);
  const checkpoints = (await get('/api/audit/checkpoints')).json();
  t.match(checkpoints, { checkpoints: [{ seq: cp!.seq, fingerprint: first.fingerprint, signature: /BEGIN PGP SIGNATURE/ }], nextBefore: null });

  const verified = await app.inject({ method: 'POST', url: '/api/audit/verify', headers: auditor.headers });
  t.match(verified.json(), { ok: true, firstBad: null });
  const integrity = (await get('/api/audit/integrity')).json();
  t.match(integrity, { lastCheckpoint: { seq: cp!.seq, fingerprint: first.fingerprint }, lastVerification: { ok: true, firstBad: null } });

  t.match(await scheduledVerification(app), { ok: true });
  t.equal(smtp.messages.length, 0, 'no alert while the trail is sound');

  // Tampering: entry 2 changed by a superuser.
  await sql`alter table audit_entry disable trigger user`.execute(database.db);
  await sql`update audit_entry set outcome = 'denied' where seq = 2`.execute(database.db);
  await sql`alter table audit_entry enable trigger user`.execute(database.db);
  t.match(await scheduledVerification(app), { ok: false, firstBad: 2 });
  const [alert] = await smtp.received(1);
  t.same(alert!.to, [auditor.user.email]);
  t.match(alert!.subject, /bitácora de auditoría no superó la verificación/);
  t.match(alert!.text, /rota en la entrada 2/);
  t.match(alert!.text, /https:\/\/enlace\.example\.org\/audit/);
  await scheduledVerification(app);
  t.equal(smtp.messages.length, 1, 'the same break is not mailed again');
  const broken = (await get('/api/audit/integrity')).json();
  t.match(broken.lastVerification, { ok: false, firstBad: 2, reason: /content/ });
  const nowVerified = await app.inject({ method: 'POST', url: '/api/audit/verify', headers: auditor.headers });
  t.match(nowVerified.json(), { ok: false, firstBad: 2 });
  t.match((await get('/api/audit?action=audit.verify&outcome=error&limit=1')).json().entries[0], { details: { firstBad: 2 } });
});

t.test('anomaly flags: reads over the hourly threshold, repeated denials, activity at an unusual hour', async (t) => {
  const logs: string[] = [];
  const env = await buildTestApp(t, {
    logs,
    config: { auditReadsPerHour: 3, auditDenialsPerHour: 3, auditMinHistory: 20, auditUnusualHourShare: 0.05 },
  });
  const { app, database, clock } = env;
  const reader = { user: await createUser(database.db, { country: 'CRI' }) };
  const start = new Date('2026-11-02T00:00:00.000Z');
  const at = (day: number, hour: number, minute = 0) => new Date(start.getTime() + day * 86_400_000 + hour * 3_600_000 + minute * 60_000);
  const record = async (when: Date, event: Parameters<typeof app.audit.record>[0]) => {
    clock.set(when);
    await app.audit.record(event);
  };
  // Three weeks of office hours (10:00 UTC) for the reader: the baseline.
  for (let day = 0; day < 21; day++)
    await record(at(day, 10), {
      action: 'attachment.download',
      outcome: 'allowed',
      actorId: reader.user.id,
      subjectId: `f${day}`,
      details: { itemId: `i${day}` },
    });
  // The window: five distinct items read within one hour, at 10:00 (usual)…
  for (let i = 0; i < 5; i++)
    await record(at(22, 10, i), {
      action: 'attachment.download',
      outcome: 'allowed',
      actorId: reader.user.id,
      subjectId: `g${i}`,
      details: { itemId: `item-${i}` },
    });
  // …the same item downloaded ten times counts once…
  for (let i = 0; i < 10; i++)
    await record(at(22, 12, i), {
      action: 'attachment.download',
      outcome: 'allowed',
      actorId: reader.user.id,
      subjectId: 'same',
      details: { itemId: 'one-item' },
    });
  // …one access at 03:00 (unusual for this reader), four denials from an address with no session.
  await record(at(23, 3), { action: 'attachment.list', outcome: 'allowed', actorId: reader.user.id, subjectId: 'x' });
  for (let i = 0; i < 4; i++)
    await record(at(23, 5, i), {
      action: 'session.login',
      outcome: 'denied',
      clientAddress: '203.0.113.9',
      details: { code: 'invalid_credentials' },
    });
  // A password followed by a code request is a step, not a denial.
  for (let i = 0; i < 4; i++)
    await record(at(23, 6, i), { action: 'session.login', outcome: 'denied', actorId: reader.user.id, details: { code: 'second_factor_required' } });

  clock.set(at(24, 0));
  const auditor = await signIn(app, database.db, clock, { roles: ['auditor'], country: 'PAN' });
  const officer = await signIn(app, database.db, clock, { country: 'CRI' });
  const from = at(22, 0).toISOString();
  const res = await app.inject({ method: 'GET', url: `/api/audit/anomalies?from=${from}`, headers: { cookie: auditor.cookie } });
  t.equal(res.statusCode, 200, logs.filter((l) => l.includes('"level":50')).join('\n'));
  const { thresholds, anomalies } = res.json();
  t.same(thresholds, { readsPerHour: 3, denialsPerHour: 3, personLookupsPerHour: 50, unusualHourShare: 0.05, minHistory: 20 });
  const kinds = anomalies.map((a: { kind: string; at: string; count: number }) => `${a.kind}@${a.at}:${a.count}`).sort();
  t.same(kinds, [
    `reads_per_hour@${at(22, 10).toISOString()}:5`,
    `repeated_denials@${at(23, 5).toISOString()}:4`,
    `unusual_hour@${at(22, 12).toISOString()}:10`,
    `unusual_hour@${at(23, 3).toISOString()}:1`,
    `unusual_hour@${at(23, 6).toISOString()}:4`,
  ]);
  t.match(
    anomalies.find((a: { kind: string }) => a.kind === 'repeated_denials'),
    { actor: null, clientAddress: '203.0.113.9', threshold: 3 },
  );
  t.match(
    anomalies.find((a: { kind: string }) => a.kind === 'reads_per_hour'),
    { actor: { id: reader.user.id }, threshold: 3 },
  );
  const denied = await app.inject({ method: 'GET', url: '/api/audit/anomalies', headers: { cookie: officer.cookie } });
  t.equal(denied.statusCode, 403);
});

t.test('anomaly flags: a user looking up many persons in an hour; person reads found by their stated purpose', async (t) => {
  const env = await buildTestApp(t, { config: { auditPersonLookupsPerHour: 5 } });
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = personCalls(env, world);
  const traveller = await publishedPerson(env, world, { ...TRAVELLER, tlp: 'AMBER' });
  const group = await publishedPerson(env, world, GROUP);
  const hour = new Date(Math.floor(env.clock.now().getTime() / 3_600_000) * 3_600_000).toISOString();
  const dob = TRAVELLER.person.dateOfBirth;

  // The foreign officer, within one hour: two checks, a batch of three, two records read (one of them three times).
  t.equal((await calls.check(world.foreign, { names: ['Johanna'], dateOfBirth: dob })).statusCode, 200);
  t.equal((await calls.check(world.foreign, { names: ['Nadie'], dateOfBirth: '1970' })).statusCode, 200);
  const batch = [
    { names: ['Brando Quetzal'], dateOfBirth: '2019' },
    { names: ['Otra Persona'], dateOfBirth: '1980' },
    { names: ['Wendel Oropeza'], dateOfBirth: '1984' },
  ];
  t.equal((await calls.batch(world.foreign, batch)).statusCode, 200);
  t.equal((await calls.batch(world.foreign, [...batch, { names: ['J.'], dateOfBirth: '1980' }])).statusCode, 400, 'a refused batch looks nothing up');
  t.equal((await calls.read(world.foreign, traveller)).statusCode, 428, 'nor a read refused for want of a purpose');
  t.equal((await calls.purpose(world.foreign, traveller, 'Caso 2026-311: control en Peñas Blancas')).statusCode, 200);
  t.equal((await calls.purpose(world.foreign, group, 'Caso 2026-318: menores en tránsito')).statusCode, 200);
  for (const id of [traveller, traveller, traveller, group]) t.equal((await calls.read(world.foreign, id)).statusCode, 200);
  // The officer: one check, under the threshold.
  t.equal((await calls.check(world.officer, { names: ['Johanna'], dateOfBirth: dob })).statusCode, 200);

  // A minute on (the window ends now, exclusive): the auditor looks.
  env.clock.advance(60_000);
  let auditor = world.auditor;
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: auditor.cookie } });
  const res = await get(`/api/audit/anomalies?from=${encodeURIComponent(hour)}`);
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json().thresholds, { personLookupsPerHour: 5 });
  t.same(
    res.json().anomalies,
    [
      {
        kind: 'person_lookups_per_hour',
        actor: { id: world.foreign.user.id, displayName: 'Test Officer', email: world.foreign.user.email, country: 'GTM' },
        clientAddress: null,
        at: hour,
        count: 7,
        threshold: 5,
      },
    ],
    'two checks, three in a batch, two records: 7 persons looked up',
  );

  // The next hour starts afresh.
  env.clock.advance(3_600_000);
  const again = await signIn(app, database.db, env.clock, { user: world.foreign.user });
  t.equal((await calls.batch(again, batch)).statusCode, 200);
  env.clock.advance(60_000);
  auditor = await signIn(app, database.db, env.clock, { user: world.auditor.user });
  const later = (await get(`/api/audit/anomalies?from=${encodeURIComponent(hour)}`)).json().anomalies;
  t.equal(later.length, 1, 'three in the next hour are under the threshold');

  // The reads with their purposes: the console finds them by a word of the purpose.
  const reads = (await get(`/api/audit?action=person.read&outcome=allowed&purpose=${encodeURIComponent('caso 2026-311')}`)).json().entries;
  t.equal(reads.length, 3, 'the three reads of the record, by a part of their purpose (any case)');
  t.ok(
    reads.every((e: { purpose: string; subjectId: string }) => e.purpose === 'Caso 2026-311: control en Peñas Blancas' && e.subjectId === traveller),
    'each with its purpose',
  );
  t.equal((await get(`/api/audit?purpose=${encodeURIComponent('menores')}&action=person.read`)).json().entries.length, 1);
  t.equal((await get(`/api/audit?purpose=${encodeURIComponent('%')}`)).json().entries.length, 0, 'a wildcard is a character like any other');
  const exported = await get(`/api/audit/export?purpose=${encodeURIComponent('2026-318')}`);
  t.equal(exported.statusCode, 200);
  const lines = exported.body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.match(lines[0], { type: 'header', filtered: true });
  t.same(
    lines.filter((l) => l.type === 'entry').map((l) => l.action),
    ['item.purpose', 'person.read'],
    'the export filtered by purpose: the statement and the read it covers',
  );
  const facets = (await get('/api/audit/facets')).json();
  for (const action of ['person.read', 'check.person', 'check.persons', 'person.shred', 'person.shred_expired'])
    t.ok(facets.actions.includes(action), `${action} in the console's actions`);
});
