import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'enlace.js');

/**
 * The portal as a child process (`node bin/enlace.js serve`, job workers included), so that the
 * drill can kill it with SIGKILL and start it again; its log goes to a file of the drill's
 * temporary folder. Its memory is the kernel's figure for that process: VmRSS in /proc/PID/status.
 */
export interface AppProcess {
  pid: number;
  origin: string;
  /** Resident set size in MiB, now (NaN once the process is gone). */
  rssMiB(): Promise<number>;
  /**
   * The app's own reading of its memory in MiB (`enlace_process_memory_bytes` at `/metrics`,
   * open to loopback): the V8 heap in use and the memory outside it (buffers); undefined when it
   * does not answer within 5 s.
   */
  memoryMiB(): Promise<{ heapUsed: number; external: number } | undefined>;
  /** Whether it ended without being told to (a crash). */
  crashed(): boolean;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop), and wait. */
  stop(): Promise<void>;
}

/** Runs `enlace <args>` to completion with the drill's environment; its stdout. */
export function runEnlace(args: string[], env: Record<string, string>, logFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.pipe(createWriteStream(logFile, { flags: 'a' }));
    child.on('error', reject);
    child.on('exit', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) resolve(stdout);
      else reject(new Error(`enlace ${args[0]} ${args[1] ?? ''} exited with ${code} (log: ${logFile})`));
    });
  });
}

export async function startApp(env: Record<string, string>, port: number, logFile: string): Promise<AppProcess> {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  // Ready when /readyz answers 200 (database reachable), within three minutes (a start under the
  // virtual users' load, which come back at once, is slow on two cores).
  const deadline = performance.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} while starting (log: ${logFile})`);
    try {
      const res = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(15_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app did not become ready within 180 s (log: ${logFile})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid!;
  let told = false;
  const signal = async (name: NodeJS.Signals) => {
    told = true;
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return {
    pid,
    origin,
    async rssMiB() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
    async memoryMiB() {
      try {
        const res = await fetch(`${origin}/metrics`, { signal: AbortSignal.timeout(5_000) });
        const text = await res.text();
        const read = (kind: string) =>
          Number(new RegExp(`^enlace_process_memory_bytes\\{kind="${kind}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN) / 2 ** 20;
        const heapUsed = read('heap_used');
        return Number.isFinite(heapUsed) ? { heapUsed, external: read('external') } : undefined;
      } catch {
        return undefined;
      }
    },
    crashed: () => !told && (child.exitCode !== null || child.signalCode !== null),
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  };
}
