import { randomUUID } from 'node:crypto';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { withoutRandomRuns } from '../../helpers/sealing.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';
import { COSTA_RICA, directoryCalls, entryOf, member } from './helpers.ts';

t.test('the directory lists each member country with its contact point and substitute, for the network’s members only', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = directoryCalls(env, world);
  const substitute = await member(env, world, 'CRI', 'substitute');
  const presidency = await signIn(app, database.db, clock, { roles: ['presidency'], country: 'HND' });
  const elsewhere = await buildWorld(env);

  const read = await calls.read(world.officer);
  t.equal(read.statusCode, 200, read.body);
  const directory = read.json();
  t.equal(directory.network.id, world.networkId);
  t.same(
    directory.entries.map((e: { country: string }) => e.country),
    ['CRI', 'GTM'],
    'one entry per member country of the network (IOM, an observer organisation, has none)',
  );
  const cri = entryOf(directory, 'CRI');
  t.match(cri, {
    contactPoint: { userId: world.contact.user.id, email: world.contact.user.email },
    substitute: { userId: substitute.user.id },
    confirmedAt: null,
    unconfirmed: true,
    permissions: { update: false, confirm: false, appoint: false },
    candidates: [],
  });
  t.match(entryOf(directory, 'GTM'), { contactPoint: null, substitute: null });

  // Every member of the network reads it, observers included; the Secretariat and the Presidency too.
  for (const who of [world.contact, world.foreign, world.observer, substitute, world.secretariat, presidency]) {
    t.equal((await calls.read(who)).statusCode, 200);
  }
  // Nobody else: 404, the same as for a network that does not exist.
  for (const who of [world.auditor, elsewhere.officer, elsewhere.contact, await signIn(app, database.db, clock, { country: 'MEX' })]) {
    const mine = await calls.read(who);
    const none = await calls.read(who, randomUUID());
    t.equal(mine.statusCode, 404);
    t.same([mine.statusCode, mine.json()], [none.statusCode, none.json()], 'the same answer as for no network');
    t.equal((await calls.read(who, world.networkId, '?format=vcard')).statusCode, 404, 'nor its vCards');
  }

  // The networks to choose from.
  t.same(
    (await calls.networks(world.officer)).json().networks.map((n: { id: string }) => n.id),
    [world.networkId],
  );
  t.same((await calls.networks(world.auditor)).json().networks, []);
  t.equal((await calls.networks(world.secretariat)).json().networks.length, 2);

  // The list follows the memberships: a country whose last member leaves is no longer listed.
  const removed = await app.inject({
    method: 'DELETE',
    url: `/api/spaces/${world.spaceId}/members/${world.foreign.user.id}`,
    headers: world.secretariat.headers,
  });
  t.equal(removed.statusCode, 204);
  t.same(
    (await calls.read(world.secretariat)).json().entries.map((e: { country: string }) => e.country),
    ['CRI'],
  );
});

t.test('a country keeps its own entry; the Secretariat any; bad input changes nothing', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const calls = directoryCalls(env, world);
  const substitute = await member(env, world, 'CRI', 'substitute');
  const gtmContact = await member(env, world, 'GTM', 'contact_point');
  const elsewhere = await buildWorld(env);
  const directory = (await calls.read(world.secretariat)).json();
  const cri = entryOf(directory, 'CRI').id;
  const gtm = entryOf(directory, 'GTM').id;
  const otherNetwork = entryOf((await calls.read(elsewhere.secretariat, elsewhere.networkId)).json(), 'CRI').id;

  const edited = await calls.patch(world.contact, cri, COSTA_RICA);
  t.equal(edited.statusCode, 200, edited.body);
  t.match(edited.json(), {
    ...COSTA_RICA,
    contacts: [
      { kind: 'duty', name: 'Ana Mora', organisation: null, mobile: null },
      { kind: 'consular', name: 'Luis Vargas', title: null, email: null, phone: null },
    ],
    permissions: { update: true, confirm: true, appoint: true },
  });
  t.ok(edited.json().updatedAt);
  const bySubstitute = await calls.patch(substitute, cri, { line24h: '+506 2299 8001' });
  t.equal(bySubstitute.statusCode, 200, 'the substitute edits too');
  t.equal(bySubstitute.json().organisation, COSTA_RICA.organisation, 'fields not sent are kept');
  t.equal(bySubstitute.json().line24h, '+506 2299 8001');
  t.match(bySubstitute.json().permissions, { update: true, confirm: true, appoint: false }, 'the substitute does not appoint');

  // Another country's entry, another network's, no entry at all: one answer.
  const answers = [];
  for (const target of [gtm, otherNetwork, randomUUID()]) {
    const res = await calls.patch(world.contact, target, { organisation: 'Otra' });
    answers.push([res.statusCode, res.json()]);
  }
  t.equal(answers[0]![0], 404);
  t.same(answers[1], answers[0], 'another network’s entry: the same answer');
  t.same(answers[2], answers[0], 'no entry: the same answer');
  // Someone who may edit no entry at all: 403, whatever the target.
  for (const who of [world.officer, world.observer, world.auditor]) {
    const mine = await calls.patch(who, cri, { organisation: 'Otra' });
    const none = await calls.patch(who, randomUUID(), { organisation: 'Otra' });
    t.equal(mine.statusCode, 403);
    t.same(mine.json(), none.json());
  }
  t.equal((await calls.confirm(world.officer, cri)).statusCode, 403, 'an officer does not confirm');
  t.equal((await calls.confirm(gtmContact, cri)).statusCode, 404, 'another country’s contact point does not confirm');

  // The Secretariat edits any entry.
  const bySecretariat = await calls.patch(world.secretariat, gtm, { organisation: 'Instituto Guatemalteco de Migración', languages: ['es'] });
  t.equal(bySecretariat.statusCode, 200);
  t.equal(bySecretariat.json().organisation, 'Instituto Guatemalteco de Migración');

  // Bad input: 400 with a code and a message in the caller's language, nothing changed.
  const before = (await calls.read(world.contact)).json();
  for (const [body, field] of [
    [{ officePhone: 'call me' }, 'officePhone'],
    [{ contacts: [{ kind: 'friend', name: 'X' }] }, 'kind'],
    [{ contacts: [{ kind: 'duty', name: 'X', email: 'not an e-mail' }] }, 'email'],
    [{ languages: ['spanish'] }, 'languages'],
    [{ unknown: 1 }, 'unknown'],
    [{}, 'body'],
  ] as const) {
    const res = await calls.patch(world.contact, cri, body);
    t.equal(res.statusCode, 400, JSON.stringify(body));
    t.equal(res.json().error.code, 'validation_failed');
    t.match(res.json().error.message, field);
  }
  const spanish = await calls.patch(world.contact, cri, { mobilePhone: 'x' }, 'es');
  t.equal(spanish.statusCode, 400);
  t.match(spanish.json().error.message, /El campo/, 'the message in Spanish');
  t.same((await calls.read(world.contact)).json(), before, 'nothing changed');

  // What the country keeps is sealed: no phone, name or e-mail in a clear column.
  const rows = await database.db.selectFrom('directoryEntry').selectAll().execute();
  const clear = withoutRandomRuns(JSON.stringify(rows));
  for (const secret of ['2299', 'Ana Mora', 'guardia@', 'Migración']) t.notMatch(clear, secret, `${secret} is not in clear`);
  const sealed = await database.db
    .selectFrom('sealed')
    .select('message')
    .where('id', '=', rows.find((r) => r.id === cri)!.contentId!)
    .execute();
  t.notMatch(sealed[0]!.message.toString('latin1'), 'Ana Mora');
  t.equal(
    (await database.db.selectFrom('sealed').select('id').where('spaceId', '=', world.spaceId).execute()).length,
    2,
    'one sealed record per entry: an edit replaces the record before it',
  );

  // The audit entries: the changes (fields named, never their values) and the refusals.
  const audit = await database.db
    .selectFrom('auditEntry')
    .select(['action', 'outcome', 'subjectId', 'details'])
    .where('action', 'like', 'directory.%')
    .orderBy('seq')
    .execute();
  const updates = audit.filter((a) => a.action === 'directory.update' && a.outcome === 'allowed');
  t.equal(updates.length, 3);
  t.equal(updates[0]!.subjectId, cri);
  t.match(updates[0]!.details, { country: 'CRI', fields: ['organisation', 'officePhone', 'mobilePhone', 'line24h', 'languages', 'contacts'] });
  t.notMatch(JSON.stringify(audit), '2299', 'no phone in the trail');
  t.ok(
    audit.some((a) => a.action === 'directory.update' && a.outcome === 'denied'),
    'refusals are recorded',
  );
  t.ok(audit.some((a) => a.action === 'directory.read'));
});
