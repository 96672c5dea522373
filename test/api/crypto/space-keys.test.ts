import { randomBytes } from 'node:crypto';
import * as openpgp from 'openpgp';
import t from 'tap';
import { keyringFrom } from '../../../server/platform/crypto/master-key.ts';
import { SealError, Sealer } from '../../../server/platform/crypto/sealer.ts';
import { createSpaceKey, spacePassphrase } from '../../../server/platform/crypto/space-keys.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { gpgHome } from '../../helpers/gpg.ts';
import { TEST_KEYRING } from '../../helpers/keys.ts';
import { signIn } from '../../helpers/users.ts';

async function spaceWithKey(t: Parameters<typeof buildTestApp>[0]) {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const secretariat = await signIn(app, database.db, clock, { roles: ['secretariat'], country: 'SV' });
  const network = (
    await app.inject({ method: 'POST', url: '/api/networks', headers: secretariat.headers, payload: { code: 'nw', nameEs: 'R', nameEn: 'N' } })
  ).json();
  const space = (
    await app.inject({
      method: 'POST',
      url: '/api/spaces',
      headers: secretariat.headers,
      payload: { networkId: network.id, nameEs: 'E', nameEn: 'S', opensOn: '2026-03-01' },
    })
  ).json();
  return { ...env, spaceId: space.id as string };
}

t.test('every new space gets a v4 curve25519 key pair, its private half locked by a passphrase derived from the master key', async (t) => {
  const { database, spaceId } = await spaceWithKey(t);
  const row = await database.db.selectFrom('spaceKey').selectAll().where('spaceId', '=', spaceId).executeTakeFirstOrThrow();
  t.equal(row.version, 1);
  const key = await openpgp.readPrivateKey({ armoredKey: row.privateKey as string });
  t.equal(key.keyPacket.version, 4, 'v4, which GnuPG 2.2 reads');
  t.equal(key.isDecrypted(), false, 'stored locked');
  t.equal(key.getAlgorithmInfo().algorithm, 'eddsaLegacy');
  await t.rejects(openpgp.decryptKey({ privateKey: key, passphrase: 'guess' }), 'a wrong passphrase does not unlock it');
  const other = keyringFrom(Buffer.alloc(32, 5), 'test');
  await t.rejects(openpgp.decryptKey({ privateKey: key, passphrase: spacePassphrase(other, spaceId) }), 'nor another master key');
  t.ok(await openpgp.decryptKey({ privateKey: key, passphrase: spacePassphrase(TEST_KEYRING, spaceId) }));
});

t.test('sealed records are standard OpenPGP messages: round trip, and GnuPG 2.2 decrypts them with the escrowed key', async (t) => {
  const { database, spaceId, clock } = await spaceWithKey(t);
  const keys = new Sealer(database.db, TEST_KEYRING);
  const marker = 'MARCADOR-SECRETO-Ñandú-4711';
  const record = await keys.seal(spaceId, marker);
  const sealed = record.message;
  t.notOk(Buffer.from(sealed).includes(Buffer.from(marker)), 'no plaintext in the sealed bytes');
  t.equal(await keys.open(spaceId, record), marker, 'opened with the wrapped session key');
  t.equal(Buffer.from(await keys.openWithPrivateKey(spaceId, sealed)).toString(), JSON.stringify(marker), 'and with the private key alone');

  const gpg = await gpgHome(t);
  const { privateKey } = await database.db.selectFrom('spaceKey').select('privateKey').where('spaceId', '=', spaceId).executeTakeFirstOrThrow();
  const passphrase = spacePassphrase(TEST_KEYRING, spaceId);
  await gpg.run(['--import', await gpg.file('space.asc', privateKey as string)], passphrase);
  const { stdout } = await gpg.run(['--decrypt', await gpg.file('message.gpg', sealed)], passphrase);
  t.equal(stdout, JSON.stringify(marker), 'GnuPG reads it');

  // After a rotation the new key encrypts and the old one still opens what it sealed.
  await createSpaceKey(database.db, TEST_KEYRING, spaceId, clock.now());
  const fresh = await keys.seal(spaceId, 'after rotation');
  t.equal(fresh.keyVersion, 2);
  t.equal(await keys.open(spaceId, fresh), 'after rotation');
  t.equal(await keys.open(spaceId, record), marker, 'the retired version still decrypts');
  const current = await database.db
    .selectFrom('spaceKey')
    .select(['version'])
    .where('spaceId', '=', spaceId)
    .where('retiredAt', 'is', null)
    .execute();
  t.same(current, [{ version: 2 }]);

  // Many at once: the current key looked up once, each value its own session key and message.
  const many = await keys.sealMany(spaceId, ['uno', 'dos', { tres: 3 }]);
  t.same(
    many.map((m) => m.keyVersion),
    [2, 2, 2],
  );
  t.same(await Promise.all(many.map((m) => keys.open(spaceId, m))), ['uno', 'dos', { tres: 3 }]);
  t.equal(new Set(many.map((m) => m.wrappedKey.toString('hex'))).size, 3, 'a session key each');
  const v2 = await database.db
    .selectFrom('spaceKey')
    .select('privateKey')
    .where('spaceId', '=', spaceId)
    .where('version', '=', 2)
    .executeTakeFirstOrThrow();
  await gpg.run(['--import', await gpg.file('space-v2.asc', v2.privateKey as string)], passphrase);
  const { stdout: second } = await gpg.run(['--decrypt', await gpg.file('many.gpg', many[1]!.message)], passphrase);
  t.equal(second, '"dos"', 'each a message GnuPG reads alone');
});

t.test('file chunks are standard OpenPGP messages at every size: openpgp.js and GnuPG read them, any altered byte is refused', async (t) => {
  const { database, spaceId } = await spaceWithKey(t);
  const keys = new Sealer(database.db, TEST_KEYRING);
  const key = await keys.newKey(spaceId);
  const gpg = await gpgHome(t);
  const { privateKey } = await database.db.selectFrom('spaceKey').select('privateKey').where('spaceId', '=', spaceId).executeTakeFirstOrThrow();
  const passphrase = spacePassphrase(TEST_KEYRING, spaceId);
  await gpg.run(['--import', await gpg.file('space.asc', privateKey as string)], passphrase);
  // Empty, one byte, either side of a block and of OpenPGP's length forms, and a whole 2 MiB chunk.
  for (const size of [0, 1, 15, 16, 17, 191, 192, 8383, 8384, 65_536, 2 * 1024 * 1024]) {
    const data = randomBytes(size);
    const sealed = keys.encrypt(key, data);
    t.ok(Buffer.from(await keys.decrypt(key.sessionKey, sealed)).equals(data), `${size} bytes: openpgp.js opens it with the session key`);
    t.ok(Buffer.from(await keys.openWithPrivateKey(spaceId, sealed)).equals(data), `${size} bytes: and with the private key`);
    if (size === 17 || size === 2 * 1024 * 1024) {
      const { stdoutBytes } = await gpg.run(['--decrypt', await gpg.file(`chunk-${size}.gpg`, sealed)], passphrase);
      t.ok(stdoutBytes.equals(data), `${size} bytes: GnuPG reads it`);
    }
  }
  const data = randomBytes(4096);
  const sealed = keys.encrypt(key, data);
  t.not(
    Buffer.from(keys.encrypt(key, data)).toString('hex'),
    Buffer.from(sealed).toString('hex'),
    'a random prefix each time: equal chunks do not seal alike',
  );
  t.notOk(Buffer.from(sealed).includes(data.subarray(0, 32)), 'no plaintext in the sealed bytes');
  // One flipped bit anywhere after the session-key packet: in the prefix, the data, the MDC, the last byte.
  const body = key.pkesk.length + 7;
  for (const at of [body, body + 17, body + 40, body + 2000, sealed.length - 21, sealed.length - 1]) {
    const altered = Buffer.from(sealed);
    altered[at] = altered[at]! ^ 0x01;
    await t.rejects(keys.decrypt(key.sessionKey, altered), SealError, `a bit flipped at ${at} is refused`);
  }
  t.throws(() => keys.encrypt({ ...key, sessionKey: { ...key.sessionKey, data: new Uint8Array(16) } }, data), 'only AES-256 session keys');
});

t.test('records opened before come from memory: a new value each time, only for the exact bytes, never past a forgotten key', async (t) => {
  const { database, spaceId, clock } = await spaceWithKey(t);
  const sources: string[] = [];
  const keys = new Sealer(database.db, TEST_KEYRING, clock, { openCacheBytes: 1024 * 1024, onOpen: (source) => sources.push(source) });
  const record = await keys.seal(spaceId, { name: 'Pasaporte', pages: [1, 2] });
  const first = await keys.open<{ name: string; pages: number[] }>(spaceId, record);
  first.pages.push(3);
  t.same(await keys.open(spaceId, record), { name: 'Pasaporte', pages: [1, 2] }, 'what a caller changes is its own copy');
  t.same(sources, ['decrypted', 'memory']);

  const altered = { ...record, message: Buffer.from(record.message) };
  altered.message[altered.message.length - 5]! ^= 1;
  await t.rejects(keys.open(spaceId, altered), new SealError('unreadable'), 'other bytes are decrypted, and refused');
  await t.rejects(keys.open(spaceId, { ...record, keyVersion: 2 }), { name: 'SealError' }, 'another key version is not the same record');

  // Without the memory: each open decrypts.
  const plain = new Sealer(database.db, TEST_KEYRING, clock, { onOpen: (source) => sources.push(source) });
  sources.length = 0;
  await plain.open(spaceId, record);
  await plain.open(spaceId, record);
  t.same(sources, ['decrypted', 'decrypted'], 'ENLACE_OPEN_CACHE_MB=0 keeps nothing');

  // Bounded in bytes: 8 hold one of '"uno"' and '"dos"' (5 bytes each), the least recently used goes first.
  const small = new Sealer(database.db, TEST_KEYRING, clock, { openCacheBytes: 8, onOpen: (source) => sources.push(source) });
  const [uno, dos, long] = await small.sealMany(spaceId, ['uno', 'dos', 'larguísimo']);
  sources.length = 0;
  for (const r of [uno, dos, dos, uno, long, long]) await small.open(spaceId, r!);
  t.same(
    sources,
    ['decrypted', 'decrypted', 'memory', 'decrypted', 'decrypted', 'decrypted'],
    'one at a time; a record larger than the bound is never kept',
  );

  // A key destroyed: forget() empties what was opened, and an open in flight does not put its result back.
  const fresh = await keys.seal(spaceId, 'en vuelo');
  const inFlight = keys.open(spaceId, fresh);
  keys.forget();
  await database.db
    .updateTable('spaceKey')
    .set({ privateKey: null, dataKey: null, destroyedAt: clock.now() })
    .where('spaceId', '=', spaceId)
    .execute();
  t.equal(await inFlight, 'en vuelo', 'the open in flight ends with its key');
  await t.rejects(keys.open(spaceId, fresh), new SealError('key_destroyed'), 'but keeps nothing after the key is gone');
  await t.rejects(keys.open(spaceId, record), new SealError('key_destroyed'), 'nor does what was opened before');
});
