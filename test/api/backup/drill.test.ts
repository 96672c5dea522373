import { promises as fs } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type { DemoResult } from '../../../server/demo/service.ts';
import type { Manifest } from '../../../server/features/backup/manifest.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { dropDatabase, emptyDatabase, holds, scratch, signInDemo, startOn, tableDigests } from '../../helpers/backup.ts';
import { enlace } from '../../helpers/cli.ts';
import { TEST_MASTER_KEY } from '../../helpers/keys.ts';

/** What an officer reads through the API: every specimen (detail and image bytes) and the alerts inbox. */
async function readEverything(app: Awaited<ReturnType<typeof startOn>>['app'], cookie: string) {
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const list = (await get('/api/specimens?pageSize=100')).json() as { items: { id: string }[] };
  const specimens: Record<string, unknown> = {};
  const images: Record<string, string> = {};
  for (const { id } of list.items) {
    const detail = (await get(`/api/specimens/${id}`)).json() as { images?: { id: string }[] };
    specimens[id] = detail;
    for (const image of detail.images ?? []) images[image.id] = (await get(`/api/specimens/${id}/images/${image.id}`)).rawPayload.toString('base64');
  }
  const inbox = (await get('/api/alerts/inbox')).json();
  return { specimens, images, inbox };
}

t.test('the restore drill: fill, back up, destroy, restore into a new database and data folder, start: the same portal', async (t) => {
  const env = await buildTestApp(t);
  const { database, config, clock } = env;
  clock.set(new Date());
  const cli = { DATABASE_URL: database.url, ENLACE_DATA_DIR: config.dataDir };
  const filled = await enlace(['demo', '--specimens', '3', '--json', '--password', 'demo password 2026'], cli);
  t.equal(filled.code, 0, filled.stderr);
  const demo = JSON.parse(filled.stdout) as DemoResult;
  const officer = demo.accounts.find((a) => a.role === 'officer')!.email;

  const before = await readEverything(env.app, await signInDemo(env.app, clock, demo, officer));
  t.ok(Object.keys(before.specimens).length >= 1, 'specimens read before');
  t.ok(Object.keys(before.images).length >= 1, 'images read before');

  const store = await scratch(t);
  const out = path.join(store, 'full');
  const made = await enlace(['backup', '--out', out], cli);
  t.equal(made.code, 0, made.stderr);
  const result = JSON.parse(made.stdout);
  t.match(result, { out, since: null, blobsCopied: result.blobs, encryptedTo: [] });
  t.ok(result.blobs > 0, 'blobs copied');
  const manifest = JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
  t.ok(manifest.audit.checkpoint, 'the manifest carries the signed checkpoint');
  t.same(manifest.audit.head, { seq: manifest.audit.checkpoint!.seq, hash: manifest.audit.checkpoint!.hash }, 'a quiet portal: the head is signed');
  t.notOk(
    (await fs.readdir(store)).some((f) => f.includes('partial')),
    'no temporary folder left',
  );
  t.notOk(await holds(out, [Buffer.from(TEST_MASTER_KEY), Buffer.from(TEST_MASTER_KEY, 'base64')]), 'the master key is in no file of the backup');
  const backupEntry = await database.db
    .selectFrom('auditEntry')
    .select(['outcome', 'details'])
    .where('action', '=', 'backup.create')
    .executeTakeFirstOrThrow();
  t.match(backupEntry, { outcome: 'allowed', details: { id: manifest.id, blobs: result.blobs } }, 'the backup is in the trail');

  const digests = await tableDigests(database.db, manifest.audit.head!.seq);

  // Destroy: the database dropped, the data folder gone (the master key is kept apart: ENLACE_MASTER_KEY).
  await env.app.close();
  await dropDatabase(database.name);
  await fs.rm(config.dataDir, { recursive: true, force: true });

  const target = await emptyDatabase(t);
  const dataDir = path.join(await scratch(t), 'restored');
  const restored = await enlace(['restore', '--from', out], { DATABASE_URL: target.url, ENLACE_DATA_DIR: dataDir });
  t.equal(restored.code, 0, restored.stderr);
  const report = JSON.parse(restored.stdout);
  t.match(report, { id: manifest.id, blobs: result.blobs, rows: result.rows });
  t.same(
    report.auditHead,
    { seq: manifest.audit.checkpoint!.seq, hash: manifest.audit.checkpoint!.hash },
    'the restored head is the signed checkpoint',
  );

  const verify = await enlace(['audit', 'verify'], { DATABASE_URL: target.url, ENLACE_DATA_DIR: dataDir });
  t.equal(verify.code, 0, verify.stderr);
  t.match(JSON.parse(verify.stdout), { ok: true, firstBad: null });

  const started = await startOn(t, target.url, dataDir);
  const entries = await started.db.selectFrom('auditEntry').select(['seq', 'hash', 'action']).orderBy('seq').execute();
  const atCheckpoint = entries.find((e) => Number(e.seq) === manifest.audit.checkpoint!.seq)!;
  t.equal(Buffer.from(atCheckpoint.hash).toString('hex'), manifest.audit.checkpoint!.hash, 'the entry at the checkpoint has its hash');
  t.same(
    entries.filter((e) => Number(e.seq) > manifest.audit.checkpoint!.seq).map((e) => e.action),
    ['backup.restore'],
    'after it only the restore',
  );
  t.same(await tableDigests(started.db, manifest.audit.head!.seq), digests, 'every table holds the same rows');

  const after = await readEverything(started.app, await signInDemo(started.app, started.clock, demo, officer));
  t.same(after.specimens, before.specimens, 'every specimen reads the same');
  t.same(after.images, before.images, 'images are byte-identical');
  t.same(after.inbox, before.inbox, 'the alerts inbox reads the same');
});
