import { stat } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { buildApp } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config.ts';
import { keyringFrom, loadMasterKey, MasterKeyError, verifyMasterKey } from '../../../server/platform/crypto/master-key.ts';
import { createTestDatabase } from '../../helpers/db.ts';
import { TEST_KEYRING } from '../../helpers/keys.ts';
import { createUser } from '../../helpers/users.ts';

t.test('the embedded default creates <data>/master.key once, mode 0600, and says so', async (t) => {
  const dataDir = t.testdir({});
  const warnings: string[] = [];
  const first = await loadMasterKey(loadConfig({}, { dataDir }), (m) => warnings.push(m));
  t.equal(first.source, 'created');
  t.match(warnings[0], /new master key was created .*master\.key.*back it up/);
  const file = path.join(dataDir, 'master.key');
  t.equal((await stat(file)).mode & 0o777, 0o600);
  const again = await loadMasterKey(loadConfig({}, { dataDir }), (m) => warnings.push(m));
  t.equal(again.source, 'file');
  t.equal(warnings.length, 1, 'created once');
  t.equal(again.open('x', first.seal('x', 'same key', 'row'), 'row'), 'same key');
});

t.test('from the environment or a file; bad keys refused with the variable named', async (t) => {
  const key = Buffer.alloc(32, 1).toString('base64');
  t.equal((await loadMasterKey(loadConfig({ ENLACE_MASTER_KEY: key }), () => undefined)).source, 'environment');
  const dir = t.testdir({ 'key.txt': `${key}\n`, 'short.txt': Buffer.alloc(16).toString('base64') });
  t.equal((await loadMasterKey(loadConfig({ ENLACE_MASTER_KEY_FILE: path.join(dir, 'key.txt') }), () => undefined)).source, 'file');
  await t.rejects(
    loadMasterKey(loadConfig({ ENLACE_MASTER_KEY_FILE: path.join(dir, 'short.txt') }), () => undefined),
    /expected 32 bytes/,
  );
  await t.rejects(
    loadMasterKey(loadConfig({ ENLACE_MASTER_KEY_FILE: path.join(dir, 'missing') }), () => undefined),
    /cannot read/,
  );
  t.throws(() => loadConfig({ ENLACE_MASTER_KEY: 'not-base64' }), /ENLACE_MASTER_KEY/);
  t.throws(() => keyringFrom(Buffer.alloc(8), 'test'), MasterKeyError);
});

t.test('a server started with the wrong key refuses, naming the problem; nothing changes', async (t) => {
  const { db, url } = await createTestDatabase(t);
  await verifyMasterKey(db, TEST_KEYRING);
  const wrong = Buffer.alloc(32, 9).toString('base64');
  await t.rejects(
    buildApp(loadConfig({}, { databaseUrl: url, masterKey: wrong, logLevel: 'silent' }), { db, logger: false }),
    /master key does not match this database/,
  );
  await verifyMasterKey(db, TEST_KEYRING);
  t.pass('the right key still opens it');
});

t.test('sealed secrets: unreadable without the key, bound to their row, tamper-evident', async (t) => {
  const { db } = await createTestDatabase(t);
  const user = await createUser(db);
  const row = await db.selectFrom('appUser').select('totpSecret').where('id', '=', user.id).executeTakeFirstOrThrow();
  t.match(row.totpSecret, /^v1\.[A-Za-z0-9_-]+$/);
  t.notMatch(row.totpSecret!, user.totpSecret!, 'the TOTP secret is not in the database in clear');
  t.equal(TEST_KEYRING.open('totp', row.totpSecret!, user.id), user.totpSecret);
  t.throws(() => TEST_KEYRING.open('totp', row.totpSecret!, 'another-user'), 'moved to another row, it does not open');
  const other = keyringFrom(Buffer.alloc(32, 3), 'test');
  t.throws(() => other.open('totp', row.totpSecret!, user.id), 'another key does not open it');
  const flipped = row.totpSecret!.slice(0, -2) + (row.totpSecret!.endsWith('A') ? 'BB' : 'AA');
  t.throws(() => TEST_KEYRING.open('totp', flipped, user.id), 'a changed byte is detected');
  t.throws(() => TEST_KEYRING.open('totp', 'plain', user.id), /not a sealed value/);
});
