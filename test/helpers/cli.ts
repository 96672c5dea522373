import { spawn } from 'node:child_process';
import path from 'node:path';
import { TEST_MASTER_KEY } from './keys.ts';

export const BIN = path.resolve(import.meta.dirname, '../../bin/enlace.js');
// The command runs with the test loaders so its coverage maps back onto the TypeScript.
export const NODE = [...process.execArgv.filter((a) => a.startsWith('--import=') && !a.includes('@tapjs')), BIN];

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function enlace(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    // The test master key, so that no command creates one in the checkout's own data folder.
    const child = spawn(process.execPath, [...NODE, ...args], {
      env: { ...process.env, LOG_LEVEL: 'info', ENLACE_MASTER_KEY: TEST_MASTER_KEY, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
