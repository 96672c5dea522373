import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import t, { type Test } from 'tap';
import { alertBody } from '../../helpers/alerts.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { NODE } from '../../helpers/cli.ts';
import { TEST_MASTER_KEY } from '../../helpers/keys.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

/**
 * An SMTP server that, once armed, accepts `accept` more messages and then holds the next one
 * unanswered (the sender is stuck in the middle of its batch) until `release()`;
 * `until(predicate)` resolves when what was received satisfies it (event-driven, no polling).
 */
async function holdingSmtp(t: Test) {
  const received: string[] = [];
  let held: (() => void) | null = null;
  let holding = false;
  let accept = 0;
  const heldWaiters: (() => void)[] = [];
  const waiters: { predicate: (to: string[]) => boolean; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(() => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (holding && received.length >= accept) {
          held = () => callback(new Error('released'));
          for (const w of heldWaiters.splice(0)) w();
          return;
        }
        received.push(...to);
        callback();
        for (const w of waiters.filter((w) => w.predicate(received))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }, callback);
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    /** From now on: `count` messages pass, the next is held. */
    arm(count: number) {
      received.length = 0;
      accept = count;
      holding = true;
    },
    /** Resolves once a message is being held. */
    holding: () => new Promise<void>((resolve) => (held ? resolve() : heldWaiters.push(resolve))),
    release() {
      holding = false;
      held?.();
    },
    until: (predicate: (to: string[]) => boolean) =>
      predicate(received) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ predicate, resolve })),
  };
}

function startWorker(env: Record<string, string>): { child: ChildProcess; started: Promise<void> } {
  const child = spawn(process.execPath, [...NODE, 'worker'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const started = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      log += d;
      if (process.env.DEBUG_WORKER) process.stderr.write(d);
      if (log.includes('Enlace worker started')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before starting:\n${log}`)));
  });
  return { child, started };
}

t.test(
  'crash drill: a worker killed in the middle of a mail batch; after a restart every recipient has one inbox entry and at least one mail',
  async (t) => {
    const smtp = await holdingSmtp(t);
    const env = await buildTestApp(t, { config: { smtpUrl: smtp.url } });
    const { app, clock } = env;
    const world = await buildWorld(env);
    // Six recipients: the CRI contact point, the GTM officer and four more officers in the space.
    for (const country of ['MEX', 'PAN', 'HND', 'SLV']) {
      const person = await signIn(app, env.database.db, clock, { country });
      await app.inject({
        method: 'POST',
        url: `/api/spaces/${world.spaceId}/members`,
        headers: world.secretariat.headers,
        payload: { userId: person.user.id, role: 'officer' },
      });
    }
    // Membership notices went out above; only what the worker sends counts from here.
    smtp.arm(2);
    // Every member country of the space is a target: each member who reads AMBER is a recipient.
    const targetCountries = ['CRI', 'GTM', 'MEX', 'PAN', 'HND', 'SLV'];
    const alert = (
      await app.inject({ method: 'POST', url: '/api/alerts', headers: world.officer.headers, payload: alertBody(env, world, { targetCountries }) })
    ).json();
    t.equal(alert.status, 'published');

    const workerEnv = {
      DATABASE_URL: env.database.url,
      ENLACE_MASTER_KEY: TEST_MASTER_KEY,
      ENLACE_DATA_DIR: t.testdir({}),
      ENLACE_SMTP_URL: smtp.url,
      ENLACE_JOB_EXPIRE_SECONDS: '2',
      ENLACE_JOB_MAINTENANCE_SECONDS: '1',
      ENLACE_JOB_POLL_SECONDS: '0.5',
      ENLACE_JOB_RETRY_DELAY_SECONDS: '1',
      ENLACE_AUDIT_CHECKPOINT_SECONDS: '0',
    };
    const first = startWorker(workerEnv);
    t.teardown(() => void first.child.kill('SIGKILL'));
    await first.started;
    await smtp.holding();
    // Two mails out, the third on the wire: SIGKILL, no goodbye.
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    const inboxAtCrash = await env.database.db.selectFrom('alertRecipient').select('userId').where('alertId', '=', alert.id).execute();
    t.equal(inboxAtCrash.length, 6, 'the fan-out had committed: every inbox entry exists');
    t.equal(smtp.received.length, 2, 'two mails were sent before the crash');

    smtp.release();
    const second = startWorker(workerEnv);
    t.teardown(() => void second.child.kill('SIGKILL'));
    await second.started;
    const emails = await env.database.db
      .selectFrom('appUser')
      .innerJoin('alertRecipient as r', 'r.userId', 'appUser.id')
      .select('email')
      .where('r.alertId', '=', alert.id)
      .execute();
    // The restarted worker takes back the dead one's jobs once they expire, and finishes the batch.
    await smtp.until((to) => emails.every((e) => to.includes(e.email)));
    second.child.kill('SIGTERM');
    await once(second.child, 'exit');

    const inbox = await env.database.db.selectFrom('alertRecipient').select(['userId', 'mail']).where('alertId', '=', alert.id).execute();
    t.equal(inbox.length, 6, 'exactly one inbox entry per recipient');
    t.equal(new Set(inbox.map((r) => r.userId)).size, 6);
    t.ok(
      emails.every((e) => smtp.received.includes(e.email)),
      'every recipient got at least one mail',
    );
    t.ok(
      inbox.every((r) => r.mail === 'plain'),
      'and each is recorded as sent',
    );
    for (const who of [world.contact, world.foreign]) {
      const items = (await app.inject({ url: '/api/alerts/inbox', headers: who.headers })).json().items;
      t.equal(items.filter((i: { id: string }) => i.id === alert.id).length, 1, 'one entry in the inbox');
    }
  },
);
