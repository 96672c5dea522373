import { type Sealed, Sealer } from '../../server/platform/crypto/sealer.ts';
import { buildWorld } from '../../test/helpers/world.ts';
import { startBenchApp } from '../app.ts';
import type { BenchEntry } from '../run.ts';

const RECORDS = 500;

/**
 * `unseal` (ours, not in PERFORMANCE.md; it backs the Sealing issue's "reads must not pay a
 * public-key operation per row"): opening 500 sealed records through their wrapped session keys,
 * against opening the same standard messages with the space's private key (already unlocked and
 * cached: only the per-message ECDH remains). Best of three each. Both through a sealer that keeps
 * the keys but no opened record: the portal's own keeps records it opened (ENLACE_OPEN_CACHE_MB), and
 * every round after the first would time a lookup in memory, not an unwrap and a decryption.
 */
export const unseal: BenchEntry = {
  name: 'unseal',
  async run({ cluster, prefix, log }) {
    const bench = await startBenchApp({ cluster, prefix }, { poolMax: 4 });
    try {
      const world = await buildWorld(bench);
      const { app } = bench;
      const record = { name: 'pasaporte.jpg', caption: 'Página de datos bajo luz ultravioleta, sello de salida alterado', number: 'P4471902K' };
      const sealed: Sealed[] = [];
      for (let i = 0; i < RECORDS; i++) sealed.push(await app.sealer.seal(world.spaceId, { ...record, i }));
      const opener = new Sealer(bench.database.db, app.keyring, app.clock);
      await opener.openWithPrivateKey(world.spaceId, sealed[0]!.message); // unlock and cache the key
      await opener.open(world.spaceId, sealed[0]!);
      const time = async (open: (s: Sealed) => Promise<unknown>) => {
        const started = performance.now();
        for (const s of sealed) await open(s);
        return performance.now() - started;
      };
      const wrapped: number[] = [];
      const privateKey: number[] = [];
      for (let round = 0; round < 3; round++) {
        wrapped.push(await time((s) => opener.open(world.spaceId, s)));
        privateKey.push(await time((s) => opener.openWithPrivateKey(world.spaceId, s.message)));
      }
      const w = Math.min(...wrapped) / RECORDS;
      const p = Math.min(...privateKey) / RECORDS;
      log(`per record: wrapped session key ${w.toFixed(3)} ms, private key ${p.toFixed(3)} ms`);
      return { ratio: p / w, goal: 1, direction: 'min', wrappedMsPerRecord: Number(w.toFixed(3)), privateKeyMsPerRecord: Number(p.toFixed(3)) };
    } finally {
      await bench.close();
    }
  },
};
