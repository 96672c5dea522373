import { promises as fs } from 'node:fs';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import t from 'tap';
import { BlobNotFound, FsBlobStore } from '../../../server/platform/blobs/store.ts';

t.test('the filesystem store: put, get, stream, list, delete; keys are its own', async (t) => {
  const root = t.testdir({});
  const store = new FsBlobStore(root);
  const a = await store.put(new TextEncoder().encode('sealed chunk one'));
  const b = await store.put(new TextEncoder().encode('sealed chunk two'));
  t.match(a, /^[0-9a-f]{2}\/[0-9a-f]{32}$/);
  t.not(a, b);
  t.equal(new TextDecoder().decode(await store.get(a)), 'sealed chunk one');
  t.equal(await text(store.stream(b)), 'sealed chunk two');
  const listed: string[] = [];
  for await (const entry of store.list()) listed.push(entry.key);
  t.same(listed.sort(), [a, b].sort());
  t.equal((await fs.stat(path.join(root, a))).mode & 0o777, 0o600, 'files only we read');
  const leftovers = (await fs.readdir(path.dirname(path.join(root, a)))).filter((n) => n.endsWith('.tmp'));
  t.same(leftovers, [], 'no temporary file left behind');
  // A restore puts a blob back under its own key; a key in use is never overwritten.
  const restored = '0a/0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a';
  await store.putAt(restored, new TextEncoder().encode('restored chunk'));
  t.equal(new TextDecoder().decode(await store.get(restored)), 'restored chunk');
  await t.rejects(store.putAt(restored, new TextEncoder().encode('other')), { code: 'EEXIST' });
  t.equal(new TextDecoder().decode(await store.get(restored)), 'restored chunk', 'unchanged');
  await t.rejects(store.putAt('../escape', new Uint8Array(1)), BlobNotFound, 'not a key of ours');
  await store.delete(restored);

  await store.delete(a);
  await t.rejects(store.get(a), BlobNotFound);
  await store.delete(a);
  t.pass('deleting twice is harmless');
  await t.rejects(store.get('../../etc/passwd'), BlobNotFound, 'a key that is not ours is refused, not resolved');
  t.throws(() => store.stream('../secret'), BlobNotFound);
});

t.test('an empty or missing root lists nothing', async (t) => {
  const store = new FsBlobStore(path.join(t.testdir({}), 'none'));
  const listed: string[] = [];
  for await (const entry of store.list()) listed.push(entry.key);
  t.same(listed, []);
});

t.test('folders are made once and kept open for flushing; one removed while the store runs is made again', async (t) => {
  const root = t.testdir({});
  const store = new FsBlobStore(root);
  t.teardown(() => store.close());
  // Many writes at once into few folders: each folder made once, every blob whole.
  const written = await Promise.all(Array.from({ length: 64 }, (_, i) => store.put(new TextEncoder().encode(`chunk ${i}`))));
  t.same(
    await Promise.all(written.map(async (key) => new TextDecoder().decode(await store.get(key)))),
    written.map((_, i) => `chunk ${i}`),
  );
  // Every folder removed behind the store's back (by hand, or a restore into an empty store).
  for (const folder of await fs.readdir(root)) await fs.rm(path.join(root, folder), { recursive: true });
  const again = await Promise.all(Array.from({ length: 16 }, (_, i) => store.put(new TextEncoder().encode(`again ${i}`))));
  t.same(
    await Promise.all(again.map(async (key) => new TextDecoder().decode(await store.get(key)))),
    again.map((_, i) => `again ${i}`),
  );
  const made = await fs.readdir(root);
  t.ok(made.length > 0 && made.every((name) => /^[0-9a-f]{2}$/.test(name)), 'only the two-hex-digit folders');
  for (const folder of made) t.equal((await fs.stat(path.join(root, folder))).mode & 0o777, 0o700, `${folder}: ours alone`);
  // A root that cannot be made: the write fails, and the next one tries again.
  const blocked = new FsBlobStore(path.join(root, 'file-not-folder'));
  await fs.writeFile(path.join(root, 'file-not-folder'), 'x');
  await t.rejects(blocked.put(new Uint8Array(1)), { code: 'ENOTDIR' });
  await fs.rm(path.join(root, 'file-not-folder'));
  t.match(await blocked.put(new Uint8Array(1)), /^[0-9a-f]{2}\//, 'made once the way is clear');
  blocked.close();
});
