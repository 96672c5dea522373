import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Test } from 'tap';

const run = promisify(execFile);

export interface Gpg {
  home: string;
  /** Writes a file into the home and returns its path. */
  file(name: string, data: string | Uint8Array): Promise<string>;
  /** Runs gpg in batch mode; a passphrase, when given, is supplied by file (loopback pinentry). */
  run(args: string[], passphrase?: string): Promise<{ stdout: string; stdoutBytes: Buffer }>;
}

/** GnuPG (the real binary) with a home of its own, removed after the test. */
export async function gpgHome(t: Test): Promise<Gpg> {
  // A short path: gpg-agent's socket name must fit in a Unix socket address.
  const home = await mkdtemp(path.join(os.tmpdir(), 'gpg-'));
  t.teardown(async () => {
    await run('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']).catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  });
  const file = async (name: string, data: string | Uint8Array) => {
    const where = path.join(home, name);
    await writeFile(where, data);
    return where;
  };
  return {
    home,
    file,
    async run(args, passphrase) {
      const base = ['--homedir', home, '--batch', '--yes', '--pinentry-mode', 'loopback'];
      if (passphrase !== undefined) base.push('--passphrase-file', await file('.passphrase', passphrase));
      const { stdout } = await run('gpg', [...base, ...args], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
      return { stdout: stdout.toString('utf8'), stdoutBytes: stdout };
    },
  };
}
