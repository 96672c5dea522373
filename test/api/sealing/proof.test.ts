import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import sharp from 'sharp';
import t from 'tap';
import type { Database } from '../../../server/platform/db/database.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { storedBlobs } from '../../helpers/blobs.ts';
import { personCalls, publishedPerson } from '../../helpers/persons.ts';
import { ACQUISITION, MODUS_OPERANDI, NETWORK, OPERATION, publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld, multipart } from '../../helpers/world.ts';

const run = promisify(execFile);

const MARKERS = ['MARCADOR-ROJO-5521', 'Contrabando-Ñandú-Ruta-Norte'];
const DOCUMENT_NUMBER = 'P4471902K';

/**
 * The whole database as text. pg_dump when one on this machine can dump this server; otherwise
 * every row of every table in the schema as PostgreSQL's own text form (`row::text`, the same
 * encoding COPY and pg_dump use: bytea in hex). Either way, every stored byte is covered.
 */
async function dumpDatabase(db: Database, url: string): Promise<{ how: string; text: string }> {
  try {
    const { stdout } = await run('pg_dump', ['--no-owner', '--dbname', url], { maxBuffer: 256 * 1024 * 1024 });
    return { how: 'pg_dump', text: stdout };
  } catch {
    // Ours and the job queue's (pg-boss keeps each queue's jobs in a partition of its own).
    const tables = await sql<{ name: string }>`
      select quote_ident(relnamespace::regnamespace::text) || '.' || quote_ident(relname) as name from pg_class
      where relkind = 'r' and relnamespace in ('public'::regnamespace, 'pgboss'::regnamespace) order by 1`.execute(db);
    let text = '';
    for (const { name } of tables.rows) {
      const rows = await sql<{ row: string }>`select t::text as row from ${sql.raw(name)} t`.execute(db);
      text += `-- ${name}\n${rows.rows.map((r) => r.row).join('\n')}\n`;
    }
    return { how: 'row text of every table', text };
  }
}

/** Every form a marker could take in a dump: as written, upper-cased, and as bytea hex. */
function forms(value: string): string[] {
  return [value, value.toUpperCase(), Buffer.from(value, 'utf8').toString('hex'), Buffer.from(value.toUpperCase(), 'utf8').toString('hex')];
}

t.test('markers and a document number sealed through the API appear nowhere: database dump, blob folder, logs', async (t) => {
  const logs: string[] = [];
  const env = await buildTestApp(t, { logs });
  const world = await buildWorld(env);
  const item = await world.item({ tlp: 'AMBER' });
  const photo = await sharp({ create: { width: 500, height: 350, channels: 3, background: '#225533' } })
    .jpeg()
    .withExifMerge({ IFD0: { ImageDescription: `${MARKERS[0]} ${DOCUMENT_NUMBER}` } })
    .toBuffer();
  const pdf = Buffer.from(`%PDF-1.7\n% ${MARKERS.join(' ')} documento ${DOCUMENT_NUMBER}\n${'relleno '.repeat(2000)}\n%%EOF\n`);
  const body = multipart([
    { name: 'caption', data: `Pasaporte ${DOCUMENT_NUMBER}: ${MARKERS[1]}` },
    { name: 'file', filename: `${MARKERS[0]}.jpg`, data: photo },
    { name: 'caption', data: MARKERS[0]! },
    { name: 'file', filename: `${DOCUMENT_NUMBER}.pdf`, data: pdf },
  ]);
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/items/${item.id}/attachments`,
    headers: { ...world.officer.headers, ...body.headers },
    payload: body.payload,
  });
  t.equal(res.statusCode, 201, res.body);
  const [image, document] = res.json();
  t.match(image, { caption: `Pasaporte ${DOCUMENT_NUMBER}: ${MARKERS[1]}` }, 'the reader gets it all back');

  // Reads, a damaged chunk (an error logged), a refused upload: the log has lines of every kind.
  for (const id of [image.id, document.id])
    await env.app.inject({ method: 'GET', url: `/api/items/${item.id}/attachments/${id}`, headers: world.officer.headers });
  await env.app.inject({ method: 'GET', url: `/api/items/${item.id}/attachments`, headers: world.foreign.headers });
  const { blobKey } = await env.database.db.selectFrom('fileChunk').select('blobKey').where('fileId', '=', document.id).executeTakeFirstOrThrow();
  const chunkPath = path.join(env.config.dataDir, 'blobs', blobKey);
  const damaged = await fs.readFile(chunkPath);
  damaged[damaged.length - 40] = damaged[damaged.length - 40]! ^ 0x01;
  await fs.writeFile(chunkPath, damaged);
  const broken = await env.app.inject({ method: 'GET', url: `/api/items/${item.id}/attachments/${document.id}`, headers: world.officer.headers });
  t.equal(broken.statusCode, 500);
  const entry = logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'sealed content could not be opened');
  t.match(entry, { level: 50, sealError: 'unreadable', reqId: broken.headers['x-request-id'] }, 'the damage is logged with the request id');
  const refused = multipart([
    { name: 'caption', data: MARKERS[1]! },
    { name: 'file', filename: `${DOCUMENT_NUMBER}.jpg`, data: `<html>${MARKERS[0]}</html>` },
  ]);
  await env.app.inject({
    method: 'POST',
    url: `/api/items/${item.id}/attachments`,
    headers: { ...world.officer.headers, ...refused.headers },
    payload: refused.payload,
  });

  // An alert with the markers, delivered (inbox rows, mail jobs): the queue's tables are in the dump too.
  const now = env.clock.now();
  const alert = await env.app.inject({
    method: 'POST',
    url: '/api/alerts',
    headers: world.officer.headers,
    payload: {
      spaceId: world.spaceId,
      title: `Alerta ${MARKERS[0]}`,
      body: `${MARKERS[1]} documento ${DOCUMENT_NUMBER}`,
      severity: 'urgent',
      targetCountries: ['GTM'],
      targetOrganisations: [],
      ports: [MARKERS[1]],
      validFrom: now.toISOString(),
      validUntil: new Date(now.getTime() + 86_400_000).toISOString(),
      tlp: 'GREEN',
    },
  });
  t.equal(alert.statusCode, 201, alert.body);
  t.ok((await env.app.jobs.drain()) > 0, 'delivered');
  t.match((await env.app.inject({ url: '/api/alerts/inbox', headers: world.foreign.headers })).json().items, [{ title: `Alerta ${MARKERS[0]}` }]);

  const dump = await dumpDatabase(env.database.db, env.database.url);
  t.comment(`database dumped with ${dump.how} (${dump.text.length} characters)`);
  t.ok(dump.text.includes(image.id), 'the dump holds the stored rows');
  t.ok(dump.text.includes('alert-mail'), "and the job queue's");
  const blobs = await Promise.all((await storedBlobs(env.config.dataDir)).map((file) => fs.readFile(file)));
  t.equal(blobs.length, 3, 'photo, thumbnail and PDF, one chunk each, and nothing else');
  const logText = logs.join('\n');
  t.ok(logs.length > 10, 'the log was written');

  for (const secret of [...MARKERS, DOCUMENT_NUMBER]) {
    for (const form of forms(secret)) {
      t.notOk(dump.text.toLowerCase().includes(form.toLowerCase()), `database: no ${secret} (${form.slice(0, 12)}…)`);
      t.notOk(logText.toLowerCase().includes(form.toLowerCase()), `logs: no ${secret}`);
    }
    for (const blob of blobs) {
      t.notOk(blob.includes(secret) || blob.includes(secret.toUpperCase()), `blob: no ${secret}`);
    }
  }
});

/** Markers for what a report says: every one is sealed, never a column, a blob or a log line. */
const REPORT_MARKERS = {
  place: 'Pueblo-Marcador-Quetzal-8841',
  crossing: 'Paso-Marcador-Jaguar-3307',
  secondPlace: 'Aldea-Marcador-Tucán-5190',
  volume: 'Volumen-Marcador-Ceiba-2264',
  alias: 'Los-Marcadores-Zorros-7719',
  aliasTwo: 'Zorro-Tours-Marcador-6402',
  indicators: 'Indicador-Marcador-Colibrí-1185',
  agencies: 'Agencia-Marcador-Manatí-4076',
  lessons: 'Lección-Marcador-Tapir-9952',
  operationPlace: 'Puesto-Marcador-Garza-3621',
  sightingVolume: 'Avistamiento-Marcador-Puma-5813',
  sightingNote: 'Nota-Marcador-Iguana-2748',
  outcomeNote: 'Sentencia-Marcador-Coyol-6039',
} as const;
/** Distinctive numbers (a decimal point: no hex or base64 run can hold them by chance). */
const REPORT_NUMBERS = {
  cost: '48172.63',
  secondCost: '91736.45',
  latitude: '8.7312946',
  longitude: '-83.6188274',
  acquisition: '27394.81',
} as const;

t.test(
  'what a report says — places, crossings, costs, coordinates, names, indicators, agencies, sightings, outcomes — is nowhere in clear',
  async (t) => {
    const logs: string[] = [];
    const env = await buildTestApp(t, { logs });
    const { app } = env;
    const world = await buildWorld(env);
    const calls = reportCalls(env, world);
    const m = REPORT_MARKERS;
    const n = REPORT_NUMBERS;

    const route = await publishedReport(env, world, {
      ...ROUTE,
      route: {
        ...ROUTE.route,
        waypoints: [
          {
            country: 'GTM',
            place: m.place,
            latitude: Number(n.latitude),
            longitude: Number(n.longitude),
            crossing: m.crossing,
            crossingKind: 'land_border',
          },
          { country: 'MEX', place: m.secondPlace, crossing: null, crossingKind: null },
          { country: 'USA', place: 'Tijuana', crossing: null, crossingKind: null },
        ],
        legs: [
          { mode: 'bus', costAmount: Number(n.cost), costCurrency: 'USD', durationDays: 3 },
          { mode: 'foot', costAmount: Number(n.secondCost), costCurrency: 'MXN', durationDays: 2 },
        ],
        estimatedVolume: m.volume,
      },
    });
    const network = await publishedReport(env, world, { ...NETWORK, tlp: 'GREEN', network: { ...NETWORK.network, names: [m.alias, m.aliasTwo] } });
    const modus = await publishedReport(env, world, {
      ...MODUS_OPERANDI,
      modusOperandi: { ...MODUS_OPERANDI.modusOperandi, indicators: m.indicators },
    });
    const operation = await publishedReport(env, world, {
      ...OPERATION,
      operation: { ...OPERATION.operation, agencies: m.agencies, lessons: m.lessons, places: [m.operationPlace] },
    });
    const acquisition = await publishedReport(env, world, {
      ...ACQUISITION,
      acquisitionMethod: { ...ACQUISITION.acquisitionMethod, costAmount: Number(n.acquisition) },
    });
    const seen = await calls.sight(world.foreign, route, {
      kind: 'sighting',
      seenOn: '2026-02-01',
      country: 'GTM',
      volume: m.sightingVolume,
      note: m.sightingNote,
    });
    t.equal(seen.statusCode, 201, seen.body);
    const outcome = await calls.outcome(world.officer, operation, { stage: 'conviction', decidedOn: '2026-03-01', note: m.outcomeNote });
    t.equal(outcome.statusCode, 201, outcome.body);

    // The readers get it all back: the markers were really sent and stored (sealed).
    const read = await calls.read(world.foreign, route);
    t.equal(read.json().route.waypoints[0].place, m.place);
    t.equal(read.json().route.waypoints[0].latitude, Number(n.latitude));
    t.equal(read.json().route.legs[0].costAmount, Number(n.cost));
    t.same((await calls.read(world.foreign, network)).json().network.names, [m.alias, m.aliasTwo]);
    t.equal((await calls.read(world.foreign, modus)).json().modusOperandi.indicators, m.indicators);
    t.match((await calls.read(world.foreign, operation)).json(), {
      operation: { agencies: m.agencies, lessons: m.lessons },
      outcomes: [{ note: m.outcomeNote }],
    });
    t.equal((await calls.read(world.foreign, acquisition)).json().acquisitionMethod.costAmount, Number(n.acquisition));
    t.match((await calls.sightings(world.officer, route)).json(), [{ volume: m.sightingVolume, note: m.sightingNote }]);

    // Searches by the markers (words, an alias), correlation, a draft edited with them, refused
    // requests carrying them: every kind of log line and audit entry a report makes.
    t.equal((await calls.search(world.officer, { q: m.place })).json().total, 1, 'found by a place, through the token index');
    t.equal((await calls.search(world.officer, { name: m.aliasTwo })).json().total, 1, 'found by an alias, through the blind index');
    t.equal((await calls.related(world.officer, route)).statusCode, 200);
    const draft = (await calls.create(world.officer, { ...MODUS_OPERANDI, title: 'Borrador' })).json().id as string;
    const edited = await calls.patch(world.officer, draft, {
      modusOperandi: { ...MODUS_OPERANDI.modusOperandi, indicators: `${m.indicators} (editado)` },
    });
    t.equal(edited.statusCode, 200, edited.body);
    const refused = await calls.patch(world.officer, draft, { route: { waypoints: [{ country: 'GTM', place: m.place }], legs: [] } });
    t.equal(refused.statusCode, 400, 'a bad edit carrying markers is refused');
    t.equal(
      (await calls.sight(world.observer, route, { kind: 'sighting', seenOn: '2026-02-01', country: 'GTM', note: m.sightingNote })).statusCode,
      403,
    );
    t.equal((await calls.outcome(world.foreign, operation, { stage: 'charges', decidedOn: '2026-03-01', note: m.outcomeNote })).statusCode, 403);
    await app.jobs.drain();

    const dump = await dumpDatabase(env.database.db, env.database.url);
    t.comment(`database dumped with ${dump.how} (${dump.text.length} characters)`);
    t.ok(dump.text.includes(route) && dump.text.includes(seen.json().id), 'the dump holds the reports and the sighting');
    const blobs = await Promise.all((await storedBlobs(env.config.dataDir)).map((file) => fs.readFile(file)));
    const logText = logs.join('\n').toLowerCase();
    t.ok(logs.length > 20, 'the log was written');
    const dumpText = dump.text.toLowerCase();
    for (const secret of [...Object.values(m), ...Object.values(n)]) {
      for (const form of forms(secret)) {
        t.notOk(dumpText.includes(form.toLowerCase()), `database: no ${secret} (${form.slice(0, 12)}…)`);
        t.notOk(logText.includes(form.toLowerCase()), `logs: no ${secret}`);
      }
      for (const blob of blobs) t.notOk(blob.includes(secret) || blob.includes(secret.toUpperCase()), `blob: no ${secret}`);
    }
  },
);

/**
 * Markers for what a person record says: names (with accents, as the check normalises them too),
 * dates of birth, document numbers, places, notes, a sighting's port and note, a retention reason.
 * Full dates are written with their dashes (a run of digits alone could turn up in any hex by chance).
 */
const PERSON_MARKERS = {
  name: 'Zoraida Quiñónez Marcadorá',
  alias: 'Zorayda Kinyonesh',
  minor: 'Yesenia Trébol Marcadita',
  adult: 'Fulgencio Ábrego Marcadón',
  place: 'Villa-Marcador-Ocelote-6621',
  port: 'Muelle-Marcador-Pelícano-4410',
  route: 'Ruta-Marcador-Guácimo-3398',
  notes: 'Nota-Marcador-Jabirú-7714',
  referral: 'Oficina-Marcador-Cenzontle-2093',
  sightingPort: 'Garita-Marcador-Coatí-5186',
  sightingNote: 'Visto-Marcador-Tepezcuintle-8830',
  reason: 'Prórroga-Marcador-Guanacaste-1947',
} as const;
/** The forms the person check works on (upper case, unaccented): none may be stored either. */
const PERSON_NORMALISED = [
  'ZORAIDA',
  'QUINONEZ',
  'MARCADORA',
  'ZORAYDA',
  'KINYONESH',
  'YESENIA',
  'TREBOL',
  'MARCADITA',
  'FULGENCIO',
  'ABREGO',
  'MARCADON',
];
const PERSON_DATES = ['1937-08-29', '2014-10-27', '1962-05-19'];
const PERSON_DOCUMENTS = ['QZ7731942K', 'WV5508317J'];

t.test(
  'what a person record says — names, dates of birth, document numbers, places, notes — and what a check asks are nowhere in clear',
  async (t) => {
    const logs: string[] = [];
    const env = await buildTestApp(t, { logs });
    const { app, database, clock } = env;
    let world = await buildWorld(env);
    const m = PERSON_MARKERS;
    const [dob, minorDob, adultDob] = PERSON_DATES as [string, string, string];
    const [passport, permit] = PERSON_DOCUMENTS as [string, string];
    const person = {
      form: 'person',
      role: 'traveller',
      outcome: 'refused_entry',
      tlp: 'AMBER',
      detection: { date: '2026-02-14', country: 'CRI', port: m.port, route: m.route, carrier: 'Vuelo AV 641' },
      person: {
        names: [m.name, m.alias],
        sex: 'F',
        dateOfBirth: dob,
        placeOfBirth: m.place,
        nationalities: ['COL'],
        documents: [{ documentType: 'passport', issuer: 'COL', number: passport }],
      },
      notes: m.notes,
    };
    const group = {
      form: 'minors',
      outcome: 'referred',
      tlp: 'AMBER',
      detection: { date: '2026-03-02', country: 'CRI', port: m.port },
      group: {
        minors: [
          {
            names: [m.minor],
            sex: 'F',
            dateOfBirth: minorDob,
            nationalities: ['HND'],
            documents: [{ documentType: 'visa', issuer: 'HND', number: permit }],
          },
        ],
        adults: [{ names: [m.adult], sex: 'M', dateOfBirth: adultDob, nationalities: ['NIC'], relationship: 'relative', support: 'none' }],
        indicators: ['inconsistent_story'],
        referral: 'child_protection',
        referralNote: m.referral,
      },
    };
    const recordId = await publishedPerson(env, world, person);
    const groupId = await publishedPerson(env, world, group);
    let calls = personCalls(env, world);

    // A draft edited with the markers, a refused record carrying them, reads with and without a purpose.
    const draft = (await calls.create(world.officer, { ...person, person: { ...person.person, names: ['Borrador Provisional'] } })).json()
      .id as string;
    t.equal((await calls.patch(world.officer, draft, { person: person.person, notes: m.notes })).statusCode, 200);
    t.equal((await calls.create(world.officer, { ...person, tlp: 'GREEN' })).statusCode, 400, 'a refused record carrying the markers');
    t.equal((await calls.read(world.foreign, recordId)).statusCode, 428);
    for (const id of [recordId, groupId]) t.equal((await calls.purpose(world.foreign, id)).statusCode, 200);
    const read = await calls.read(world.foreign, recordId);
    t.same(read.json().person.names, [m.name, m.alias], 'the reader gets it all back');
    t.equal(read.json().person.documents[0].number, passport);
    t.equal((await calls.read(world.foreign, groupId)).json().group.minors[0].dateOfBirth, minorDob);
    t.equal(
      (await calls.sight(world.foreign, groupId, { seenOn: '2026-03-02', country: 'GTM', port: m.sightingPort, note: m.sightingNote })).statusCode,
      201,
    );
    t.match((await calls.sightings(world.officer, groupId)).json(), [{ port: m.sightingPort, note: m.sightingNote }]);

    // The checks, single and batch, with every name and date; one refused.
    for (const names of [[m.name], [m.alias], ['Zorayda Quinones']]) {
      const found = await calls.check(world.foreign, { names, dateOfBirth: dob, nationality: 'COL' });
      t.same(found.json().items, [recordId], `found: ${names}`);
    }
    const batch = await calls.batch(world.foreign, [
      { names: [m.minor], dateOfBirth: minorDob },
      { names: [m.adult], dateOfBirth: adultDob },
      { names: [m.name], dateOfBirth: '1937' },
    ]);
    t.same(
      batch.json().results.map((r: { items: string[] }) => r.items),
      [[groupId], [groupId], [recordId]],
    );
    t.equal(
      (
        await calls.batch(world.foreign, [
          { names: [m.name], dateOfBirth: dob },
          { names: ['X.'], dateOfBirth: dob },
        ])
      ).statusCode,
      400,
    );

    // A retention step with its reason (a day on: the period from today reaches one day further).
    clock.advance(86_400_000);
    world = { ...world, officer: await signIn(app, database.db, clock, { user: world.officer.user }) };
    calls = personCalls(env, world);
    const kept = await calls.retain(world.officer, recordId, { retainUntil: '2028-03-03', reason: m.reason });
    t.equal(kept.statusCode, 200);
    t.equal(kept.json().retention[0].reason, m.reason);
    await app.jobs.drain();

    const dump = await dumpDatabase(database.db, database.url);
    t.comment(`database dumped with ${dump.how} (${dump.text.length} characters)`);
    t.ok(dump.text.includes(recordId) && dump.text.includes(groupId), 'the dump holds the records');
    t.ok(dump.text.includes('check.persons'), 'and the trail');
    const dumpText = dump.text.toLowerCase();
    const logText = logs.join('\n').toLowerCase();
    t.ok(logs.length > 20, 'the log was written');
    for (const secret of [...Object.values(m), ...PERSON_NORMALISED, ...PERSON_DATES, ...PERSON_DOCUMENTS]) {
      for (const form of forms(secret)) {
        t.notOk(dumpText.includes(form.toLowerCase()), `database: no ${secret} (${form.slice(0, 12)}…)`);
        t.notOk(logText.includes(form.toLowerCase()), `logs: no ${secret}`);
      }
    }
  },
);
