import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import * as openpgp from 'openpgp';
import sharp from 'sharp';
import t from 'tap';
import { Sealer } from '../../../server/platform/crypto/sealer.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { storedBlobs } from '../../helpers/blobs.ts';
import { enlace } from '../../helpers/cli.ts';
import { gpgHome } from '../../helpers/gpg.ts';
import { TEST_KEYRING } from '../../helpers/keys.ts';
import { buildWorld, multipart } from '../../helpers/world.ts';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(150 * 1024)]);

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const env = await buildTestApp(t, { config: { chunkBytes: 64 * 1024 } });
  const world = await buildWorld(env);
  const item = await world.item({ tlp: 'GREEN' });
  const image = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#884422' } })
    .jpeg()
    .toBuffer();
  const body = multipart([
    { name: 'caption', data: 'Informe con clave' },
    { name: 'file', filename: 'informe.pdf', data: PDF },
    { name: 'file', filename: 'foto.jpg', data: image },
  ]);
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/items/${item.id}/attachments`,
    headers: { ...world.officer.headers, ...body.headers },
    payload: body.payload,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  const [pdf, photo] = res.json() as { id: string }[];
  const cli = (args: string[]) =>
    enlace(args, { DATABASE_URL: env.database.url, ENLACE_DATA_DIR: env.config.dataDir, ENLACE_CHUNK_BYTES: String(64 * 1024) });
  const download = async (fileId: string, thumb = false) =>
    (
      await env.app.inject({
        method: 'GET',
        url: `/api/items/${item.id}/attachments/${fileId}${thumb ? '?size=thumb' : ''}`,
        headers: world.officer.headers,
      })
    ).rawPayload;
  return { ...env, world, item, pdf: pdf!, photo: photo!, cli, download };
}

const blobPath = (dataDir: string, key: string) => path.join(dataDir, 'blobs', key);

t.test(
  'keys rotate: every message re-addressed to the new key, session keys re-wrapped, the old key destroyed; everything still reads',
  async (t) => {
    const env = await setup(t);
    const { database, spaceId } = { ...env, spaceId: env.world.spaceId };
    const before = { pdf: await env.download(env.pdf.id), photo: await env.download(env.photo.id), thumb: await env.download(env.photo.id, true) };
    const oldChunks = await database.db.selectFrom('fileChunk').select('blobKey').execute();

    const run = await env.cli(['keys', 'rotate', '--space', spaceId]);
    t.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    t.match(
      result,
      { spaceId, version: 2, records: 2, files: 3, destroyedVersions: [1] },
      'two sealed details; three files: a PDF, a photo and its thumbnail',
    );

    t.ok((await env.download(env.pdf.id)).equals(before.pdf), 'the PDF reads the same');
    t.ok((await env.download(env.photo.id)).equals(before.photo), 'the photo too');
    t.ok((await env.download(env.photo.id, true)).equals(before.thumb), 'and its thumbnail');
    const names = (await env.app.inject({ method: 'GET', url: `/api/items/${env.item.id}/attachments`, headers: env.world.officer.headers })).json();
    t.same(
      names.map((a: { name: string }) => a.name),
      ['informe.pdf', 'foto.jpg'],
    );

    const keys = await database.db.selectFrom('spaceKey').selectAll().where('spaceId', '=', spaceId).orderBy('version').execute();
    t.match(keys[0], { version: 1, privateKey: null, dataKey: null, destroyedAt: Date });
    t.match(keys[1], { version: 2, retiredAt: null, destroyedAt: null });
    const fresh = await openpgp.readKey({ armoredKey: keys[1]!.publicKey });
    const freshIds = (await fresh.getEncryptionKey()).getKeyID().toHex();
    for (const row of await database.db.selectFrom('sealed').select(['keyVersion', 'message']).execute()) {
      t.equal(row.keyVersion, 2);
      const ids = (await openpgp.readMessage({ binaryMessage: row.message })).getEncryptionKeyIDs().map((id) => id.toHex());
      t.same(ids, [freshIds], 'a record now addressed to the new key alone');
    }
    const newChunks = await database.db.selectFrom('fileChunk').select('blobKey').execute();
    t.equal(newChunks.length, oldChunks.length);
    for (const { blobKey } of oldChunks) await t.rejects(fs.stat(blobPath(env.config.dataDir, blobKey)), { code: 'ENOENT' }, 'old chunk removed');
    for (const { blobKey } of newChunks) {
      const ids = (await openpgp.readMessage({ binaryMessage: await fs.readFile(blobPath(env.config.dataDir, blobKey)) }))
        .getEncryptionKeyIDs()
        .map((id) => id.toHex());
      t.same(ids, [freshIds], 'each chunk addressed to the new key');
    }

    await t.rejects(
      sql`update sealed set key_version = 1`.execute(database.db),
      /destroyed/,
      'the database refuses anything sealed to a destroyed key',
    );
    const again = JSON.parse((await env.cli(['keys', 'rotate', '--space', spaceId])).stdout);
    t.match(again, { version: 3, records: 2, files: 3, destroyedVersions: [2] }, 'a second rotation works the same');
    t.ok((await env.download(env.pdf.id)).equals(before.pdf));
  },
);

t.test('keys export: escrow to a custodian; with it GnuPG opens a stored record and a stored file chunk', async (t) => {
  const env = await setup(t);
  const spaceId = env.world.spaceId;
  const custodian = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Custodia', email: 'custodia@example.org' }],
    passphrase: 'custodian secret',
    format: 'armored',
  });
  const gpg = await gpgHome(t);
  const custodianFile = await gpg.file('custodian.asc', custodian.publicKey);
  await gpg.run(['--import', await gpg.file('custodian-private.asc', custodian.privateKey)], 'custodian secret');

  const out = path.join(gpg.home, 'escrow.asc');
  const run = await env.cli(['keys', 'export', '--space', spaceId, '--to', custodianFile, '--out', out]);
  t.equal(run.code, 0, run.stderr);
  t.match(JSON.parse(run.stdout), { spaceId, out, versions: [{ version: 1 }], custodians: [/^[0-9A-F]{40}$/] });
  t.equal((await fs.stat(out)).mode & 0o777, 0o600);
  const escrow = await fs.readFile(out, 'utf8');
  t.match(escrow, /^-----BEGIN PGP MESSAGE-----/);
  t.notMatch(escrow, /PRIVATE KEY/, 'the keys travel only encrypted');

  // The custodian, with GnuPG alone: open the escrow, import the space key, read what the portal stored.
  const { stdout: keys } = await gpg.run(['--decrypt', out], 'custodian secret');
  t.match(keys, /-----BEGIN PGP PRIVATE KEY BLOCK-----/);
  await gpg.run(['--import', await gpg.file('space-keys.asc', keys)]);
  const record = await env.database.db.selectFrom('sealed').select('message').limit(1).executeTakeFirstOrThrow();
  const opened = await gpg.run(['--decrypt', await gpg.file('record.gpg', record.message)]);
  t.match(JSON.parse(opened.stdout), { name: 'informe.pdf', caption: 'Informe con clave' }, 'a stored record');
  const chunk = await env.database.db
    .selectFrom('fileChunk')
    .select('blobKey')
    .where('fileId', '=', env.pdf.id)
    .where('index', '=', 0)
    .executeTakeFirstOrThrow();
  const first = await gpg.run(['--decrypt', blobPath(env.config.dataDir, chunk.blobKey)]);
  t.equal(first.stdoutBytes.length, 64 * 1024);
  t.equal(first.stdoutBytes.subarray(0, 9).toString('latin1'), '%PDF-1.7\n');
  t.ok(first.stdoutBytes.equals(PDF.subarray(0, 64 * 1024)), 'the first chunk of a stored file, byte for byte');

  const refused = [
    [['keys', 'export', '--space', spaceId], /--to/],
    [['keys', 'export', '--space', spaceId, '--to', await gpg.file('private.asc', custodian.privateKey)], /public key/],
    [['keys', 'export', '--space', spaceId, '--to', await gpg.file('junk.asc', 'not a key')], /armored OpenPGP public key/],
    [['keys', 'export', '--space', spaceId, '--to', custodianFile, '--out', out], /never overwritten/],
    [['keys', 'export', '--space', '00000000-0000-4000-8000-000000000000', '--to', custodianFile], /no space/],
    [['keys', 'rotate'], /--space/],
    [['keys', 'spin'], /unknown subcommand/],
  ] as const;
  for (const [args, message] of refused) {
    const r = await env.cli([...args]);
    t.equal(r.code, 64, args.join(' '));
    t.match(r.stderr, message);
  }
});

t.test('crypto-shredding: an item, then a whole space', async (t) => {
  const env = await setup(t);
  const { database, world } = env;
  const other = await world.item({ tlp: 'GREEN' });
  const body = multipart([{ name: 'file', filename: 'otro.pdf', data: PDF }]);
  await env.app.inject({
    method: 'POST',
    url: `/api/items/${other.id}/attachments`,
    headers: { ...world.officer.headers, ...body.headers },
    payload: body.payload,
  });
  const blobCount = async () => (await storedBlobs(env.config.dataDir)).length;
  t.equal(await blobCount(), 3 + 2 + 3, 'PDF 3 chunks, photo and thumbnail, the other PDF 3 chunks');

  t.equal((await env.cli(['keys', 'shred', '--item', env.item.id])).code, 64, 'not without --yes');
  const run = await env.cli(['keys', 'shred', '--item', env.item.id, '--yes']);
  t.equal(run.code, 0, run.stderr);
  t.match(JSON.parse(run.stdout), { itemId: env.item.id, files: 2, records: 2, blobs: 5 });
  t.equal(await blobCount(), 3, 'its blobs are gone');
  const gone = await env.app.inject({ method: 'GET', url: `/api/items/${env.item.id}/attachments`, headers: world.officer.headers });
  t.equal(gone.statusCode, 410);
  t.equal(gone.json().error.code, 'content_shredded');
  t.ok(
    (await database.db.selectFrom('item').select('shreddedAt').where('id', '=', env.item.id).executeTakeFirstOrThrow()).shreddedAt,
    'the item stays, marked',
  );
  t.equal(
    (await env.app.inject({ method: 'GET', url: `/api/items/${other.id}/attachments`, headers: world.officer.headers })).statusCode,
    200,
    'the other item is untouched',
  );

  // Keep a copy of a sealed record, as a backup would, then shred the space.
  const copy = await database.db
    .selectFrom('sealed')
    .select(['spaceId', 'keyVersion', 'message', 'wrappedKey'])
    .where('itemId', '=', other.id)
    .executeTakeFirstOrThrow();
  const space = await env.cli(['keys', 'shred', '--space', world.spaceId, '--yes']);
  t.equal(space.code, 0, space.stderr);
  t.match(JSON.parse(space.stdout), { spaceId: world.spaceId, destroyedVersions: [1], items: 1, files: 1, records: 1, blobs: 3 });
  t.equal(await blobCount(), 0);
  const sealer = new Sealer(database.db, TEST_KEYRING);
  await t.rejects(sealer.open(copy.spaceId, copy), { name: 'SealError', reason: 'key_destroyed' }, 'the backup copy no longer opens');
  await t.rejects(
    sealer.openWithPrivateKey(copy.spaceId, copy.message),
    { name: 'SealError', reason: 'key_destroyed' },
    'not with the private key either: there is none',
  );
  const upload = multipart([{ name: 'file', filename: 'x.pdf', data: PDF }]);
  const third = await world.item({ tlp: 'GREEN' });
  const refused = await env.app.inject({
    method: 'POST',
    url: `/api/items/${third.id}/attachments`,
    headers: { ...world.officer.headers, ...upload.headers },
    payload: upload.payload,
  });
  t.equal(refused.statusCode, 500, 'nothing new can be sealed in a shredded space');
  t.equal(await blobCount(), 0, 'and nothing is left behind trying');
  t.equal((await env.cli(['keys', 'export', '--space', world.spaceId, '--to', '/dev/null'])).code, 64);
});
