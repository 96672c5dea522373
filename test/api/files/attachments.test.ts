import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { sql } from 'kysely';
import sharp from 'sharp';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { storedBlobs } from '../../helpers/blobs.ts';
import { buildWorld, type MultipartPart, multipart } from '../../helpers/world.ts';

const MARKER = 'EXIF-MARCADOR-7731';

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2a5599' } })
    .jpeg()
    .withExifMerge({ IFD0: { Copyright: MARKER, Artist: MARKER }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '9/1 56/1 0/1' } })
    .toBuffer();
}

const png = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();

/** A PNG that declares 60000 × 60000 pixels in a few hundred bytes. */
function pixelBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(60000, 0);
  header.writeUInt32BE(60000, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1000))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function setup(t: Parameters<typeof buildTestApp>[0], config = {}) {
  const env = await buildTestApp(t, { config });
  const world = await buildWorld(env);
  const item = await world.item({ tlp: 'GREEN' });
  const upload = (who: { headers: Record<string, string> }, parts: MultipartPart[], language = 'en') => {
    const body = multipart(parts);
    return env.app.inject({
      method: 'POST',
      url: `/api/items/${item.id}/attachments`,
      headers: { ...who.headers, ...body.headers, 'accept-language': language },
      payload: body.payload,
    });
  };
  return { ...env, world, item, upload };
}

t.test('images are re-encoded without metadata, thumbnailed, sealed in chunks; names and captions sealed; downloads decrypt', async (t) => {
  const env = await setup(t);
  const { app, world, item, upload, database } = env;
  const original = await photo();
  t.ok(original.includes(MARKER), 'the fixture carries EXIF');
  const res = await upload(world.officer, [
    { name: 'caption', data: 'Página de datos bajo luz UV' },
    { name: 'file', filename: 'pasaporte-GARCIA.jpg', contentType: 'image/jpeg', data: original },
    { name: 'file', filename: 'detail.png', contentType: 'application/octet-stream', data: await png() },
  ]);
  t.equal(res.statusCode, 201, res.body);
  const [jpeg, detail] = res.json();
  t.match(jpeg, { name: 'pasaporte-GARCIA.jpg', caption: 'Página de datos bajo luz UV', mediaType: 'image/jpeg', thumbnail: true });
  t.match(detail, { name: 'detail.png', caption: null, mediaType: 'image/png', thumbnail: true });

  const listed = await app.inject({ method: 'GET', url: `/api/items/${item.id}/attachments`, headers: world.officer.headers });
  t.same(
    listed.json().map((a: { id: string }) => a.id),
    [jpeg.id, detail.id],
  );

  const full = await app.inject({ method: 'GET', url: `/api/items/${item.id}/attachments/${jpeg.id}`, headers: world.officer.headers });
  t.equal(full.statusCode, 200);
  t.equal(full.headers['content-type'], 'image/jpeg');
  t.equal(Number(full.headers['content-length']), full.rawPayload.length);
  t.match(
    String(full.headers['content-disposition']),
    new RegExp(`^inline; filename="${jpeg.id}\\.jpg"$`),
    'the header never carries the sealed name',
  );
  t.notOk(full.rawPayload.includes(MARKER), 'EXIF is gone');
  const meta = await sharp(full.rawPayload).metadata();
  t.match(meta, { format: 'jpeg', width: 1200, height: 800 });
  t.notOk(meta.exif, 'no EXIF block at all (GPS included)');

  const thumb = await app.inject({ method: 'GET', url: `/api/items/${item.id}/attachments/${jpeg.id}?size=thumb`, headers: world.officer.headers });
  t.equal(thumb.headers['content-type'], 'image/webp');
  t.match(await sharp(thumb.rawPayload).metadata(), { format: 'webp', width: 320, height: 213 });

  const blobs = await storedBlobs(env.config.dataDir);
  t.equal(blobs.length, 4, 'two originals and two thumbnails, one chunk each');
  for (const file of blobs) {
    const bytes = await fs.readFile(file);
    t.notOk(bytes.includes(MARKER) || bytes.includes('GARCIA') || bytes.includes('JFIF'), `${path.basename(file)} holds ciphertext only`);
    t.equal((await fs.stat(file)).mode & 0o777, 0o600);
  }
  const rows = await database.db.selectFrom('sealed').select('message').execute();
  t.equal(rows.length, 2, 'one sealed details record per attachment');
  t.notOk(
    rows.some((r) => r.message.includes('GARCIA')),
    'names are sealed',
  );

  const removed = await app.inject({ method: 'DELETE', url: `/api/items/${item.id}/attachments/${jpeg.id}`, headers: world.officer.headers });
  t.equal(removed.statusCode, 204);
  t.equal((await storedBlobs(env.config.dataDir)).length, 2, 'the removed file’s blobs are deleted');
  t.equal((await database.db.selectFrom('sealed').select('id').execute()).length, 1);
  const again = await app.inject({ method: 'DELETE', url: `/api/items/${item.id}/attachments/${jpeg.id}`, headers: world.officer.headers });
  t.equal(again.statusCode, 404);
});

t.test('who reads and who attaches follows the item policy', async (t) => {
  const { app, world, item, upload } = await setup(t);
  const res = await upload(world.officer, [{ name: 'file', filename: 'a.png', data: await png() }]);
  const [file] = res.json();
  const get = (who: { headers: Record<string, string> }, url = `/api/items/${item.id}/attachments/${file.id}`) =>
    app.inject({ method: 'GET', url, headers: who.headers });

  t.equal((await get(world.foreign)).statusCode, 404, 'a draft is unknown to another country');
  t.equal((await upload(world.foreign, [{ name: 'file', filename: 'b.png', data: await png() }])).statusCode, 404);
  t.equal((await get(world.contact)).statusCode, 200, 'the contact point of the country reads the draft');
  t.equal(
    (await upload(world.contact, [{ name: 'file', filename: 'b.png', data: await png() }])).statusCode,
    403,
    'but only the originator edits it',
  );

  await world.publish(item.id);
  t.equal((await get(world.foreign)).statusCode, 200, 'published GREEN: every member reads');
  t.equal((await get(world.observer)).statusCode, 200, 'observers included');
  t.equal((await get(world.auditor)).statusCode, 403, 'an auditor knows the item, never its files');
  t.equal((await get(world.auditor, `/api/items/${item.id}/attachments`)).statusCode, 403);
  t.equal((await upload(world.officer, [{ name: 'file', filename: 'b.png', data: await png() }])).statusCode, 403, 'published items are not edited');
  const del = await app.inject({ method: 'DELETE', url: `/api/items/${item.id}/attachments/${file.id}`, headers: world.foreign.headers });
  t.equal(del.statusCode, 403);
  t.equal((await get(world.officer, `/api/items/${item.id}/attachments/00000000-0000-4000-8000-000000000000`)).statusCode, 404);
});

t.test('refused uploads: a clear bilingual 4xx, and nothing stored', async (t) => {
  const env = await setup(t, { uploadLimit: 256 * 1024, uploadMaxPixels: 10_000_000 });
  const { world, upload, database } = env;
  const jpeg = await photo();
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n'), randomBytes(2000)]);
  const cases: [string, MultipartPart[], number, string][] = [
    [
      'HTML named .jpg',
      [{ name: 'file', filename: 'foto.jpg', contentType: 'image/jpeg', data: '<!doctype html><html><script>alert(1)</script></html>' }],
      415,
      'file_type_refused',
    ],
    ['PDF named .jpg', [{ name: 'file', filename: 'foto.jpg', contentType: 'image/jpeg', data: pdf }], 415, 'file_type_mismatch'],
    ['too large', [{ name: 'file', filename: 'big.pdf', data: Buffer.concat([pdf, randomBytes(300 * 1024)]) }], 413, 'file_too_large'],
    ['truncated image', [{ name: 'file', filename: 'cut.jpg', data: jpeg.subarray(0, Math.floor(jpeg.length / 2)) }], 422, 'image_unreadable'],
    ['decompression bomb', [{ name: 'file', filename: 'bomb.png', data: pixelBomb() }], 413, 'image_too_many_pixels'],
    ['zero bytes', [{ name: 'file', filename: 'empty.jpg', data: Buffer.alloc(0) }], 400, 'file_empty'],
    ['no file', [{ name: 'caption', data: 'sin archivo' }], 400, 'file_required'],
    ['unknown field', [{ name: 'secret', data: 'x' }], 400, 'form_field_unknown'],
    [
      'too many files in one request',
      Array.from({ length: 21 }, (_, i) => ({ name: 'file', filename: `p${i}.pdf`, data: pdf })),
      413,
      'too_many_files',
    ],
    [
      'a good file, then a bad one',
      [
        { name: 'file', filename: 'ok.jpg', data: jpeg },
        { name: 'file', filename: 'bad.jpg', data: '<html></html>' },
      ],
      415,
      'file_type_refused',
    ],
  ];
  for (const [label, parts, status, code] of cases) {
    const en = await upload(world.officer, parts, 'en');
    t.equal(en.statusCode, status, `${label}: ${en.body}`);
    t.equal(en.json().error.code, code, label);
    const es = await upload(world.officer, parts, 'es');
    t.not(es.json().error.message, en.json().error.message, `${label}: said in Spanish too`);
    t.same(await storedBlobs(env.config.dataDir), [], `${label}: no blob left behind`);
  }
  t.equal((await database.db.selectFrom('storedFile').select('id').execute()).length, 0, 'and no row');
  t.equal((await database.db.selectFrom('sealed').select('id').execute()).length, 0);

  const notMultipart = await env.app.inject({
    method: 'POST',
    url: `/api/items/${env.item.id}/attachments`,
    headers: world.officer.headers,
    payload: { file: 'x' },
  });
  t.equal(notMultipart.statusCode, 415);
  t.equal(notMultipart.json().error.code, 'multipart_expected');
});

t.test('too large after several chunks were sealed and written (some still being written): 413, and none left', async (t) => {
  const env = await setup(t, { uploadLimit: 600 * 1024, chunkBytes: 64 * 1024 });
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n'), randomBytes(700 * 1024)]);
  const res = await env.upload(env.world.officer, [{ name: 'file', filename: 'big.pdf', data: pdf }]);
  t.equal(res.statusCode, 413);
  t.equal(res.json().error.code, 'file_too_large');
  t.same(await storedBlobs(env.config.dataDir), [], 'every chunk written before the limit was removed');
  const fits = await env.upload(env.world.officer, [{ name: 'file', filename: 'fits.pdf', data: pdf.subarray(0, 500 * 1024) }]);
  t.equal(fits.statusCode, 201, 'one that fits: 8 chunks');
  const [stored] = fits.json() as { id: string }[];
  const download = await env.app.inject({
    method: 'GET',
    url: `/api/items/${env.item.id}/attachments/${stored!.id}`,
    headers: env.world.officer.headers,
  });
  t.ok(download.rawPayload.equals(pdf.subarray(0, 500 * 1024)), 'back byte for byte, its chunks in order');
});

t.test('a chunk that cannot be written, with others written or still being written: an error, and none left', async (t) => {
  const env = await setup(t, { chunkBytes: 64 * 1024 });
  const blobs = env.app.blobs as { put: (data: Uint8Array) => Promise<string> };
  const put = blobs.put;
  let puts = 0;
  blobs.put = (data) => (++puts === 3 ? Promise.reject(new Error('no space left on the test device')) : put(data));
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(600 * 1024)]);
  const res = await env.upload(env.world.officer, [{ name: 'file', filename: 'big.pdf', data: pdf }]);
  t.equal(res.statusCode, 500);
  t.notOk(res.body.includes('no space left'), 'the cause is logged, not told');
  t.ok(puts >= 3 && puts < 10, `the upload stopped at the failure (${puts} of 10 chunks started)`);
  t.same(await storedBlobs(env.config.dataDir), [], 'every chunk written before or beside the failure was removed');
  t.equal((await env.database.db.selectFrom('storedFile').select('id').execute()).length, 0, 'no file row');
  blobs.put = put;
  const again = await env.upload(env.world.officer, [{ name: 'file', filename: 'big.pdf', data: pdf }]);
  t.equal(again.statusCode, 201, 'the next upload goes through');
  t.equal((await storedBlobs(env.config.dataDir)).length, 10, '600 KiB and a header in 64 KiB chunks');
});

t.test('a failure after the blobs were written (the database refuses the row) removes them', async (t) => {
  const env = await setup(t);
  await sql`create function refuse() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`.execute(
    env.database.db,
  );
  await sql`create trigger refuse before insert on item_attachment for each row execute function refuse()`.execute(env.database.db);
  const res = await env.upload(env.world.officer, [{ name: 'file', filename: 'a.png', data: await png() }]);
  t.equal(res.statusCode, 500);
  t.same(await storedBlobs(env.config.dataDir), [], 'the written chunks were removed');
  t.equal((await env.database.db.selectFrom('storedFile').select('id').execute()).length, 0, 'the transaction rolled back');
});

t.test('documents stream through several chunks and come back byte for byte; altered ciphertext is a clean error', async (t) => {
  const env = await setup(t, { chunkBytes: 64 * 1024 });
  const { app, world, item, upload } = env;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(300 * 1024)]);
  const res = await upload(world.officer, [{ name: 'file', filename: 'informe.pdf', data: pdf }]);
  t.equal(res.statusCode, 201, res.body);
  const [file] = res.json();
  t.match(file, { mediaType: 'application/pdf', byteSize: pdf.length, thumbnail: false });
  t.equal((await storedBlobs(env.config.dataDir)).length, 5, '300 KiB in 64 KiB chunks');
  const url = `/api/items/${item.id}/attachments/${file.id}`;
  const down = await app.inject({ method: 'GET', url, headers: world.officer.headers });
  t.equal(down.headers['content-type'], 'application/pdf');
  t.match(String(down.headers['content-disposition']), /^attachment;/, 'documents are downloaded, not shown in the portal’s origin');
  t.ok(down.rawPayload.equals(pdf), 'byte for byte');
  const thumb = await app.inject({ method: 'GET', url: `${url}?size=thumb`, headers: world.officer.headers });
  t.equal(thumb.statusCode, 404, 'documents have no thumbnail');

  // Flip one byte inside the first chunk's encrypted data.
  const { blobKey } = await env.database.db
    .selectFrom('fileChunk')
    .select('blobKey')
    .where('fileId', '=', file.id)
    .where('index', '=', 0)
    .executeTakeFirstOrThrow();
  const blobPath = path.join(env.config.dataDir, 'blobs', blobKey);
  const bytes = await fs.readFile(blobPath);
  bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0xff;
  await fs.writeFile(blobPath, bytes);
  const broken = await app.inject({ method: 'GET', url, headers: world.officer.headers });
  t.equal(broken.statusCode, 500);
  t.equal(broken.json().error.code, 'content_unreadable');
  t.notOk(broken.rawPayload.includes(pdf.subarray(20, 60)), 'no plaintext in the error');

  // Damage the sealed name: the list fails cleanly too.
  await sql`update sealed set message = overlay(message placing '\\x00'::bytea from length(message) - 5 for 1)`.execute(env.database.db);
  const list = await app.inject({ method: 'GET', url: `/api/items/${item.id}/attachments`, headers: world.officer.headers });
  t.equal(list.statusCode, 500);
  t.equal(list.json().error.code, 'content_unreadable');
});

t.test('the sweep removes blobs no row references once they are old enough, and nothing else', async (t) => {
  const env = await setup(t);
  const { app, world, upload, clock } = env;
  await upload(world.officer, [{ name: 'file', filename: 'a.png', data: await png() }]);
  const orphan = await app.blobs.put(new Uint8Array([1, 2, 3]));
  t.equal(await app.files.sweep(clock.now()), 0, 'a fresh orphan may belong to an upload in flight');
  t.equal(await app.files.sweep(new Date(Date.now() + 7 * 60 * 60 * 1000)), 1, 'an old one is removed');
  await t.rejects(app.blobs.get(orphan), { name: 'BlobNotFound' });
  t.equal((await storedBlobs(env.config.dataDir)).length, 2, 'referenced blobs stay');
});
