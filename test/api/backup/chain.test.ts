import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import * as openpgp from 'openpgp';
import t from 'tap';
import type { DemoResult } from '../../../server/demo/service.ts';
import type { Manifest } from '../../../server/features/backup/manifest.ts';
import { createDatabase } from '../../../server/platform/db/database.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { emptyDatabase, scratch, tableDigests } from '../../helpers/backup.ts';
import { enlace } from '../../helpers/cli.ts';
import { documentImage } from '../../helpers/specimens.ts';

const readManifest = async (dir: string) => JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

// Each `enlace` run is a Node start with tsx and coverage: eight of them outlast the default timeout.
t.setTimeout(900_000);

t.test('a backup encrypted to a custodian, then an incremental one: only new blobs copied; the chain restores with the custodian key', async (t) => {
  const env = await buildTestApp(t);
  const { db } = env.database;
  const cli = { DATABASE_URL: env.database.url, ENLACE_DATA_DIR: env.config.dataDir };
  const filled = await enlace(['demo', '--specimens', '2', '--json', '--password', 'demo password 2026'], cli);
  t.equal(filled.code, 0, filled.stderr);
  const demo = JSON.parse(filled.stdout) as DemoResult;

  const dir = await scratch(t);
  const custodian = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Custodia', email: 'custodia@example.org' }],
    passphrase: 'custodian secret',
    format: 'armored',
  });
  const publicFile = path.join(dir, 'custodian.asc');
  const privateFile = path.join(dir, 'custodian-private.asc');
  await fs.writeFile(publicFile, custodian.publicKey);
  await fs.writeFile(privateFile, custodian.privateKey);
  const fingerprint = (await openpgp.readKey({ armoredKey: custodian.publicKey })).getFingerprint().toUpperCase();

  const full = path.join(dir, 'full');
  const first = await enlace(['backup', '--out', full, '--to', publicFile], cli);
  t.equal(first.code, 0, first.stderr);
  t.match(JSON.parse(first.stdout), { encryptedTo: [fingerprint] });
  const fullManifest = await readManifest(full);
  t.same(fullManifest.encryptedTo, [fingerprint]);

  // No plaintext on disk: every data file is an OpenPGP message; decrypted, a table is the gzip of its rows.
  const key = await openpgp.decryptKey({
    privateKey: await openpgp.readPrivateKey({ armoredKey: custodian.privateKey }),
    passphrase: 'custodian secret',
  });
  const users = fullManifest.database.tables.find((x) => x.name === 'app_user')!;
  const stored = await fs.readFile(path.join(full, users.file));
  t.throws(() => gunzipSync(stored), 'a table file is not gzip in clear');
  t.notOk(stored.includes(Buffer.from(demo.accounts[0]!.email)), 'no e-mail address in clear');
  const { data } = await openpgp.decrypt({ message: await openpgp.readMessage({ binaryMessage: stored }), decryptionKeys: key, format: 'binary' });
  t.ok(gunzipSync(Buffer.from(data)).includes(Buffer.from(demo.accounts[0]!.email)), 'the custodian key opens it');
  for (const blob of fullManifest.blobs.files) {
    const bytes = await fs.readFile(path.join(full, 'blobs', `${blob.key}.pgp`));
    t.ok(await openpgp.readMessage({ binaryMessage: bytes }), `blob ${blob.key} is an OpenPGP message`);
  }

  // A new file after the full backup: new blobs (its original and its thumbnail).
  const { spaceId } = await db.selectFrom('storedFile').select('spaceId').orderBy('createdAt').executeTakeFirstOrThrow();
  const pending = await env.app.files.ingest(spaceId, Readable.from([await documentImage('after the full backup')]), ['image/png']);
  const fileId = await env.app.files.record(db, pending, { spaceId, itemId: null, createdBy: null, now: new Date() });
  const newKeys = (
    await db
      .selectFrom('fileChunk')
      .innerJoin('storedFile', 'storedFile.id', 'fileChunk.fileId')
      .select('blobKey')
      .where((eb) => eb.or([eb('storedFile.id', '=', fileId), eb('storedFile.originalId', '=', fileId)]))
      .execute()
  ).map((r) => r.blobKey);
  t.ok(newKeys.length > 0);

  const inc = path.join(dir, 'incremental');
  const second = await enlace(['backup', '--out', inc, '--since', full, '--to', publicFile], cli);
  t.equal(second.code, 0, second.stderr);
  const incManifest = await readManifest(inc);
  t.match(JSON.parse(second.stdout), { since: fullManifest.id, blobsCopied: newKeys.length });
  t.same(incManifest.needs, [fullManifest.id]);
  const copied = incManifest.blobs.files.filter((b) => b.in === incManifest.id).map((b) => b.key);
  t.same(copied.sort(), [...newKeys].sort(), 'only the new blobs are copied');
  t.same(
    (await fs.readdir(path.join(inc, 'blobs'), { recursive: true })).filter((f) => f.endsWith('.pgp')).length,
    newKeys.length,
    'and only they lie in its folder',
  );
  t.ok(
    incManifest.blobs.files.some((b) => b.in === fullManifest.id),
    'the others are held by the full backup',
  );
  const digests = await tableDigests(db, incManifest.audit.head!.seq);

  const target = await emptyDatabase(t);
  const dataDir = path.join(dir, 'restored');
  const restore = (args: string[], extra: Record<string, string> = {}) =>
    enlace(['restore', ...args], { DATABASE_URL: target.url, ENLACE_DATA_DIR: dataDir, ...extra });
  const alone = await restore(['--from', inc, '--key', privateFile], { ENLACE_BACKUP_KEY_PASSPHRASE: 'custodian secret' });
  t.equal(alone.code, 65);
  t.match(alone.stderr, new RegExp(`needs the earlier backup ${fullManifest.id}`));
  const noKey = await restore(['--from', inc, '--from', full]);
  t.equal(noKey.code, 65);
  t.match(noKey.stderr, /encrypted to custodians .*give a custodian's private key with --key/);

  const restored = await restore(['--from', inc, '--from', full, '--key', privateFile], { ENLACE_BACKUP_KEY_PASSPHRASE: 'custodian secret' });
  t.equal(restored.code, 0, restored.stderr);
  t.match(JSON.parse(restored.stdout), { id: incManifest.id, blobs: incManifest.blobs.files.length, checked: [incManifest.id, fullManifest.id] });

  const restoredDb = createDatabase({ url: target.url, poolMax: 2 });
  t.teardown(() => restoredDb.destroy());
  t.same(await tableDigests(restoredDb, incManifest.audit.head!.seq), digests, 'the same portal');
  for (const { blobKey } of await restoredDb.selectFrom('fileChunk').select('blobKey').execute()) {
    t.same(
      await fs.readFile(path.join(dataDir, 'blobs', blobKey)),
      await fs.readFile(path.join(env.config.dataDir, 'blobs', blobKey)),
      `blob ${blobKey} byte-identical`,
    );
  }
  const verify = await enlace(['audit', 'verify'], { DATABASE_URL: target.url, ENLACE_DATA_DIR: dataDir });
  t.equal(verify.code, 0, verify.stderr);
});
