import t, { type Test } from 'tap';
import { shredExpired } from '../../../server/features/persons/retention.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { GROUP, personCalls, publishedPerson, TRAVELLER } from '../../helpers/persons.ts';
import { withoutRandomRuns } from '../../helpers/sealing.ts';
import { publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

/**
 * The person check (POST /api/checks/person, batch /api/checks/persons): found by someone who already
 * knows whom they look for — name variants, a phonetic variant as a weaker match, the date of birth in
 * its forms, the nationality — withheld when the caller may not read, and never a detail in an answer
 * or in the trail.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Everything a check or a batch may say: ids, kinds, match labels, booleans. */
const WORDS = new Set(['person', 'specimen', 'exact', 'phonetic', 'holder_name']);
const KEYS = new Set(['hit', 'items', 'matches', 'withheld', 'id', 'kind', 'match', 'results']);
/** What the fixtures hold about people: none of it may come back from a check, in any form. */
const SECRETS = [
  'Johanna',
  'JOHANNA',
  'González',
  'Gonzalez',
  'GONZALEZ',
  'Pérez',
  'Yoja',
  '1991',
  '04-17',
  'AV7731942',
  'COL',
  'Cúcuta',
  'Wendel',
  'Oropeza',
  'Quetzal',
  'Ilse',
  '1984',
  '2015',
  'NIC',
  'HND',
  'María',
  'Núñez',
  'P-1234567',
];

/** A body made only of ids, kinds, labels and booleans: the shape of an answer that says nothing about anyone. */
function detailFree(body: unknown, path = 'body'): string[] {
  const found: string[] = [];
  const walk = (value: unknown, at: string) => {
    if (typeof value === 'string') {
      if (!UUID.test(value) && !WORDS.has(value)) found.push(`${at}: ${value}`);
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${at}.${i}`);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (!KEYS.has(k)) found.push(`${at}: key ${k}`);
        walk(v, `${at}.${k}`);
      }
    } else if (typeof value !== 'boolean') found.push(`${at}: ${String(value)}`);
  };
  walk(body, path);
  return found;
}

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = personCalls(env, world);
  const bodies: string[] = [];
  /** A check whose answer is held to saying nothing (every answer of the file is collected too). */
  const check = async (who: SignedIn, body: Record<string, unknown>) => {
    const res = await calls.check(who, body);
    bodies.push(res.body);
    if (res.statusCode !== 200) throw new Error(`check: ${res.statusCode} ${res.body}`);
    return res.json() as { hit: boolean; items: string[]; matches: { id: string; kind: string; match: string }[]; withheld: boolean };
  };
  return { env, world, calls, check, bodies };
}

function noDetailIn(t: Test, bodies: string[]) {
  t.ok(bodies.length > 0);
  for (const [i, body] of bodies.entries()) {
    const parsed = JSON.parse(body);
    if ('error' in parsed) continue;
    t.same(detailFree(parsed), [], `answer ${i}: ids, kinds, labels and booleans only`);
    // Ids are random hex: one may hold "1991" by chance (seen in CI); a value in clear is never part of one.
    const text = withoutRandomRuns(body);
    for (const secret of SECRETS) {
      if (text.includes(secret)) t.fail(`answer ${i} holds ${secret}`);
    }
  }
}

t.test('found by name variants, by a phonetic variant as a weaker match, by the date of birth in its forms, narrowed by nationality', async (t) => {
  const { world, check, bodies, env } = await setup(t);
  const id = await publishedPerson(env, world, { ...TRAVELLER, tlp: 'AMBER' });
  const dob = TRAVELLER.person.dateOfBirth;
  const found = async (names: string[], dateOfBirth: string, nationality?: string | null) =>
    check(world.foreign, { names, dateOfBirth, ...(nationality !== undefined ? { nationality } : {}) });

  const exact = await found(['Johanna González Pérez'], dob);
  t.same(exact, { hit: true, items: [id], matches: [{ id, kind: 'person', match: 'exact' }], withheld: false }, 'as written');
  for (const variant of [
    ['JOHANNA GONZALEZ PEREZ'],
    ['johanna gonzalez perez'],
    ['Pérez González, Johanna'],
    ['GONZÁLEZ-PÉREZ Johanna'],
    ['González'],
    ['pérez'],
    ['Yoja'],
    ['Johanna de la Pérez'],
    ['J. Gonzalez'],
    ['Nadie Conocido', 'Johanna Pérez'],
  ]) {
    t.same((await found(variant, dob)).matches, [{ id, kind: 'person', match: 'exact' }], `exactly: ${variant.join(' / ')}`);
  }

  const phonetic = await found(['Yohana Gonsales'], dob);
  t.same(phonetic, { hit: true, items: [id], matches: [{ id, kind: 'person', match: 'phonetic' }], withheld: false }, 'by sound: a weaker match');
  t.equal((await found(['Johanna Gonsales'], dob)).matches[0]?.match, 'phonetic', 'one part by sound makes the match phonetic');
  t.equal((await found(['Gonsales'], dob)).matches[0]?.match, 'phonetic');

  for (const [names, dateOfBirth, why] of [
    [['Johanna Smith'], dob, 'every part asked must be in the record'],
    [['Maria'], dob, 'another name'],
    [['Johanna González Pérez'], '1991-04-18', 'another day'],
    [['Johanna González Pérez'], '1990', 'another year'],
    [['Johanna'], '1992-04-17', 'the same day of another year'],
    [['Yohana Gonsales'], '1991-04-18', 'the date holds for a phonetic match too'],
  ] as const) {
    t.same(await found([...names], dateOfBirth), { hit: false, items: [], matches: [], withheld: false }, `not found: ${why}`);
  }
  t.same((await found(['González'], '1991')).items, [id], 'a year asked finds a record with the full date');

  // The nationality narrows: the person's, or a record that gives none.
  t.same((await found(['Johanna'], dob, 'COL')).items, [id], 'the nationality of the record');
  t.same((await found(['Johanna'], dob, null)).items, [id], 'a null nationality asks nothing');
  t.same((await found(['Johanna'], dob, 'VEN')).items, [], 'another nationality: not this record');
  t.same((await found(['Yohana'], dob, 'VEN')).items, [], 'nor by sound');

  // A group: the adult's record knows only the year; a minor is known by a full date, another by an age.
  const group = await publishedPerson(env, world, GROUP);
  t.same((await found(['Wendel Oropeza'], '1984-06-01')).items, [group], 'a record that knows only the year is found by a full date');
  t.same((await found(['Lisardo'], '1984')).items, [group], 'and by the year');
  t.same((await found(['Wendel Oropeza'], '1985-06-01')).items, [], 'not by a full date of another year');
  t.same((await found(['Uendel Oropesa'], '1984-01-01')).matches, [{ id: group, kind: 'person', match: 'phonetic' }], 'by sound with a year');
  t.same((await found(['Wendel'], '1984', 'NIC')).items, [group]);
  t.same((await found(['Wendel'], '1984', 'HND')).items, [], 'the nationality goes with the date of birth: HND is the minors’, not his');
  t.same((await found(['Wendel'], '1984', 'MEX')).items, []);
  t.same((await found(['Ilse Quetzal'], '2015-09-30')).items, [group], 'a minor by a full date');
  t.same((await found(['Ilse Quetzal'], '2015')).items, [group], 'and by its year');
  t.same((await found(['Brando Quetzal'], '2019')).items, [group], 'a minor known by an age: by the year it gives (2026 less 7)');
  t.same((await found(['Brando Quetzal'], '2019-05-20')).items, [group], 'and by a full date in that year');
  t.same((await found(['Brando Quetzal'], '2018')).items, []);
  t.same((await found(['Brando', 'Johanna'], dob)).items, [id], 'any of the names asked, each keyed with the date asked');

  // Several names, records found together; ordered exact first.
  const both = await found(['Quetzal', 'Gonsales'], '2015-09-30');
  t.same(both.items, [group], 'a name and the date go together: Gonsales is not born that day');

  noDetailIn(t, bodies);
});

t.test('withholds what the caller may not read; a draft, a withdrawn and a shredded record are not found', async (t) => {
  const { env, world, calls, check, bodies } = await setup(t);
  const asked = { names: ['Johanna González'], dateOfBirth: TRAVELLER.person.dateOfBirth };
  const strict = await publishedPerson(env, world, TRAVELLER);

  t.same(
    await check(world.officer, asked),
    { hit: true, items: [strict], matches: [{ id: strict, kind: 'person', match: 'exact' }], withheld: false },
    'its originator',
  );
  const foreign = await check(world.foreign, asked);
  t.same(foreign, { hit: true, items: [], matches: [], withheld: true }, 'AMBER+STRICT of another organisation: known, withheld, no id');
  t.same(await check(world.contact, asked), { hit: true, items: [], matches: [], withheld: true }, 'the validator is of no organisation: withheld');
  const nothing = { hit: false, items: [], matches: [], withheld: false };
  t.same(await check(world.observer, asked), nothing, 'an observer is not told');
  t.same(await check(world.auditor, asked), nothing, 'an auditor is not told');
  t.same(await check(world.secretariat, asked), nothing, 'the Secretariat is not told');

  // Releasable to Costa Rica alone: another country is not even told it is withheld.
  await env.database.db
    .updateTable('item')
    .set({ releasableTo: ['CRI'] })
    .where('id', '=', strict)
    .execute();
  t.same(await check(world.foreign, asked), nothing, 'not releasable to the asker: nothing at all');
  t.same((await check(world.contact, asked)).withheld, true, 'its own country still is');

  // RED: known to the named recipients only; others are not told.
  const red = (
    await calls.create(world.officer, {
      ...TRAVELLER,
      tlp: 'RED',
      namedRecipients: [world.foreign.user.id],
      person: { ...TRAVELLER.person, names: ['Rojo Marcador Silencio'] },
    })
  ).json().id as string;
  for (const action of ['submit', 'publish'] as const) {
    if (action === 'publish') t.equal((await calls.purpose(world.contact, red)).statusCode, 200);
    t.equal((await calls.step(action === 'submit' ? world.officer : world.contact, red, action)).statusCode, 200);
  }
  const redAsked = { names: ['Rojo Silencio'], dateOfBirth: TRAVELLER.person.dateOfBirth };
  t.same((await check(world.foreign, redAsked)).items, [red], 'RED: a named recipient gets the id (reading it still needs a purpose)');
  t.same(await check(world.contact, redAsked), nothing, 'RED: not even withheld for the others');

  // A draft, then submitted: nobody finds it, its originator neither.
  const draftBody = { ...TRAVELLER, tlp: 'AMBER', person: { ...TRAVELLER.person, names: ['Borrador Marcador Oculto'] } };
  const draft = (await calls.create(world.officer, draftBody)).json().id as string;
  const draftAsked = { names: ['Borrador Oculto'], dateOfBirth: TRAVELLER.person.dateOfBirth };
  for (const who of [world.officer, world.contact, world.foreign]) t.same(await check(who, draftAsked), nothing, 'a draft is not found');
  t.equal((await calls.step(world.officer, draft, 'submit')).statusCode, 200);
  for (const who of [world.officer, world.contact, world.foreign]) t.same(await check(who, draftAsked), nothing, 'nor once submitted');

  // Published, found; withdrawn, not.
  t.equal((await calls.purpose(world.contact, draft)).statusCode, 200);
  t.equal((await calls.step(world.contact, draft, 'publish')).statusCode, 200);
  t.same((await check(world.foreign, draftAsked)).items, [draft], 'published AMBER: another member country gets its id');
  t.equal((await calls.step(world.officer, draft, 'withdraw')).statusCode, 200);
  for (const who of [world.officer, world.foreign]) t.same(await check(who, draftAsked), nothing, 'withdrawn: not found');

  // Shredded at the end of its retention: not found, not withheld.
  const amber = await publishedPerson(env, world, { ...TRAVELLER, tlp: 'AMBER', person: { ...TRAVELLER.person, names: ['Caduco Marcador Final'] } });
  const amberAsked = { names: ['Caduco Final'], dateOfBirth: TRAVELLER.person.dateOfBirth };
  t.same((await check(world.foreign, amberAsked)).items, [amber]);
  // Its retention ended yesterday (retention.test.ts moves the clock instead; here the sessions stay alive).
  await env.database.db.updateTable('person').set({ retainUntil: '2026-03-01' }).where('itemId', 'in', [amber, strict]).execute();
  t.equal(await shredExpired(env.app.services), 2, 'the sweep shreds them');
  for (const who of [world.officer, world.contact, world.foreign]) t.same(await check(who, amberAsked), nothing, 'shredded: not found by anyone');
  t.same(await check(world.foreign, asked), nothing, 'the AMBER+STRICT one neither, now shredded too');

  noDetailIn(t, bodies);
});

t.test('specimens are found by a holder name (any order of its words, any case or accents), under their label', async (t) => {
  const { env, world, check, bodies } = await setup(t);
  const specimens = specimenCalls(env, world);
  const green = await publishedSpecimen(env, world, { holderNames: ['María Núñez Pérez', 'Mary Nunez'] });
  const strict = await publishedSpecimen(env, world, { tlp: 'AMBER+STRICT', holderNames: ['Ramiro Sigilo Marcador'], documentNumber: 'S-55501' });
  const draft = (await specimens.create(world.officer, { holderNames: ['Ramiro Sigilo Marcador'], documentNumber: 'S-55502' })).json().id as string;
  t.ok(draft);
  const dob = '1980-01-01';

  for (const names of [['María Núñez Pérez'], ['Pérez María Núñez'], ['MARIA NUNEZ PEREZ'], ['Nadie', 'mary nunez']]) {
    t.same(
      await check(world.foreign, { names, dateOfBirth: dob }),
      { hit: true, items: [green], matches: [{ id: green, kind: 'specimen', match: 'holder_name' }], withheld: false },
      `by holder name: ${names.join(' / ')}`,
    );
  }
  t.same((await check(world.foreign, { names: ['María Pérez'], dateOfBirth: dob })).items, [], 'the whole name: a part of it is not a holder name');
  t.same(
    await check(world.foreign, { names: ['Ramiro Sigilo Marcador'], dateOfBirth: dob }),
    { hit: true, items: [], matches: [], withheld: true },
    'AMBER+STRICT of another organisation: withheld (the draft is not found)',
  );
  t.same((await check(world.officer, { names: ['Marcador Ramiro Sigilo'], dateOfBirth: dob })).items, [strict], 'its originator finds it');

  // A person record and a specimen for the same name: the record first.
  const person = await publishedPerson(env, world, {
    ...TRAVELLER,
    tlp: 'AMBER',
    person: { ...TRAVELLER.person, names: ['María Núñez Pérez'], dateOfBirth: dob },
  });
  t.same((await check(world.foreign, { names: ['Núñez Pérez María'], dateOfBirth: dob })).matches, [
    { id: person, kind: 'person', match: 'exact' },
    { id: green, kind: 'specimen', match: 'holder_name' },
  ]);

  // A shredded specimen (its content destroyed, the item kept) is neither found nor withheld.
  await env.database.db.updateTable('item').set({ shreddedAt: env.clock.now() }).where('id', 'in', [green, strict]).execute();
  const none = { hit: false, items: [], matches: [], withheld: false };
  const gone = await check(world.foreign, { names: ['Núñez Pérez María'], dateOfBirth: dob });
  t.same(gone.matches, [{ id: person, kind: 'person', match: 'exact' }], 'shredded: the specimen is not found (the record still is)');
  t.equal(gone.withheld, false);
  t.same(await check(world.foreign, { names: ['Ramiro Sigilo Marcador'], dateOfBirth: dob }), none, 'shredded: not withheld either');
  noDetailIn(t, bodies);
});

t.test('the trail keeps a check as MACs only; the batch answers in order, refuses a bad entry whole, and at most 500', async (t) => {
  const { env, world, calls, check, bodies } = await setup(t);
  const { app, database } = env;
  const id = await publishedPerson(env, world, { ...TRAVELLER, tlp: 'AMBER' });
  const group = await publishedPerson(env, world, GROUP);
  const dob = TRAVELLER.person.dateOfBirth;

  const res = await app.inject({
    method: 'POST',
    url: '/api/checks/person',
    headers: { ...world.foreign.headers, 'x-request-id': 'person-check-1' },
    payload: { names: ['Johanna González Pérez', 'Yoja'], dateOfBirth: dob, nationality: 'COL' },
  });
  t.equal(res.statusCode, 200);
  const entry = await database.db.selectFrom('auditEntry').selectAll().where('requestId', '=', 'person-check-1').executeTakeFirstOrThrow();
  t.match(entry, { action: 'check.person', outcome: 'allowed', purpose: null, actorId: world.foreign.user.id });
  const details = entry.details as Record<string, unknown>;
  const hex = /^[0-9a-f]{24}$/;
  t.match(details, { hit: true, withheld: false, itemIds: [id], weak: 0 });
  t.equal((details.names as string[][]).length, 2);
  t.same(
    (details.names as string[][]).map((parts) => parts.length),
    [3, 1],
    'each name asked, part by part',
  );
  t.ok(
    (details.names as string[][]).flat().every((m) => hex.test(m)),
    'every part as an audit MAC',
  );
  t.match(details.dateOfBirth, hex, 'the date of birth as an audit MAC');
  t.match(details.nationality, hex, 'the nationality too');
  const text = JSON.stringify(entry);
  for (const secret of ['Johanna', 'JOHANNA', 'González', 'GONZALEZ', 'Gonzalez', 'Yoja', 'YOJA', 'Pérez', 'PEREZ', dob, '19910417', '"COL"'])
    t.notOk(text.includes(secret), `no ${secret} in the entry`);
  // The same part asked differently is the same MAC: an auditor can follow a person without reading a name.
  await app.inject({
    method: 'POST',
    url: '/api/checks/person',
    headers: { ...world.contact.headers, 'x-request-id': 'person-check-2' },
    payload: { names: ['JOHANNA'], dateOfBirth: dob },
  });
  const again = await database.db.selectFrom('auditEntry').select('details').where('requestId', '=', 'person-check-2').executeTakeFirstOrThrow();
  t.equal((again.details as { names: string[][] }).names[0]![0], (details.names as string[][])[0]![0], 'the same MAC for the same part');

  // A single check with no part the index keeps (initials, particles): 400 naming the field.
  const empty = await calls.check(world.foreign, { names: ['J.', 'de la'], dateOfBirth: dob });
  t.equal(empty.statusCode, 400);
  t.match(empty.json().error, { code: 'person_name_required', field: 'body.names' });

  // A day that does not exist is refused, not answered "not known" (Date.parse would roll it over to March).
  for (const dateOfBirth of ['1991-02-30', '1991-02-29', '1991-04-31']) {
    const impossible = await calls.check(world.foreign, { names: ['Johanna'], dateOfBirth });
    t.equal(impossible.statusCode, 400, `${dateOfBirth} refused`);
    t.match(impossible.json().error, { code: 'date_invalid', field: 'body.dateOfBirth' });
  }
  t.equal((await calls.check(world.foreign, { names: ['Johanna'], dateOfBirth: '1992-02-29' })).statusCode, 200, 'a leap day is a day');
  const badDay = await calls.batch(world.foreign, [
    { names: ['Johanna'], dateOfBirth: dob },
    { names: ['Johanna'], dateOfBirth: '1991-02-30' },
  ]);
  t.equal(badDay.statusCode, 400);
  t.match(badDay.json().error, { code: 'date_invalid', field: 'body.entries.1.dateOfBirth' });
  // Nor is a record with such a day recorded.
  const record = await calls.create(world.officer, { ...TRAVELLER, person: { ...TRAVELLER.person, dateOfBirth: '1991-02-30' } });
  t.equal(record.statusCode, 400);
  t.match(record.json().error, { code: 'date_invalid', field: 'body.person.dateOfBirth' });
  const minor = await calls.create(world.officer, {
    ...GROUP,
    group: { ...GROUP.group, minors: [{ ...GROUP.group.minors[0], dateOfBirth: '2015-06-31' }] },
  });
  t.match(minor.json().error, { code: 'date_invalid', field: 'body.group.minors.0.dateOfBirth' });

  // The batch: answers in the order asked.
  const batch = await calls.batch(world.foreign, [
    { names: ['Brando Quetzal'], dateOfBirth: '2019' },
    { names: ['Nadie Conocido'], dateOfBirth: dob },
    { names: ['Yohana Gonsales'], dateOfBirth: dob },
  ]);
  bodies.push(batch.body);
  t.equal(batch.statusCode, 200);
  t.same(batch.json().results, [
    { hit: true, items: [group], matches: [{ id: group, kind: 'person', match: 'exact' }], withheld: false },
    { hit: false, items: [], matches: [], withheld: false },
    { hit: true, items: [id], matches: [{ id, kind: 'person', match: 'phonetic' }], withheld: false },
  ]);
  const batchEntry = await database.db
    .selectFrom('auditEntry')
    .selectAll()
    .where('action', '=', 'check.persons')
    .where('outcome', '=', 'allowed')
    .executeTakeFirstOrThrow();
  t.match(batchEntry.details, { count: 3, hits: 2, withheld: 0 });
  t.same([...(batchEntry.details as { itemIds: string[] }).itemIds].sort(), [group, id].sort());
  t.notOk(/Brando|BRANDO|Quetzal|QUETZAL|Yohana|Gonsales|Nadie/.test(JSON.stringify(batchEntry)), 'no name in the batch entry');
  t.notOk(JSON.stringify(batchEntry).includes('2019"'), 'no date in it');

  // A bad entry: the whole batch refused, naming the entry; nothing recorded as allowed.
  const before = await database.db
    .selectFrom('auditEntry')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'check.persons')
    .where('outcome', '=', 'allowed')
    .executeTakeFirstOrThrow();
  const bad = await app.inject({
    method: 'POST',
    url: '/api/checks/persons',
    headers: { ...world.foreign.headers, 'x-request-id': 'person-batch-bad' },
    payload: {
      entries: [
        { names: ['Johanna'], dateOfBirth: dob },
        { names: ['Brando'], dateOfBirth: '2019' },
        { names: ['J. K.', 'y de'], dateOfBirth: dob },
      ],
    },
  });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().error, { code: 'person_name_required', field: 'body.entries.2.names' }, 'the entry is named');
  t.notOk(bad.body.includes(id) || bad.body.includes(group), 'no answer for the good entries');
  const badEntry = await database.db.selectFrom('auditEntry').selectAll().where('requestId', '=', 'person-batch-bad').executeTakeFirstOrThrow();
  t.not(badEntry.outcome, 'allowed', 'recorded as refused');
  t.notOk('itemIds' in (badEntry.details as object), 'with no ids found');
  const after = await database.db
    .selectFrom('auditEntry')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'check.persons')
    .where('outcome', '=', 'allowed')
    .executeTakeFirstOrThrow();
  t.equal(after.n, before.n, 'nothing more recorded as allowed');

  // At most 500 entries.
  const entries = Array.from({ length: 500 }, (_, i) => ({ names: [`Persona Prueba${String.fromCharCode(65 + (i % 26))}`], dateOfBirth: '1970' }));
  const full = await calls.batch(world.foreign, entries);
  t.equal(full.statusCode, 200, '500 entries are answered');
  t.equal(full.json().results.length, 500);
  const over = await calls.batch(world.foreign, [...entries, { names: ['Una Más'], dateOfBirth: '1970' }]);
  t.equal(over.statusCode, 400, '501 are refused');
  t.equal((await calls.batch(world.foreign, [])).statusCode, 400, 'and none');

  // Nobody signed in: no answer.
  t.equal((await app.inject({ method: 'POST', url: '/api/checks/person', payload: { names: ['Johanna'], dateOfBirth: dob } })).statusCode, 401);

  await check(world.officer, { names: ['Johanna'], dateOfBirth: dob });
  noDetailIn(t, bodies);
});

t.test('a record in a space that held none at the last check is found: the check learns the spaces from its own statement', async (t) => {
  const { world, check, env } = await setup(t);
  const body = { names: ['Johanna González Pérez'], dateOfBirth: TRAVELLER.person.dateOfBirth };
  t.same(await check(world.foreign, body), { hit: false, items: [], matches: [], withheld: false }, 'no space holds a record yet');
  const id = await publishedPerson(env, world, { ...TRAVELLER, tlp: 'AMBER' });
  t.same((await check(world.foreign, body)).items, [id], 'the first record of the space is found by the next check');
  t.same((await check(world.foreign, body)).items, [id], 'and by the one after');
});
