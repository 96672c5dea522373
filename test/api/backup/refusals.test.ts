import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import t from 'tap';
import type { Manifest } from '../../../server/features/backup/manifest.ts';
import { createDatabase } from '../../../server/platform/db/database.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { emptyDatabase, scratch } from '../../helpers/backup.ts';
import { enlace } from '../../helpers/cli.ts';

// Each `enlace` run is a Node start with tsx and coverage: ten of them outlast the default timeout.
t.setTimeout(900_000);

t.test('restore refuses a changed, incomplete or re-signed backup and a target that is not empty, changing nothing', async (t) => {
  const env = await buildTestApp(t);
  const cli = { DATABASE_URL: env.database.url, ENLACE_DATA_DIR: env.config.dataDir };
  const filled = await enlace(['demo', '--specimens', '1', '--json', '--password', 'demo password 2026'], cli);
  t.equal(filled.code, 0, filled.stderr);
  const dir = await scratch(t);
  const good = path.join(dir, 'good');
  const made = await enlace(['backup', '--out', good], cli);
  t.equal(made.code, 0, made.stderr);
  const manifest = JSON.parse(await fs.readFile(path.join(good, 'manifest.json'), 'utf8')) as Manifest;
  const blob = manifest.blobs.files[0]!;

  t.equal((await enlace(['backup', '--out', good], cli)).code, 64, 'an existing folder is never written into');

  // One empty target for every refusal: that a real restore succeeds into it at the end shows none left anything.
  const target = await emptyDatabase(t);
  const dataDir = path.join(dir, 'restored');
  const restore = (from: string[], env: Record<string, string> = {}) =>
    enlace(['restore', ...from.flatMap((f) => ['--from', f])], { DATABASE_URL: target.url, ENLACE_DATA_DIR: dataDir, ...env });
  const targetDb = createDatabase({ url: target.url, poolMax: 1 });
  t.teardown(() => targetDb.destroy());
  const untouched = async (what: string) => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('public', 'pgboss') and c.relkind in ('r', 'p')`.execute(targetDb);
    t.equal(Number(rows[0]!.n), 0, `${what}: the database is still empty`);
    t.same(await fs.readdir(dataDir).catch(() => []), [], `${what}: the data folder is still empty`);
  };
  const copy = async (name: string) => {
    const to = path.join(dir, name);
    await fs.cp(good, to, { recursive: true });
    return to;
  };

  const changed = await copy('changed');
  const file = path.join(changed, 'blobs', blob.key);
  const bytes = await fs.readFile(file);
  bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
  await fs.writeFile(file, bytes);
  const onChanged = await restore([changed]);
  t.equal(onChanged.code, 65, onChanged.stderr);
  t.match(onChanged.stderr, new RegExp(`refused: blob ${blob.key} does not match its checksum in the manifest`));
  await untouched('a blob changed');

  const missing = await copy('missing');
  await fs.rm(path.join(missing, 'blobs', blob.key));
  const onMissing = await restore([missing]);
  t.equal(onMissing.code, 65, onMissing.stderr);
  t.match(onMissing.stderr, new RegExp(`refused: blob ${blob.key} is missing`));
  await untouched('a blob missing');

  const edited = await copy('edited');
  const text = await fs.readFile(path.join(edited, 'manifest.json'), 'utf8');
  await fs.writeFile(
    path.join(edited, 'manifest.json'),
    text.replace(`"rows": ${manifest.database.tables[0]!.rows},`, `"rows": ${manifest.database.tables[0]!.rows + 1},`),
  );
  const onEdited = await restore([edited]);
  t.equal(onEdited.code, 65, onEdited.stderr);
  t.match(onEdited.stderr, /refused: .*the manifest's signature does not verify: it was changed after the backup was made/);
  await untouched('the manifest edited');

  const otherKey = await restore([good], { ENLACE_MASTER_KEY: randomBytes(32).toString('base64') });
  t.equal(otherKey.code, 65);
  t.match(otherKey.stderr, /refused: .*its signer key does not open with this master key/);
  await untouched('another master key');

  // Into the portal's own database: not empty. Its trail is as it was.
  const trailBefore = await env.database.db
    .selectFrom('auditEntry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const intoLive = await enlace(['restore', '--from', good], { DATABASE_URL: env.database.url, ENLACE_DATA_DIR: path.join(dir, 'other') });
  t.equal(intoLive.code, 65, intoLive.stderr);
  t.match(intoLive.stderr, /refused: the database is not empty/);
  const trailAfter = await env.database.db
    .selectFrom('auditEntry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  t.equal(Number(trailAfter.n), Number(trailBefore.n), 'the live database is unchanged');
  t.notOk((await fs.readdir(path.join(dir, 'other'))).includes('blobs'), 'no blob written');

  // Into a data folder that holds something already.
  await fs.mkdir(path.join(dir, 'busy', 'blobs'), { recursive: true });
  const intoBusy = await enlace(['restore', '--from', good], { DATABASE_URL: target.url, ENLACE_DATA_DIR: path.join(dir, 'busy') });
  t.equal(intoBusy.code, 65);
  t.match(intoBusy.stderr, /refused: the data folder .* is not empty \(blobs\)/);
  await untouched('a data folder not empty');

  const restored = await restore([good]);
  t.equal(restored.code, 0, restored.stderr);
  t.match(JSON.parse(restored.stdout), { id: manifest.id, blobs: manifest.blobs.files.length });
  t.same(
    await fs.readFile(path.join(dataDir, 'blobs', blob.key)),
    await fs.readFile(path.join(good, 'blobs', blob.key)),
    'the blob restored as backed up',
  );
});
