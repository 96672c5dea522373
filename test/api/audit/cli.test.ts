import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import * as openpgp from 'openpgp';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { enlace } from '../../helpers/cli.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test('enlace audit verify and export: live and offline, with the public key alone; key operations are recorded', async (t) => {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const cli = (args: string[]) => enlace(args, { DATABASE_URL: env.database.url, ENLACE_DATA_DIR: env.config.dataDir });
  const dir = t.testdir({});

  const live = await cli(['audit', 'verify']);
  t.equal(live.code, 0, live.stderr);
  t.match(JSON.parse(live.stdout), { ok: true, firstBad: null });

  const rotated = await cli(['keys', 'rotate', '--space', world.spaceId]);
  t.equal(rotated.code, 0, rotated.stderr);
  const keyEntry = await env.database.db.selectFrom('auditEntry').selectAll().where('action', '=', 'key.rotate').executeTakeFirstOrThrow();
  t.match(keyEntry, {
    outcome: 'allowed',
    actorId: null,
    subjectType: 'space',
    subjectId: world.spaceId,
    spaceId: world.spaceId,
    details: { operator: String, host: String },
  });

  const file = path.join(dir, 'trail.jsonl');
  const exported = await cli(['audit', 'export', '--from', '1', '--out', file]);
  t.equal(exported.code, 0, exported.stderr);
  t.match(JSON.parse(exported.stdout), { from: 1, out: file });
  const lines = (await fs.readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.ok(
    lines.some((l) => l.type === 'checkpoint'),
    'the export ends on a signed checkpoint',
  );

  const offline = await enlace(['audit', 'verify', '--file', file], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  t.equal(offline.code, 0, offline.stderr);
  t.match(offline.stderr, new RegExp(`fingerprint ${lines[0].fingerprint}: compare it`));

  const keyFile = path.join(dir, 'audit.asc');
  await fs.writeFile(keyFile, lines[0].publicKey);

  const { publicKey: other } = await openpgp.generateKey({ type: 'ecc', curve: 'ed25519Legacy', userIDs: [{ name: 'impostor' }], format: 'armored' });
  await fs.writeFile(keyFile, other);
  const impostor = await enlace(['audit', 'verify', '--file', file, '--key', keyFile]);
  t.equal(impostor.code, 1);
  t.match(impostor.stderr, /broken at sequence \d+: checkpoint \d+: its signature does not verify/);

  // The live table tampered with by a superuser: named the same way.
  await sql`alter table audit_entry disable trigger user`.execute(env.database.db);
  await sql`update audit_entry set action = 'space.list' where seq = 3`.execute(env.database.db);
  await sql`alter table audit_entry enable trigger user`.execute(env.database.db);
  const broken = await cli(['audit', 'verify']);
  t.equal(broken.code, 1);
  t.match(broken.stderr, /audit trail broken at sequence 3/);

  await fs.writeFile(file, '{"type":"entry"}\n');
  t.equal((await enlace(['audit', 'verify', '--file', file])).code, 65, 'not an export');
  t.equal((await enlace(['audit', 'nothing'])).code, 64);
});
