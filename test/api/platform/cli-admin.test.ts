import { spawn } from 'node:child_process';
import { once } from 'node:events';
import t from 'tap';
import { enlace, NODE } from '../../helpers/cli.ts';
import { createTestDatabase } from '../../helpers/db.ts';

t.test('`enlace admin create-user` prints JSON with the TOTP secret; that account signs in', async (t) => {
  const { url, db } = await createTestDatabase(t);
  const args = [
    'admin',
    'create-user',
    '--email',
    'Auditor@example.org',
    '--password',
    'a long audit password',
    '--country',
    'PAN',
    '--role',
    'auditor',
    '--name',
    'Ada Auditor',
  ];
  const run = await enlace(args, { DATABASE_URL: url });
  t.equal(run.code, 0, run.stderr);
  const created = JSON.parse(run.stdout);
  t.match(created, { email: 'Auditor@example.org', country: 'PAN', roles: ['auditor'], displayName: 'Ada Auditor' });
  t.match(created.totpSecret, /^[A-Z2-7]{32}$/);
  const row = await db.selectFrom('appUser').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
  t.equal(row.status, 'active');
  t.match(row.passwordHash, /^\$argon2id\$/);

  const again = await enlace(args, { DATABASE_URL: url });
  t.equal(again.code, 64);
  t.match(again.stderr, /already exists/);
  const bad = await enlace(['admin', 'create-user', '--email', 'x@example.org', '--password', 'short', '--country', 'PAN'], { DATABASE_URL: url });
  t.equal(bad.code, 64);
  t.match(bad.stderr, /--password: 12 to 256 characters/);
  const country = await enlace(['admin', 'create-user', '--email', 'x@example.org', '--password', 'long enough password', '--country', 'ESP'], {
    DATABASE_URL: url,
  });
  t.match(country.stderr, /--country/);
  const role = await enlace(
    ['admin', 'create-user', '--email', 'x@example.org', '--password', 'long enough password', '--country', 'PAN', '--role', 'king'],
    { DATABASE_URL: url },
  );
  t.match(role.stderr, /--role/);
  const sub = await enlace(['admin', 'promote'], { DATABASE_URL: url });
  t.equal(sub.code, 64);

  const reset = await enlace(['admin', 'reset-2fa', '--email', 'auditor@example.org'], { DATABASE_URL: url });
  t.equal(reset.code, 0, reset.stderr);
  const after = await db.selectFrom('appUser').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
  t.equal(after.totpSecret, null);
  t.equal(after.totpEnabledAt, null);
  const missing = await enlace(['admin', 'reset-2fa', '--email', 'ghost@example.org'], { DATABASE_URL: url });
  t.equal(missing.code, 64);
  t.match(missing.stderr, /no account/);
});

t.test('first start on an empty database creates one Secretariat account and prints its password once', async (t) => {
  const { url, db } = await createTestDatabase(t, { empty: true });
  const dataDir = t.testdir({});
  const startOnce = async () => {
    const child = spawn(process.execPath, [...NODE, 'serve'], {
      env: { ...process.env, DATABASE_URL: url, PORT: '0', ENLACE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    });
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        if (/Enlace is running at/.test(stdout)) resolve();
      });
      child.on('exit', () => reject(new Error(stdout)));
    });
    child.kill('SIGTERM');
    await once(child, 'exit');
    return stdout;
  };
  const first = await startOnce();
  // In the framed box printed last: lines between │ borders.
  const found = /e-mail:\s+(\S+)[\s│]+password: (\S+)/.exec(first);
  t.ok(found, 'credentials printed');
  t.equal(found?.[1], 'secretariat@enlace.local');
  const rows = await db.selectFrom('appUser').selectAll().execute();
  t.equal(rows.length, 1);
  t.same(rows[0]!.roles, ['secretariat']);
  t.equal(rows[0]!.totpEnabledAt, null, 'its first sign-in leads to the second-factor set-up');
  t.match(first, /│ A new master key was created in[\s│]+\S*master\.key/, 'the new master key is announced in the box');
  t.match(first, /┌─+┐\n[\s\S]*Enlace is running at[\s\S]*└─+┘/, 'framed');
  const second = await startOnce();
  t.notMatch(second, /password:/, 'never printed again');
  t.notMatch(second, /new master key/, 'the key is reused');

  // Started with another data folder, hence another master key: refused, exit code 78.
  const elsewhere = await enlace(['serve'], { DATABASE_URL: url, PORT: '0', ENLACE_DATA_DIR: t.testdir({}) });
  t.equal(elsewhere.code, 78);
  t.match(elsewhere.stderr, /master key does not match this database/);
});
