import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * A CPU profile of this thread (the server's: the load comes from a worker thread) while `work`
 * runs, summarised as the share of samples by where the time went — so a regression shows which
 * part moved. Parts: idle (waiting for the database or the client), garbage collection, and the
 * packages and folders of the code on top of the stack. With ENLACE_BENCH_PROFILE set, the whole
 * profile is also written there (a .cpuprofile file, for Chromium's DevTools).
 */
export async function profileShares(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    await work();
    const { profile } = await session.post('Profiler.stop');
    if (process.env.ENLACE_BENCH_PROFILE) await writeFile(process.env.ENLACE_BENCH_PROFILE, JSON.stringify(profile));
    return shares(profile as unknown as CpuProfile);
  } finally {
    session.disconnect();
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a folder of ours, node's own, or V8's pseudo-frames. */
function partOf(frame: { functionName: string; url: string }): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(garbage collector)') return 'gc';
    // Native calls (socket writes, hashing) and V8's own work.
    return 'native';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node';
  const ours = /\/(server\/(?:platform\/[^/]+|features\/[^/]+)|policies|bench)\//.exec(url);
  return ours ? ours[1]! : 'other';
}

function shares(profile: CpuProfile): Record<string, number> {
  const parts = new Map<number, string>(profile.nodes.map((n) => [n.id, partOf(n.callFrame)]));
  const time = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const part = parts.get(id) ?? 'other';
    time.set(part, (time.get(part) ?? 0) + dt);
  });
  const sorted = [...time].sort((a, b) => b[1] - a[1]);
  const out: Record<string, number> = {};
  let rest = 0;
  for (const [part, t] of sorted) {
    const share = t / total;
    if (share >= 0.01) out[part] = Number(share.toFixed(3));
    else rest += share;
  }
  if (rest) out['(each under 1%)'] = Number(rest.toFixed(3));
  return out;
}
