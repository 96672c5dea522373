import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { startEmbedded } from '../../../server/platform/db/embedded.ts';
import { adminQuery as query } from '../../helpers/cluster.ts';

t.test('embedded PostgreSQL: initialised once, reused while running, data kept across restarts', async (t) => {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'enlace-embedded-'));
  // Two private folders deep (mktemp's is 0700): when we are root the server runs as `postgres`
  // and must be able to pass through every one of them.
  const dir = path.join(parent, 'checkout', 'postgres');
  const messages: string[] = [];
  const first = await startEmbedded({ dir, log: (m) => messages.push(m) });
  const again: { stop(): Promise<void> }[] = [first];
  // Teardowns run first-registered first: stop every server, then remove its folder.
  t.teardown(async () => {
    for (const cluster of again) await cluster.stop();
    await rm(parent, { recursive: true, force: true });
  });
  t.ok(first.ownsServer, 'the first start owns the server');
  t.match(first.url(), /^postgres:\/\/enlace:[^@]+@127\.0\.0\.1:\d+\/enlace$/);
  t.match(messages.join('\n'), /initialising/);
  await query(first.url(), 'create table kept (v text); insert into kept values ($$still here$$)');

  const second = await startEmbedded({ dir });
  t.equal(second.ownsServer, false, 'a second process reuses the running server');
  t.equal(second.port, first.port);
  await second.stop();
  t.equal((await query(first.url(), 'select v from kept')).rows[0].v, 'still here', 'a non-owner stop leaves it running');

  await first.stop();
  await first.stop();
  const restarted = await startEmbedded({ dir, log: (m) => messages.push(m) });
  again.push(restarted);
  t.ok(restarted.ownsServer);
  t.equal(messages.filter((m) => /initialising/.test(m)).length, 1, 'initdb ran once');
  t.equal((await query(restarted.url(), 'select v from kept')).rows[0].v, 'still here', 'data survives a restart');
  await t.rejects(query(restarted.url().replace(/:[^:@]+@/, ':wrong@'), 'select 1'), /password/, 'password required');
});
