import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { largeFile, rssGrowth } from '../../test/helpers/large-file.ts';
import { buildWorld } from '../../test/helpers/world.ts';
import { startBenchApp } from '../app.ts';
import { profileShares } from '../profile.ts';
import type { BenchEntry } from '../run.ts';
import { readyTransfer } from '../transfer.ts';

const MB = 1024 * 1024;
const SIZE = 200 * MB;
const ROUNDS = 3;

/**
 * `upload`: a 200 MB multipart upload over loopback HTTP, streamed through type sniffing, 2 MiB
 * chunking, OpenPGP encryption and the filesystem blob store (fsync per chunk), against what the
 * format itself must compute over the same bytes in memory: SEIPD v1 (what GnuPG 2.2 reads) is
 * AES-256 in CFB mode plus a SHA-1 over the plaintext (the modification detection code), both serial,
 * so the floor is node:crypto AES-256-CFB and SHA-1 over the 200 MB. AES-256-GCM is shown beside for
 * reference (a floor the format cannot reach). The client sends and reads from a worker thread
 * (bench/transfer.ts), so its own work is not charged to the server's thread. Best of three each (the floor and the path
 * alternate, so drift on a shared machine hits both). Resident memory growth is the worst round's.
 */
export const upload: BenchEntry = {
  name: 'upload',
  async run({ cluster, prefix, log }) {
    const bench = await startBenchApp({ cluster, prefix }, { config: { uploadLimit: 256 * MB } });
    try {
      const world = await buildWorld(bench);
      const file = largeFile(SIZE);
      const floorTimes: number[] = [];
      const aesTimes: number[] = [];
      const uploadTimes: number[] = [];
      const downloadTimes: number[] = [];
      let growth = 0;
      let uploadGrowth = 0;
      /** An upload of the file to an item, from a worker thread loaded and waiting. */
      const uploader = (itemId: string) =>
        readyTransfer({
          kind: 'upload',
          url: `${bench.origin}/api/items/${itemId}/attachments`,
          headers: world.officer.headers,
          size: SIZE,
          block: file.block,
        });
      for (let round = 0; round < ROUNDS; round++) {
        let started = performance.now();
        const cfb = createCipheriv('aes-256-cfb', randomBytes(32), randomBytes(16));
        const sha1 = createHash('sha1');
        for (const block of file.blocks()) {
          sha1.update(block);
          cfb.update(block);
        }
        cfb.final();
        sha1.digest();
        floorTimes.push(performance.now() - started);

        started = performance.now();
        const cipher = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
        for (const block of file.blocks()) cipher.update(block);
        cipher.final();
        aesTimes.push(performance.now() - started);

        const item = await world.item({ tlp: 'GREEN' });
        const sender = await uploader(item.id);
        const up = await rssGrowth(() => sender.go());
        uploadTimes.push(up.result.ms);
        const sent = up.result.answer;
        if (sent.status !== 201) throw new Error(`upload failed: ${sent.status} ${sent.body.slice(0, 200)}`);
        const [stored] = JSON.parse(sent.body) as { id: string }[];
        const reader = await readyTransfer({
          kind: 'download',
          url: `${bench.origin}/api/items/${item.id}/attachments/${stored!.id}`,
          headers: { cookie: world.officer.headers.cookie! },
        });
        const down = await rssGrowth(() => reader.go());
        downloadTimes.push(down.result.ms);
        if (down.result.answer.sha256 !== file.sha256) throw new Error('download differs from upload');
        growth = Math.max(growth, up.growth, down.growth);
        uploadGrowth = Math.max(uploadGrowth, up.growth);
      }
      // Where the server thread's time goes during one more upload (not timed).
      const profiled = await world.item({ tlp: 'GREEN' });
      const extra = await uploader(profiled.id);
      const profile = await profileShares(() => extra.go());
      log(`server thread during an upload: ${JSON.stringify(profile)}`);
      const aes = Math.min(...aesTimes);
      const floor = Math.min(...floorTimes);
      const best = Math.min(...uploadTimes);
      const mbps = (ms: number) => Number((SIZE / MB / (ms / 1000)).toFixed(1));
      log(
        `AES-256-CFB + SHA-1 ${mbps(floor)} MB/s (AES-256-GCM ${mbps(aes)} MB/s); upload ${mbps(best)} MB/s; download ${mbps(Math.min(...downloadTimes))} MB/s; worst RSS growth ${(growth / MB).toFixed(1)} MB (uploads ${(uploadGrowth / MB).toFixed(1)} MB)`,
      );
      return {
        ratio: floor / best,
        goal: 0.5,
        direction: 'min',
        floorMBps: mbps(floor),
        ratioToGcm: Number((aes / best).toFixed(3)),
        gcmMBps: mbps(aes),
        uploadMBps: mbps(best),
        downloadMBps: mbps(Math.min(...downloadTimes)),
        profile,
        rssGrowthMB: Number((growth / MB).toFixed(1)),
        uploadRssGrowthMB: Number((uploadGrowth / MB).toFixed(1)),
        rssGoalMB: 64,
        rssMet: growth <= 64 * MB,
      };
    } finally {
      await bench.close();
    }
  },
};
