import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { largeFile, rssGrowth, streamDownload, streamUpload } from '../../helpers/large-file.ts';
import { buildWorld } from '../../helpers/world.ts';

const MB = 1024 * 1024;

// Memory is measured, not timed: resident growth while a 200 MB file goes up and comes back down.
t.test('a 200 MB file uploads and downloads over HTTP with resident memory growth under 64 MB', async (t) => {
  const env = await buildTestApp(t, { config: { uploadLimit: 256 * MB } });
  const world = await buildWorld(env);
  const item = await world.item({ tlp: 'GREEN' });
  const origin = await env.app.listen({ host: '127.0.0.1', port: 0 });
  const file = largeFile(200 * MB);

  const up = await rssGrowth(() => streamUpload(`${origin}/api/items/${item.id}/attachments`, world.officer.headers, file));
  t.equal(up.result.status, 201, up.result.body.slice(0, 300));
  const [stored] = JSON.parse(up.result.body);
  t.match(stored, { mediaType: 'application/pdf', byteSize: 200 * MB });
  t.comment(`upload: resident memory grew ${(up.growth / MB).toFixed(1)} MB`);
  t.ok(up.growth < 64 * MB, `upload memory growth ${(up.growth / MB).toFixed(1)} MB < 64 MB`);
  const chunks = await env.database.db.selectFrom('fileChunk').select('index').where('fileId', '=', stored.id).execute();
  t.equal(chunks.length, 100, '2 MiB chunks (the default)');

  const down = await rssGrowth(() =>
    streamDownload(`${origin}/api/items/${item.id}/attachments/${stored.id}`, { cookie: world.officer.headers.cookie! }),
  );
  t.match(down.result, { status: 200, type: 'application/pdf', bytes: 200 * MB, sha256: file.sha256 }, 'the same bytes come back');
  t.comment(`download: resident memory grew ${(down.growth / MB).toFixed(1)} MB`);
  t.ok(down.growth < 64 * MB, `download memory growth ${(down.growth / MB).toFixed(1)} MB < 64 MB`);
});
