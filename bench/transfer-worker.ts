/**
 * One upload or download of bench/entries/upload.ts, run in a worker thread (bench/transfer.ts) so
 * that the client's work — making 200 MB, sending and hashing them — is not charged to the
 * server's thread it measures. The worker says it is ready, and starts when told to.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { largeFile, streamDownload, streamUpload } from '../test/helpers/large-file.ts';

export type TransferJob =
  | { kind: 'upload'; url: string; headers: Record<string, string>; size: number; block: Uint8Array }
  | { kind: 'download'; url: string; headers: Record<string, string> };

async function run(job: TransferJob) {
  if (job.kind === 'upload') return streamUpload(job.url, job.headers, largeFile(job.size, Buffer.from(job.block)));
  return streamDownload(job.url, job.headers);
}

parentPort!.once('message', () => {
  // Timed here, from the first byte sent to the last received.
  const started = performance.now();
  run(workerData as TransferJob).then(
    (result) => parentPort!.postMessage({ result, ms: performance.now() - started }),
    (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
parentPort!.postMessage({ ready: true });
