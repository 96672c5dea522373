import { sql } from 'kysely';
import * as openpgp from 'openpgp';
import t from 'tap';
import { exportSpaceKey } from '../../../server/features/keys/service.ts';
import { shredExpired } from '../../../server/features/persons/retention.ts';
import { type Locked, RecordKey } from '../../../server/platform/crypto/record-key.ts';
import { Sealer } from '../../../server/platform/crypto/sealer.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { storedBlobs } from '../../helpers/blobs.ts';
import { enlace } from '../../helpers/cli.ts';
import { gpgHome } from '../../helpers/gpg.ts';
import { TEST_KEYRING } from '../../helpers/keys.ts';
import { personCalls, publishedPerson, TRAVELLER } from '../../helpers/persons.ts';
import { documentImage } from '../../helpers/specimens.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld, multipart } from '../../helpers/world.ts';

/**
 * The end of a person record's retention period (SECURITY.md): the content is crypto-shredded by the
 * sweep — the record's own key destroyed, its sealed rows, sightings and files gone, its blind keys
 * emptied — and a copy of the ciphertext taken before, opened with the space's key (the portal's, or
 * the escrowed one in GnuPG), holds only an envelope nothing opens. The originator keeps a record
 * longer with a reason. `enlace persons shred-expired` runs the sweep from the command line.
 */

const DAY = 86_400_000;
const PORT = 'Puerto-Marcador-Retención-7731';
const REASON = 'Investigación judicial abierta: expediente 2026-118';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const calls = personCalls(env, world);
  /** The clock moved by months: every session has long expired, so each person signs in again. */
  const again = async (who: SignedIn) => signIn(env.app, env.database.db, env.clock, { user: who.user });
  return { env, world, calls, again, db: env.database.db };
}

t.test(
  'retention expiry shreds the content: key, sealed rows, sightings, files, blind keys; a copy taken before holds only the envelope',
  async (t) => {
    const { env, world, calls, again, db } = await setup(t);
    const { app } = env;

    // A record with a sighting and an attachment (a draft takes files), published.
    const created = await calls.create(world.officer, { ...TRAVELLER, tlp: 'AMBER' });
    t.equal(created.statusCode, 201);
    const id = created.json().id as string;
    t.equal(created.json().retainUntil, '2028-03-02');
    const upload = multipart([
      { name: 'caption', data: 'Fotografía de la persona' },
      { name: 'file', filename: 'persona.png', contentType: 'image/png', data: await documentImage('persona') },
    ]);
    const attached = await app.inject({
      method: 'POST',
      url: `/api/items/${id}/attachments`,
      headers: { ...world.officer.headers, ...upload.headers },
      payload: upload.payload,
    });
    t.equal(attached.statusCode, 201, attached.body);
    t.equal((await calls.step(world.officer, id, 'submit')).statusCode, 200);
    t.equal((await calls.purpose(world.contact, id)).statusCode, 200);
    t.equal((await calls.step(world.contact, id, 'publish')).statusCode, 200);
    t.equal((await calls.purpose(world.foreign, id)).statusCode, 200);
    t.equal((await calls.sight(world.foreign, id, { seenOn: '2026-03-01', country: 'GTM', port: PORT })).statusCode, 201);
    // Another record, a month later: still within its period when the first expires.
    env.clock.advance(31 * DAY);
    const officer1 = await again(world.officer);
    const contact1 = await again(world.contact);
    const later = await publishedPerson(env, { ...world, officer: officer1, contact: contact1 }, { ...TRAVELLER, tlp: 'AMBER' });
    t.equal((await calls.read(officer1, later)).json().retainUntil, '2028-04-02');

    // The copy a backup would keep: the sealed content row (message and wrapped session key), and what it is.
    const row = await db.selectFrom('person').selectAll().where('itemId', '=', id).executeTakeFirstOrThrow();
    const copy = await db
      .selectFrom('sealed')
      .select(['spaceId', 'keyVersion', 'message', 'wrappedKey'])
      .where('id', '=', row.contentId!)
      .executeTakeFirstOrThrow();
    const sealer = new Sealer(db, TEST_KEYRING);
    const envelope = await sealer.open<Locked>(copy.spaceId, copy);
    t.same(Object.keys(envelope).sort(), ['box', 'v'], 'the space key opens the record to an envelope');
    t.notOk(JSON.stringify(envelope).includes('Johanna'), 'which says nothing by itself');
    const inside = RecordKey.open(TEST_KEYRING, id, row.recordKey!).unlock<{ person: { names: string[] } }>(id, envelope);
    t.same(inside.person.names, TRAVELLER.person.names, 'the record’s own key opens the envelope: before expiry, the whole record');
    const files = await db.selectFrom('storedFile').select('id').where('itemId', '=', id).execute();
    t.equal(files.length, 2, 'the photo and its thumbnail');
    const blobsBefore = (await storedBlobs(env.config.dataDir)).length;

    // The escrow a custodian holds (the space's private key, encrypted to them), opened in GnuPG.
    const custodian = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Custodia', email: 'custodia@example.org' }],
      passphrase: 'custodian secret',
      format: 'armored',
    });
    const gpg = await gpgHome(t);
    await gpg.run(['--import', await gpg.file('custodian-private.asc', custodian.privateKey)], 'custodian secret');
    const escrow = await exportSpaceKey(app.services, world.spaceId, custodian.publicKey);
    const { stdout: spaceKeys } = await gpg.run(['--decrypt', await gpg.file('escrow.asc', escrow.armored)], 'custodian secret');
    await gpg.run(['--import', await gpg.file('space-keys.asc', spaceKeys)]);
    const message = await gpg.file('record.gpg', copy.message);
    const openedBefore = JSON.parse((await gpg.run(['--decrypt', message])).stdout);
    t.same(Object.keys(openedBefore).sort(), ['box', 'v'], 'GnuPG with the escrowed key opens the copy to the same envelope');

    // The last day of the period: nothing yet.
    env.clock.set('2028-03-02T23:59:00Z');
    t.equal(await shredExpired(app.services), 0, 'kept through its last day');
    env.clock.set('2028-03-03T00:00:00Z');
    t.equal(await shredExpired(app.services), 1, 'shredded the day after');
    t.equal(await shredExpired(app.services), 0, 'once');

    const officer = await again(world.officer);
    const foreign = await again(world.foreign);
    const auditor = await again(world.auditor);
    for (const who of [officer, foreign]) {
      const read = await calls.read(who, id);
      t.equal(read.statusCode, 410, 'the record reads 410');
      t.equal(read.json().error.code, 'content_shredded');
      t.notOk(read.body.includes('Johanna'));
    }
    t.equal((await calls.sightings(officer, id)).statusCode, 410, 'its sightings too');
    t.equal((await app.inject({ method: 'GET', url: `/api/items/${id}/attachments`, headers: officer.headers })).statusCode, 410, 'its files too');
    const metadata = await calls.read(auditor, id);
    t.equal(metadata.statusCode, 200, 'its metadata stays');
    t.match(metadata.json(), { id, form: 'person', role: 'traveller', detectionCountry: 'CRI', detectionYear: 2026, retainUntil: '2028-03-02' });
    const listed = await calls.list(officer, {});
    t.match(
      listed.json().items.find((i: { id: string }) => i.id === id),
      { shredded: true },
      'the list says it was shredded',
    );

    const after = await db.selectFrom('person').selectAll().where('itemId', '=', id).executeTakeFirstOrThrow();
    t.equal(after.recordKey, null, 'the record’s key is destroyed');
    t.equal(after.contentId, null);
    t.same(after.nameKeys, [], 'its blind keys emptied');
    t.equal((await db.selectFrom('sealed').select('id').where('itemId', '=', id).execute()).length, 0, 'no sealed row of it is left');
    t.equal((await db.selectFrom('sighting').select('id').where('itemId', '=', id).execute()).length, 0, 'nor a sighting');
    t.equal((await db.selectFrom('storedFile').select('id').where('itemId', '=', id).execute()).length, 0, 'nor a file');
    t.equal((await storedBlobs(env.config.dataDir)).length, blobsBefore - 2, 'whose blobs are removed');
    t.ok((await db.selectFrom('item').select('shreddedAt').where('id', '=', id).executeTakeFirstOrThrow()).shreddedAt, 'the item is marked shredded');

    t.same(
      (await calls.check(foreign, { names: ['Johanna González'], dateOfBirth: TRAVELLER.person.dateOfBirth })).json(),
      { hit: true, items: [later], matches: [{ id: later, kind: 'person', match: 'exact' }], withheld: false },
      'the check no longer finds it (only the later record)',
    );
    t.equal((await calls.read(officer, later)).statusCode, 200, 'the later record is untouched');

    const entries = await db.selectFrom('auditEntry').selectAll().where('action', '=', 'person.shred').execute();
    t.equal(entries.length, 1);
    t.match(entries[0], {
      outcome: 'allowed',
      actorId: null,
      subjectType: 'person',
      subjectId: id,
      spaceId: world.spaceId,
      details: { reason: 'retention_expired', retainUntil: '2028-03-02' },
    });

    // The copy taken before: the space key still opens it — to the envelope, which nothing opens any more.
    const reopened = await sealer.open<Locked>(copy.spaceId, copy);
    t.same(reopened, envelope, 'the portal’s space key opens the copy to the envelope only');
    t.notOk(JSON.stringify(reopened).includes('Johanna'));
    const openedAfter = (await gpg.run(['--decrypt', message])).stdout;
    t.same(Object.keys(JSON.parse(openedAfter)).sort(), ['box', 'v'], 'GnuPG with the escrowed key: the envelope only');
    for (const secret of ['Johanna', 'González', 'Gonzalez', '1991-04-17', 'AV7731942', 'Cúcuta'])
      t.notOk(openedAfter.includes(secret), `no ${secret} in what GnuPG opens`);
    const wrapped = await db.selectFrom('person').select('itemId').where('recordKey', '=', row.recordKey!).execute();
    t.same(wrapped, [], 'the wrapped record key is nowhere in the database');
  },
);

t.test('the originator keeps a record longer, with a reason, at most the configured period from today; others may not', async (t) => {
  const { env, world, calls, again, db } = await setup(t);
  const { app } = env;
  const id = await publishedPerson(env, world, { ...TRAVELLER, tlp: 'AMBER' });
  const retain = (who: SignedIn, body: Record<string, unknown>) => calls.retain(who, id, body);

  // Others: those who read it are refused (after a purpose, like every read), those who do not know it are told nothing.
  t.equal((await retain(world.foreign, { retainUntil: '2028-06-30', reason: REASON })).statusCode, 428, 'a purpose first');
  for (const who of [world.foreign, world.contact]) {
    t.equal((await calls.purpose(who, id)).statusCode, 200);
    const refused = await retain(who, { retainUntil: '2028-06-30', reason: REASON });
    t.equal(refused.statusCode, 403, 'a reader who is not the originator: 403');
  }
  t.equal((await retain(world.observer, { retainUntil: '2028-06-30', reason: REASON })).statusCode, 404, 'an observer does not know it');
  t.equal((await retain(world.auditor, { retainUntil: '2028-06-30', reason: REASON })).statusCode, 403, 'an auditor reads no content');

  // The originator: a reason, a later date, within the period from today.
  for (const [body, status, code, why] of [
    [{ retainUntil: '2028-06-30' }, 400, undefined, 'a reason is required'],
    [{ retainUntil: '2028-06-30', reason: 'corto' }, 400, undefined, 'a reason of some length'],
    [{ retainUntil: '2028-03-02', reason: REASON }, 400, 'retention_not_later', 'the same date'],
    [{ retainUntil: '2027-12-31', reason: REASON }, 400, 'retention_not_later', 'an earlier date'],
    [{ retainUntil: '2028-03-03', reason: REASON }, 400, 'retention_too_long', 'beyond 24 months from today'],
    [{ retainUntil: 'pronto', reason: REASON }, 400, undefined, 'not a date'],
  ] as const) {
    const res = await retain(world.officer, body);
    t.equal(res.statusCode, status, why);
    if (code) t.equal(res.json().error.code, code, why);
  }
  t.equal((await db.selectFrom('personRetention').select('id').execute()).length, 0, 'nothing refused was kept');

  // Six months on, the period from today reaches further.
  env.clock.advance(184 * DAY);
  const officer = await again(world.officer);
  t.equal((await retain(officer, { retainUntil: '2028-09-03', reason: REASON })).json().error.code, 'retention_too_long');
  const extended = await app.inject({
    method: 'POST',
    url: `/api/persons/${id}/retention`,
    headers: { ...officer.headers, 'x-request-id': 'retention-1' },
    payload: { retainUntil: '2028-06-30', reason: REASON },
  });
  t.equal(extended.statusCode, 200, extended.body);
  t.equal(extended.json().retainUntil, '2028-06-30', 'the new date');
  t.match(
    extended.json().retention,
    [{ previousUntil: '2028-03-02', retainUntil: '2028-06-30', reason: REASON, mine: true }],
    'the step, with its reason',
  );
  const entry = await db.selectFrom('auditEntry').selectAll().where('requestId', '=', 'retention-1').executeTakeFirstOrThrow();
  t.match(entry, {
    action: 'person.retention',
    outcome: 'allowed',
    subjectId: id,
    details: { previousUntil: '2028-03-02', retainUntil: '2028-06-30' },
  });
  t.notOk(JSON.stringify(entry).includes('expediente'), 'the reason is sealed with the record, not in the trail');
  t.equal((await retain(officer, { retainUntil: '2028-06-30', reason: REASON })).json().error.code, 'retention_not_later');
  const second = await retain(officer, { retainUntil: '2028-09-02', reason: `${REASON} (prórroga)` });
  t.equal(second.statusCode, 200, 'extended again, up to the limit');
  t.equal(second.json().retention.length, 2);

  const foreign = await again(world.foreign);
  t.equal((await calls.purpose(foreign, id)).statusCode, 200);
  const seen = await calls.read(foreign, id);
  t.equal(seen.json().retainUntil, '2028-09-02', 'the view shows the date');
  t.match(seen.json().retention, [
    { reason: REASON, mine: false },
    { previousUntil: '2028-06-30', mine: false },
  ]);
  const metadata = await calls.read(await again(world.auditor), id);
  t.equal(metadata.json().retainUntil, '2028-09-02', 'a metadata reader sees the date');
  t.notOk('retention' in metadata.json(), 'not the reasons');

  // The old date passes: kept. The new one: shredded, the reasons with it.
  env.clock.set('2028-03-10T09:00:00Z');
  t.equal(await shredExpired(app.services), 0, 'kept past its first date');
  env.clock.set('2028-09-03T09:00:00Z');
  t.equal(await shredExpired(app.services), 1, 'shredded after the extended date');
  const steps = await db.selectFrom('personRetention').select(['reasonId', 'retainUntil']).where('personId', '=', id).execute();
  t.equal(steps.length, 2, 'the steps stay (dates)');
  t.ok(
    steps.every((s) => s.reasonId === null),
    'their reasons are shredded',
  );
  const owner = await again(world.officer);
  const late = await retain(owner, { retainUntil: '2030-01-01', reason: REASON });
  t.equal(late.statusCode, 410, 'a shredded record is not kept longer');
  const shred = await db.selectFrom('auditEntry').select('details').where('action', '=', 'person.shred').executeTakeFirstOrThrow();
  t.match(shred.details, { reason: 'retention_expired', retainUntil: '2028-09-02' });
});

t.test('enlace persons shred-expired: the sweep from the command line, recorded in the trail', async (t) => {
  const { env, world, calls, db } = await setup(t);
  const cli = (args: string[]) => enlace(args, { DATABASE_URL: env.database.url, ENLACE_DATA_DIR: env.config.dataDir });
  const expired = await publishedPerson(env, world, { ...TRAVELLER, tlp: 'AMBER' });
  const kept = await publishedPerson(env, world, { ...TRAVELLER, tlp: 'AMBER' });
  // The command runs on the system clock: the first record's period ended long ago, the second's is far ahead.
  await db.updateTable('person').set({ retainUntil: '2001-01-01' }).where('itemId', '=', expired).execute();
  await db.updateTable('person').set({ retainUntil: '2099-01-01' }).where('itemId', '=', kept).execute();

  const run = await cli(['persons', 'shred-expired']);
  t.equal(run.code, 0, run.stderr);
  t.same(JSON.parse(run.stdout), { shredded: 1 });
  t.equal((await calls.read(world.officer, expired)).statusCode, 410);
  t.equal((await calls.read(world.officer, kept)).statusCode, 200);
  const again = await cli(['persons', 'shred-expired']);
  t.same(JSON.parse(again.stdout), { shredded: 0 }, 'idempotent');

  const entries = await db
    .selectFrom('auditEntry')
    .selectAll()
    .where('action', 'in', ['person.shred', 'person.shred_expired'])
    .orderBy('seq')
    .execute();
  t.match(
    entries.map((e) => [e.action, e.subjectId, e.details]),
    [
      ['person.shred', expired, { reason: 'retention_expired', retainUntil: '2001-01-01' }],
      ['person.shred_expired', null, { shredded: 1, operator: String }],
      ['person.shred_expired', null, { shredded: 0 }],
    ],
    'each record shredded, and each run',
  );

  // Another sweep holds the cluster's retention lock: nothing done, a temporary failure.
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${0x656e7072})`.execute(conn);
    try {
      const busy = await cli(['persons', 'shred-expired']);
      t.equal(busy.code, 75, 'EX_TEMPFAIL while another sweep runs');
      t.match(busy.stderr, /another retention sweep is running/);
      t.equal(busy.stdout, '');
    } finally {
      await sql`select pg_advisory_unlock(${0x656e7072})`.execute(conn);
    }
  });

  for (const [args, code] of [
    [['persons'], 64],
    [['persons', 'shred'], 64],
    [['persons', 'shred-expired', '--yes'], 64],
  ] as const) {
    const refused = await cli([...args]);
    t.equal(refused.code, code, args.join(' '));
    t.match(refused.stderr, /enlace persons:/);
  }
  const help = await cli(['help']);
  t.match(help.stdout, /persons shred-expired/, 'in the usage');
});
