import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { GROUP, PURPOSE, personCalls, publishedPerson, TRAVELLER } from '../../helpers/persons.ts';
import { withoutRandomRuns } from '../../helpers/sealing.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('a person record: drafted AMBER+STRICT, edited, validated, read with a purpose by everyone but its originator', async (t) => {
  const env = await buildTestApp(t);
  const { database } = env;
  const world = await buildWorld(env);
  const calls = personCalls(env, world);

  const created = await calls.create(world.officer, TRAVELLER);
  t.equal(created.statusCode, 201, created.body);
  const record = created.json();
  t.equal(record.tlp, 'AMBER+STRICT', 'the default label');
  t.equal(record.status, 'draft');
  t.same(record.person.names, TRAVELLER.person.names, 'the originator reads its record without a purpose');
  t.equal(record.person.documents[0].number, 'AV7731942');
  t.match(record, { form: 'person', role: 'traveller', outcome: 'refused_entry', detectionCountry: 'CRI', detectionYear: 2026 });
  t.equal(record.retainUntil, '2028-03-02', 'kept 24 months from its creation (the default)');

  // Nothing identifying in a clear column.
  const row = await database.db.selectFrom('person').selectAll().where('itemId', '=', record.id).executeTakeFirstOrThrow();
  // Its ids are random hex and may hold "1991" by chance; a value in clear is never part of one.
  const clear = withoutRandomRuns(JSON.stringify({ ...row, nameKeys: null, recordKey: null }));
  for (const secret of ['Johanna', 'González', 'Gonzalez', '1991', 'AV7731942', 'COL', 'Cúcuta'])
    t.notOk(clear.includes(secret), `no ${secret} in the row`);

  for (const tlp of ['CLEAR', 'GREEN']) {
    const refused = await calls.create(world.officer, { ...TRAVELLER, tlp });
    t.equal(refused.statusCode, 400, `never ${tlp}`);
  }

  const edited = await calls.patch(world.officer, record.id, { outcome: 'returned', notes: 'Returned on the next flight.' });
  t.equal(edited.statusCode, 200, edited.body);
  t.equal(edited.json().outcome, 'returned');
  t.same(edited.json().person.names, TRAVELLER.person.names, 'an edit keeps what it does not give');

  t.equal((await calls.step(world.officer, record.id, 'submit')).statusCode, 200);
  const tasks = await env.app.inject({ method: 'GET', url: '/api/me/tasks', headers: world.contact.headers });
  t.equal(tasks.json().counts.personsToValidate, 1, 'the record waits on the validator’s home page');
  t.match(tasks.json().toValidate, [{ id: record.id, kind: 'person' }]);
  t.notOk(tasks.body.includes('Johanna'), 'by its kind alone');
  const validatorRead = await calls.read(world.contact, record.id);
  t.equal(validatorRead.statusCode, 428, 'the validator states a purpose first');
  t.notOk(validatorRead.body.includes('Johanna'));
  t.equal((await calls.purpose(world.contact, record.id)).statusCode, 200);
  const read = await calls.read(world.contact, record.id);
  t.equal(read.statusCode, 200, read.body);
  t.same(read.json().person.names, TRAVELLER.person.names);
  const published = await calls.step(world.contact, record.id, 'publish');
  t.equal(published.statusCode, 200, published.body);
  t.equal(published.json().status, 'published');
  t.notOk(published.body.includes('Johanna'), 'published AMBER+STRICT is its organisation’s: the validator now gets metadata');
  const entry = await database.db
    .selectFrom('auditEntry')
    .select(['purpose'])
    .where('action', '=', 'person.read')
    .where('actorId', '=', world.contact.user.id)
    .where('outcome', '=', 'allowed')
    .executeTakeFirstOrThrow();
  t.equal(entry.purpose, PURPOSE, 'the purpose is in the entry of the read');

  // AMBER+STRICT: another country's officer does not know it; the auditor sees metadata only.
  t.equal((await calls.read(world.foreign, record.id)).statusCode, 404);
  const audited = await calls.read(world.auditor, record.id);
  t.equal(audited.statusCode, 200);
  t.notOk('person' in audited.json(), 'an auditor never reads content');
  t.equal(audited.json().role, 'traveller', 'but the clear facets');

  // The list: my country's records, never a name.
  const list = await calls.list(world.officer, {});
  t.equal(list.statusCode, 200, list.body);
  t.equal(list.json().total, 1);
  t.notOk(list.body.includes('Johanna'));
  t.equal((await calls.list(world.foreign, {})).json().total, 0, 'not another country’s');
});

t.test('the common format: an adult with two minors, followed by another country with a sighting', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = personCalls(env, world);
  const id = await publishedPerson(env, world, GROUP);
  t.equal((await calls.read(world.foreign, id)).statusCode, 428, 'AMBER: another member country reads it after a purpose');
  t.equal((await calls.sight(world.foreign, id, { seenOn: '2026-03-02', country: 'GTM', port: 'El Carmen' })).statusCode, 428);
  t.equal((await calls.purpose(world.foreign, id)).statusCode, 200);
  const read = await calls.read(world.foreign, id);
  t.equal(read.statusCode, 200, read.body);
  t.equal(read.json().group.minors.length, 2);
  t.equal(read.json().group.minors[1].age, 7);
  const seen = await calls.sight(world.foreign, id, { seenOn: '2026-03-02', country: 'GTM', port: 'El Carmen' });
  t.equal(seen.statusCode, 201, seen.body);
  const list = await calls.sightings(world.officer, id);
  t.equal(list.json()[0].port, 'El Carmen');
  t.equal(list.json()[0].reporterCountry, 'GTM');

  const adultMinor = await calls.create(world.officer, {
    ...GROUP,
    group: { ...GROUP.group, minors: [{ names: ['Mayor Deedad'], dateOfBirth: '2000-01-01' }] },
  });
  t.equal(adultMinor.statusCode, 400);
  t.equal(adultMinor.json().error.code, 'not_a_minor');
  const noAge = await calls.create(world.officer, { ...GROUP, group: { ...GROUP.group, minors: [{ names: ['Sin Edad'] }] } });
  t.equal(noAge.json().error.code, 'minor_age_required');
});
