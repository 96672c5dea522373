import { sql } from 'kysely';
import t from 'tap';
import { rotateSpaceKey } from '../../../server/features/keys/service.ts';
import { verifyLive } from '../../../server/platform/audit/operations.ts';
import { totpCode } from '../../../server/platform/auth/totp.ts';
import { KEYS_DESTROYED } from '../../../server/platform/crypto/sealer.ts';
import { type Notice, notify } from '../../../server/platform/events/bus.ts';
import { alertBody, openEvents } from '../../helpers/alerts.ts';
import type { TestApp } from '../../helpers/app.ts';
import { buildInstances } from '../../helpers/instances.ts';
import { MODUS_OPERANDI, reportCalls } from '../../helpers/reports.ts';
import { startSmtp } from '../../helpers/smtp.ts';
import { createUser, type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

/**
 * Two app instances on one database behave as one (README, "Deployment: several instances behind
 * a load balancer"): every request below goes through HTTP (`inject`, or a socket for the live
 * stream) to instance A or instance B, never to a shared object.
 */

const me = (env: TestApp, who: SignedIn) => env.app.inject({ url: '/api/me', headers: { cookie: who.cookie } });

/** Resolves with the next notice of a type this instance hears on the events channel. */
function heard(env: TestApp, type: string): Promise<Notice> {
  return new Promise((resolve) => {
    let done = false;
    env.app.events.on(type, (notice) => {
      if (done) return;
      done = true;
      resolve(notice);
    });
  });
}

t.test('sessions: made on A, valid on B; signed out on B, gone on A; an account disabled on A is cut on B at once', async (t) => {
  const { a, b } = await buildInstances(t);
  const secretariat = await signIn(a.app, a.database.db, a.clock, { roles: ['secretariat'], country: 'SV' });
  const officer = await signIn(a.app, a.database.db, a.clock);
  const other = await signIn(b.app, b.database.db, b.clock);
  await a.app.listen({ port: 0, host: '127.0.0.1' });
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  const officerStream = await openEvents(a.app, officer);
  const otherStream = await openEvents(b.app, other);
  t.teardown(() => {
    officerStream.close();
    otherStream.close();
  });
  await Promise.all([officerStream.opened, otherStream.opened]);
  // Notices reach an instance in commit order: once it hears this one, it has handled every earlier one.
  const caughtUp = async (env: TestApp) => {
    const marker = heard(env, 'test-marker');
    await notify(a.database.db, { type: 'test-marker' });
    await marker;
  };

  t.equal((await me(b, officer)).statusCode, 200, 'a session made on A is valid on B');
  t.equal((await me(a, other)).json().user.id, other.user.id, 'and one made on B on A');

  const out = await b.app.inject({ method: 'DELETE', url: '/api/session', headers: officer.headers });
  t.equal(out.statusCode, 204, 'signed out on B');
  t.equal((await me(a, officer)).statusCode, 401, 'the session is over on A too');
  await caughtUp(a);
  t.equal(a.app.events.size, 0, 'and its live stream on A is closed at once, not at the next heartbeat');
  await officerStream.end;

  t.equal((await me(b, other)).statusCode, 200);
  const disabled = await a.app.inject({
    method: 'PATCH',
    url: `/api/users/${other.user.id}`,
    headers: secretariat.headers,
    payload: { status: 'disabled' },
  });
  t.equal(disabled.statusCode, 200, 'disabled on A');
  t.equal((await me(b, other)).statusCode, 401, 'its session on B is refused on the very next request');
  await caughtUp(b);
  t.equal(b.app.events.size, 0, 'its live stream on B is closed at once');
  await otherStream.end;
  const again = await b.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: other.user.email, password: other.user.password, otp: totpCode(other.user.totpSecret!, b.clock.now()) },
  });
  t.equal(again.statusCode, 401, 'nor can it sign in again on B');
});

t.test('throttling: sign-in failures on A and B are counted together; the lock holds on both', async (t) => {
  const { a, b } = await buildInstances(t);
  const user = await createUser(a.database.db);
  const wrong = (env: TestApp) =>
    env.app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: 'wrong password here', otp: '123456' } });
  const right = (env: TestApp) =>
    env.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: user.email, password: user.password, otp: totpCode(user.totpSecret!, a.clock.now()) },
    });

  t.equal((await wrong(a)).statusCode, 401, 'first free failure, on A');
  t.equal((await wrong(b)).statusCode, 401, 'second, on B');
  t.equal((await wrong(a)).statusCode, 401, 'third, on A');
  const throttledB = await wrong(b);
  t.equal(throttledB.statusCode, 429, 'the fourth waits on B: it counted the failures made on A');
  t.equal(throttledB.headers['retry-after'], '1');
  t.equal((await right(a)).statusCode, 429, 'and on A, even with the right password');

  // Failures four to ten, alternating, each after its delay: the account is locked.
  for (let failure = 4; failure <= 10; failure++) {
    a.clock.advance(300_000);
    t.equal((await wrong(failure % 2 ? a : b)).statusCode, 401, `failure ${failure}`);
  }
  a.clock.advance(300_000);
  for (const [name, env] of [
    ['A', a],
    ['B', b],
  ] as const) {
    const locked = await right(env);
    t.equal(locked.statusCode, 429, `locked on ${name}`);
    t.ok(Number(locked.headers['retry-after']) > 300, 'for the lock period');
  }
  a.clock.advance(15 * 60_000);
  t.equal((await right(b)).statusCode, 200, 'the lock ends for both');
});

t.test('live events: an alert raised through A reaches a stream opened on B', async (t) => {
  const { a, b } = await buildInstances(t);
  const world = await buildWorld(a);
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  const recipient = await openEvents(b.app, world.foreign);
  const issuer = await openEvents(b.app, world.officer);
  t.teardown(() => {
    recipient.close();
    issuer.close();
  });
  await Promise.all([recipient.opened, issuer.opened]);
  t.equal(b.app.events.size, 2, 'the streams are on B');
  t.equal(a.app.events.size, 0, 'none on A');

  const created = await a.app.inject({ method: 'POST', url: '/api/alerts', headers: world.officer.headers, payload: alertBody(a, world) });
  t.equal(created.statusCode, 201, 'raised on A');
  const alert = created.json();
  t.ok((await a.app.jobs.drain()) >= 1, "A's queue delivers it");
  t.same((await recipient.next('alert')).data, { alertId: alert.id, severity: 'urgent' }, 'the recipient on B hears it');
  t.same((await issuer.next('delivery')).data, { alertId: alert.id, recipients: 1 }, 'the issuer on B hears the delivery');

  const ack = await a.app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/ack`, headers: world.foreign.headers });
  t.equal(ack.statusCode, 200, 'acknowledged on A');
  t.equal((await issuer.next('ack')).data['userId'], world.foreign.user.id, 'heard on B');
});

t.test('job work: what A and B enqueue is done once, with workers running on both', async (t) => {
  const smtp = await startSmtp(t);
  const { a, b } = await buildInstances(t, { smtpUrl: smtp.url, jobWorkers: true });
  const world = await buildWorld(a);
  const jobsSettled = async () => {
    // No event says "every job is finished" (a job completes after its handler's last effect), so
    // this reads the queue's state until nothing is waiting or running: bounded, one query a turn.
    for (let i = 0; i < 20_000; i++) {
      const row = await sql<{ n: string }>`select count(*) as n from pgboss.job where state in ('created', 'retry', 'active')`.execute(a.database.db);
      if (Number(row.rows[0]!.n) === 0) return;
    }
    throw new Error('the queue did not settle');
  };
  await jobsSettled();
  const before = smtp.messages.length;

  // Six alerts, raised alternately on A and B, each to the Guatemalan officer: six fan-outs, six mails.
  const alerts: string[] = [];
  for (let i = 0; i < 6; i++) {
    const env = i % 2 ? b : a;
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/alerts',
      headers: world.officer.headers,
      payload: alertBody(a, world, { title: `Alerta ${i + 1}` }),
    });
    t.equal(res.statusCode, 201);
    alerts.push(res.json().id);
  }
  const mails = (await smtp.received(before + 6)).slice(before);
  t.equal(mails.length, 6);
  await jobsSettled();
  t.equal(smtp.messages.length - before, 6, 'every job is finished: exactly one mail per alert, none twice');
  t.same(
    mails.map((m) => m.to),
    Array.from({ length: 6 }, () => [world.foreign.user.email]),
  );

  const inbox = await a.database.db.selectFrom('alertRecipient').select(['alertId', 'userId', 'mailedAt']).where('alertId', 'in', alerts).execute();
  t.equal(inbox.length, 6, 'one inbox entry per alert');
  t.ok(
    inbox.every((r) => r.userId === world.foreign.user.id && r.mailedAt),
    'each for the recipient, marked mailed',
  );
  const jobs = await sql<{ name: string; n: string; retries: string }>`
    select name, count(*) as n, sum(retry_count) as retries from pgboss.job
    where name in ('alert-fanout', 'alert-mail') and state = 'completed' group by name order by name`.execute(a.database.db);
  t.same(
    jobs.rows.map((r) => ({ name: r.name, n: Number(r.n), retries: Number(r.retries) })),
    [
      { name: 'alert-fanout', n: 6, retries: 0 },
      { name: 'alert-mail', n: 6, retries: 0 },
    ],
    'each job completed once, never retried',
  );
  const unread = (await b.app.inject({ url: '/api/alerts/inbox', headers: world.foreign.headers })).json();
  t.equal(unread.unread, 6, 'the inbox reads the same on B');
});

t.test('audit order: concurrent audited reads and writes on A and B make one gap-free chain that verifies', async (t) => {
  const { a, b } = await buildInstances(t);
  const world = await buildWorld(a);
  const onA = reportCalls(a, world);
  const onB = reportCalls(b, world);
  const first = await onA.create(world.officer, MODUS_OPERANDI);
  t.equal(first.statusCode, 201);
  const reportId = first.json().id as string;
  const head = await a.database.db
    .selectFrom('auditEntry')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirstOrThrow();

  const calls = [];
  for (let i = 0; i < 20; i++) {
    const on = i % 2 ? onB : onA;
    calls.push(on.read(i % 4 < 2 ? world.officer : world.contact, reportId));
    calls.push(on.create(world.officer, { ...MODUS_OPERANDI, title: `Grupo ${i}` }));
    // A draft the observer may not read: refusals are audited like grants.
    calls.push(on.read(world.observer, reportId));
  }
  const results = await Promise.all(calls);
  t.same(
    results.map((r) => r.statusCode),
    Array.from({ length: 20 }, () => [200, 201, 404]).flat(),
    'sixty requests, half on each instance, at once',
  );

  const entries = await a.database.db
    .selectFrom('auditEntry')
    .select(['seq', 'action', 'outcome'])
    .where('seq', '>', String(head.seq))
    .orderBy('seq')
    .execute();
  t.ok(entries.length >= 60, 'every request left its entry');
  t.same(
    entries.map((e) => Number(e.seq)),
    entries.map((_, i) => Number(head.seq) + 1 + i),
    'one sequence, no gap',
  );
  t.equal(entries.filter((e) => e.action === 'report.create').length, 20);
  t.equal(entries.filter((e) => e.action === 'report.read' && e.outcome === 'allowed').length, 20, 'the officer and the contact point read');
  t.equal(entries.filter((e) => e.action === 'report.read' && e.outcome === 'denied').length, 20, "the observer's refusals too");
  const verdict = await verifyLive(b.database.db);
  t.equal(verdict.ok, true, 'the chain verifies');
  t.equal(verdict.firstBad, null);
  t.equal(verdict.throughSeq, Number(entries.at(-1)!.seq));
});

t.test('key rotation through A: B seals with the new key at once, reads what was re-wrapped, and forgets the destroyed key', async (t) => {
  const { a, b } = await buildInstances(t);
  const world = await buildWorld(a);
  const onB = reportCalls(b, world);
  const created = await onB.create(world.officer, MODUS_OPERANDI);
  t.equal(created.statusCode, 201);
  const reportId = created.json().id as string;
  const before = await a.database.db
    .selectFrom('sealed')
    .select(['keyVersion', 'wrappedKey'])
    .where('itemId', '=', reportId)
    .executeTakeFirstOrThrow();
  t.equal(before.keyVersion, 1);
  t.equal((await onB.read(world.officer, reportId)).json().title, MODUS_OPERANDI.title, "B has read it: version 1's key is in B's cache");
  t.ok(await b.app.sealer.unwrap(world.spaceId, 1, before.wrappedKey), 'B opens a version-1 session key');

  const destroyed = heard(b, KEYS_DESTROYED);
  const rotated = await rotateSpaceKey(a.app.services, world.spaceId, a.clock.now());
  t.match(rotated, { version: 2, destroyedVersions: [1] }, 'rotated through A; version 1 destroyed');
  t.same(await destroyed, { type: KEYS_DESTROYED, spaceId: world.spaceId }, 'B heard of the destruction');

  await t.rejects(
    b.app.sealer.unwrap(world.spaceId, 1, before.wrappedKey),
    { name: 'SealError', reason: 'key_destroyed' },
    'an old copy of a session key no longer opens on B: the destroyed key left its cache',
  );
  t.equal((await onB.read(world.officer, reportId)).json().title, MODUS_OPERANDI.title, 'B reads the report re-wrapped to version 2');
  const second = await onB.create(world.officer, { ...MODUS_OPERANDI, title: 'Después de la rotación' });
  t.equal(second.statusCode, 201);
  const sealed = await a.database.db.selectFrom('sealed').select('keyVersion').where('itemId', '=', second.json().id).executeTakeFirstOrThrow();
  t.equal(sealed.keyVersion, 2, 'what B seals now goes to the new key, without a restart');
  t.equal((await reportCalls(a, world).read(world.officer, second.json().id)).json().title, 'Después de la rotación', 'and A reads it');
});
