import { Worker } from 'node:worker_threads';
import type { streamDownload, streamUpload } from '../test/helpers/large-file.ts';
import type { TransferJob } from './transfer-worker.ts';

type Answer<K extends TransferJob['kind']> = Awaited<ReturnType<K extends 'upload' ? typeof streamUpload : typeof streamDownload>>;

/**
 * A transfer of bench/transfer-worker.ts in a worker thread of its own, loaded and waiting: `go()`
 * runs it and resolves with its answer and how long it took inside the worker (ms). Started ahead,
 * so neither the worker's start nor its memory counts in what is measured around `go()`.
 */
export async function readyTransfer<J extends TransferJob>(job: J): Promise<{ go(): Promise<{ answer: Answer<J['kind']>; ms: number }> }> {
  // The worker's module is TypeScript: register tsx in the thread before importing it (as bench/seed.ts does).
  const code = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(new URL('./transfer-worker.ts', import.meta.url).href)}); })`;
  const worker = new Worker(code, { eval: true, workerData: job });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return {
    go: () =>
      new Promise((resolve, reject) => {
        worker.once('message', (m: { result?: Answer<J['kind']>; ms?: number; error?: string }) => {
          void worker.terminate();
          if (m.error) reject(new Error(m.error));
          else resolve({ answer: m.result!, ms: m.ms! });
        });
        worker.once('error', reject);
        worker.postMessage('go');
      }),
  };
}
