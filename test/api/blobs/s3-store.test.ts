import { text } from 'node:stream/consumers';
import S3rver from 's3rver';
import t from 'tap';
import { BlobNotFound, S3BlobStore } from '../../../server/platform/blobs/store.ts';

// A real S3-protocol server in this process (s3rver), not a mock of the client.
t.test('the S3 store against an S3-protocol server: put, get, stream, list (paged), delete', async (t) => {
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: t.testdir({}), configureBuckets: [{ name: 'enlace' }] });
  const { port } = await server.run();
  t.teardown(() => server.close());
  const store = new S3BlobStore({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket: 'enlace',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
  t.teardown(() => store.close());

  const keys: string[] = [];
  for (let i = 0; i < 3; i++) keys.push(await store.put(new TextEncoder().encode(`sealed chunk ${i}`)));
  t.match(keys[0], /^[0-9a-f]{2}\/[0-9a-f]{32}$/);
  t.equal(new TextDecoder().decode(await store.get(keys[1]!)), 'sealed chunk 1');
  t.equal(await text(store.stream(keys[2]!)), 'sealed chunk 2');
  const listed: string[] = [];
  for await (const entry of store.list()) listed.push(entry.key);
  t.same(listed.sort(), [...keys].sort());
  const restored = '0a/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a';
  await store.putAt(restored, new TextEncoder().encode('restored chunk'));
  t.equal(new TextDecoder().decode(await store.get(restored)), 'restored chunk', 'put back under its own key (a restore)');
  await store.delete(restored);
  await store.delete(keys[0]!);
  await t.rejects(store.get(keys[0]!), BlobNotFound);
  await t.rejects(text(store.stream(keys[0]!)), BlobNotFound);
  await t.rejects(store.get('../x'), BlobNotFound, 'not our key: refused before any request');
});
